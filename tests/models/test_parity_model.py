"""GLTransformer + MPDPHead + GLClsHead against the reference's golden arrays (model.npz).

Every size comes from the fixture's manifest. The default (packed, valid frames only) path
is compared on valid frames; the reference-math path on every frame, padding included.
Tolerances: fixture README section 8.
"""
from typing import Dict

import numpy as np
import pytest
import torch

from mmgl.models import MPDP, MPDPTargetGenerator

pytestmark = pytest.mark.parity_model

# (rtol, atol) for features, for the float32-stored logits, and rtol for the loss.
TOL = {
    torch.float64: dict(feature=(1e-7, 1e-9), logits=(1e-6, 1e-6), loss=1e-9),
    torch.float32: dict(feature=(0., 1e-4), logits=(0., 1e-4), loss=1e-5),
}
LOSS_TERMS = {'loss_dir_g': 'ce_dir_global', 'loss_dir': 'ce_dir_local',
              'loss_mag_g': 'ce_mag_global', 'loss_mag': 'ce_mag_local'}


@pytest.fixture(scope='module')
def fixture(gl_reference):
    return gl_reference


def run_model(fixture, dtype, reference_math) -> Dict[str, torch.Tensor]:
    """Run the fixture batch; return outputs in the reference's layouts (B, T, ...)."""
    manifest, arrays, helpers = fixture
    backbone, head, cls_head = helpers.build_modules(manifest, arrays, dtype, reference_math)
    x, valid_len = helpers.reference_input(arrays, dtype)
    captured = {}
    backbone.drop.register_forward_hook(lambda m, i, o: captured.setdefault('embed', o))
    backbone.norm.register_forward_hook(lambda m, i, o: captured.setdefault('encoder_norm', o))
    backbone.blocks[0].register_forward_hook(lambda m, i, o: captured.setdefault('block0', o))
    packed_block0 = backbone.blocks[0].forward_packed

    def record_block0(h, packing):
        return captured.setdefault('block0', packed_block0(h, packing))

    backbone.blocks[0].forward_packed = record_block0
    with torch.no_grad():
        feat, mask = backbone.forward_features(x, valid_len)
        direction, magnitude = head(feat)
        out = dict(feature=feat, dir_logits=helpers.logits_reference_layout(direction),
                   mag_logits=helpers.logits_reference_layout(magnitude),
                   linear_eval_feature=cls_head.pre_logits(feat, mask),
                   downstream_logits=cls_head(feat, mask))
        B, T = mask.shape
        for name in ('embed', 'block0', 'encoder_norm'):
            value = captured[name]
            if value.shape[0] == B * T or value.shape[:2] == (B, T):
                out[name] = value.reshape((B, T) + value.shape[-2 if name != 'encoder_norm'
                                                                else -1:])
            else:  # packed rows: put them back in place, padding zero
                full = value.new_zeros((B * T, ) + value.shape[1:])
                out[name] = full.index_copy(0, mask.flatten().nonzero()[:, 0], value).view(
                    (B, T) + value.shape[1:])
        stored = {k: torch.from_numpy(arrays[f'target/{k}']) for k in ('dir', 'mag')}
        out['loss'] = head.loss(feat, stored['dir'], stored['mag'], mask=mask)
    out['mask'] = mask
    return out


def compare(name, actual, expected, rtol, atol, frames=None):
    actual = actual.double().numpy()
    if frames is not None:  # valid frames only (time axis 1, or 2 for the logits layout)
        axis = 2 if name.endswith('logits') else 1
        actual, expected = (np.compress(frames, a, axis=axis) for a in (actual, expected))
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol, err_msg=name)
    return float(np.abs(actual - expected).max())


@pytest.mark.parametrize('reference_math', [False, True], ids=['fast', 'reference_math'])
@pytest.mark.parametrize('dtype', [torch.float64, torch.float32], ids=['f64', 'f32'])
def test_outputs_and_loss(fixture, dtype, reference_math):
    _, arrays, _ = fixture
    out = run_model(fixture, dtype, reference_math)
    tol = TOL[dtype]
    mask = out['mask'].numpy()
    assert np.array_equal(mask, arrays['frame_valid'])
    errors = {}
    for name in ('embed', 'block0', 'encoder_norm', 'feature', 'dir_logits', 'mag_logits'):
        expected = arrays[f'out/{name}']
        if reference_math:  # every frame, padded ones included
            errors[name] = compare(name, out[name], expected,
                                   *tol['logits' if 'logits' in name else 'feature'])
        else:
            # Packed path: valid frames only; the padded frames are zero by contract.
            for b in range(mask.shape[0]):
                frames = mask[b]
                errors[name] = max(errors.get(name, 0.), compare(
                    name, out[name][b:b + 1], expected[b:b + 1],
                    *tol['logits' if 'logits' in name else 'feature'], frames=frames))
    for name in ('linear_eval_feature', 'downstream_logits'):
        errors[name] = compare(name, out[name], arrays[f'out/{name}'], *tol['feature'])
    loss = out['loss']
    for ref_name, name in LOSS_TERMS.items():
        np.testing.assert_allclose(loss[name].item(), arrays[f'loss/{ref_name}'],
                                   rtol=tol['loss'], err_msg=ref_name)
    total = sum(v for k, v in loss.items() if 'loss' in k)
    np.testing.assert_allclose(total.item(), arrays['loss/loss'], rtol=tol['loss'])
    if dtype == torch.float32:
        np.testing.assert_allclose(total.item(), arrays['loss_f32/loss'], rtol=tol['loss'])
    print(dtype, 'reference_math' if reference_math else 'fast', errors,
          abs(total.item() - float(arrays['loss/loss'])))


def test_targets_from_model_input(fixture):
    """MPDP targets made from the fixture's x (as the feeder would) match target/*."""
    manifest, arrays, helpers = fixture
    x, _ = helpers.reference_input(arrays, torch.float64)
    generator = MPDPTargetGenerator(manifest['config']['model']['intervals'])
    direction, magnitude_class, magnitude = generator(x, return_magnitude=True)
    np.testing.assert_array_equal(direction.numpy(), arrays['target/dir'])
    np.testing.assert_array_equal(magnitude_class.numpy(), arrays['target/mag'])
    np.testing.assert_allclose(magnitude.numpy(), arrays['target/magnitude'], rtol=1e-12)


@pytest.mark.parametrize('reference_math', [False, True], ids=['fast', 'reference_math'])
def test_mpdp_loss_end_to_end(fixture, reference_math):
    """The registered MPDP algorithm: batched input (B, 1, M, T, V, C) + data samples with
    valid_len, targets made on the fly, float64 -> the reference loss."""
    from mmaction.structures import ActionDataSample
    manifest, arrays, helpers = fixture
    backbone, head, _ = helpers.build_modules(manifest, arrays, torch.float64, reference_math)
    model = MPDP(backbone=backbone, head=head,
                 target_generator=MPDPTargetGenerator(manifest['config']['model']['intervals']))
    model.eval()
    x, valid_len = helpers.reference_input(arrays, torch.float64)
    samples = []
    for length in valid_len.tolist():
        sample = ActionDataSample()
        sample.set_field(length, 'valid_len')
        samples.append(sample)
    with torch.no_grad():
        losses = model(x[:, None], samples, mode='loss')
    total = sum(v for k, v in losses.items() if 'loss' in k)
    np.testing.assert_allclose(total.item(), arrays['loss/loss'], rtol=1e-9)
