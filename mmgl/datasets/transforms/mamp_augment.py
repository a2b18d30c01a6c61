"""MAMP's input transforms: crop-and-resize of the valid frames, random rotation.

MAMP (Mao et al., ICCV 2023) feeds its encoder a fixed number of frames: the valid frames are
cropped (a fixed central share at test time, a random share of at least ``min_frames`` frames
in training) and linearly resized to ``window`` frames; training adds one random 3D rotation
per sample. GL instead keeps the natural speed and pads (:class:`GLFormatInput`).

The pure functions (:func:`center_crop`, :func:`crop_ratio`, :func:`crop_length`,
:func:`crop_resize`, :func:`rotation_matrix`, :func:`rotate`) do the arithmetic; the
transforms only draw. The draws come in the reference's order and from the same generators
(``np.random.rand`` for the crop ratio, ``np.random.randint`` for the crop start, torch's
``uniform_`` for the angles), all of which mmengine seeds (``randomness=dict(seed=...)``, and
per dataloader worker), so a seeded run replays the reference's draws.
"""
from typing import Dict, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from mmaction.registry import TRANSFORMS

from .base import SkeletonTransform
from ..errors import DataError

__all__ = [
    'count_nonzero_frames', 'center_crop', 'crop_ratio', 'crop_length', 'crop_resize',
    'rotation_matrix', 'rotate', 'MAMPCropResize', 'MAMPRandomRotation'
]


def count_nonzero_frames(keypoint: np.ndarray) -> int:
    """Frames whose values (all persons, joints, channels) do not sum to exactly 0.

    Summed over channels, then persons, then joints in float32: the reference's order.

    Args:
        keypoint (np.ndarray): ``(M, T, V, C)``.
    """
    sums = keypoint.sum(axis=3).sum(axis=0).sum(axis=-1)
    return int(np.count_nonzero(sums != 0))


def center_crop(valid: int, p: float) -> Tuple[int, int]:
    """The test-time crop ``[start, valid - start)`` with ``start = int((1 - p) * valid / 2)``."""
    start = int((1 - p) * valid / 2)
    return start, valid - start


def crop_ratio(u: float, p_interval: Sequence[float]) -> float:
    """Map a uniform draw ``u`` in [0, 1) onto ``[p_interval[0], p_interval[1])``."""
    low, high = p_interval
    return u * (high - low) + low


def crop_length(valid: int, p: float, min_frames: int = 64) -> int:
    """Training crop length: ``floor(valid * p)``, at least ``min_frames``, at most ``valid``."""
    return min(max(int(np.floor(valid * p)), min_frames), valid)


def crop_resize(keypoint: np.ndarray, start: int, stop: int, window: int) -> np.ndarray:
    """Cut frames ``[start, stop)`` and resize them linearly to ``window`` frames.

    Each of the ``C*V*M`` coordinate rows is resized along time with half-pixel centres and
    no antialiasing: torch's ``interpolate(mode='bilinear', align_corners=False)`` on the
    ``(1, 1, C*V*M, length)`` view (the row axis keeps its size), on CPU, rows in the
    reference's ``(C, V, M)`` order, which reproduces it bit for bit.

    Args:
        keypoint (np.ndarray): ``(M, T, V, C)``.
        start (int): First frame.
        stop (int): One past the last frame (``start < stop <= T``).
        window (int): Output frames.

    Returns:
        np.ndarray: ``(M, window, V, C)`` float32.
    """
    num_person, num_frames, num_joints, channels = keypoint.shape
    if not 0 <= start < stop <= num_frames:
        raise ValueError(f'crop [{start}, {stop}) outside the {num_frames} frames')
    crop = np.ascontiguousarray(keypoint[:, start:stop].transpose(3, 2, 0, 1), np.float32)
    rows = channels * num_joints * num_person
    x = torch.from_numpy(crop).view(1, 1, rows, stop - start)
    out = F.interpolate(x, size=(rows, window), mode='bilinear', align_corners=False)
    out = out.view(channels, num_joints, num_person, window).numpy()
    return np.ascontiguousarray(out.transpose(2, 3, 1, 0))


def rotation_matrix(angles: np.ndarray) -> np.ndarray:
    """``R = Rz @ Ry @ Rx`` for angles ``(a, b, c)`` about x, y, z (radians).

    ``Rx = [[1, 0, 0], [0, cos a, sin a], [0, -sin a, cos a]]``,
    ``Ry = [[cos b, 0, -sin b], [0, 1, 0], [sin b, 0, cos b]]``,
    ``Rz = [[cos c, sin c, 0], [-sin c, cos c, 0], [0, 0, 1]]``; it acts on column vectors.
    Computed in float64 and rounded once.

    Args:
        angles (np.ndarray): ``(3,)``.

    Returns:
        np.ndarray: ``(3, 3)`` float32.
    """
    a, b, c = np.asarray(angles, dtype=np.float64)
    rx = np.array([[1, 0, 0], [0, np.cos(a), np.sin(a)], [0, -np.sin(a), np.cos(a)]])
    ry = np.array([[np.cos(b), 0, -np.sin(b)], [0, 1, 0], [np.sin(b), 0, np.cos(b)]])
    rz = np.array([[np.cos(c), np.sin(c), 0], [-np.sin(c), np.cos(c), 0], [0, 0, 1]])
    return (rz @ ry @ rx).astype(np.float32)


def rotate(keypoint: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Apply ``matrix`` to the ``(x, y, z)`` column vector of every joint (zeros stay zero).

    Args:
        keypoint (np.ndarray): ``(M, T, V, 3)``.
        matrix (np.ndarray): ``(3, 3)``.

    Returns:
        np.ndarray: ``(M, T, V, 3)`` float32.
    """
    return np.ascontiguousarray(
        np.asarray(keypoint, np.float32) @ np.asarray(matrix, np.float32).T)


def _keypoint(results: Dict, name: str, channels: int = 0) -> np.ndarray:
    keypoint = results.get('keypoint')
    if (not isinstance(keypoint, np.ndarray) or keypoint.ndim != 4
            or (channels and keypoint.shape[-1] != channels)):
        shape = getattr(keypoint, 'shape', None)
        want = f'(M, T, V, {channels})' if channels else '(M, T, V, C)'
        raise DataError(str(results.get('frame_dir', '<sample>')),
                        f'{name} expects keypoint {want}, got shape {shape}')
    return keypoint


@TRANSFORMS.register_module()
class MAMPCropResize(SkeletonTransform):
    """Crop the valid frames and resize them to ``window`` frames.

    The valid length ``L`` counts the frames whose values do not sum to exactly 0
    (:func:`count_nonzero_frames`) and the crop treats them as the first ``L`` frames (the
    reference's convention). ``p_interval`` with one value ``p`` is the test-time crop
    (:func:`center_crop`); with two values ``(low, high)`` a ratio ``p`` is drawn in
    ``[low, high)``, the length is :func:`crop_length` and the start is drawn uniformly among
    the possible ones (also when only 0 is possible). Then :func:`crop_resize`.

    Required keys: keypoint ``(M, T, V, C)`` (e.g. from :class:`MAMPCenter`).

    Modified keys: keypoint ``(M, window, V, C)`` float32.

    Added keys: valid_len (int, ``window``), for :class:`GLFormatInput` and the model.

    Args:
        window (int): Output frames (the encoder's ``num_frames``). Defaults to 120.
        p_interval (Sequence[float]): ``(p, )`` for the central crop or ``(low, high)`` for
            the random one. Defaults to ``(0.95, )``.
        min_frames (int): Shortest random crop (shorter sequences are kept whole).
            Defaults to 64.

    Raises:
        DataError: keypoint is not 4-D or has no frame with a non-zero sum.
    """

    repr_fields = ('window', 'p_interval', 'min_frames')

    def __init__(self,
                 window: int = 120,
                 p_interval: Sequence[float] = (0.95, ),
                 min_frames: int = 64) -> None:
        p_interval = tuple(float(p) for p in p_interval)
        if len(p_interval) not in (1, 2) or not all(0 < p <= 1 for p in p_interval) or (
                len(p_interval) == 2 and p_interval[0] > p_interval[1]):
            raise ValueError('p_interval must be (p, ) or (low, high) with 0 < low <= high '
                             f'<= 1, got {p_interval}')
        if window < 1 or min_frames < 1:
            raise ValueError(f'window and min_frames must be >= 1, got {window}, {min_frames}')
        self.window = window
        self.p_interval = p_interval
        self.min_frames = min_frames

    def transform(self, results: Dict) -> Dict:
        keypoint = _keypoint(results, 'MAMPCropResize')
        valid = count_nonzero_frames(keypoint)
        if valid == 0:
            raise DataError(str(results.get('frame_dir', '<sample>')),
                            'no frame with a non-zero sum: nothing to crop')
        if len(self.p_interval) == 1:
            start, stop = center_crop(valid, self.p_interval[0])
        else:
            p = crop_ratio(np.random.rand(), self.p_interval)
            length = crop_length(valid, p, self.min_frames)
            start = int(np.random.randint(0, valid - length + 1))
            stop = start + length
        results['keypoint'] = crop_resize(keypoint, start, stop, self.window)
        results['valid_len'] = self.window
        return results



@TRANSFORMS.register_module()
class MAMPRandomRotation(SkeletonTransform):
    """Rotate the sample by one random 3D rotation (training augmentation).

    Three angles (x, y, z) are drawn uniformly in ``[-theta, theta)`` with torch's generator
    (float32, as the reference) and :func:`rotation_matrix` is applied to every joint of every
    person in every frame (:func:`rotate`); all-zero (absent) joints stay zero.

    Required keys: keypoint ``(M, T, V, 3)``.

    Modified keys: keypoint (same shape, float32).

    Args:
        theta (float): Largest angle in radians. Defaults to 0.3.
    """

    repr_fields = ('theta',)

    def __init__(self, theta: float = 0.3) -> None:
        self.theta = theta

    def transform(self, results: Dict) -> Dict:
        keypoint = _keypoint(results, 'MAMPRandomRotation', channels=3)
        angles = torch.zeros(3).uniform_(-self.theta, self.theta).numpy()
        results['keypoint'] = rotate(keypoint, rotation_matrix(angles))
        return results

