import pytest
import torch
from mmengine.optim import OptimWrapper

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmgl.models import MAMPTargetGenerator, MotionAwareMasking

BACKBONE = dict(type='MAMPTransformer', num_joints=5, embed_dims=8, depth=1, num_heads=2,
                num_frames=16, t_patch_size=4)


def build(mask_ratio=0.75, tau=0.8, **backbone):
    torch.manual_seed(0)
    return MODELS.build(dict(
        type='MAMP', backbone={**BACKBONE, **backbone},
        head=dict(type='MAMPDecoder', decoder_dims=8, decoder_depth=1),
        masking=dict(type='MotionAwareMasking', mask_ratio=mask_ratio, tau=tau)))


def data(num=3):
    g = torch.Generator().manual_seed(3)
    inputs, samples = [], []
    for n in range(num):
        x = torch.randn(1, 2, 16, 5, 3, generator=g).cumsum(2) * 0.05
        if n == 1:
            x[:, 1] = 0  # an absent second person
        inputs.append(x)
        sample = ActionDataSample()
        sample.set_field(16, 'valid_len')
        samples.append(sample)
    return dict(inputs=inputs, data_samples=samples)


def test_head_sizes_from_backbone():
    model = build(patch_size=5)
    head = model.head
    assert (head.num_temporal_patches, head.num_joint_patches, head.out_channels) == (4, 1, 60)
    assert head.decoder_pos_embed.shape == (1, 1, 1, 8)
    assert head.decoder_blocks[0].attn.num_heads == 2
    with pytest.raises(ValueError, match='tokens'):
        MODELS.build(dict(type='MAMP', backbone=BACKBONE, head=dict(
            type='MAMPDecoder', embed_dims=8, num_frames=8, num_joints=5, in_channels=3,
            t_patch_size=4, patch_size=1, num_heads=2, mlp_ratio=4.)))


def test_num_keep_truncates_like_the_reference():
    assert MotionAwareMasking(0.9).num_keep(750) == 74
    assert MotionAwareMasking(0.9).num_keep(100) == 9
    assert MotionAwareMasking(0.75).num_keep(100) == 25


def test_masking_invariants():
    masking = MotionAwareMasking(mask_ratio=0.75, tau=0.8)
    patches = torch.randn(4, 5, 6, 12)
    out = masking(patches, generator=torch.Generator().manual_seed(0))
    L, K = 30, masking.num_keep(30)
    assert out.ids_keep.shape == (4, K) and out.mask.shape == (4, L)
    assert out.mask.sum(1).tolist() == [L - K] * 4
    assert torch.equal(out.ids_shuffle.gather(1, out.ids_restore),
                       torch.arange(L).expand(4, L))
    assert bool((out.mask.gather(1, out.ids_keep) == 0).all())
    # the uniform draw is reproducible through the generator and injectable
    again = masking(patches, generator=torch.Generator().manual_seed(0))
    assert torch.equal(out.ids_keep, again.ids_keep)
    uniform = torch.rand(4, L, generator=torch.Generator().manual_seed(0))
    assert torch.equal(masking(patches, uniform=uniform).ids_keep, out.ids_keep)
    with pytest.raises(ValueError, match='uniform'):
        masking(patches, uniform=torch.rand(4, L + 1))


def test_tau_zero_is_random_masking():
    masking = MotionAwareMasking(mask_ratio=0.5, tau=0.)
    patches = torch.randn(3, 4, 5, 12)
    patches[0, :, 2] *= 100  # motion must not matter
    uniform = torch.rand(3, 20)
    out = masking(patches, uniform=uniform)
    assert torch.equal(out.noise, uniform)
    assert torch.equal(out.ids_keep, uniform.argsort(1)[:, :10])


def test_motion_prob():
    masking = MotionAwareMasking(tau=0.5)
    still = torch.zeros(1, 3, 4, 6)
    torch.testing.assert_close(masking.motion_prob(still), torch.full((1, 12), 1 / 12))
    patches = torch.zeros(1, 3, 4, 6)
    patches[0, 2, 1] = 1.  # only joint 1 moves, between temporal patches 1 and 2
    motion = masking.token_motion(patches).view(3, 4)
    assert motion[2, 1] == 1 and motion.sum() == 1  # patch 0 copies patch 1 (still)
    logits = masking.motion_logits(patches)
    torch.testing.assert_close(logits.max(), torch.tensor(2.), rtol=1e-8, atol=0)
    prob = masking.motion_prob(patches).view(3, 4)
    assert prob[2, 1] > prob[0, 0] and torch.isclose(prob.sum(), torch.tensor(1.))


def test_motion_rich_tokens_are_masked_more_often():
    masking = MotionAwareMasking(mask_ratio=0.5, tau=0.2)
    patches = torch.zeros(2000, 4, 5, 6)
    patches[:, 1::2, 0] = 1.  # joint 0 jumps at every temporal patch
    masked = masking(patches, generator=torch.Generator().manual_seed(0)).mask
    rate = masked.view(2000, 4, 5).mean((0, 1))
    assert rate[0] > 0.9 and bool((rate[1:] < 0.5).all())


def test_gumbel_term_in_the_draw_dtype():
    masking = MotionAwareMasking()
    patches = torch.randn(2, 4, 5, 6, dtype=torch.float64)
    uniform = torch.rand(2, 20)
    noise = masking(patches, uniform=uniform).noise
    assert noise.dtype == torch.float64
    gumbel32 = -torch.log(-torch.log(uniform + 1e-10) + 1e-10)
    expected = masking.motion_prob(patches).log() + gumbel32.double()
    assert torch.equal(noise, expected)


def test_targets():
    x = torch.randn(2, 8, 5, 3)
    motion = MAMPTargetGenerator(motion_stride=2).motion(x)
    torch.testing.assert_close(motion[:, :6], x[:, 2:] - x[:, :6])
    assert bool((motion[:, 6:] == 0).all())
    tokens = torch.randn(4, 12, dtype=torch.float64)
    norm = MAMPTargetGenerator.normalise(tokens)
    expected = (tokens - tokens.mean(1, keepdim=True)) / (
        tokens.var(1, unbiased=True, keepdim=True) + 1e-6).sqrt()
    torch.testing.assert_close(norm, expected)
    assert torch.equal(MAMPTargetGenerator.normalise(torch.zeros(2, 12)), torch.zeros(2, 12))
    with pytest.raises(ValueError):
        MAMPTargetGenerator(motion_stride=0)


def test_loss_counts_only_masked_tokens():
    model = build().eval()
    head = model.head
    pred, target = torch.randn(2, 20, 12), torch.randn(2, 20, 12)
    mask = (torch.rand(2, 20) < 0.7).float()
    loss = head.loss(pred, target, mask)['loss']
    expected = ((pred - target)**2).mean(-1)[mask.bool()].mean()
    torch.testing.assert_close(loss, expected)
    changed = torch.where(mask[..., None].bool(), pred, pred + 5)
    torch.testing.assert_close(head.loss(changed, target, mask)['loss'], loss)


def test_reconstruct_shapes_and_absent_person():
    model = build().eval()
    batch = model.data_preprocessor(data())
    assert batch['inputs'].shape == (3, 1, 2, 16, 5, 3)
    with torch.no_grad():
        out = model.reconstruct(batch['inputs'][:, 0], generator=torch.Generator())
    L, K = 20, 5
    assert out['pred'].shape == out['target'].shape == (6, L, 12)
    assert out['latent'].shape == (6, K, 8) and out['mask'].shape == (6, L)
    assert bool((out['target'][3] == 0).all())  # row n*M + m = 1*2 + 1: absent person


def test_train_step_decreases_loss():
    model = build(mask_ratio=0.5)
    wrapper = OptimWrapper(torch.optim.AdamW(model.parameters(), lr=3e-3))
    batch = data()
    torch.manual_seed(0)
    history = [model.train_step(batch, wrapper)['loss'].item() for _ in range(15)]
    assert all(torch.isfinite(torch.tensor(history)))
    assert sum(history[-3:]) < sum(history[:3])


def test_tensor_mode_is_forward_features():
    model = build().eval()
    batch = model.data_preprocessor(data())
    feat, mask = model(**batch, mode='tensor')
    assert feat.shape == (3, 2 * 4 * 5, 8) and bool(mask.all())
    ref, _ = model.backbone.forward_features(batch['inputs'][:, 0])
    torch.testing.assert_close(feat, ref)
    with pytest.raises(NotImplementedError):
        model(**batch, mode='predict')
