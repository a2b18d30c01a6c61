"""Parity with the reference preprocessing (``preprocess.npz``) and MPDP targets (``targets.npz``).

Everything is read from the fixture folder (names, shapes, pad value, intervals), so the
tests hold for any folder in the same format. Reference arrays are ``(C, T, V, M)``.
"""
import json
from pathlib import Path

import numpy as np
import pytest

from mmgl.datasets.converters.ntu import load_ntu_sample, read_ntu_xyz
from mmgl.datasets.transforms import GLFormatInput, GLPreNormalize

pytestmark = pytest.mark.parity_data


@pytest.fixture(scope='module')
def preprocess(reference_dir: Path):
    with np.load(reference_dir / 'preprocess.npz') as arrays:
        return {k: arrays[k] for k in arrays.files}


@pytest.fixture(scope='module')
def config(reference_dir: Path) -> dict:
    return json.loads((reference_dir / 'manifest.json').read_text())['config']['preprocess']


def _skeleton(ntu_skeleton_dir: Path, name: str) -> Path:
    path = ntu_skeleton_dir / f'{name}.skeleton'
    if not path.is_file():
        pytest.skip(f'{path} not found (the fixture names files from ntu-samples)')
    return path


def _to_reference_layout(keypoint: np.ndarray, frames: int, persons: int) -> np.ndarray:
    """``(M, T, V, C)`` -> zero-padded ``(C, frames, V, persons)``."""
    out = np.zeros((keypoint.shape[-1], frames, keypoint.shape[2], persons), keypoint.dtype)
    num = min(frames, keypoint.shape[1])
    out[:, :num, :, :keypoint.shape[0]] = keypoint[:, :num].transpose(3, 1, 2, 0)
    return out


def _reader(config: dict) -> str:
    return 'ntu120' if 'ntu120' in config.get('reader', '') else 'ntu60'


def test_reader_matches_raw_xyz(preprocess, config, ntu_skeleton_dir):
    _, frames, _, persons = preprocess['raw_xyz'].shape[1:]
    for i, name in enumerate(preprocess['names']):
        xyz = read_ntu_xyz(_skeleton(ntu_skeleton_dir, name), _reader(config), persons)
        assert xyz.shape[1] == preprocess['raw_num_frames'][i], name
        got = _to_reference_layout(xyz, frames, persons)
        np.testing.assert_array_equal(got, preprocess['raw_xyz'][i], err_msg=str(name))


def test_converter_matches_gendata(preprocess, config, ntu_skeleton_dir):
    _, frames, _, persons = preprocess['gendata'].shape[1:]
    for i, name in enumerate(preprocess['names']):
        keypoint = load_ntu_sample(_skeleton(ntu_skeleton_dir, name), _reader(config))
        assert keypoint.dtype == preprocess['gendata'].dtype
        got = _to_reference_layout(keypoint, frames, persons)
        np.testing.assert_array_equal(got, preprocess['gendata'][i], err_msg=str(name))


def test_pipeline_matches_preprocessed(preprocess, config, ntu_skeleton_dir):
    channels, frames, joints, persons = preprocess['preprocessed'].shape[1:]
    max_frames = int(config.get('max_frame', frames))
    pad_value = float(config.get('pad_value', 99.9))
    prenorm = GLPreNormalize(layout='nturgb+d', max_frames=max_frames, num_person=persons,
                             view_normalize=bool(config.get('y_rotation', True)))
    fmt = GLFormatInput(max_frames=frames, pad_value=pad_value)
    for i, name in enumerate(preprocess['names']):
        keypoint = load_ntu_sample(_skeleton(ntu_skeleton_dir, name), _reader(config))
        results = fmt(prenorm(dict(keypoint=keypoint, frame_dir=str(name))))
        assert results['valid_len'] == preprocess['valid_length'][i], name
        got = results['keypoint'][0].transpose(3, 1, 2, 0)  # (M, T, V, C) -> (C, T, V, M)
        assert got.shape == (channels, frames, joints, persons)
        np.testing.assert_array_equal(got, preprocess['preprocessed'][i], err_msg=str(name))


def test_pipeline_on_fixture_gendata(preprocess, config):
    """The same comparison from the stored ``gendata`` (no ``.skeleton`` files needed)."""
    frames, _, persons = preprocess['preprocessed'].shape[2:]
    prenorm = GLPreNormalize(max_frames=int(config.get('max_frame', frames)),
                             num_person=persons)
    fmt = GLFormatInput(max_frames=frames, pad_value=float(config.get('pad_value', 99.9)))
    for i, name in enumerate(preprocess['names']):
        keypoint = preprocess['gendata'][i].transpose(3, 1, 2, 0)
        results = fmt(prenorm(dict(keypoint=np.ascontiguousarray(keypoint), frame_dir=name)))
        got = results['keypoint'][0].transpose(3, 1, 2, 0)
        np.testing.assert_array_equal(got, preprocess['preprocessed'][i], err_msg=str(name))


def test_float64_variant_within_tolerance(preprocess, config):
    """``exact_reference=False`` stays within the manifest's 5e-6 (pad values exact)."""
    frames, _, persons = preprocess['preprocessed'].shape[2:]
    pad_value = float(config.get('pad_value', 99.9))
    prenorm = GLPreNormalize(max_frames=int(config.get('max_frame', frames)),
                             num_person=persons, exact_reference=False)
    fmt = GLFormatInput(max_frames=frames, pad_value=pad_value)
    for i, name in enumerate(preprocess['names']):
        keypoint = np.ascontiguousarray(preprocess['gendata'][i].transpose(3, 1, 2, 0))
        got = fmt(prenorm(dict(keypoint=keypoint)))['keypoint'][0].transpose(3, 1, 2, 0)
        np.testing.assert_allclose(got, preprocess['preprocessed'][i], rtol=0, atol=5e-6)


@pytest.fixture(scope='module')
def targets(reference_dir: Path):
    with np.load(reference_dir / 'targets.npz') as arrays:
        return {k: arrays[k] for k in arrays.files}


@pytest.mark.parametrize('pad_value', [None, 0.0])
def test_skeleton_to_targets_end_to_end(preprocess, config, targets, ntu_skeleton_dir,
                                        pad_value):
    """Raw file -> converter -> test pipeline -> MPDP targets, against ``targets.npz``.

    ``None`` pads like the reference feeder (float64 99.9) and compares every frame; 0.0 is
    what training uses: the targets of the valid frames must not depend on the pad value.
    """
    targets_module = pytest.importorskip('mmgl.models.selfsup.targets')
    torch = pytest.importorskip('torch')
    frames, _, persons = preprocess['preprocessed'].shape[2:]
    reference_pad = float(config.get('pad_value', 99.9))
    prenorm = GLPreNormalize(max_frames=int(config.get('max_frame', frames)),
                             num_person=persons)
    fmt = GLFormatInput(max_frames=frames,
                        pad_value=reference_pad if pad_value is None else pad_value)
    batch, lengths = [], []
    for name in targets['names']:
        keypoint = load_ntu_sample(_skeleton(ntu_skeleton_dir, name), _reader(config))
        results = fmt(prenorm(dict(keypoint=keypoint, frame_dir=str(name))))
        x = results['keypoint'][0].astype(np.float64)  # (M, T, V, C)
        if pad_value is None:  # the feeder's padding is float64 99.9, not a widened float32
            x[:, results['valid_len']:] = reference_pad
        batch.append(x)
        lengths.append(results['valid_len'])
    x = torch.from_numpy(np.stack(batch))
    valid = np.arange(frames)[None] < np.array(lengths)[:, None]
    np.testing.assert_array_equal(valid, targets['frame_valid'])
    generator = targets_module.MPDPTargetGenerator([int(k) for k in targets['intervals']])
    direction, magnitude = (t.numpy() for t in generator(x, torch.tensor(lengths)))
    if pad_value is None:
        position = x.permute(0, 4, 2, 3, 1).reshape(len(batch), x.shape[-1], frames, -1).numpy()
        np.testing.assert_array_equal(position, targets['position'])
        np.testing.assert_array_equal(direction, targets['dir'])
        np.testing.assert_array_equal(magnitude, targets['mag'])
    else:
        np.testing.assert_array_equal(direction[valid], targets['dir'][valid])
        np.testing.assert_array_equal(magnitude[valid], targets['mag'][valid])
