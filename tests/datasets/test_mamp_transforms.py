"""MAMP transforms beyond the reference fixtures: persons, layouts, short sequences, draws."""
import numpy as np
import pytest
import torch
from mmengine.dataset import Compose
from mmengine.registry import init_default_scope

from mmgl.datasets import DataError
from mmgl.datasets.transforms import (MAMPCenter, MAMPCropResize, MAMPRandomRotation,
                                      center_crop, center_on_origin, count_nonzero_frames,
                                      crop_length, crop_ratio, crop_resize, origin_joint,
                                      rotate, rotation_matrix)


def _person(num_frames: int = 80, joints: int = 25, seed: int = 0) -> np.ndarray:
    """A moving person ``(T, V, 3)`` float32, away from the origin."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 0.3, (num_frames, joints, 3)) + [0.5, 0.2, 3]
    return x.astype(np.float32)


def _reference_resize(x: np.ndarray, window: int) -> np.ndarray:
    """Half-pixel linear resize along axis 1 as the CPU kernel computes it.

    Scale and weights in float32, ``s*(w + 0.5) - 0.5`` and ``(1-a)*x0 + (a*x1)`` each with
    one rounding (fused multiply-adds), emulated in float64.
    """
    f32, f64 = np.float32, np.float64
    length = x.shape[1]
    scale = f32(length / window)
    src = (f64(scale) * (np.arange(window) + 0.5).astype(f32) - 0.5).astype(f32)
    src = np.maximum(src, f32(0))
    low = np.floor(src).astype(int)
    high = np.minimum(low + 1, length - 1)
    a = (src - low.astype(f32)).astype(f32)[None, :, None, None]
    x = x.astype(f32)
    tail = (a * x[:, high]).astype(f32)
    return (f64(f32(1) - a) * x[:, low] + tail).astype(f32)


# --- MAMPCenter ---------------------------------------------------------------------------


def test_center_one_origin_for_both_persons_absent_stays_zero():
    a, b = _person(seed=1), _person(seed=2)
    a[:3] = 0  # person 0 appears at frame 3
    b[10:20] = 0  # person 1 leaves for a while
    out, origin = center_on_origin(np.stack([a, b]), joint=1)
    np.testing.assert_array_equal(origin, a[3, 1])
    np.testing.assert_array_equal(out[0, 3:], a[3:] - a[3, 1])
    np.testing.assert_array_equal(out[1, :10], b[:10] - a[3, 1])  # person 0's origin
    assert not out[0, :3].any() and not out[1, 10:20].any()


def test_center_single_person_translates_every_frame():
    a = _person()
    a[5] = 0
    out, origin = center_on_origin(a[None], joint=1)
    np.testing.assert_array_equal(out[0, 5], np.broadcast_to(-origin, (25, 3)))


def test_center_transform_pads_persons_drops_score_records_layout():
    results = MAMPCenter(num_person=2)(dict(keypoint=_person()[None], frame_dir='s',
                                            keypoint_score=np.ones((1, 80, 25))))
    assert results['keypoint'].shape == (2, 80, 25, 3)
    assert results['keypoint'].dtype == np.float32
    assert not results['keypoint'][1].any()
    assert results['layout'] == 'nturgb+d' and 'keypoint_score' not in results
    np.testing.assert_array_equal(results['keypoint'][0, 0, 1], 0)  # origin joint at 0


def test_center_keeps_largest_spread_persons():
    still = _person(seed=3) * 0.01 + 3
    keypoint = np.stack([_person(seed=1), still, _person(seed=2)])
    out = MAMPCenter(num_person=2)(dict(keypoint=keypoint, frame_dir='m'))['keypoint']
    origin = keypoint[0, 0, 1]
    np.testing.assert_array_equal(out, keypoint[[0, 2]] - origin)


@pytest.mark.parametrize('layout,joints,expected', [('nturgb+d', 25, 1), ('nw-ucla', 20, 1),
                                                    ('sbu', 15, 2)])
def test_center_layout_defaults(layout, joints, expected):
    assert origin_joint(layout) == expected
    person = _person(joints=joints)
    out = MAMPCenter(layout=layout, num_person=1)(dict(keypoint=person[None]))['keypoint']
    np.testing.assert_array_equal(out[0], person - person[0, expected])


def test_center_joint_argument_and_unknown_layout_default():
    assert origin_joint('nturgb+d', 'spine_shoulder') == 20
    assert MAMPCenter(joint=0).joint == 0
    with pytest.raises(KeyError, match='no default origin joint'):
        MAMPCenter(layout='coco')
    with pytest.raises(KeyError, match='no joint'):
        origin_joint('sbu', 'spine_mid')
    with pytest.raises(ValueError, match='outside'):
        origin_joint('sbu', 15)


def _with_nan(x: np.ndarray) -> np.ndarray:
    x = x.copy()
    x[0, 0, 0, 0] = np.nan
    return x


@pytest.mark.parametrize('mutate,message', [
    (_with_nan, 'NaN'),
    (lambda x: x[:, :, :20], 'joints'),
    (lambda x: x * 0, 'zero'),
])
def test_center_bad_input_names_frame_dir(mutate, message):
    with pytest.raises(DataError, match=message) as err:
        MAMPCenter()(dict(keypoint=mutate(_person()[None]), frame_dir='bad_sample'))
    assert 'bad_sample' in str(err.value)


# --- MAMPCropResize -----------------------------------------------------------------------


@pytest.mark.parametrize('persons,joints', [(1, 20), (2, 25), (2, 15)])
@pytest.mark.parametrize('p_interval', [(0.95, ), (0.5, 1.0)])
def test_crop_resize_shapes_any_persons_and_joints(persons, joints, p_interval):
    x = np.stack([_person(100, joints, seed=s) for s in range(persons)])
    results = MAMPCropResize(window=32, p_interval=p_interval)(dict(keypoint=x))
    assert results['keypoint'].shape == (persons, 32, joints, 3)
    assert results['keypoint'].dtype == np.float32 and results['valid_len'] == 32


def test_valid_frames_are_a_prefix_trailing_zeros_excluded():
    x = np.zeros((2, 120, 25, 3), np.float32)
    x[0, :90] = _person(90)
    assert count_nonzero_frames(x) == 90
    out = MAMPCropResize(window=50, p_interval=(1.0, ))(dict(keypoint=x))['keypoint']
    np.testing.assert_allclose(out, _reference_resize(x[:, :90], 50), rtol=0, atol=1e-6)


@pytest.mark.parametrize('length,window', [(90, 120), (90, 50), (7, 120), (120, 120)])
def test_resize_is_half_pixel_linear(length, window):
    x = _person(length)[None]
    # Bit-exact on x86-64 (FMA kernels); 1e-6 still fails a float64 scale (5.8e-6 off).
    np.testing.assert_allclose(crop_resize(x, 0, length, window), _reference_resize(x, window),
                               rtol=0, atol=1e-6)


def test_eval_crop_is_fixed_and_ignores_the_generator():
    x = np.stack([_person(103, seed=1), _person(103, seed=2)])
    crop = MAMPCropResize(window=64, p_interval=(0.9, ))
    np.random.seed(0)
    first = crop(dict(keypoint=x))['keypoint']
    np.random.seed(1)
    np.testing.assert_array_equal(crop(dict(keypoint=x))['keypoint'], first)
    start, stop = center_crop(103, 0.9)
    assert (start, stop) == (5, 98)
    np.testing.assert_array_equal(first, crop_resize(x, start, stop, 64))


def test_short_sequence_train_crop_keeps_every_frame():
    x = _person(30)[None]  # shorter than min_frames
    crop = MAMPCropResize(window=120, p_interval=(0.5, 1.0), min_frames=64)
    whole = crop_resize(x, 0, 30, 120)
    for seed in range(5):
        np.random.seed(seed)
        np.testing.assert_array_equal(crop(dict(keypoint=x))['keypoint'], whole)


def test_train_crop_draws_in_reference_order():
    x = np.stack([_person(200, seed=1), _person(200, seed=2)])
    crop = MAMPCropResize(window=40, p_interval=(0.5, 1.0), min_frames=16)
    for seed in range(5):
        np.random.seed(seed)
        got = crop(dict(keypoint=x))['keypoint']
        np.random.seed(seed)
        p = crop_ratio(np.random.rand(), (0.5, 1.0))
        length = crop_length(200, p, min_frames=16)
        bias = np.random.randint(0, 200 - length + 1)
        assert 100 <= length <= 200
        np.testing.assert_array_equal(got, crop_resize(x, bias, bias + length, 40))


def test_crop_length_bounds():
    assert crop_length(200, 0.5) == 100
    assert crop_length(100, 0.5) == 64  # min_frames
    assert crop_length(50, 0.5) == 50  # never more than valid
    assert crop_length(100, 0.5, min_frames=10) == 50


def test_crop_resize_errors():
    with pytest.raises(ValueError, match='p_interval'):
        MAMPCropResize(p_interval=(0.5, 0.4))
    with pytest.raises(ValueError, match='p_interval'):
        MAMPCropResize(p_interval=(1.5, ))
    with pytest.raises(DataError, match='z_sample'):
        MAMPCropResize()(dict(keypoint=np.zeros((2, 10, 25, 3)), frame_dir='z_sample'))
    with pytest.raises(DataError, match='expects keypoint'):
        MAMPCropResize()(dict(keypoint=np.zeros((10, 25, 3))))


# --- MAMPRandomRotation -------------------------------------------------------------------


def test_rotation_matrix_order_and_orthonormal():
    a, b, c = 0.2, -0.25, 0.1
    full = rotation_matrix([a, b, c]).astype(np.float64)
    rx, ry, rz = (rotation_matrix(v).astype(np.float64) for v in ([a, 0, 0], [0, b, 0],
                                                                    [0, 0, c]))
    np.testing.assert_allclose(full, rz @ ry @ rx, atol=1e-6)
    np.testing.assert_allclose(rx, [[1, 0, 0], [0, np.cos(a), np.sin(a)],
                                    [0, -np.sin(a), np.cos(a)]], atol=1e-7)
    np.testing.assert_allclose(full @ full.T, np.eye(3), atol=1e-6)
    np.testing.assert_array_equal(rotation_matrix([0, 0, 0]), np.eye(3))


def test_rotation_keeps_zeros_and_lengths():
    x = np.stack([_person(20), np.zeros((20, 25, 3), np.float32)])
    x[0, 5] = 0
    torch.manual_seed(0)
    out = MAMPRandomRotation(theta=0.3)(dict(keypoint=x))['keypoint']
    assert not out[1].any() and not out[0, 5].any()
    np.testing.assert_allclose(np.linalg.norm(out, axis=-1), np.linalg.norm(x, axis=-1),
                               rtol=1e-5)
    assert not np.allclose(out, x)


def test_rotation_draws_angles_from_torch_within_theta():
    x = _person(20)[None]
    for seed in range(3):
        torch.manual_seed(seed)
        got = MAMPRandomRotation(theta=0.1)(dict(keypoint=x))['keypoint']
        torch.manual_seed(seed)
        angles = torch.zeros(3).uniform_(-0.1, 0.1).numpy()
        assert np.abs(angles).max() <= 0.1
        np.testing.assert_array_equal(got, rotate(x, rotation_matrix(angles)))


def test_rotation_needs_three_channels():
    with pytest.raises(DataError, match=r'\(M, T, V, 3\)'):
        MAMPRandomRotation()(dict(keypoint=np.ones((1, 5, 17, 2)), frame_dir='coco'))


# --- the pipeline -------------------------------------------------------------------------


@pytest.mark.parametrize('layout,joints,persons', [('nturgb+d', 25, 1), ('nw-ucla', 20, 1),
                                                   ('sbu', 15, 2)])
def test_pipeline_packs_window_and_valid_len(layout, joints, persons):
    init_default_scope('mmaction')
    pipeline = Compose([
        dict(type='MAMPCenter', layout=layout, num_person=2),
        dict(type='MAMPCropResize', window=24, p_interval=(0.5, 1)),
        dict(type='MAMPRandomRotation', theta=0.3),
        dict(type='GLFormatInput', max_frames=24),
        dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
    ])
    keypoint = np.stack([_person(70, joints, seed=s) for s in range(persons)])
    np.random.seed(0)
    packed = pipeline(dict(keypoint=keypoint, frame_dir='p', label=3, total_frames=70))
    assert tuple(packed['inputs'].shape) == (1, 2, 24, joints, 3)
    assert packed['data_samples'].valid_len == 24
    if persons == 1:
        assert not packed['inputs'][0, 1].any()  # the padded person stays zero
