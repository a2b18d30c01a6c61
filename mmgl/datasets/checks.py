"""Checks on pyskl annotations: the one implementation behind the transforms, the dataset
and ``tools/data/validate_ann.py``.

Every check returns problems as short sentences instead of raising, so the validator can
report all of them at once while the pipeline raises on the first sample that has any.
"""
from collections import Counter
from numbers import Integral
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from .layouts import LAYOUTS, Layout, get_layout, layout_from_spec

__all__ = [
    'PLAUSIBLE_MAX_ABS', 'plausible_limit', 'unit_warnings', 'normalize_label', 'count_valid_frames', 'keypoint_problems', 'sample_problems', 'annotation_problems',
    'sample_name'
]


# Largest plausible |coordinate| by channel count, in the unit of docs/data.md: 3D data is in
# metres (a Kinect sees up to ~8 m; 1e4 m still admits millimetre data, which
# :func:`unit_warnings` flags), 2D data in image pixels. Beyond these, float32 arithmetic in
# the normalisation and the loss overflows long before a human could be that far away.
PLAUSIBLE_MAX_ABS = {3: 1e4, 2: 1e6}
_UNIT = {3: '3D metres', 2: '2D pixels'}


def plausible_limit(layout: Union[str, Layout, None], num_channels: int) -> float:
    """Largest plausible ``|coordinate|``: the layout's ``max_abs`` when it sets one, else
    :data:`PLAUSIBLE_MAX_ABS` for ``num_channels`` (1e4 for anything but 2D)."""
    if layout is not None:
        layout = get_layout(layout)
        if layout.max_abs is not None:
            return float(layout.max_abs)
    return PLAUSIBLE_MAX_ABS.get(num_channels, PLAUSIBLE_MAX_ABS[3])


def _range_problem(keypoint: np.ndarray, layout: Union[str, Layout, None]) -> Optional[str]:
    num_channels = keypoint.shape[-1]
    limit = plausible_limit(layout, num_channels)
    magnitude = np.abs(keypoint)
    if not magnitude.max() > limit:
        return None
    m, t, v, _ = np.unravel_index(int(magnitude.argmax()), keypoint.shape)
    unit = _UNIT.get(num_channels, 'coordinates') if layout is None or \
        get_layout(layout).max_abs is None else f'layout {get_layout(layout).name!r}'
    return (f'coordinates too large: |x| reaches {float(magnitude.max()):.0e} (person {m}, '
            f'frame {t}, joint {v}), outside the plausible range |x| <= {limit:.0e} of {unit}')


def normalize_label(label: Any, integral_floats: bool = False) -> int:
    """``label`` as a Python ``int``, or ``ValueError`` saying why it is not a class index.

    Accepted: ``int`` (not ``bool``), numpy integer scalars (``np.int64(3)``) and integer
    arrays holding one value (``np.array([3])``, which mmaction accepts); with
    ``integral_floats`` also floats with an integral value (``2.0`` from a float array).
    """
    value = label
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item() if value.dtype.kind in 'iuf' else value
    elif isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (Integral, float)):
        raise ValueError(f'label {label!r} is not an integer')
    if isinstance(value, float):
        if not (integral_floats and value.is_integer()):
            raise ValueError(f'label {label!r} is not an integer')
        value = int(value)
    return int(value)


def unit_warnings(annotations: Sequence[Any], max_samples: int = 200) -> List[str]:
    """Common unit and axis mistakes of 3D data, as warnings (empty when none is seen).

    mmgl expects metres with y up (docs/data.md). From person 0's valid frames of up to
    ``max_samples`` evenly spaced samples, the median per-axis extent of the body (max -
    min over the joints) is compared with a human's: a body more than 10 units tall looks
    like millimetres or centimetres, one under 0.05 like normalised units, and a body whose
    longest extent is along x or z (1.5 times its y extent or more) looks x- or z-up.
    """
    arrays = [a.get('keypoint') for a in annotations if isinstance(a, dict)]
    arrays = [k for k in arrays if isinstance(k, np.ndarray) and k.ndim == 4
              and k.shape[-1] == 3 and k.shape[0] and k.shape[1] and np.isfinite(k).all()]
    if not arrays:
        return []
    step = max(1, len(arrays) // max_samples)
    extents = []
    for keypoint in arrays[::step]:
        person = keypoint[0, keypoint[0, :, 0].any(axis=-1)]  # valid frames (T', V, 3)
        if len(person):
            extents.append(np.median(person.max(axis=1) - person.min(axis=1), axis=0))
    if not extents:
        return []
    extent = np.median(np.stack(extents), axis=0)  # (3,) x, y, z
    size = float(extent.max())
    warnings = []
    if size > 10:
        warnings.append(f'bodies are about {size:.0f} units tall: the data looks like '
                        'millimetres (or centimetres); mmgl expects metres (divide by 1000 '
                        'or 100)')
    elif 0 < size < 0.05:
        warnings.append(f'bodies are about {size:.3g} units tall: mmgl expects metres')
    longest = int(extent.argmax())
    if longest != 1 and extent[longest] >= 1.5 * extent[1]:
        axis = 'xyz'[longest]
        warnings.append(f'bodies are longest along {axis} ({extent[longest]:.3g}) rather than y '
                        f'({extent[1]:.3g}): the data looks {axis}-up; mmgl expects y up '
                        '(swap the axes)')
    return warnings


def count_valid_frames(keypoint: np.ndarray, max_frames: Optional[int] = None) -> int:
    """Frames (anywhere, within the first ``max_frames``) where person 0's joint 0 is non-zero.

    This is the reference's valid length: a gap in the middle shortens it.
    """
    head = keypoint[0, :max_frames, 0]
    return int(np.count_nonzero(head.any(axis=-1)))


def keypoint_problems(keypoint: Any,
                      layout: Union[str, Layout, None] = None,
                      max_frames: Optional[int] = None,
                      num_person: Optional[int] = None) -> List[str]:
    """Problems of a ``keypoint`` array ``(M, T, V, C)``; empty when it is usable.

    Args:
        keypoint: The array to check.
        layout (str | Layout, optional): Check ``V`` and ``C`` against this layout.
        max_frames (int, optional): Count valid frames only within the first ``max_frames``
            (what the GL preprocessing sees).
        num_person (int, optional): Report more persons than this.
    """
    if not isinstance(keypoint, np.ndarray) or not np.issubdtype(keypoint.dtype, np.number):
        kind = getattr(keypoint, 'dtype', type(keypoint).__name__)
        return [f'keypoint is {kind}, expected a float array (M, T, V, C)']
    if keypoint.ndim != 4:
        return [f'keypoint has shape {keypoint.shape}, expected 4 axes (M, T, V, C)']
    num_persons, num_frames, num_joints, num_channels = keypoint.shape
    if num_persons == 0 or num_frames == 0:
        return [f'keypoint has shape {keypoint.shape}: no persons or no frames']
    problems = []
    if layout is not None:
        layout = get_layout(layout)
        if num_joints != layout.num_joints:
            problems.append(f'keypoint has {num_joints} joints, layout {layout.name!r} has '
                            f'{layout.num_joints}')
        if num_channels != layout.num_channels:
            problems.append(f'keypoint has {num_channels} channels, layout {layout.name!r} '
                            f'expects {layout.num_channels}')
    finite = np.isfinite(keypoint)
    out_of_range = _range_problem(keypoint, layout) if finite.all() else None
    if not finite.all():
        nan = int(np.isnan(keypoint).sum())
        inf = int(keypoint.size - finite.sum()) - nan
        problems.append(f'keypoint has {nan} NaN and {inf} inf values')
    elif out_of_range:
        problems.append(out_of_range)
    elif count_valid_frames(keypoint, max_frames) == 0:
        within = f' of the first {max_frames}' if max_frames else ''
        problems.append(f'zero valid frames: person 0 joint 0 is zero in every frame{within}')
    if num_person is not None and num_persons > num_person:
        problems.append(f'{num_persons} persons, more than num_person={num_person}')
    return problems


def sample_problems(sample: Any,
                    layout: Union[str, Layout, None] = None,
                    num_classes: Optional[int] = None,
                    num_person: Optional[int] = None,
                    max_frames: Optional[int] = None) -> List[str]:
    """Problems of one annotation dict (``frame_dir``, ``label``, ``total_frames``, ``keypoint``).

    ``total_frames`` is optional but must equal ``keypoint.shape[1]`` when present.
    """
    if not isinstance(sample, dict):
        return [f'annotation is {type(sample).__name__}, expected a dict']
    missing = [k for k in ('frame_dir', 'keypoint', 'label') if k not in sample]
    if missing:
        return [f'missing key(s) {", ".join(missing)}']
    problems = keypoint_problems(sample['keypoint'], layout, max_frames, num_person)
    keypoint = sample['keypoint']
    shape_ok = isinstance(keypoint, np.ndarray) and keypoint.ndim == 4
    total = sample.get('total_frames')
    if total is not None and (isinstance(total, bool) or not isinstance(total, Integral)):
        problems.append(f'total_frames={total!r} is a {type(total).__name__}, expected an int')
    elif total is not None and shape_ok and total != keypoint.shape[1]:
        problems.append(f'total_frames={total} but keypoint has {keypoint.shape[1]} frames')
    score = sample.get('keypoint_score')
    if score is not None and shape_ok and np.shape(score) != keypoint.shape[:3]:
        problems.append(f'keypoint_score has shape {np.shape(score)}, expected '
                        f'{keypoint.shape[:3]}')
    try:
        label = normalize_label(sample['label'])
    except ValueError as err:
        problems.append(str(err))
        return problems
    if label < 0 or (num_classes is not None and label >= num_classes):
        bound = f'[0, {num_classes})' if num_classes is not None else '>= 0'
        problems.append(f'label {label} out of range {bound}')
    return problems


def sample_name(sample: Any, index: int) -> str:
    """The ``frame_dir`` of a sample, or ``#index`` when it has none."""
    if isinstance(sample, dict) and 'frame_dir' in sample:
        return str(sample['frame_dir'])
    return f'#{index}'


def annotation_problems(data: Any,
                        split: Optional[str] = None,
                        layout: Union[str, Layout, None] = None,
                        num_classes: Optional[int] = None,
                        num_person: Optional[int] = None,
                        max_frames: Optional[int] = None,
                        check_samples: bool = True) -> List[Tuple[str, str]]:
    """Problems of a loaded annotation file, as ``(frame_dir or '<file>', problem)`` pairs.

    Args:
        data: ``{'split': {name: [frame_dir]}, 'annotations': [...]}`` or a plain list of
            annotations (then ``split`` must be None).
        split (str, optional): Check only the samples of this split, and that every name it
            lists exists. None checks every sample and every split.
        layout: As in :func:`sample_problems`. A file that records its layout (``'layout'``,
            written by the converters) is checked against that one; a different ``layout``
            is a single file-level problem.
        layout, num_classes, num_person, max_frames: As in :func:`sample_problems`.
        check_samples (bool): Also check each sample's arrays (False checks structure only).
    """
    if isinstance(data, dict):
        annotations, splits = data.get('annotations'), data.get('split')
        if not isinstance(annotations, list):
            return [('<file>', "no 'annotations' list")]
        recorded = data.get('layout')
        if recorded is not None:
            if recorded not in LAYOUTS and isinstance(data.get('layout_spec'), dict):
                layout_from_spec(data['layout_spec'])  # a converted own layout
            given = None if layout is None else get_layout(layout).name
            if given is not None and given != recorded:
                return [('<file>', f'the file was converted with layout {recorded!r}, not '
                         f"{given!r} (leave --layout / layout= out to use the file's)")]
            layout = recorded
    elif isinstance(data, list):
        annotations, splits = data, None
    else:
        return [('<file>', f'content is {type(data).__name__}, expected a dict or a list')]
    problems: List[Tuple[str, str]] = []
    names = [sample_name(s, i) for i, s in enumerate(annotations)]
    for name, count in Counter(names).items():
        if count > 1:
            problems.append((name, f'frame_dir appears {count} times'))
    selected: Sequence[int] = range(len(annotations))
    if splits is not None and not isinstance(splits, dict):
        return problems + [('<file>', f"'split' is {type(splits).__name__}, expected a dict")]
    known = set(names)
    if split is not None:
        if splits is None or split not in splits:
            have = ', '.join(sorted(splits)) if splits else 'none'
            return problems + [('<file>', f'no split {split!r} (splits: {have})')]
        wanted = set(splits[split])
        selected = [i for i, n in enumerate(names) if n in wanted]
        checked_splits: Dict[str, Any] = {split: splits[split]}
    else:
        checked_splits = splits or {}
    for split_name, members in checked_splits.items():
        for name in members:
            if name not in known:
                problems.append((str(name), f'listed in split {split_name!r} but has no '
                                 'annotation'))
    if check_samples:
        for i in selected:
            for problem in sample_problems(annotations[i], layout, num_classes, num_person,
                                           max_frames):
                problems.append((names[i], problem))
    return problems
