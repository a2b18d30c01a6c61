import pytest
import torch

from mmgl.models import MPDPTargetGenerator


def sequence(values, T=None):
    """One sample, M=2, V=2, C=3; ``values[t]`` is x of joint 0 / person 0 (others fixed)."""
    T = len(values)
    x = torch.zeros(1, 2, T, 2, 3, dtype=torch.float64)
    x[0, 0, :, 0, 0] = torch.tensor(values, dtype=torch.float64)
    x[0, 1] = 0.5  # person 1 present at frame 0
    return x


def test_direction_past_minus_present_and_first_frames():
    x = sequence([0., 1., 1., 3.])
    direction, magnitude = MPDPTargetGenerator(intervals=(1, 2))(x)
    assert direction.shape == (1, 4, 2 * 4)
    # token 0, interval 1: d = x(t-1) - x(t) = [0, -1, 0, -2] -> x class 1, 0, 1, 0
    assert direction[0, :, 0].tolist() == [13, 12, 13, 12]
    # interval 2 (column 4 + 0): frames 0 and 1 use x(0): d = [0, -1, -1, -2]
    assert direction[0, :, 4].tolist() == [13, 12, 12, 12]
    assert direction[0, :, 1:4].eq(13).all()  # still tokens
    # axis weights 1, 3, 9: motion along z only
    z = torch.zeros(1, 2, 2, 2, 3, dtype=torch.float64)
    z[0, 0, 1, 0, 2] = 1.
    z[0, 1] = 0.5
    assert MPDPTargetGenerator(intervals=(1, ))(z)[0][0, 1, 0] == 1 + 3 + 0 * 9


def test_magnitude_floor_division_cap_and_zero():
    steps = [0., 0.005, 0.01, 0.03, 0.07, 0.1399, 0.2, 5.]
    values = [0.]
    for s in steps:
        values.append(values[-1] - s)  # d = x(t-1) - x(t) = s
    x = sequence(values)
    _, mag, magnitude = MPDPTargetGenerator(intervals=(1, ))(x, return_magnitude=True)
    d = (x[0, 0, :-1, 0, 0] - x[0, 0, 1:, 0, 0]).tolist()
    assert magnitude[0, 1:, 0].tolist() == [abs(v) for v in d]
    want = [0 if m == 0 else int(min(m // 0.01 + 1, 14)) for m in map(abs, d)]
    assert mag[0, 1:, 0].tolist() == want
    assert mag[0, 0, 0] == 0


def test_absent_second_person_decided_at_frame_0():
    x = sequence([0., 1., 2.])
    x[0, 1] = 0.
    x[0, 1, 1:] = 0.3  # enters at frame 1: still absent for the targets
    direction, mag = MPDPTargetGenerator(intervals=(1, 5))(x)
    # tokens n = joint * 2 + person: person 1 is n = 1, 3 in both intervals
    assert mag[0, :, [1, 3, 5, 7]].eq(15).all()
    assert not mag[0, :, [0, 2, 4, 6]].eq(15).any()
    assert direction[0, 1, 1] == 0  # direction is still computed: x goes 0 -> 0.3
    x[0, 1, 0, 1, 2] = 1e-3
    assert not MPDPTargetGenerator(intervals=(1, ))(x)[1].eq(15).any()


def test_negative_interval_clamps_to_last_valid_frame():
    x = sequence([0., 1., 3., 6., 99.9, 99.9])
    direction, _, magnitude = MPDPTargetGenerator(intervals=(-2, ))(
        x, torch.tensor([4]), return_magnitude=True)
    # d(t) = x(min(t + 2, 3)) - x(t) on valid frames
    assert magnitude[0, :4, 0].tolist() == [3., 5., 3., 0.]


@pytest.mark.parametrize('kwargs,reason', [
    (dict(intervals=()), 'at least one interval'),
    (dict(intervals=(0, 5)), 'interval 0 compares each frame with itself'),
    (dict(num_mag_classes=0), 'num_mag_classes=0'),
    (dict(num_mag_classes=2), 'num_mag_classes=2'),
    (dict(mag_step=0), 'mag_step'),
])
def test_target_generator_rejects_degenerate_settings(kwargs, reason):
    from mmgl.models.selfsup.targets import MPDPTargetGenerator
    with pytest.raises(ValueError, match=reason):
        MPDPTargetGenerator(**kwargs)
