"""Joint layouts as data: joint count, centre joint, shoulder pair and skeleton tree.

Every transform and tool takes a layout *name* and looks it up here, so the indices that
the GL method depends on (the centre joint that carries the global-translation token and
the shoulder pair used for view normalisation) live in one place. Names follow mmaction2
where it has one (``nturgb+d``, ``coco``).

Example:
    >>> from mmgl.datasets.layouts import get_layout
    >>> ntu = get_layout('nturgb+d')
    >>> ntu.num_joints, ntu.center, ntu.shoulders
    (25, 20, (4, 8))
"""
from dataclasses import dataclass
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__all__ = ['Layout', 'LAYOUTS', 'get_layout', 'register_layout', 'layout_from_spec',
           'load_layout_file', 'BUILTIN_LAYOUTS', 'layout_spec']


@dataclass(frozen=True)
class Layout:
    """A skeleton layout.

    Args:
        name (str): Registry-style name, e.g. ``'nturgb+d'``.
        joint_names (tuple[str]): One name per joint, 0-based in storage order.
        center (int): The joint whose slot carries the global-translation token and
            that every other joint is made relative to.
        shoulders (tuple[int, int]): ``(left, right)`` shoulder joints; view normalisation
            rotates ``right - left`` onto the x axis.
        parents (tuple[int]): Parent of every joint in the skeleton tree (-1 for the root).
        num_channels (int): 3 for xyz (metres, y up), 2 for image coordinates.
        max_abs (float, optional): Largest plausible ``|coordinate|`` in the layout's unit;
            None uses the default of :data:`mmgl.datasets.checks.PLAUSIBLE_MAX_ABS`.
        edges (tuple[tuple[int, int]]): Graph edges for graph models such as ST-GCN when
            they differ from the tree (``()``: the tree's ``bones``).
    """

    name: str
    joint_names: Tuple[str, ...]
    center: int
    shoulders: Tuple[int, int]
    parents: Tuple[int, ...]
    num_channels: int = 3
    max_abs: Optional[float] = None
    edges: Tuple[Tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        n = len(self.joint_names)
        if len(self.parents) != n:
            raise ValueError(f'layout {self.name!r}: {len(self.parents)} parents for {n} joints')
        for j in (self.center, *self.shoulders):
            if not 0 <= j < n:
                raise ValueError(f'layout {self.name!r}: joint index {j} outside [0, {n})')

    @property
    def num_joints(self) -> int:
        """Number of joints ``V``."""
        return len(self.joint_names)

    @property
    def bones(self) -> Tuple[Tuple[int, int], ...]:
        """``(child, parent)`` pairs, one per non-root joint."""
        return tuple((j, p) for j, p in enumerate(self.parents) if p >= 0)


_NTU_NAMES = (
    'spine_base', 'spine_mid', 'neck', 'head',
    'left_shoulder', 'left_elbow', 'left_wrist', 'left_hand',
    'right_shoulder', 'right_elbow', 'right_wrist', 'right_hand',
    'left_hip', 'left_knee', 'left_ankle', 'left_foot',
    'right_hip', 'right_knee', 'right_ankle', 'right_foot',
    'spine_shoulder', 'left_hand_tip', 'left_thumb', 'right_hand_tip', 'right_thumb')
_NTU_PARENTS = (-1, 0, 20, 2, 20, 4, 5, 6, 20, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18, 1,
                7, 7, 11, 11)

# Kinect v1 order as in the NW-UCLA JSON release (1-based in the dataset's documentation).
_UCLA_NAMES = (
    'hip_center', 'spine', 'shoulder_center', 'head',
    'left_shoulder', 'left_elbow', 'left_wrist', 'left_hand',
    'right_shoulder', 'right_elbow', 'right_wrist', 'right_hand',
    'left_hip', 'left_knee', 'left_ankle', 'left_foot',
    'right_hip', 'right_knee', 'right_ankle', 'right_foot')
_UCLA_PARENTS = (-1, 0, 1, 2, 2, 4, 5, 6, 2, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18)

_SBU_NAMES = (
    'head', 'neck', 'torso',
    'left_shoulder', 'left_elbow', 'left_hand',
    'right_shoulder', 'right_elbow', 'right_hand',
    'left_hip', 'left_knee', 'left_foot',
    'right_hip', 'right_knee', 'right_foot')
_SBU_PARENTS = (1, 2, -1, 1, 3, 4, 1, 6, 7, 2, 9, 10, 2, 12, 13)

_COCO_NAMES = (
    'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
    'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
    'left_wrist', 'right_wrist', 'left_hip', 'right_hip',
    'left_knee', 'right_knee', 'left_ankle', 'right_ankle')
_COCO_PARENTS = (-1, 0, 0, 1, 2, 0, 0, 5, 6, 7, 8, 5, 6, 11, 12, 13, 14)

LAYOUTS: Dict[str, Layout] = {
    layout.name: layout for layout in (
        Layout('nturgb+d', _NTU_NAMES, center=20, shoulders=(4, 8), parents=_NTU_PARENTS),
        # The shoulder centre plays the role of NTU's SpineShoulder.
        Layout('nw-ucla', _UCLA_NAMES, center=2, shoulders=(4, 8), parents=_UCLA_PARENTS),
        Layout('sbu', _SBU_NAMES, center=1, shoulders=(3, 6), parents=_SBU_PARENTS),
        # COCO has no joint between the shoulders. The nose is used as the centre because
        # it is a real joint that 2D detectors find most reliably; a synthetic mid-shoulder
        # joint would need an extra slot and break the "V joints in, V tokens out" contract.
        Layout('coco', _COCO_NAMES, center=0, shoulders=(5, 6), parents=_COCO_PARENTS,
               num_channels=2),
    )
}


BUILTIN_LAYOUTS = frozenset(LAYOUTS)


def layout_spec(layout: Union[str, Layout]) -> dict:
    """A plain-dict description of ``layout`` that :func:`layout_from_spec` rebuilds (what
    converters store in the annotation file for layouts that are not built in)."""
    layout = get_layout(layout)
    spec = dict(name=layout.name, joints=list(layout.joint_names), center=layout.center,
                shoulders=list(layout.shoulders), parents=list(layout.parents),
                num_channels=layout.num_channels, edges=[list(e) for e in layout.edges])
    if layout.max_abs is not None:
        spec['max_abs'] = layout.max_abs
    return spec


def get_layout(name: Union[str, Layout, dict]) -> Layout:
    """Return the layout called ``name`` (a :class:`Layout` is returned as it is, a dict is
    built and registered with :func:`layout_from_spec`, so configs can define layouts).

    Raises:
        KeyError: ``name`` is not a known layout; the message lists the known ones.
    """
    if isinstance(name, Layout):
        return name
    if isinstance(name, dict):
        return layout_from_spec(name)
    try:
        return LAYOUTS[name]
    except KeyError:
        raise KeyError(f'unknown layout {name!r}; known layouts: {", ".join(sorted(LAYOUTS))}'
                       ) from None


def register_layout(layout: Layout) -> Layout:
    """Add ``layout`` to :data:`LAYOUTS` (the same layout twice is fine).

    Raises:
        ValueError: another layout of that name exists.
    """
    known = LAYOUTS.get(layout.name)
    if known is not None and known != layout:
        raise ValueError(f'layout {layout.name!r} exists with other joints; choose another '
                         'name')
    LAYOUTS.setdefault(layout.name, layout)
    return LAYOUTS[layout.name]


def _joint_index(value: Any, names: Sequence[str], what: str, layout: str) -> int:
    if isinstance(value, str):
        if value not in names:
            raise ValueError(f'layout {layout!r}: {what} {value!r} is not one of the joints')
        return list(names).index(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < len(names):
        raise ValueError(f'layout {layout!r}: {what} {value!r} is not a joint name or an '
                         f'index in [0, {len(names)})')
    return value


def layout_from_spec(spec: dict, register: bool = True) -> Layout:
    """Build (and register) a layout from a plain dict, as written in a config or a file.

    Keys: ``name``; ``joints`` (names in storage order); ``center`` and ``shoulders``
    (``[left, right]``), as joint names or indices; ``edges`` (``[[a, b], ...]`` names or
    indices; they must connect every joint; the tree used for ``parents`` is found from
    ``root``, default joint 0) or ``parents``; optional ``num_channels`` (3) and ``max_abs``.

    Raises:
        ValueError: a missing key, an unknown joint, shoulders that are not a pair, edges
            that leave joints unconnected, or a name taken by another layout.
    """
    name = spec.get('name')
    missing = [k for k in ('name', 'joints', 'center', 'shoulders') if k not in spec]
    if missing or not ('edges' in spec or 'parents' in spec):
        raise ValueError(f'layout {name!r}: missing {", ".join(missing or ["edges"])} '
                         '(keys: name, joints, center, shoulders, edges)')
    joints = tuple(str(j) for j in spec['joints'])
    center = _joint_index(spec['center'], joints, 'center', name)
    shoulders = spec['shoulders']
    if not isinstance(shoulders, (list, tuple)) or len(shoulders) != 2:
        raise ValueError(f'layout {name!r}: shoulders must be (left, right), got {shoulders!r}')
    shoulders = tuple(_joint_index(j, joints, 'shoulder', name) for j in shoulders)
    edges = tuple(tuple(_joint_index(j, joints, 'edge joint', name) for j in edge)
                  for edge in spec.get('edges', ()))
    if 'parents' in spec:
        parents = tuple(int(p) for p in spec['parents'])
    else:
        root = _joint_index(spec.get('root', 0), joints, 'root', name)
        neighbours: Dict[int, List[int]] = {j: [] for j in range(len(joints))}
        for a, b in edges:
            neighbours[a].append(b)
            neighbours[b].append(a)
        parent = {root: -1}
        queue = [root]
        while queue:
            j = queue.pop(0)
            for k in neighbours[j]:
                if k not in parent:
                    parent[k] = j
                    queue.append(k)
        loose = [j for j in range(len(joints)) if j not in parent]
        if loose:
            raise ValueError(f'layout {name!r}: edges leave joints '
                             f'{", ".join(map(str, loose))} unconnected')
        parents = tuple(parent[j] for j in range(len(joints)))
    tree = {(j, p) for j, p in enumerate(parents) if p >= 0}
    extra = tuple(e for e in edges if e not in tree and e[::-1] not in tree)
    layout = Layout(str(name), joints, center, shoulders, parents,
                    num_channels=int(spec.get('num_channels', 3)),
                    max_abs=spec.get('max_abs'), edges=edges if extra else ())
    return register_layout(layout) if register else layout


def load_layout_file(path: Union[str, os.PathLike]) -> List[Layout]:
    """Register the layouts of a YAML / JSON file or a Python file; returns them.

    YAML / JSON: one spec (see :func:`layout_from_spec`), a list of them, or
    ``{'layouts': [...]}``. Python: a module-level ``LAYOUTS`` list (or ``LAYOUT``) of specs
    or :class:`Layout` objects.
    """
    path = os.fspath(path)
    if path.endswith('.py'):
        import runpy
        namespace = runpy.run_path(path)
        specs = namespace.get('LAYOUTS', namespace.get('LAYOUT'))
    else:
        import yaml
        with open(path) as f:
            specs = yaml.safe_load(f)
        if isinstance(specs, dict) and 'layouts' in specs:
            specs = specs['layouts']
    if specs is None:
        raise ValueError(f'{path}: no layout (a spec, a list of specs or LAYOUTS = [...])')
    specs = specs if isinstance(specs, (list, tuple)) else [specs]
    return [register_layout(s) if isinstance(s, Layout) else layout_from_spec(s)
            for s in specs]
