import pytest
import torch
from torch import nn

from mmaction.registry import MODELS
from mmgl.models import MAMPTransformer
from mmgl.models.backbones.mamp_transformer import patchify

SMALL = dict(num_joints=6, embed_dims=8, depth=2, num_heads=2, num_frames=8, t_patch_size=2)


def build(**kwargs):
    torch.manual_seed(0)
    return MAMPTransformer(**{**SMALL, **kwargs})


def test_shapes_and_rows():
    model = build().eval()
    x = torch.randn(3, 2, 8, 6, 3)
    with torch.no_grad():
        encoded = model.encode(x)  # (B, M, TP, VP, D)
        assert encoded.shape == (3, 2, 4, 6, 8)
        out = model(x)
        assert out.shape == (3, 2, 8, 4, 6) and out.is_contiguous()
        torch.testing.assert_close(out, encoded.permute(0, 1, 4, 2, 3))
        feat, mask = model.forward_features(x, torch.tensor([8, 2, 5]))
        assert feat.shape == (3, 2 * 4 * 6, model.out_channels) and model.out_channels == 8
        assert mask.dtype == torch.bool and bool(mask.all())
        m, tp, vp = 1, 3, 4
        torch.testing.assert_close(feat[:, (m * 4 + tp) * 6 + vp], encoded[:, m, tp, vp])
        # the (B, 1, M, T, V, C) batch of the data preprocessor is the model entry's
        with pytest.raises(ValueError, match='expects x of shape'):
            model.forward_features(x[:, None])
    frame = build(features='frame').eval()
    with torch.no_grad():
        feat, mask = frame.forward_features(x)
    assert frame.out_channels == 6 * 8 and feat.shape == (3, 2 * 4, 48)
    torch.testing.assert_close(feat[:, 1 * 4 + 3, 5 * 8:6 * 8], encoded[:, 1, 3, 5])


def test_persons_are_independent_sequences():
    model = build().eval()
    x = torch.randn(2, 2, 8, 6, 3)
    y = x.clone()
    y[:, 1] = torch.randn(2, 8, 6, 3)
    with torch.no_grad():
        a, b = model.encode(x), model.encode(y)
    torch.testing.assert_close(a[:, 0], b[:, 0])
    assert not torch.allclose(a[:, 1], b[:, 1])


def test_input_checks():
    model = build()
    with pytest.raises(ValueError, match=r'num_frames.*got \(2, 2, 10, 6, 3\)'):
        model(torch.zeros(2, 2, 10, 6, 3))
    with pytest.raises(ValueError, match='got'):
        model(torch.zeros(2, 2, 8, 5, 3))
    with pytest.raises(ValueError, match='t_patch_size 3'):
        build(t_patch_size=3)
    with pytest.raises(ValueError, match='patch_size 4'):
        build(patch_size=4)
    with pytest.raises(ValueError, match='features'):
        build(features='token')


def test_layout_gives_joints():
    model = MAMPTransformer(layout='nturgb+d', embed_dims=8, depth=1, num_heads=2,
                            num_frames=8)
    assert model.num_joints == 25 and model.pos_embed.shape == (1, 1, 25, 8)
    assert model.temp_embed.shape == (1, 2, 1, 8)


def test_patchify_index_convention():
    """Token ``tp*VP + vp``, feature ``(i*p + j)*C + c`` for frame ``tp*u + i``, joint
    ``vp*p + j``."""
    u, p = 2, 3
    x = torch.randn(2, 8, 6, 3)
    patches = patchify(x, u, p)
    VP = 6 // p
    assert patches.shape == (2, 4 * VP, u * p * 3)
    for tp, vp, i, j, c in [(0, 0, 0, 0, 0), (3, 1, 1, 2, 2), (2, 0, 1, 1, 0), (1, 1, 0, 2, 1)]:
        assert patches[1, tp * VP + vp, (i * p + j) * 3 + c] == x[1, tp * u + i, vp * p + j, c]


@pytest.mark.parametrize('patch_size', [1, 2, 3])
def test_patch_embedding_is_linear_in_patch_features(patch_size):
    """The Conv2d patch embedding is a Linear over the patchified features, its weight
    ``(D, C, u, p)`` read in the feature order ``(i*p + j)*C + c``."""
    model = build(patch_size=patch_size).double()
    x = torch.randn(2, 8, 6, 3, dtype=torch.float64)
    conv = model.joints_embed(x).flatten(1, 2)
    weight = model.joints_embed.proj.weight.permute(0, 2, 3, 1).flatten(1)
    linear = model.patchify(x) @ weight.T + model.joints_embed.proj.bias
    torch.testing.assert_close(conv, linear)
    VP = 6 // patch_size
    assert model.pos_embed.shape == (1, 1, VP, 8)
    assert model(torch.randn(2, 2, 8, 6, 3).double()).shape == (2, 2, 8, 4, VP)


def test_initialisation():
    model = build()
    for module in model.modules():
        if isinstance(module, nn.Linear):
            assert bool((module.bias == 0).all())
            bound = (6 / sum(module.weight.shape))**0.5  # xavier uniform
            assert module.weight.abs().max() <= bound
        elif isinstance(module, nn.LayerNorm):
            assert bool((module.weight == 1).all()) and bool((module.bias == 0).all())
    for table in (model.pos_embed, model.temp_embed):
        assert 0 < table.std() < 0.05


def test_frozen_stays_eval():
    model = build(frozen=True, drop_rate=0.5)
    model.train()
    assert not model.training and not any(m.training for m in model.modules())
    assert not any(p.requires_grad for p in model.parameters())
    assert build(frozen=True, frozen_eval=False).train().training


def test_strict_pretrained_from_mamp_checkpoint(tmp_path):
    """An mmgl MAMP checkpoint (encoder under ``backbone.``, decoder under ``head.``)
    initialises the encoder through ``init_cfg`` with ``prefix='backbone.'``; one of
    another size raises."""
    torch.manual_seed(1)
    mamp = MODELS.build(dict(type='MAMP', backbone=dict(type='MAMPTransformer', **SMALL),
                             head=dict(type='MAMPDecoder', decoder_dims=4, decoder_depth=1)))
    path = tmp_path / 'mamp.pth'
    torch.save(dict(state_dict=mamp.state_dict()), path)
    cfg = dict(type='Pretrained', checkpoint=str(path), prefix='backbone.')
    model = MODELS.build(dict(type='MAMPTransformer', **SMALL, init_cfg=cfg))
    model.init_weights()
    for name, value in mamp.backbone.state_dict().items():
        torch.testing.assert_close(model.state_dict()[name], value, rtol=0, atol=0)
    wider = MODELS.build(dict(type='MAMPTransformer', **{**SMALL, 'embed_dims': 16},
                              init_cfg=cfg))
    with pytest.raises(RuntimeError, match='shape mismatch'):
        wider.init_weights()


def test_recognizer_entry_folds_clips_and_fills_the_head_width():
    """The same RecognizerGL + GLClsHead config as GLTransformer's, with backbone= swapped."""
    from mmengine.optim import OptimWrapper

    from mmaction.structures import ActionDataSample
    torch.manual_seed(0)
    backbone = dict(type='MAMPTransformer', num_joints=6, embed_dims=8, depth=1, num_heads=2,
                    num_frames=8, t_patch_size=2)
    model = MODELS.build(dict(type='RecognizerGL', backbone=backbone,
                              cls_head=dict(type='GLClsHead', num_classes=3)))
    assert model.cls_head.in_channels == model.backbone.out_channels == 8
    x = torch.randn(2, 3, 2, 8, 6, 3)  # (B, clips, M, T, V, C)
    with torch.no_grad():
        feat, kwargs = model.eval().extract_feat(x)
        assert feat.shape == (6, 2 * 4 * 6, 8)
        torch.testing.assert_close(feat[4], model.backbone.forward_features(x[1, 1:2])[0][0])
    samples = [ActionDataSample().set_gt_label(i) for i in (0, 2)]
    data = dict(inputs=list(x[:, :1]), data_samples=samples)
    wrapper = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.01))
    assert torch.isfinite(model.train().train_step(data, wrapper)['loss'])
