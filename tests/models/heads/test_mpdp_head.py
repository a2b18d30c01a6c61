import pytest
import torch
import torch.nn.functional as F

from mmgl.models import MPDPHead


def make(**kwargs):
    torch.manual_seed(0)
    return MPDPHead(in_channels=12, num_tokens=4, intervals=(1, 5, 10), global_tokens=(2, 3),
                    **kwargs)


def data(S=9):
    g = torch.Generator().manual_seed(1)
    return (torch.randn(S, 12, generator=g), torch.randint(0, 27, (S, 12), generator=g),
            torch.randint(0, 16, (S, 12), generator=g))


def expected(head, feat, dir_t, mag_t, global_columns):
    direction, magnitude = head(feat)
    out = {}
    for name, logits, target in (('dir', direction, dir_t), ('mag', magnitude, mag_t)):
        logits, target = logits.reshape(-1, 12, logits.shape[-1]), target
        is_g = torch.zeros(12, dtype=torch.bool)
        is_g[global_columns] = True
        out[f'{name}_global'] = F.cross_entropy(logits[:, is_g].flatten(0, 1),
                                                target[:, is_g].flatten())
        out[f'{name}_local'] = F.cross_entropy(logits[:, ~is_g].flatten(0, 1),
                                               target[:, ~is_g].flatten())
    return out


@pytest.mark.parametrize('weighting,columns', [('reference', [2, 3]),
                                               ('all_intervals', [2, 3, 6, 7, 10, 11])])
def test_loss_groups_and_weights(weighting, columns):
    head = make(global_weighting=weighting, lambda_global=0.05, lambda_mag=0.5)
    feat, dir_t, mag_t = data()
    losses = head.loss(feat, dir_t, mag_t)
    ce = expected(head, feat, dir_t, mag_t, columns)
    for key in ce:
        torch.testing.assert_close(losses[f'ce_{key}'], ce[key].detach())
    total = sum(v for k, v in losses.items() if 'loss' in k)
    formula = (0.05 * ce['dir_global'] + ce['dir_local']) + 0.5 * (
        0.05 * ce['mag_global'] + ce['mag_local'])
    torch.testing.assert_close(total, formula)
    assert total.requires_grad and not losses['ce_dir_local'].requires_grad


def test_shapes_mask_path_and_no_global():
    head = make()
    direction, magnitude = head(torch.rand(2, 5, 12))
    assert direction.shape == (2, 5, 3, 4, 27) and magnitude.shape == (2, 5, 3, 4, 16)
    feat, dir_t, mag_t = data(10)
    mask = torch.tensor([[True] * 5, [True] * 2 + [False] * 3])
    padded = head.loss(feat.view(2, 5, 12), dir_t.view(2, 5, 12), mag_t.view(2, 5, 12), mask)
    packed = head.loss(feat[mask.flatten()], dir_t[mask.flatten()], mag_t[mask.flatten()])
    for key in packed:
        torch.testing.assert_close(padded[key], packed[key])
    no_global = MPDPHead(12, 4, 3, global_tokens=())
    losses = no_global.loss(*data())
    assert losses['loss_dir_global'] == 0 and torch.isfinite(losses['loss_dir_local'])


@pytest.mark.parametrize('kwargs,reason', [
    (dict(intervals=()), 'at least one interval'),
    (dict(intervals=0), 'at least one interval'),
    (dict(num_mag_classes=0), 'num_mag_classes=0'),
    (dict(num_dir_classes=0), 'num_dir_classes=0'),
])
def test_head_rejects_degenerate_settings(kwargs, reason):
    from mmgl.models.heads.mpdp_head import MPDPHead
    with pytest.raises(ValueError, match=reason):
        MPDPHead(in_channels=8, num_tokens=2, **kwargs)
