import torch

from mmgl.models.layers import MultiheadAttention, drop_path, make_packing


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
