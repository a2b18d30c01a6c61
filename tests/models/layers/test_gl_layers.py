import torch

from mmgl.models.layers import MultiheadAttention, dropout, drop_path, make_packing


def test_sdpa_equals_math_with_key_mask():
    torch.manual_seed(0)
    attn = MultiheadAttention(16, 4).double().eval()
    x = torch.randn(3, 7, 16, dtype=torch.float64)
    key_mask = torch.arange(7)[None] < torch.tensor([7, 1, 4])[:, None]
    fused = attn(x, key_mask, use_sdpa=True)
    plain = attn(x, key_mask, use_sdpa=False)
    torch.testing.assert_close(fused, plain, rtol=1e-12, atol=1e-12)
    # Masked keys carry no weight: changing them changes no output.
    y = x.clone()
    y[~key_mask] = 5.
    # Outputs of valid queries depend on valid keys (and their own query) only.
    torch.testing.assert_close(attn(y, key_mask)[key_mask], fused[key_mask], rtol=0, atol=1e-12)


def test_packing_round_trip():
    valid_len = torch.tensor([3, 1, 5])
    packing = make_packing(valid_len, 3, 6, torch.device('cpu'))
    assert packing.index.numel() == 9 and packing.max_len == 5
    x = torch.arange(3 * 6, dtype=torch.float32).view(3, 6, 1)
    back = packing.unpack(packing.pack(x))
    torch.testing.assert_close(back, x * packing.mask[..., None])
    assert packing.frame_idx.tolist() == [0, 1, 2, 0, 0, 1, 2, 3, 4]
    assert packing.attn_index.tolist() == [0, 1, 2, 5, 10, 11, 12, 13, 14]


def test_drop_path_shares_draw_within_sample():
    torch.manual_seed(0)
    sample_idx = torch.tensor([0, 0, 0, 1, 1, 2])
    out = drop_path(torch.ones(6, 4), 0.5, True, sample_idx, 3)
    for s in range(3):
        rows = out[sample_idx == s]
        assert torch.all(rows == rows[0, 0]) and rows[0, 0] in (0., 2.)
    x = torch.rand(6, 4)
    assert drop_path(x, 0.5, False) is x


def test_cpu_dropout_distribution_and_gradient():
    x = torch.ones(1000, 1000, requires_grad=True)
    torch.manual_seed(0)
    out = dropout(x, 0.1, True)
    kept = out != 0
    assert abs(kept.float().mean().item() - 0.9) < 2e-3  # 1e6 draws: std 3e-4
    torch.testing.assert_close(out[kept], torch.full_like(out[kept], 1 / 0.9))
    out.backward(torch.full_like(out, 2.))
    torch.testing.assert_close(x.grad, kept * (2 / 0.9))
    torch.manual_seed(0)
    assert torch.equal(dropout(x, 0.1, True), out)  # seeded like any torch op
    assert dropout(x, 0.1, False) is x and dropout(x, 0., True) is x


def test_attention_dropout_path_uses_every_key_mask_rule():
    """Training with attention dropout (the plain-math CPU path) still ignores masked keys."""
    attn = MultiheadAttention(16, 4, attn_drop=0.5).train()
    x = torch.randn(3, 7, 16)
    key_mask = torch.arange(7)[None] < torch.tensor([7, 1, 4])[:, None]
    y = x.clone()
    y[~key_mask] = 5.
    torch.manual_seed(0)
    a = attn(x, key_mask)
    torch.manual_seed(0)
    b = attn(y, key_mask)
    torch.testing.assert_close(a[key_mask], b[key_mask], rtol=0, atol=1e-6)
    assert not torch.equal(a, attn.eval()(x, key_mask))  # dropout was active


def test_float32_dropout_equals_the_bool_mask_path_bitwise():
    """The float32 path (a pre-scaled float mask) keeps the draw and the values of the
    bool-mask path that other dtypes use."""
    from mmgl.models.layers.dropout import _MaskedScale
    x = torch.randn(64, 33, requires_grad=True)
    grad = torch.randn(64, 33)
    torch.manual_seed(3)
    out = dropout(x, 0.1, True)
    out.backward(grad)
    torch.manual_seed(3)
    keep = torch.rand(x.shape) >= 0.1
    y = x.detach().requires_grad_()
    expected = _MaskedScale.apply(y, keep, 1 / 0.9)
    expected.backward(grad)
    assert torch.equal(out, expected) and torch.equal(x.grad, y.grad)
    # bf16 keeps the bool path: float32 scale, one rounding
    xb = torch.randn(8, 8).bfloat16()
    torch.manual_seed(1)
    outb = dropout(xb, 0.1, True)
    assert outb.dtype == torch.bfloat16 and (outb[outb != 0] != 0).all()


def test_packed_gathers_have_index_select_gradients():
    """gather_unique_rows and Packing.frame_rows: the values and gradients of index_select
    (their backward scatters instead of autograd's scatter_add)."""
    from mmgl.models.layers import gather_unique_rows
    packing = make_packing(torch.tensor([3, 1, 5, 5]), 4, 7, torch.device('cpu'))
    torch.manual_seed(0)
    table = torch.randn(7, 2, 3, dtype=torch.float64, requires_grad=True)
    grad = torch.randn(packing.index.numel(), 2, 3, dtype=torch.float64)
    rows = packing.frame_rows(table)
    rows.backward(grad)
    ref_table = table.detach().requires_grad_()
    ref = ref_table.index_select(0, packing.frame_idx)
    ref.backward(grad)
    assert torch.equal(rows, ref)
    torch.testing.assert_close(table.grad, ref_table.grad, rtol=0, atol=1e-12)
    assert (table.grad[5:] == 0).all()  # rows past the longest sequence get nothing
    scratch = torch.randn(4 * 5, 6, dtype=torch.float64, requires_grad=True)
    out = gather_unique_rows(scratch, packing.attn_index)
    g = torch.randn_like(out)
    out.backward(g)
    ref_scratch = scratch.detach().requires_grad_()
    ref_scratch.index_select(0, packing.attn_index).backward(g)
    assert torch.equal(out, ref_scratch.index_select(0, packing.attn_index))
    assert torch.equal(scratch.grad, ref_scratch.grad)
    assert torch.autograd.gradcheck(lambda t: packing.frame_rows(t), (table, ))


def test_head_dim_padding_is_exact():
    """padded_sdpa (used on CUDA for head dims that are not multiples of 8, e.g. 300): the
    outputs and gradients of the unpadded attention, in float64 on CPU."""
    from mmgl.models.layers.attention import padded_sdpa
    import torch.nn.functional as F
    torch.manual_seed(0)
    for head_dim in (6, 300, 8):
        q, k, v = (torch.randn(2, 3, 5, head_dim, dtype=torch.float64, requires_grad=True)
                   for _ in range(3))
        mask = (torch.arange(5)[None] < torch.tensor([5, 2])[:, None])[:, None, None, :]
        out = padded_sdpa(q, k, v, mask, 0., head_dim**-0.5)
        grads = torch.autograd.grad(out.square().sum(), (q, k, v))
        ref = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=head_dim**-0.5)
        ref_grads = torch.autograd.grad(ref.square().sum(), (q, k, v))
        assert out.shape == ref.shape
        torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-12)
        for g, r in zip(grads, ref_grads):
            torch.testing.assert_close(g, r, rtol=1e-12, atol=1e-12)
