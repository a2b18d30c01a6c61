"""GL augmentations and resampling, acting on the valid frames ``keypoint (M, L, V, C)``.

Randomness comes from numpy's global generator, which mmengine seeds
(``randomness=dict(seed=...)`` seeds it in the main process and per dataloader worker).
"""
from typing import Dict, Optional, Union

import numpy as np
from mmaction.registry import TRANSFORMS

from .base import SkeletonTransform
from ..errors import DataError
from ..layouts import Layout, get_layout

__all__ = ['resize_time', 'GLTemporalInterpolate', 'GLShear', 'GLResample']


def _valid_frames(results: Dict, name: str) -> np.ndarray:
    """``results['keypoint']`` when it is ``(M, L, V, C)`` with ``L >= 1``, else DataError."""
    keypoint = results['keypoint']
    if keypoint.ndim != 4 or keypoint.shape[1] < 1:
        raise DataError(str(results.get('frame_dir', '<sample>')),
                        f'{name} expects keypoint (M, L, V, C) with L >= 1 valid frames, got '
                        f'shape {keypoint.shape}: put GLPreNormalize first')
    return keypoint


def resize_time(x: np.ndarray, new_len: int) -> np.ndarray:
    """Linear resampling along axis 1 with OpenCV ``INTER_LINEAR`` semantics.

    Half-pixel centres (source position ``(i + 0.5) * L / new_len - 0.5``, clamped to
    ``[0, L - 1]``), no antialiasing when shrinking, weights rounded to float32 as OpenCV
    does; agrees with ``cv2.resize`` to ~1e-6.

    Args:
        x (np.ndarray): ``(M, L, ...)``.
        new_len (int): Output length (>= 1).

    Returns:
        np.ndarray: ``(M, new_len, ...)`` float32.
    """
    length = x.shape[1]
    if new_len < 1:
        raise ValueError(f'new_len must be >= 1, got {new_len}')
    # Position and fraction in float64, only the weight rounded to float32: what OpenCV
    # does (rounding the position first shifts weights by ~1e-5 on long sequences).
    pos = (np.arange(new_len) + 0.5) * (length / new_len) - 0.5
    low = np.floor(pos).astype(np.int64)
    frac = (pos - low).astype(np.float32)
    before = low < 0
    low[before], frac[before] = 0, 0
    after = low >= length - 1
    low[after], frac[after] = length - 1, 0
    high = np.minimum(low + 1, length - 1)
    shape = (1, new_len) + (1, ) * (x.ndim - 2)
    w = frac.reshape(shape)
    x = x.astype(np.float32, copy=False)
    return x[:, low] * (np.float32(1) - w) + x[:, high] * w


@TRANSFORMS.register_module()
class GLTemporalInterpolate(SkeletonTransform):
    """Random speed change of the valid frames (training augmentation).

    With probability ``p_shrink`` the length shrinks, else it stretches:
    ``L' = int(L * (1 -/+ U(0, 1) * ratio))``, at least 1, at most ``max_frames``; the frames
    are resampled linearly (:func:`resize_time`).

    Required keys: keypoint ``(M, L, V, C)``, valid_len.

    Modified keys: keypoint ``(M, L', V, C)`` float32, valid_len ``L'``.

    Args:
        ratio (float): Largest relative length change. Defaults to 0.1.
        p_shrink (float): Probability of shrinking. Defaults to 0.5.
        max_frames (int, optional): Longest output; None leaves the cut to
            :class:`GLFormatInput` (same result). Defaults to None.
    """

    repr_fields = ('ratio', 'p_shrink', 'max_frames')

    def __init__(self,
                 ratio: float = 0.1,
                 p_shrink: float = 0.5,
                 max_frames: Optional[int] = None) -> None:
        self.ratio = ratio
        self.p_shrink = p_shrink
        self.max_frames = max_frames

    def transform(self, results: Dict) -> Dict:
        keypoint = _valid_frames(results, 'GLTemporalInterpolate')
        length = keypoint.shape[1]
        sign = -1 if np.random.rand() < self.p_shrink else 1
        new_len = int(length * (1 + sign * np.random.rand() * self.ratio))
        new_len = max(new_len, 1)
        if self.max_frames is not None:
            new_len = min(new_len, self.max_frames)
        results['keypoint'] = resize_time(keypoint, new_len)
        results['valid_len'] = new_len
        return results



@TRANSFORMS.register_module()
class GLShear(SkeletonTransform):
    """Random shear ``x' = S x`` of every slot but the global-translation token.

    ``S`` has ones on the diagonal and independent ``U(-amplitude, amplitude)`` entries off
    it (six for 3D, two for 2D), one ``S`` per sample.

    Required keys: keypoint ``(M, L, V, C)``, layout (str, written by
    :class:`GLPreNormalize`; only when the ``layout`` argument is None).

    Modified keys: keypoint (same shape, float32).

    Args:
        amplitude (float): Off-diagonal range. Defaults to 0.3.
        layout (str, optional): Layout whose centre slot holds the global token. None takes
            the one :class:`GLPreNormalize` recorded in ``results['layout']``, so a config
            cannot pair the wrong layouts. Defaults to None.
        global_token (bool): Whether the centre slot is a global token (left unchanged);
            False shears it like the other joints. Defaults to True.
    """

    repr_fields = ('amplitude', 'layout', 'global_token')

    def __init__(self,
                 amplitude: float = 0.3,
                 layout: Union[str, Layout, None] = None,
                 global_token: bool = True) -> None:
        self.amplitude = amplitude
        self.layout = None if layout is None else get_layout(layout)
        self.global_token = global_token

    def transform(self, results: Dict) -> Dict:
        keypoint = results['keypoint']
        channels = keypoint.shape[-1]
        shear = np.eye(channels)
        off = ~np.eye(channels, dtype=bool)
        shear[off] = np.random.uniform(-self.amplitude, self.amplitude, off.sum())
        out = (keypoint @ shear.T).astype(np.float32)
        if self.global_token:
            layout = self.layout
            if layout is None:
                if 'layout' not in results:
                    raise KeyError('GLShear(layout=None) needs results["layout"]: put '
                                   'GLPreNormalize before it or pass layout=...')
                layout = get_layout(results['layout'])
            center = layout.center
            out[:, :, center] = keypoint[:, :, center]
        results['keypoint'] = out
        return results



@TRANSFORMS.register_module()
class GLResample(SkeletonTransform):
    """Resample the valid frames to a fixed length (the "resampled input" ablation).

    The reference feeds motion at its natural speed (crop, no resampling); putting this
    after :class:`GLPreNormalize` instead stretches or squeezes every sequence to
    ``num_frames`` frames (linear, :func:`resize_time`).

    Required keys: keypoint ``(M, L, V, C)``.

    Modified keys: keypoint ``(M, num_frames, V, C)`` float32, valid_len ``num_frames``.

    Args:
        num_frames (int): Output length. Defaults to 300.
    """

    repr_fields = ('num_frames',)

    def __init__(self, num_frames: int = 300) -> None:
        self.num_frames = num_frames

    def transform(self, results: Dict) -> Dict:
        keypoint = _valid_frames(results, 'GLResample')
        results['keypoint'] = resize_time(keypoint, self.num_frames)
        results['valid_len'] = self.num_frames
        return results

