"""Skeleton data: layouts, checks, converters, GL transforms and the validating dataset."""
from . import checks, converters, layouts  # noqa: F401
from .errors import DataError
from .layouts import LAYOUTS, Layout, get_layout
from .transforms import *  # noqa: F401,F403

__all__ = ['DataError', 'LAYOUTS', 'Layout', 'get_layout']
from .pose_dataset import GLPoseDataset  # noqa: E402

__all__ += ['GLPoseDataset']
