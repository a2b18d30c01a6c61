"""Padding the valid frames into the fixed-size backbone input."""
from typing import Dict, Optional

import numpy as np
from mmaction.registry import TRANSFORMS

from .base import SkeletonTransform
from ..errors import DataError

__all__ = ['GLFormatInput']


@TRANSFORMS.register_module()
class GLFormatInput(SkeletonTransform):
    """Pad ``keypoint (M, L, V, C)`` to ``(1, M, max_frames, V, C)``; keep ``valid_len``.

    Frames ``>= valid_len`` hold ``pad_value``. Nothing downstream reads the pad value (the
    model takes ``valid_len``); 99.9 reproduces the reference's arrays in parity tests.
    Sequences longer than ``max_frames`` are cut to their first ``max_frames`` frames.

    Required keys: keypoint ``(M, L, V, C)``, valid_len (int, ``L``).

    Modified keys: keypoint ``(1, M, max_frames, V, C)`` float32 (the leading 1 is
    mmaction's clip axis), valid_len ``min(L, max_frames)``.

    Args:
        max_frames (int, optional): Output frame count; None keeps the ``valid_len`` frames
            as they are (inputs already of a fixed length, e.g. after ``MAMPCropResize``).
            Defaults to 300.
        pad_value (float): Value of the padded frames. Defaults to 0.0.
    """

    repr_fields = ('max_frames', 'pad_value')

    #: filled in by ``GLPoseDataset`` when a pipeline config leaves it out
    dataset_fields = ('max_frames', )

    def __init__(self, max_frames: Optional[int] = 300, pad_value: float = 0.0) -> None:
        self.max_frames = max_frames
        self.pad_value = pad_value

    def transform(self, results: Dict) -> Dict:
        keypoint = results['keypoint']
        valid_len = results.get('valid_len')
        if keypoint.ndim != 4 or valid_len != keypoint.shape[1]:
            raise DataError(str(results.get('frame_dir', '<sample>')),
                            f'GLFormatInput expects keypoint (M, valid_len, V, C), got shape '
                            f'{keypoint.shape} with valid_len={valid_len}: put GLPreNormalize '
                            'first')
        max_frames = valid_len if self.max_frames is None else self.max_frames
        valid_len = min(valid_len, max_frames)
        out = np.full((1, keypoint.shape[0], max_frames) + keypoint.shape[2:],
                      self.pad_value, dtype=np.float32)
        out[0, :, :valid_len] = keypoint[:, :valid_len]
        results['keypoint'] = out
        results['valid_len'] = valid_len
        return results

