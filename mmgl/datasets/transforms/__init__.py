"""GL and MAMP transforms, registered into mmaction's ``TRANSFORMS`` (pipeline order below)."""
from .gl_augment import GLResample, GLShear, GLTemporalInterpolate, resize_time
from .gl_formatting import GLFormatInput
from .gl_prenormalize import GLPreNormalize, relative_to_center, select_persons, view_normalize
from .mamp_augment import (MAMPCropResize, MAMPRandomRotation, center_crop,
                           count_nonzero_frames, crop_length, crop_ratio, crop_resize, rotate,
                           rotation_matrix)
from .mamp_center import MAMP_ORIGIN_JOINTS, MAMPCenter, center_on_origin, origin_joint

__all__ = [
    'GLPreNormalize', 'GLTemporalInterpolate', 'GLShear', 'GLResample', 'GLFormatInput',
    'resize_time', 'relative_to_center', 'view_normalize', 'select_persons', 'MAMPCenter',
    'MAMPCropResize', 'MAMPRandomRotation', 'MAMP_ORIGIN_JOINTS', 'origin_joint',
    'center_on_origin', 'count_nonzero_frames', 'center_crop', 'crop_ratio', 'crop_length',
    'crop_resize', 'rotation_matrix', 'rotate'
]
