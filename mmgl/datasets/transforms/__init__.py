"""GL transforms, registered into mmaction's ``TRANSFORMS`` (pipeline order below)."""
from .gl_augment import GLResample, GLShear, GLTemporalInterpolate, resize_time
from .gl_formatting import GLFormatInput
from .gl_prenormalize import GLPreNormalize, relative_to_center, select_persons, view_normalize

__all__ = [
    'GLPreNormalize', 'GLTemporalInterpolate', 'GLShear', 'GLResample', 'GLFormatInput',
    'resize_time', 'relative_to_center', 'view_normalize', 'select_persons'
]
