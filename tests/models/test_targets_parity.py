"""MPDPTargetGenerator against the reference feeder's targets (targets.npz), computed from
the reference-preprocessed sequences in preprocess.npz (fixture README section 4)."""
import json

import numpy as np
import pytest
import torch

from mmgl.models import MPDPTargetGenerator

pytestmark = pytest.mark.parity_model

PAD = 99.9


@pytest.fixture(scope='module')
def feeder_input(reference_dir):
    """The feeder's float64 input ``(F, M, T, V, C)``: valid frames hold the float32 values,
    padded frames float64 99.9 exactly; and the targets file."""
    pre = np.load(reference_dir / 'preprocess.npz')
    targets = np.load(reference_dir / 'targets.npz')
    data = pre['preprocessed']  # (F, C, T, V, M) float32
    # The reference feeder finds padding by comparing in float32.
    valid = data[:, 0, :, 0, 0] != np.float32(PAD)
    position = np.where(valid[:, None, :, None, None], data.astype(np.float64), PAD)
    x = torch.from_numpy(position).permute(0, 4, 2, 3, 1).contiguous()
    valid_len = torch.from_numpy(valid.sum(1))
    assert np.array_equal(valid_len.numpy(), pre['valid_length'])
    return x, valid_len, {k: targets[k] for k in targets.files}


def test_position_and_frame_valid(feeder_input):
    x, valid_len, targets = feeder_input
    F_, M, T, V, C = x.shape
    position = x.permute(0, 4, 2, 3, 1).reshape(F_, C, T, V * M).numpy()
    np.testing.assert_array_equal(position, targets['position'])
    np.testing.assert_array_equal(np.arange(T)[None] < valid_len.numpy()[:, None],
                                  targets['frame_valid'])


def test_targets(feeder_input, reference_dir):
    x, valid_len, targets = feeder_input
    manifest = json.loads((reference_dir / 'manifest.json').read_text())
    intervals = manifest['config']['targets']['intervals']
    assert list(targets['intervals']) == list(intervals)
    generator = MPDPTargetGenerator(intervals)
    direction, magnitude_class, magnitude = generator(x, valid_len, return_magnitude=True)
    np.testing.assert_array_equal(direction.numpy(), targets['dir'])
    np.testing.assert_array_equal(magnitude_class.numpy(), targets['mag'])
    np.testing.assert_allclose(magnitude.numpy(), targets['magnitude'], rtol=1e-12)
    assert direction.dtype == magnitude_class.dtype == torch.long
