"""MAMP's centring: one origin for the whole sample (Mao et al., ICCV 2023).

Unlike GL (:class:`GLPreNormalize`: every joint relative to the centre joint, view
normalisation), MAMP translates both persons by the same origin, the spine-middle joint of
person 0 in its first frame, and neither scales nor rotates (rotation is a training
augmentation, :class:`MAMPRandomRotation`).
"""
from typing import Dict, Set, Tuple, Union

import numpy as np
from mmaction.registry import TRANSFORMS

from .base import SkeletonTransform
from ..errors import DataError
from ..layouts import Layout, get_layout
from .gl_prenormalize import checked_keypoint, keep_persons

__all__ = ['MAMP_ORIGIN_JOINTS', 'origin_joint', 'center_on_origin', 'MAMPCenter']

# The joint between the hips and the shoulders in each layout: NTU's SpineMid, Kinect v1's
# spine (NW-UCLA), SBU's torso.
MAMP_ORIGIN_JOINTS: Dict[str, str] = {
    'nturgb+d': 'spine_mid',
    'nw-ucla': 'spine',
    'sbu': 'torso',
}


def origin_joint(layout: Union[str, Layout], joint: Union[int, str, None] = None) -> int:
    """Index of the origin joint: ``joint`` (index or name) or the layout's default.

    Raises:
        KeyError: ``joint`` is None and the layout has no default, or the name is unknown.
        ValueError: the index is outside the layout.
    """
    layout = get_layout(layout)
    if joint is None:
        if layout.name not in MAMP_ORIGIN_JOINTS:
            raise KeyError(f'layout {layout.name!r} has no default origin joint; pass joint= '
                           f'(defaults exist for {", ".join(sorted(MAMP_ORIGIN_JOINTS))})')
        joint = MAMP_ORIGIN_JOINTS[layout.name]
    if isinstance(joint, str):
        if joint not in layout.joint_names:
            raise KeyError(f'layout {layout.name!r} has no joint {joint!r}')
        return layout.joint_names.index(joint)
    if not 0 <= joint < layout.num_joints:
        raise ValueError(f'joint {joint} outside [0, {layout.num_joints}) of layout '
                         f'{layout.name!r}')
    return int(joint)


def center_on_origin(keypoint: np.ndarray, joint: int) -> Tuple[np.ndarray, np.ndarray]:
    """Subtract one origin from every joint of every person.

    The origin is ``joint`` of person 0 in the first frame where person 0 is not all zero.
    With two or more persons, a person's frames whose values sum to exactly 0 stay 0 (absent
    stays absent); a single person is translated in every frame. Both as in the reference.

    Args:
        keypoint (np.ndarray): ``(M, T, V, C)``, cast to float32.
        joint (int): Origin joint index.

    Returns:
        tuple: centred ``(M, T, V, C)`` float32 and the origin ``(C,)`` float32.

    Raises:
        ValueError: person 0 is zero in every frame.
    """
    x = np.ascontiguousarray(keypoint, dtype=np.float32)
    num_person, num_frames = x.shape[:2]
    present = np.flatnonzero(x[0].reshape(num_frames, -1).any(axis=1))
    if present.size == 0:
        raise ValueError('person 0 is zero in every frame: no origin')
    origin = x[0, present[0], joint].copy()
    out = x - origin
    if num_person > 1:
        absent = x.reshape(num_person, num_frames, -1).sum(axis=-1) == 0  # (M, T)
        out[absent] = 0
    return out, origin


@TRANSFORMS.register_module()
class MAMPCenter(SkeletonTransform):
    """Fit the persons to ``num_person`` slots and centre them on one origin.

    Steps: more than ``num_person`` persons are reduced to those with the largest spread
    (as :class:`GLPreNormalize` does, with a warning naming the sample once); the persons are
    centred on person 0's origin joint at its first present frame (:func:`center_on_origin`);
    missing persons are appended as zeros. Frames are neither cropped nor dropped.

    Required keys:
        - keypoint: ``(M, T, V, C)`` float, pyskl order
        - frame_dir (optional): named in errors and warnings

    Modified keys:
        - keypoint: ``(num_person, T, V, C)`` float32
        - keypoint_score: removed when present (it would no longer match ``keypoint``)

    Added keys:
        - layout (str): the layout name

    Args:
        layout (str): Joint layout name (see :mod:`mmgl.datasets.layouts`).
            Defaults to ``'nturgb+d'``.
        joint (int | str, optional): Origin joint (index or name in the layout). None takes
            :data:`MAMP_ORIGIN_JOINTS` of the layout: ``spine_mid`` (1) for ``nturgb+d``,
            ``spine`` (1) for ``nw-ucla``, ``torso`` (2) for ``sbu``. Defaults to None.
        num_person (int): Person slots in the output. Defaults to 2.

    Raises:
        DataError: NaN/inf values, wrong axes, joints or channels, or person 0 zero in every
            frame; the message names the ``frame_dir``.
    """

    repr_fields = ('layout', 'joint', 'num_person')

    #: filled in by ``GLPoseDataset`` when a pipeline config leaves them out
    dataset_fields = ('layout', 'num_person')

    def __init__(self,
                 layout: str = 'nturgb+d',
                 joint: Union[int, str, None] = None,
                 num_person: int = 2) -> None:
        self.layout = get_layout(layout)
        self.joint = origin_joint(self.layout, joint)
        if num_person < 1:
            raise ValueError(f'num_person must be >= 1, got {num_person}')
        self.num_person = num_person
        self._warned: Set[str] = set()

    def transform(self, results: Dict) -> Dict:
        where, keypoint = checked_keypoint(results, self.layout)
        keypoint = keep_persons(keypoint, self.num_person, where, self._warned)
        try:
            x, _ = center_on_origin(keypoint, self.joint)
        except ValueError as err:
            raise DataError(where, str(err)) from None
        if x.shape[0] < self.num_person:
            pad = np.zeros((self.num_person - x.shape[0], ) + x.shape[1:], dtype=np.float32)
            x = np.concatenate([x, pad])
        results['keypoint'] = x
        results['layout'] = self.layout.name
        results.pop('keypoint_score', None)
        return results

