"""MAMPTransformer + MotionAwareMasking + MAMPDecoder + MAMP against the reference's golden
arrays (mamp_reference/model.npz, Mao et al., ICCV 2023).

Every size (widths, depths, heads, frames, patch sizes, mask ratio, tau, motion stride, batch)
comes from the fixture's manifest, so another fixture set given by ``MMGL_MAMP_FIXTURES``
is checked the same way. Tolerances: the fixture README, section 8.
"""
from typing import Dict

import numpy as np
import pytest
import torch
from torch import nn

pytestmark = pytest.mark.parity_mamp

F64 = dict(rtol=1e-7, atol=1e-9)


@pytest.fixture(scope='module')
def fixture(mamp_reference):
    return mamp_reference


def compare(name: str, actual: torch.Tensor, expected: np.ndarray, **tol) -> None:
    actual = actual.detach().cpu().numpy()
    assert actual.shape == expected.shape, f'{name}: {actual.shape} vs {expected.shape}'
    if tol:
        np.testing.assert_allclose(actual.astype(np.float64), expected, err_msg=name, **tol)
    else:
        np.testing.assert_array_equal(actual, expected, err_msg=name)


def run_steps(fixture, dtype: torch.dtype) -> Dict[str, torch.Tensor]:
    """Every intermediate of the pretraining forward, from the model's own entry points."""
    manifest, arrays, helpers = fixture
    model = helpers.build(manifest, arrays, dtype)
    raw_targets = helpers.build(manifest, arrays, dtype, norm_target=False).target_generator
    backbone, head, masking = model.backbone, model.head, model.masking
    uniform = torch.from_numpy(arrays['mask/uniform'])
    out = {}
    with torch.no_grad():
        x = backbone.fold(helpers.input(arrays, dtype))
        out['x_folded'] = x
        out['out/x_motion'] = model.target_generator.motion(x)
        out['out/embed'] = backbone.joints_embed(x)
        positions = backbone.patchify(x)
        out['out/patch_positions'] = positions
        grid = positions.unflatten(1, (backbone.num_temporal_patches,
                                       backbone.num_joint_patches))
        out['mask/patch_abs_diff'] = masking.patch_motion(grid)
        out['mask/token_motion'] = masking.token_motion(grid)
        out['mask/motion_logits'] = masking.motion_logits(grid)
        out['mask/motion_prob'] = masking.motion_prob(grid)
        drawn = masking(grid, uniform=uniform)
        out.update({f'mask/{k}': getattr(drawn, k)
                    for k in ('ids_keep', 'ids_restore', 'ids_shuffle', 'mask', 'noise')})
        out['mask/len_keep'] = torch.tensor(masking.num_keep(positions.shape[1]))
        visible = masking.gather(backbone.embed(x), drawn.ids_keep)
        out['out/encoder_in'] = visible
        out['out/encoder_block0'] = backbone.blocks[0](visible)
        latent = backbone.forward_tokens(visible)
        out['out/latent'] = latent
        out['out/decoder_embed'] = head.decoder_embed(latent)
        out['out/decoder_in'] = head.tokens(latent, drawn.ids_restore)
        captured = {}
        hook = head.decoder_norm.register_forward_hook(
            lambda m, i, o: captured.setdefault('norm', o))
        pred = head(latent, drawn.ids_restore)
        hook.remove()
        out['out/decoder_norm'] = captured['norm']
        out['out/pred'] = pred
        target = model.target_generator(x, backbone.patchify)
        motion = raw_targets(x, backbone.patchify)
        out['target/motion'] = motion
        out['target/motion_norm'] = target
        out['loss/per_patch_norm'] = head.token_loss(pred, target)
        out['loss/per_patch_raw'] = head.token_loss(pred, motion)
    return out


INTEGER = ('mask/ids_keep', 'mask/ids_restore', 'mask/ids_shuffle', 'mask/len_keep')
STEPS = ('out/x_motion', 'out/embed', 'out/patch_positions', 'mask/patch_abs_diff',
         'mask/token_motion', 'mask/motion_logits', 'mask/motion_prob', 'out/encoder_in',
         'out/encoder_block0', 'out/latent', 'out/decoder_embed', 'out/decoder_in',
         'out/decoder_norm', 'out/pred', 'target/motion', 'target/motion_norm',
         'loss/per_patch_norm', 'loss/per_patch_raw')


@pytest.fixture(scope='module')
def steps64(fixture):
    return run_steps(fixture, torch.float64)


def test_fold_is_the_reference_fold(fixture, steps64):
    compare('x_folded', steps64['x_folded'].float(), fixture[1]['x_folded'])


@pytest.mark.parametrize('name', INTEGER + ('mask/mask', ))
def test_mask_exact(fixture, steps64, name):
    actual = steps64[name]
    compare(name, actual.float() if name == 'mask/mask' else actual, fixture[1][name])


def test_mask_noise(fixture, steps64):
    compare('mask/noise', steps64['mask/noise'], fixture[1]['mask/noise'], rtol=0, atol=1e-6)


@pytest.mark.parametrize('name', STEPS)
def test_steps_float64(fixture, steps64, name):
    compare(name, steps64[name], fixture[1][name], **F64)


def test_loss_float64(fixture):
    """The algorithm's own loss (one call, the recorded draw injected), normalised and raw."""
    manifest, arrays, helpers = fixture
    uniform = torch.from_numpy(arrays['mask/uniform'])
    x = helpers.input(arrays, torch.float64)[:, None]  # (B, 1, M, T, V, C) as batched
    for norm_target, key in ((True, 'loss/loss'), (True, 'loss/loss_norm'),
                             (False, 'loss/loss_raw')):
        model = helpers.build(manifest, arrays, torch.float64, norm_target=norm_target)
        with torch.no_grad():
            loss = model.loss(x, None, uniform=uniform)['loss']
        assert loss.dtype == torch.float64
        np.testing.assert_allclose(loss.item(), arrays[key], rtol=1e-9, err_msg=key)


def test_loss_float32(fixture):
    manifest, arrays, helpers = fixture
    model = helpers.build(manifest, arrays, torch.float32)
    with torch.no_grad():
        loss = model.loss(helpers.input(arrays, torch.float32)[:, None], None,
                          uniform=torch.from_numpy(arrays['mask/uniform']))['loss']
    np.testing.assert_allclose(loss.item(), arrays['loss_f32/loss'], rtol=1e-5)


def test_reconstruct_matches_steps(fixture, steps64):
    """``MAMP.reconstruct`` (the training path) gives the step-by-step arrays."""
    manifest, arrays, helpers = fixture
    model = helpers.build(manifest, arrays, torch.float64)
    with torch.no_grad():
        out = model.reconstruct(helpers.input(arrays, torch.float64),
                                uniform=torch.from_numpy(arrays['mask/uniform']))
    compare('ids_keep', out['ids_keep'], arrays['mask/ids_keep'])
    compare('ids_restore', out['ids_restore'], arrays['mask/ids_restore'])
    compare('mask', out['mask'].float(), arrays['mask/mask'])
    for key, name in (('latent', 'out/latent'), ('pred', 'out/pred'),
                      ('target', 'target/motion_norm')):
        compare(name, out[key], arrays[name], **F64)


def pooled(feat: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weight = mask[..., None].to(feat.dtype)
    return (feat * weight).sum(1) / weight.sum(1)


@pytest.mark.parametrize('dtype', [torch.float64, torch.float32], ids=['f64', 'f32'])
def test_downstream_features(fixture, dtype):
    """Unmasked encoder output and both pooled features (linear probe: ``'patch'`` rows;
    fine-tune: ``'frame'`` rows), through ``forward_features``."""
    manifest, arrays, helpers = fixture
    tol = F64 if dtype == torch.float64 else dict(rtol=0, atol=1e-4)
    x = helpers.input(arrays, dtype)
    with torch.no_grad():
        patch = helpers.build(manifest, arrays, dtype).backbone
        encoded = patch.encode(x)
        compare('linprobe/encoder_out', encoded.flatten(0, 1).flatten(1, 2),
                arrays['linprobe/encoder_out'], **tol)
        feat, mask = patch.forward_features(x)
        assert feat.shape[-1] == patch.out_channels and bool(mask.all())
        compare('linprobe/feature', pooled(feat, mask), arrays['linprobe/feature'], **tol)
        frame = helpers.build(manifest, arrays, dtype, features='frame').backbone
        feat, mask = frame.forward_features(x)
        assert feat.shape[-1] == frame.out_channels
        compare('finetune/feature', pooled(feat, mask), arrays['finetune/feature'], **tol)
        spatial = patch(x)  # (B, M, D, TP, VP), GCNHead's pooling gives the same feature
        compare('linprobe/feature (forward)', spatial.mean((1, 3, 4)),
                arrays['linprobe/feature'], **tol)


def test_linear_probe_logits(fixture):
    """MAMP's linear-probe head on the pooled feature: BatchNorm1d without affine (eps 1e-6),
    then the Linear; eval mode uses the stored running statistics, train mode the batch's."""
    manifest, arrays, helpers = fixture
    x = helpers.input(arrays, torch.float64)
    dims = manifest['config']['model']['dim_feat']
    weight = torch.from_numpy(arrays['linprobe_param/head.fc.1.weight'])
    head = nn.Sequential(nn.BatchNorm1d(dims, affine=False, eps=1e-6),
                         nn.Linear(dims, weight.shape[0]))
    head.load_state_dict({
        k[len('linprobe_param/head.fc.'):]: torch.from_numpy(np.asarray(v))
        for k, v in arrays.items() if k.startswith('linprobe_param/')})
    head.double()
    with torch.no_grad():
        feature = pooled(*helpers.build(manifest, arrays, torch.float64).backbone
                         .forward_features(x))
        compare('linprobe/logits', head.eval()(feature), arrays['linprobe/logits'], **F64)
        compare('linprobe/logits_bn_train', head.train()(feature),
                arrays['linprobe/logits_bn_train'], **F64)


def test_converter_round_trip(fixture):
    """Every reference tensor lands in the mmgl model unchanged, under a prefix map."""
    manifest, arrays, helpers = fixture
    model = helpers.build(manifest, arrays, torch.float32)
    state = model.state_dict()
    params = {k[len('param/'):]: v for k, v in arrays.items() if k.startswith('param/')}
    assert len(params) == len(state)
    for name, value in params.items():
        part = 'head.' if name.startswith(('decoder_', 'mask_token')) else 'backbone.'
        np.testing.assert_array_equal(state[part + name].numpy(), value, err_msg=name)
