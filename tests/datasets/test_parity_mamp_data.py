"""Parity with the MAMP reference's data preparation and input transforms.

Reads ``preprocess.npz``, ``model.npz`` and ``manifest.json`` from ``MMGL_MAMP_FIXTURES``
(default ``../shared/fixtures/mamp_reference``) and the ``.skeleton`` files they name from
``MMGL_SHARED_DATA/ntu-samples``. Every file name, window, crop interval and angle range
comes from the manifest, so the tests hold for any fixture folder of that format. Reference
arrays are ``(T, 150)`` rows (column ``m*75 + v*3 + c``) or ``(C, T, V, M)`` feeder outputs.
"""
import json
import os
import re
from pathlib import Path

import numpy as np
import pytest

from mmgl.datasets.converters.ntu_mamp import (load_ntu_sample_mamp, read_ntu_bodies,
                                               select_bodies_mamp)
from mmgl.datasets.transforms import (GLFormatInput, MAMPCenter, MAMPCropResize,
                                      MAMPRandomRotation, center_crop, center_on_origin,
                                      count_nonzero_frames, crop_length, crop_ratio,
                                      crop_resize, origin_joint, rotate, rotation_matrix)

pytestmark = pytest.mark.parity_mamp

REPO_ROOT = Path(__file__).resolve().parents[2]
ATOL = 1e-6  # the fixture README's tolerance for the resize and the rotation


def _resolve(env: str, default: str) -> Path:
    path = Path(os.environ.get(env, default))
    return path if path.is_absolute() else (REPO_ROOT / path).resolve()


@pytest.fixture(scope='module')
def fixture_dir() -> Path:
    path = _resolve('MMGL_MAMP_FIXTURES', '../shared/fixtures/mamp_reference')
    if not (path / 'manifest.json').is_file():
        pytest.skip(f'MAMP fixtures not found at {path} (set MMGL_MAMP_FIXTURES)')
    return path


@pytest.fixture(scope='module')
def manifest(fixture_dir: Path) -> dict:
    return json.loads((fixture_dir / 'manifest.json').read_text())


@pytest.fixture(scope='module')
def config(manifest: dict) -> dict:
    return manifest['config']['preprocess']


@pytest.fixture(scope='module')
def arrays(fixture_dir: Path) -> dict:
    with np.load(fixture_dir / 'preprocess.npz') as data:
        return {k: data[k] for k in data.files}


@pytest.fixture(scope='module')
def skeleton_dir() -> Path:
    path = _resolve('MMGL_SHARED_DATA', '../shared/data') / 'ntu-samples'
    if not path.is_dir():
        pytest.skip(f'NTU samples not found at {path} (set MMGL_SHARED_DATA)')
    return path


def _skeleton(skeleton_dir: Path, name: str) -> Path:
    path = skeleton_dir / f'{name}.skeleton'
    if not path.is_file():
        pytest.skip(f'{path} not found (the fixtures name files from ntu-samples)')
    return path


def _rows(keypoint: np.ndarray, frames: int, persons: int) -> np.ndarray:
    """``(M, T, V, C)`` -> the reference's zero-padded ``(frames, persons * V * C)``."""
    num_person, num_frames = keypoint.shape[:2]
    out = np.zeros((frames, persons, keypoint.shape[2] * keypoint.shape[3]), keypoint.dtype)
    out[:num_frames, :num_person] = keypoint.transpose(1, 0, 2, 3).reshape(num_frames,
                                                                           num_person, -1)
    return out.reshape(frames, -1)


def _feeder(keypoint: np.ndarray) -> np.ndarray:
    """``(M, T, V, C)`` -> the feeder's ``(C, T, V, M)``."""
    return keypoint.transpose(3, 1, 2, 0)


def _centered(arrays: dict, i: int) -> np.ndarray:
    """The stored pyskl ``keypoint`` of row ``i`` (``(M, T, V, C)``, zero-padded)."""
    return arrays['keypoint'][i]


def test_reader_counts(arrays, skeleton_dir):
    for i, name in enumerate(arrays['names']):
        read = read_ntu_bodies(_skeleton(skeleton_dir, name))
        assert read.header_frames == arrays['header_frames'][i], name
        assert len(read.bodies) == arrays['num_bodies'][i], name
        keypoint = load_ntu_sample_mamp(_skeleton(skeleton_dir, name))
        assert keypoint.shape[1] == arrays['num_frames'][i], name


def test_body_selection_matches_denoised(arrays, skeleton_dir):
    frames, width = arrays['denoised'].shape[1:]
    for i, name in enumerate(arrays['names']):
        keypoint = select_bodies_mamp(read_ntu_bodies(_skeleton(skeleton_dir, name)))
        assert keypoint.dtype == np.float32
        got = _rows(keypoint, frames, width // 75)
        np.testing.assert_array_equal(got, arrays['denoised'][i], err_msg=str(name))


def test_body_motion_matches_manifest(config, skeleton_dir):
    for name, info in config.get('bodies', {}).items():
        read = read_ntu_bodies(_skeleton(skeleton_dir, name))
        listed = info['bodies_in_file_order']
        assert [b.body_id for b in read.bodies] == [b['body_id'] for b in listed]
        for body, ref in zip(read.bodies, listed):
            assert (body.start, body.end, body.num_frames) == (
                ref['first_frame'], ref['last_frame'], ref['frames'])
            if ref['motion'] is not None:
                assert float(body.motion) == ref['motion'], (name, body.body_id)


def test_centering_from_denoised(arrays):
    """Origin and feeder input from the stored ``denoised`` (no ``.skeleton`` files needed)."""
    frames, width = arrays['denoised'].shape[1:]
    joint = origin_joint('nturgb+d')
    for i, name in enumerate(arrays['names']):
        rows = arrays['denoised'][i][:arrays['num_frames'][i]]
        persons = 2 if rows[:, 75:].any() else 1
        keypoint = rows[:, :75 * persons].reshape(len(rows), persons, 25, 3).transpose(1, 0, 2, 3)
        centered, origin = center_on_origin(keypoint, joint)
        np.testing.assert_array_equal(origin, arrays['origin'][i], err_msg=str(name))
        np.testing.assert_array_equal(_rows(centered, frames, width // 75),
                                      arrays['feeder_input'][i], err_msg=str(name))


def test_converter_and_center_match_keypoint(arrays, skeleton_dir):
    persons, frames = arrays['keypoint'].shape[1:3]
    center = MAMPCenter(layout='nturgb+d', num_person=persons)
    for i, name in enumerate(arrays['names']):
        keypoint = load_ntu_sample_mamp(_skeleton(skeleton_dir, name))
        results = center(dict(keypoint=keypoint, frame_dir=str(name)))
        got = np.zeros((persons, frames, 25, 3), np.float32)
        got[:, :results['keypoint'].shape[1]] = results['keypoint']
        np.testing.assert_array_equal(got, arrays['keypoint'][i], err_msg=str(name))
        np.testing.assert_array_equal(_rows(got, frames, persons), arrays['feeder_input'][i])


def test_eval_crop_resize(arrays, config):
    (p, ) = config['p_eval']
    window = int(config['window'])
    for i, name in enumerate(arrays['names']):
        keypoint = _centered(arrays, i)
        valid = count_nonzero_frames(keypoint)
        assert valid == arrays['valid_frame_num'][i], name
        assert center_crop(valid, p) == tuple(arrays['test/crop'][i]), name
        results = MAMPCropResize(window=window, p_interval=(p, ))(dict(keypoint=keypoint))
        assert results['valid_len'] == window
        np.testing.assert_allclose(_feeder(results['keypoint']), arrays['test/out'][i],
                                   rtol=0, atol=ATOL, err_msg=str(name))


def test_train_crop_resize_rotation_replayed(arrays, config):
    """The recorded draws fed to the pure functions the transforms call."""
    p_interval = tuple(config['p_train'])
    window = int(config['window'])
    for i, name in enumerate(arrays['names']):
        keypoint = _centered(arrays, i)
        valid = count_nonzero_frames(keypoint)
        p = crop_ratio(float(arrays['train/rand_u'][i]), p_interval)
        assert p == arrays['train/p'][i], name
        length = crop_length(valid, p)
        assert length == arrays['train/cropped_length'][i], name
        bias = int(arrays['train/bias'][i])
        resized = crop_resize(keypoint, bias, bias + length, window)
        np.testing.assert_allclose(_feeder(resized), arrays['train/resized'][i], rtol=0,
                                   atol=ATOL, err_msg=str(name))
        matrix = rotation_matrix(arrays['train/rot_angles'][i])
        np.testing.assert_allclose(matrix, arrays['train/rot_matrix'][i], rtol=0, atol=ATOL)
        np.testing.assert_allclose(_feeder(rotate(resized, matrix)), arrays['train/out'][i],
                                   rtol=0, atol=ATOL, err_msg=str(name))


def test_train_transforms_replay_seeded_draws(arrays, config):
    """Seeded like the fixture generator, the transforms draw what the reference drew."""
    torch = pytest.importorskip('torch')
    match = re.search(r's\s*=\s*(\d+)\s*\+\s*row', str(config.get('train_seeds', '')))
    if match is None:
        pytest.skip('manifest gives no per-row seed rule')
    crop = MAMPCropResize(window=int(config['window']), p_interval=tuple(config['p_train']))
    rot = MAMPRandomRotation(theta=float(config['random_rot_theta']))
    state = np.random.get_state(), torch.get_rng_state()
    try:
        for i, name in enumerate(arrays['names']):
            np.random.seed(int(match.group(1)) + i)
            torch.manual_seed(int(match.group(1)) + i)
            results = rot(crop(dict(keypoint=_centered(arrays, i))))
            np.testing.assert_allclose(_feeder(results['keypoint']), arrays['train/out'][i],
                                       rtol=0, atol=ATOL, err_msg=str(name))
    finally:
        np.random.set_state(state[0])
        torch.set_rng_state(state[1])


def test_model_batch_input(fixture_dir, manifest, config, skeleton_dir):
    """``model.npz/x``: the batch of ``config.batch`` through the whole MAMP pipeline.

    Test-transform rows go through the transforms; train-transform rows replay their
    recorded draws (``rand_u``, ``bias``, ``rot_angles``) through the pure functions.
    """
    with np.load(fixture_dir / 'model.npz') as data:
        x = data['x']
    window = int(manifest['config']['model']['num_frames'])
    persons = x.shape[-1]
    center = MAMPCenter(layout='nturgb+d', num_person=persons)
    crop = MAMPCropResize(window=window, p_interval=tuple(config['p_eval']))
    fmt = GLFormatInput(max_frames=window)
    for row, entry in zip(x, manifest['config']['batch']):
        keypoint = load_ntu_sample_mamp(_skeleton(skeleton_dir, entry['file']))
        results = center(dict(keypoint=keypoint, frame_dir=entry['file']))
        if entry['transform'] == 'test':
            results = crop(results)
        else:
            draws = entry.get('draws') or {}
            if entry['transform'] != 'train' or not {'rand_u', 'bias'} <= set(draws):
                pytest.skip(f'batch entry {entry} has no replayable draws')
            valid = count_nonzero_frames(results['keypoint'])
            p = crop_ratio(float(np.ravel(draws['rand_u'])[0]), tuple(config['p_train']))
            bias, length = int(np.ravel(draws['bias'])[0]), crop_length(valid, p)
            resized = crop_resize(results['keypoint'], bias, bias + length, window)
            if 'rot_angles' in draws:
                resized = rotate(resized, rotation_matrix(draws['rot_angles']))
            results.update(keypoint=resized, valid_len=window)
        results = fmt(results)
        assert results['valid_len'] == window
        assert results['keypoint'].shape == (1, persons, window, 25, 3)
        np.testing.assert_allclose(_feeder(results['keypoint'][0]), row, rtol=0, atol=ATOL,
                                   err_msg=entry['file'])
