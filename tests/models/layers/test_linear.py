"""mmgl.models.layers.Linear: oneDNN products inside onednn_linear, nn.Linear elsewhere."""
import pytest
import torch
from torch import nn

from mmgl.models.layers import Linear, linear as linear_module, onednn_linear

ONEDNN = linear_module._OP is not None
needs_onednn = pytest.mark.skipif(not ONEDNN, reason='torch built without oneDNN')


def pair(in_features=40, out_features=24, bias=True):
    torch.manual_seed(0)
    ours = Linear(in_features, out_features, bias=bias)
    plain = nn.Linear(in_features, out_features, bias=bias)
    plain.load_state_dict(ours.state_dict())
    return ours, plain


def run(layer, x):
    x = x.clone().requires_grad_(True)
    out = layer(x)
    out.backward(torch.linspace(-1, 1, out.numel()).view_as(out))
    grads = [p.grad for p in layer.parameters()]
    return out.detach(), x.grad, grads


@needs_onednn
@pytest.mark.parametrize('bias', [True, False])
def test_onednn_matches_nn_linear_outputs_and_gradients(bias, monkeypatch):
    ours, plain = pair(bias=bias)
    x = torch.randn(3, 7, 40)  # leading dims are flattened and restored
    calls = []
    real = linear_module._product
    monkeypatch.setattr(linear_module, '_product', lambda *a: calls.append(1) or real(*a))
    with onednn_linear() as active:
        assert active
        out, grad_x, grads = run(ours, x)
    assert len(calls) == 3  # forward, grad of the input, grad of the weight
    ref_out, ref_grad_x, ref_grads = run(plain, x)
    assert out.shape == (3, 7, 24)
    torch.testing.assert_close(out, ref_out, rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(grad_x, ref_grad_x, rtol=1e-5, atol=1e-5)
    for g, ref in zip(grads, ref_grads):
        torch.testing.assert_close(g, ref, rtol=1e-5, atol=1e-5)


@needs_onednn
def test_frozen_weight_gets_no_weight_product(monkeypatch):
    ours, _ = pair()
    ours.requires_grad_(False)
    calls = []
    real = linear_module._product
    monkeypatch.setattr(linear_module, '_product', lambda *a: calls.append(1) or real(*a))
    with onednn_linear():
        run(ours, torch.randn(5, 40))
    assert len(calls) == 2  # forward and the input's gradient only


def test_outside_the_context_bf16_or_disabled_it_is_nn_linear(monkeypatch):
    ours, plain = pair()
    monkeypatch.setattr(linear_module._OneDNNLinear, 'apply',
                        lambda *a: pytest.fail('oneDNN used'))
    x = torch.randn(4, 40)
    torch.testing.assert_close(ours(x), plain(x), rtol=0, atol=0)
    with onednn_linear(False) as active:
        assert not active
        ours(x)
    with onednn_linear(), torch.autocast('cpu', dtype=torch.bfloat16):
        assert ours(x).dtype == torch.bfloat16
    assert not linear_module._active  # restored on exit


def test_backbone_default_path_uses_onednn_and_the_parity_path_does_not(monkeypatch):
    from mmgl.models.backbones import GLTransformer
    model = GLTransformer(num_joints=5, center=2, embed_dims=8, depth=1, num_heads=2,
                          max_frames=6)
    seen = []
    real = linear_module.Linear.forward
    monkeypatch.setattr(linear_module.Linear, 'forward',
                        lambda self, x: seen.append(linear_module._active) or real(self, x))
    x, lengths = torch.randn(2, 2, 6, 5, 3), torch.tensor([6, 3])
    model(x, lengths)
    assert seen and all(seen) == ONEDNN
    seen.clear()
    model.reference_math = True
    model(x, lengths)
    assert seen and not any(seen)
    with pytest.raises(ValueError, match='cpu_gemm'):
        GLTransformer(num_joints=5, center=2, cpu_gemm='mkl')
