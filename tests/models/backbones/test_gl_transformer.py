import pytest
import torch

from mmgl.models import GLTransformer

SMALL = dict(num_joints=5, center=2, num_person=2, embed_dims=8, depth=2, num_heads=2,
             max_frames=12)


def make(**kwargs) -> GLTransformer:
    torch.manual_seed(0)
    model = GLTransformer(**{**SMALL, **kwargs})
    # Non-zero positional embeddings so that their indexing is exercised.
    for block in model.blocks:
        if hasattr(block, 'pos_embed'):
            torch.nn.init.normal_(block.pos_embed)
    return model


def batch(B=4, T=12, seed=1, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(B, 2, T, 5, 3, generator=g, dtype=dtype)
    valid_len = torch.tensor([T, 1, 7, 3][:B])
    return x, valid_len


def test_shapes():
    model = make().eval()
    x, valid_len = batch(T=10)
    out = model(x, valid_len)
    assert out.shape == (4, 2, 8, 10, 5)
    feat, mask = model.forward_features(x, valid_len)
    assert feat.shape == (4, 10, 5 * 2 * 8) and mask.shape == (4, 10)
    assert mask.sum(1).tolist() == [10, 1, 7, 3]
    with pytest.raises(ValueError, match='clip axis'):
        model(x[:, None], valid_len)  # (N, 1, M, T, V, C): the model's entry flattens it
    assert model(x).shape == out.shape  # valid_len None: every frame valid
    assert model.global_tokens == (4, 5)
    with pytest.raises(ValueError):
        model(torch.rand(1, 2, 13, 5, 3))  # more than max_frames
    with pytest.raises(ValueError):
        model(torch.rand(1, 2, 10, 6, 3))


def test_gcn_layout_and_zeroed_padding():
    model = make().eval()
    x, valid_len = batch()
    feat, mask = model.forward_features(x, valid_len)
    out = model(x, valid_len)  # (N, M, D, T, V)
    # feature index n * D + c with n = joint * M + person
    assert torch.equal(out[1, 1, 3, 0, 2], feat[1, 0, (2 * 2 + 1) * 8 + 3])
    assert out[1, :, :, 1:].abs().sum() == 0
    model.reference_math = True
    assert model(x, valid_len)[1, :, :, 1:].abs().sum() == 0


@pytest.mark.parametrize('kwargs', [
    dict(), dict(pos_embed='sine'), dict(pos_embed='none'), dict(global_token=False),
    dict(temporal_mask=False)
], ids=['default', 'sine', 'no_pos', 'no_global', 'no_temporal_mask'])
def test_fast_equals_reference_math_outputs_and_grads(kwargs):
    """fp32 outputs and gradients agree on valid frames (lengths 1..T, full included)."""
    model = make(drop_rate=0., attn_drop_rate=0., drop_path_rate=0., **kwargs).train()
    x, valid_len = batch()
    weight = torch.randn(4, 12, 80, generator=torch.Generator().manual_seed(2))
    results = []
    for reference_math in (False, True):
        model.reference_math = reference_math
        model.zero_grad()
        feat, mask = model.forward_features(x, valid_len)
        (feat * mask[..., None] * weight).sum().backward()
        grads = {n: p.grad.clone() for n, p in model.named_parameters()}
        results.append((feat[mask].detach(), grads))
    (fast, fast_grads), (ref, ref_grads) = results
    torch.testing.assert_close(fast, ref, rtol=1e-5, atol=1e-5)
    for name in ref_grads:
        torch.testing.assert_close(fast_grads[name], ref_grads[name], rtol=1e-4, atol=1e-5,
                                   msg=name)


def test_padded_frames_cannot_change_valid_frames():
    model = make().eval()
    x, valid_len = batch()
    changed = x.clone()
    pad = torch.arange(12)[None] >= valid_len[:, None]
    changed[pad[:, None, :, None, None].expand_as(x)] = 99.9
    for reference_math in (False, True):
        model.reference_math = reference_math
        a, mask = model.forward_features(x, valid_len)
        b, _ = model.forward_features(changed, valid_len)
        torch.testing.assert_close(a[mask], b[mask], rtol=0, atol=1e-6)
    # Cutting the batch to its longest valid length changes nothing either.
    model.reference_math = False
    short, _ = model.forward_features(x[:, :, :7], valid_len.clamp(max=7))
    full, mask = model.forward_features(x, valid_len)
    torch.testing.assert_close(short[:, :7][mask[:, :7] & (valid_len[:, None] <= 7)],
                               full[:, :7][mask[:, :7] & (valid_len[:, None] <= 7)])


def test_temporal_mask_off_lets_padding_in():
    model = make(temporal_mask=False).eval()
    x, valid_len = batch()
    a, mask = model.forward_features(x, valid_len)
    b, _ = model.forward_features(x + (~mask)[:, None, :, None, None], valid_len)
    assert not torch.allclose(a[mask], b[mask])


@pytest.mark.parametrize('frozen_eval', [True, False])
def test_freezing_survives_train(frozen_eval):
    model = make(frozen=True, frozen_eval=frozen_eval)
    assert not any(p.requires_grad for p in model.parameters())
    model.train()
    assert all(m.training is not frozen_eval for m in model.modules())
    model.eval()
    assert not any(m.training for m in model.modules())
    unfrozen = make().train()
    assert all(p.requires_grad for p in unfrozen.parameters()) and unfrozen.blocks[0].training


def test_default_init_and_ablation_parameters():
    model = GLTransformer(**SMALL)
    assert all(torch.count_nonzero(b.pos_embed) == 0 for b in model.blocks)
    names = dict(model.named_parameters())
    assert 'emb_global.weight' in names
    assert 'emb_global.weight' not in dict(GLTransformer(**SMALL, global_token=False)
                                           .named_parameters())
    assert not any('pos_embed' in n for n, _ in
                   GLTransformer(**SMALL, pos_embed='sine').named_parameters())
    assert GLTransformer(**SMALL, pos_embed='sine').state_dict().keys() == \
        GLTransformer(**SMALL, pos_embed='none').state_dict().keys()


def test_ntu_size():
    """214,372,050 parameters with the MPDP heads (docs/method.md#12-architecture), counting
    the reference's unused pred_token_emb (V * M * D), which mmgl does not have."""
    from mmgl.models import MPDPHead
    with torch.device('meta'):
        backbone = GLTransformer(num_joints=25, center=20)
        head = MPDPHead(2400, 50, (1, 5, 10))
    count = sum(p.numel() for m in (backbone, head) for p in m.parameters())
    assert count + 50 * 48 == 214_372_050


def test_layout_name():
    pytest.importorskip('mmgl.datasets.layouts')
    model = GLTransformer(layout='nturgb+d', embed_dims=8, depth=1, num_heads=2,
                          max_frames=4)
    assert (model.num_joints, model.center) == (25, 20)


def test_bf16_autocast_packed_path():
    model = make().train()
    x, valid_len = batch()
    with torch.autocast('cpu', dtype=torch.bfloat16):
        feat, mask = model.forward_features(x, valid_len)
    assert feat.dtype == torch.bfloat16 and feat[mask].shape == (int(valid_len.sum()), 80)
    feat.float().sum().backward()
    assert model.blocks[0].pos_embed.grad is not None
