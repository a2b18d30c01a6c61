"""Hypothesis fuzzing of the GL transforms and two converters: whatever the shape or the
values (NaN, inf, zeros, huge), they either work or raise the documented ``DataError``.

GLPreNormalize is the gate: whatever it accepts comes out finite. The transforms after it
(GLTemporalInterpolate, GLShear, GLFormatInput) take its contract ``(M, L, V, C)`` for
granted; they are fuzzed over values and lengths (L = 0 included) within that contract,
GLFormatInput also over arbitrary shapes.
"""
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mmgl.datasets import DataError
from mmgl.datasets.converters.custom import convert_arrays, load_array_file
from mmgl.datasets.converters.ntu import read_skeleton_file
from mmgl.datasets.transforms import (GLFormatInput, GLPreNormalize, GLShear,
                                      GLTemporalInterpolate)

FUZZ = settings(max_examples=50, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# finite values over the whole float32 range plus the special ones
values = st.one_of(
    st.floats(width=32, allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 1.0, -1.0, 1e-30, 1e30, -3e38, np.nan, np.inf]))


def arrays(shape):
    return hnp.arrays(np.float32, shape, elements=values, fill=st.sampled_from(
        [0.0, 1.0, 0.5, np.nan, 1e30]))


any_shape = hnp.array_shapes(min_dims=0, max_dims=5, min_side=0, max_side=6)
pose_shape = st.tuples(st.integers(0, 4), st.integers(0, 40), st.just(25), st.just(3))


@FUZZ
@given(data=st.data(), shape=st.one_of(any_shape, pose_shape),
       num_person=st.integers(1, 3), max_frames=st.integers(1, 48))
def test_prenormalize_fuzz(data, shape, num_person, max_frames):
    keypoint = data.draw(arrays(shape))
    t = GLPreNormalize(layout='nturgb+d', num_person=num_person, max_frames=max_frames)
    try:
        out = t(dict(frame_dir='fuzz', keypoint=keypoint))
    except DataError as err:
        assert err.where == 'fuzz' and err.problem
        return
    kp = out['keypoint']
    assert kp.dtype == np.float32 and np.isfinite(kp).all()
    assert kp.shape == (num_person, out['valid_len'], 25, 3)
    assert 1 <= out['valid_len'] <= max_frames


valid_values = st.one_of(st.floats(-1e4, 1e4, width=32), st.just(0.0))
contract_kp = st.tuples(st.integers(1, 3), st.integers(0, 40)).flatmap(
    lambda ml: hnp.arrays(np.float32, (ml[0], ml[1], 25, 3), elements=valid_values))


@FUZZ
@given(keypoint=contract_kp, ratio=st.floats(0, 1), p_shrink=st.floats(0, 1),
       seed=st.integers(0, 2**32 - 1))
def test_interpolate_fuzz(keypoint, ratio, p_shrink, seed):
    np.random.seed(seed)
    t = GLTemporalInterpolate(ratio=ratio, p_shrink=p_shrink)
    try:
        out = t(dict(frame_dir='fuzz', keypoint=keypoint, valid_len=keypoint.shape[1]))
    except DataError as err:
        assert err.where == 'fuzz' and keypoint.shape[1] == 0
        return
    assert out['keypoint'].shape[1] == out['valid_len'] >= 1
    assert np.isfinite(out['keypoint']).all()


@pytest.mark.filterwarnings('ignore:overflow encountered:RuntimeWarning')
@FUZZ
@given(keypoint=st.one_of(contract_kp, st.integers(1, 2).flatmap(
    lambda m: arrays((m, 3, 25, 3)))), amplitude=st.floats(0, 2), seed=st.integers(0, 2**31))
def test_shear_fuzz(keypoint, amplitude, seed):
    np.random.seed(seed)
    out = GLShear(amplitude=amplitude)(dict(frame_dir='fuzz', keypoint=keypoint.copy(),
                                            layout='nturgb+d'))
    assert out['keypoint'].shape == keypoint.shape
    np.testing.assert_array_equal(out['keypoint'][:, :, 20], keypoint[:, :, 20])
    if np.abs(keypoint).max(initial=0) <= 1e4:
        assert np.isfinite(out['keypoint']).all()


@FUZZ
@given(data=st.data(), shape=st.one_of(any_shape, pose_shape), max_frames=st.integers(1, 48),
       valid_len=st.one_of(st.none(), st.integers(-2, 50)))
def test_format_input_fuzz(data, shape, max_frames, valid_len):
    keypoint = data.draw(arrays(shape))
    if valid_len is None and len(shape) == 4:
        valid_len = shape[1]
    t = GLFormatInput(max_frames=max_frames)
    try:
        out = t(dict(frame_dir='fuzz', keypoint=keypoint, valid_len=valid_len))
    except DataError as err:
        assert err.where == 'fuzz'
        return
    assert out['keypoint'].shape == (1, shape[0], max_frames) + tuple(shape[2:])
    assert out['valid_len'] == min(shape[1], max_frames)


def _skeleton_text(rng, frames=2, bodies=1, joints=25):
    lines = [str(frames)]
    for _ in range(frames):
        lines.append(str(bodies))
        for b in range(bodies):
            lines.append(f'{72057594037931101 + b} 0 1 1 1 1 0 0.02 0.1 2')
            lines.append(str(joints))
            for _ in range(joints):
                lines.append(' '.join(f'{v:.6f}' for v in rng.normal(size=12)))
    return '\n'.join(lines) + '\n'


_TOKENS = ['', '0', '-1', '-7', '999999999', 'nan', 'inf', 'x', '1e400', ' ', '\n', '3.5']


@FUZZ
@given(ops=st.lists(st.tuples(st.sampled_from(['cut', 'replace', 'delete_line', 'dup_line']),
                              st.integers(0, 10**6), st.sampled_from(_TOKENS)),
                    min_size=1, max_size=4),
       frames=st.integers(0, 3), bodies=st.integers(0, 2))
def test_ntu_skeleton_parser_fuzz(ops, frames, bodies):
    text = _skeleton_text(np.random.default_rng(0), frames, bodies, joints=3)
    for op, pos, token in ops:
        lines = text.split('\n')
        i = pos % max(len(lines), 1)
        if op == 'cut':
            text = text[:pos % (len(text) + 1)]
        elif op == 'replace':
            fields = lines[i].split(' ')
            fields[pos % len(fields)] = token
            lines[i] = ' '.join(fields)
            text = '\n'.join(lines)
        elif op == 'delete_line':
            text = '\n'.join(lines[:i] + lines[i + 1:])
        else:
            text = '\n'.join(lines[:i + 1] + lines[i:])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / 'S001C001P001R001A001.skeleton'
        path.write_text(text)
        try:
            frames_out = read_skeleton_file(path)
        except DataError as err:
            assert err.where == str(path) and err.problem
            return
    assert isinstance(frames_out, list)
    for bodies_out in frames_out:
        for _, xyz in bodies_out:
            assert xyz.ndim == 2 and xyz.shape[1] == 3


@FUZZ
@given(data=st.data(), axes=st.permutations('NMTVC').map(''.join),
       shape=st.tuples(st.integers(0, 3), st.integers(1, 2), st.integers(0, 6),
                       st.just(25), st.just(3)),
       suffix=st.sampled_from(['.npy', '.npz']), ndim_off=st.booleans())
def test_array_converter_fuzz(data, axes, shape, suffix, ndim_off):
    arr = data.draw(arrays(shape[:4] if ndim_off else shape))
    stored = arr if ndim_off else arr.transpose(['NMTVC'.index(a) for a in axes])
    labels = np.arange(shape[0])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f'x{suffix}'
        if suffix == '.npy':
            np.save(path, stored)
        else:
            np.savez(path, keypoint=stored, label=labels)
        try:
            loaded, lab, names = load_array_file(path, labels if suffix == '.npy' else None,
                                                 axes)
            ann, skipped = convert_arrays(loaded, lab, names)
        except DataError as err:
            assert err.where == str(path) and err.problem
            return
    assert len(ann['annotations']) + len(skipped) == shape[0]
    for a in ann['annotations']:
        assert a['keypoint'].shape[1] == a['total_frames'] >= 1
