"""What mmgl's transforms share: mmcv's ``BaseTransform`` with a repr of its arguments."""
from typing import Tuple

from mmcv.transforms import BaseTransform


class SkeletonTransform(BaseTransform):
    """``BaseTransform`` whose repr lists the arguments named in ``repr_fields`` (a joint
    layout by its name): ``GLShear(amplitude=0.3, layout=None, global_token=True)``."""

    repr_fields: Tuple[str, ...] = ()

    def __repr__(self) -> str:
        def show(value) -> str:
            return repr(value.name if hasattr(value, 'joint_names') else value)
        args = ', '.join(f'{name}={show(getattr(self, name))}' for name in self.repr_fields)
        return f'{type(self).__name__}({args})'
