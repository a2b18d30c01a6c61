"""GL transforms beyond the reference fixtures: gaps, persons, 2D, errors, augmentation."""
import numpy as np
import pytest
from mmengine.dataset import Compose
from mmengine.registry import init_default_scope

from mmgl.datasets import DataError
from mmgl.datasets.transforms import (GLFormatInput, GLPreNormalize, GLResample, GLShear,
                                      GLTemporalInterpolate, resize_time)


def _body(num_frames: int = 40, yaw: float = 0.0, seed: int = 0, joints: int = 25) -> np.ndarray:
    """A jittering person ``(1, T, V, 3)``, shoulders (4, 8) along x before the yaw."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 0.3, (1, num_frames, joints, 3)) + [0, 0, 3]
    x[0, :, 4] = x[0, :, 20] + [-0.2, 0, 0]
    x[0, :, 8] = x[0, :, 20] + [0.2, 0, 0]
    c, s = np.cos(yaw), np.sin(yaw)
    rot = np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
    return (x @ rot.T).astype(np.float32)


def test_prenormalize_shapes_pads_persons_and_records_layout():
    out = GLPreNormalize()(dict(keypoint=_body(40), frame_dir='a'))
    assert out['keypoint'].shape == (2, 40, 25, 3) and out['keypoint'].dtype == np.float32
    assert out['valid_len'] == 40 and out['layout'] == 'nturgb+d'
    assert not out['keypoint'][1].any()  # absent person stays zero


def test_relative_coordinates_and_global_token():
    kp = _body(10)
    out = GLPreNormalize(view_normalize=False)(dict(keypoint=kp.copy()))['keypoint']
    np.testing.assert_allclose(out[0, :, 3], kp[0, :, 3] - kp[0, :, 20], atol=1e-6)
    np.testing.assert_allclose(out[0, :, 20], kp[0, :, 20] - kp[0, :1, 20], atol=1e-6)
    no_token = GLPreNormalize(view_normalize=False, global_token=False)
    assert not no_token(dict(keypoint=kp.copy()))['keypoint'][0, :, 20].any()


@pytest.mark.parametrize('yaw', [0.3, 1.2, 2.5, -0.7, -2.0])
def test_view_normalisation_puts_shoulders_on_x(yaw):
    out = GLPreNormalize()(dict(keypoint=_body(20, yaw)))['keypoint'][0]
    shoulder = out[:, 8] - out[:, 4]
    np.testing.assert_allclose(shoulder[:, 2], 0, atol=1e-3)
    np.testing.assert_allclose(np.abs(shoulder[:, 0]), 0.4, atol=1e-3)
    # The same body seen from another yaw gives the same local pose (up to a half turn).
    # Yaw near 0 or pi is avoided: there the reference's |v| + 1e-4 denominator makes
    # arccos miss by ~0.02 rad.
    ref = GLPreNormalize()(dict(keypoint=_body(20, 1.0)))['keypoint'][0]
    local = [j for j in range(25) if j != 20]
    np.testing.assert_allclose(np.abs(out[:, local]), np.abs(ref[:, local]), atol=5e-3)


def test_valid_length_counts_frames_anywhere_reference_quirk():
    kp = _body(30)
    kp[0, 10:15, 0] = 0  # a 5-frame gap in person 0's joint 0
    out = GLPreNormalize()(dict(keypoint=kp))
    assert out['valid_len'] == 25 and out['keypoint'].shape[1] == 25  # frames 25..29 dropped


def test_crop_to_max_frames():
    out = GLPreNormalize(max_frames=16)(dict(keypoint=_body(40)))
    assert out['valid_len'] == 16 and out['keypoint'].shape[1] == 16


def test_more_persons_keep_largest_spread_in_order():
    still = np.repeat(_body(1, seed=1), 20, axis=1)  # no motion: zero std over time
    moving = [_body(20, seed=s) for s in (2, 3)]
    kp = np.concatenate([moving[0], still, moving[1]])
    out = GLPreNormalize(num_person=2, view_normalize=False)(dict(keypoint=kp, frame_dir='x'))
    expected = GLPreNormalize(num_person=2, view_normalize=False)(
        dict(keypoint=np.concatenate(moving)))
    np.testing.assert_array_equal(out['keypoint'], expected['keypoint'])


def test_two_d_layout_skips_rotation():
    kp = np.random.default_rng(0).uniform(100, 200, (1, 12, 17, 2)).astype(np.float32)
    t = GLPreNormalize(layout='coco', num_person=1)
    assert not t.view_normalize
    out = t(dict(keypoint=kp, keypoint_score=np.ones((1, 12, 17))))
    np.testing.assert_allclose(out['keypoint'][0, :, 5], kp[0, :, 5] - kp[0, :, 0], atol=1e-4)
    assert 'keypoint_score' not in out


@pytest.mark.parametrize('mutate,message', [
    (lambda k: np.where(np.arange(k.size).reshape(k.shape) == 7, np.nan, k), 'NaN'),
    (lambda k: np.where(np.arange(k.size).reshape(k.shape) == 7, np.inf, k), 'inf'),
    (lambda k: k[0], '4 axes'),
    (lambda k: k[:, :, :20], '20 joints'),
    (lambda k: k[..., :2], '2 channels'),
    (lambda k: np.zeros_like(k), 'zero valid frames'),
])
def test_bad_input_names_frame_dir_and_problem(mutate, message):
    with pytest.raises(DataError) as err:
        GLPreNormalize()(dict(keypoint=mutate(_body(8)).astype(np.float32), frame_dir='S0bad'))
    assert 'S0bad' in str(err.value) and message in str(err.value)


def test_exact_and_float64_variants_agree():
    kp = _body(50, 1.0)
    exact = GLPreNormalize()(dict(keypoint=kp.copy()))['keypoint']
    plain = GLPreNormalize(exact_reference=False)(dict(keypoint=kp.copy()))['keypoint']
    np.testing.assert_allclose(exact, plain, atol=5e-6)


@pytest.mark.parametrize('length,new_len', [(10, 7), (10, 13), (1, 5), (37, 300), (300, 271),
                                            (5, 1), (64, 32)])
def test_resize_time_matches_opencv(length, new_len):
    cv2 = pytest.importorskip('cv2')
    x = np.random.default_rng(length).normal(size=(2, length, 25, 3)).astype(np.float32)
    ours = resize_time(x, new_len)
    for m in range(2):
        theirs = cv2.resize(x[m].reshape(length, -1), (75, new_len),
                            interpolation=cv2.INTER_LINEAR)
        # OpenCV evaluates w0*a + w1*b with its own rounding order (last-bit differences)
        np.testing.assert_allclose(ours[m].reshape(new_len, -1), theirs, rtol=0, atol=2e-6)


def test_temporal_interpolate_lengths_and_seeding():
    t = GLTemporalInterpolate(ratio=0.1)
    lengths = []
    for seed in range(40):
        np.random.seed(seed)
        out = t(dict(keypoint=np.ones((2, 100, 25, 3), np.float32), valid_len=100))
        assert out['keypoint'].shape[1] == out['valid_len']
        lengths.append(out['valid_len'])
    assert 90 <= min(lengths) < 100 < max(lengths) <= 110
    np.random.seed(3)
    again = t(dict(keypoint=np.ones((2, 100, 25, 3), np.float32), valid_len=100))
    assert again['valid_len'] == lengths[3]
    capped = GLTemporalInterpolate(ratio=0.5, p_shrink=0.0, max_frames=110)
    assert capped(dict(keypoint=np.ones((1, 100, 25, 3), np.float32)))['valid_len'] <= 110


def test_shear_keeps_global_token_and_applies_one_matrix():
    kp = np.random.default_rng(0).normal(size=(2, 9, 25, 3)).astype(np.float32)
    np.random.seed(0)
    out = GLShear(amplitude=0.3)(dict(keypoint=kp.copy(), layout='nturgb+d'))['keypoint']
    np.testing.assert_array_equal(out[:, :, 20], kp[:, :, 20])
    # recover S from the local joints and check its form
    local = [j for j in range(25) if j != 20]
    src, dst = kp[:, :, local].reshape(-1, 3), out[:, :, local].reshape(-1, 3)
    shear = np.linalg.lstsq(src, dst, rcond=None)[0].T
    np.testing.assert_allclose(np.diag(shear), 1, atol=1e-5)
    off = shear[~np.eye(3, dtype=bool)]
    assert np.all(np.abs(off) <= 0.3) and np.any(off != 0)


def test_shear_takes_layout_from_prenormalize_or_argument():
    kp = np.random.default_rng(0).normal(size=(1, 9, 15, 3)).astype(np.float32)
    out = GLShear()(dict(keypoint=kp.copy(), layout='sbu'))['keypoint']
    np.testing.assert_array_equal(out[:, :, 1], kp[:, :, 1])
    with pytest.raises(KeyError, match='GLPreNormalize'):
        GLShear()(dict(keypoint=kp.copy()))


def test_resample_and_format():
    out = GLResample(num_frames=64)(dict(keypoint=np.ones((2, 20, 25, 3), np.float32)))
    assert out['keypoint'].shape == (2, 64, 25, 3) and out['valid_len'] == 64
    fmt = GLFormatInput(max_frames=80, pad_value=99.9)(dict(out))
    assert fmt['keypoint'].shape == (1, 2, 80, 25, 3) and fmt['keypoint'].dtype == np.float32
    assert np.all(fmt['keypoint'][:, :, 64:] == np.float32(99.9))
    cut = GLFormatInput(max_frames=32)(dict(keypoint=np.ones((2, 40, 25, 3)), valid_len=40))
    assert cut['valid_len'] == 32 and cut['keypoint'].shape[2] == 32
    with pytest.raises(DataError, match='GLPreNormalize'):
        GLFormatInput()(dict(keypoint=np.ones((2, 40, 25, 3)), valid_len=30, frame_dir='q'))


def test_pretraining_pipeline_packs_valid_len():
    init_default_scope('mmaction')
    pipeline = Compose([
        dict(type='GLPreNormalize', layout='nturgb+d', num_person=2, max_frames=300),
        dict(type='GLTemporalInterpolate', ratio=0.1),
        dict(type='GLShear', amplitude=0.3),
        dict(type='GLFormatInput', max_frames=300),
        dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
    ])
    np.random.seed(0)
    packed = pipeline(dict(keypoint=_body(120), frame_dir='p', label=3, total_frames=120))
    assert tuple(packed['inputs'].shape) == (1, 2, 300, 25, 3)
    valid_len = packed['data_samples'].valid_len
    assert isinstance(valid_len, int) and 108 <= valid_len <= 132
    assert not packed['inputs'][:, :, valid_len:].any()
