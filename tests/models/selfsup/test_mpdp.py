import pytest
import torch
from mmengine.optim import OptimWrapper

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

BACKBONE = dict(type='GLTransformer', num_joints=5, center=2, num_person=2, embed_dims=8,
                depth=1, num_heads=2, max_frames=16)


def build(**backbone):
    torch.manual_seed(0)
    return MODELS.build(dict(
        type='MPDP', backbone={**BACKBONE, **backbone},
        head=dict(type='MPDPHead', in_channels=80, num_tokens=10, intervals=(1, 5)),
        target_generator=dict(type='MPDPTargetGenerator', intervals=(1, 5))))


def data(lengths=(16, 1, 9)):
    g = torch.Generator().manual_seed(3)
    inputs, samples = [], []
    for length in lengths:
        x = torch.zeros(1, 2, 16, 5, 3)
        x[:, :, :length] = torch.randn(1, 2, length, 5, 3, generator=g) * 0.05
        inputs.append(x)
        sample = ActionDataSample()
        sample.set_field(length, 'valid_len')
        samples.append(sample)
    return dict(inputs=inputs, data_samples=samples)


def test_head_sizes_from_backbone_and_targets():
    model = build()
    assert model.head.global_tokens == (4, 5)
    small = MODELS.build(dict(type='MPDP', backbone=BACKBONE, head=dict(type='MPDPHead'),
                              target_generator=dict(type='MPDPTargetGenerator',
                                                    intervals=(1, 2, 3, 4))))
    assert (small.head.in_channels, small.head.num_tokens, small.head.num_intervals) == \
        (80, 10, 4)
    assert build(global_token=False).head.global_tokens == ()


def test_fast_equals_reference_math_loss():
    model = build().eval()
    batch = model.data_preprocessor(data())
    assert batch['inputs'].shape == (3, 1, 2, 16, 5, 3)
    fast = model(**batch, mode='loss')
    model.backbone.reference_math = True
    ref = model(**batch, mode='loss')
    for key in fast:
        torch.testing.assert_close(fast[key], ref[key], rtol=1e-5, atol=1e-6, msg=key)


@pytest.mark.parametrize('seed', [0, 1, 2])
def test_fast_equals_reference_math_loss_gradients(seed):
    """The whole pretraining loss: fp32 gradients of every parameter agree, random valid
    lengths with length 1 and the full length always among them."""
    g = torch.Generator().manual_seed(seed)
    lengths = [1, 16] + torch.randint(1, 17, (4, ), generator=g).tolist()
    model = build(drop_rate=0., attn_drop_rate=0., drop_path_rate=0.).train()
    for block in model.backbone.blocks:
        torch.nn.init.normal_(block.pos_embed, std=0.5)
    batch = model.data_preprocessor(data(lengths))
    grads = []
    for reference_math in (False, True):
        model.backbone.reference_math = reference_math
        model.zero_grad()
        losses = model(**batch, mode='loss')
        model.parse_losses(losses)[0].backward()
        grads.append({n: p.grad.clone() for n, p in model.named_parameters()})
    for name, grad in grads[1].items():
        torch.testing.assert_close(grads[0][name], grad, rtol=1e-4, atol=1e-6, msg=name)


def test_train_step_decreases_loss():
    model = build(drop_rate=0., attn_drop_rate=0., drop_path_rate=0.)
    wrapper = OptimWrapper(torch.optim.AdamW(model.parameters(), lr=1e-3))
    batch = data()
    history = [model.train_step(batch, wrapper)['loss'].item() for _ in range(8)]
    assert history[-1] < history[0]
    assert {'loss_dir_global', 'ce_mag_local', 'acc_dir'} <= set(
        model.train_step(batch, wrapper))


def test_tensor_and_predict_modes():
    model = build().eval()
    batch = model.data_preprocessor(data())
    feat, mask = model(**batch, mode='tensor')
    assert feat.shape == (3, 16, 80) and mask.sum(1).tolist() == [16, 1, 9]
    out = model(**batch, mode='predict')
    torch.testing.assert_close(out[1].feature, feat[1, 0])


def test_interval_not_shorter_than_max_frames_is_rejected():
    with pytest.raises(ValueError, match=r'interval 16 .* max_frames=16'):
        MODELS.build(dict(
            type='MPDP', backbone=BACKBONE, head=dict(type='MPDPHead'),
            target_generator=dict(type='MPDPTargetGenerator', intervals=(1, 16))))


@pytest.mark.parametrize('cpu_gemm,reference_math,expected', [
    ('onednn', False, True), ('torch', False, False), ('onednn', True, False)])
def test_head_products_follow_the_backbone_gemm(cpu_gemm, reference_math, expected,
                                                monkeypatch):
    from mmgl.models.layers import linear
    if linear._OP is None:
        expected = False
    model = build(cpu_gemm=cpu_gemm, reference_math=reference_math)
    seen = []
    head_forward = type(model.head).forward
    monkeypatch.setattr(type(model.head), 'forward',
                        lambda self, feat: seen.append(linear._active) or head_forward(self, feat))
    batch = model.data_preprocessor(data())
    model(**batch, mode='loss')
    assert seen == [expected] and not linear._active
