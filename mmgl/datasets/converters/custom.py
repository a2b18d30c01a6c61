"""Your own skeletons -> pyskl annotations.

Two sources:

* **mmpose results**, one file per video: the JSON that mmpose's inferencer / demos save
  (a list of ``{'frame_id', 'instances': [{'keypoints': [[x, y(, z)], ...],
  'keypoint_scores': [...]}]}``, or a dict holding that list under ``instance_info``), or a
  pickle of the same. Persons are not tracked across frames: each frame keeps its
  ``num_person`` instances with the highest mean keypoint score, in that order (like the
  NTU-60 reader, slot m is "the m-th person of the frame"). Missing frames and persons are
  zero. ``keypoint_score`` is stored alongside.
* **an array file**: ``.npy`` ``(N, M, T, V, C)`` (or other axis orders via ``axes``, e.g.
  ``'NCTVM'`` for ST-GCN style arrays) plus labels, or an ``.npz`` with the array under
  ``keypoint``/``data``/``x`` and optionally ``label``/``y`` and ``frame_dir``/``names``.
  Zero padding at the end of each sequence is trimmed (``total_frames`` = last non-zero
  frame + 1); an all-zero sample is skipped with its reason.
"""
import json
import os
import pickle
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..checks import normalize_label
from ..errors import DataError
from ..layouts import get_layout
from .common import NameGuard, Skipped, converted_problem, record_layout

__all__ = ['read_label_file', 'load_mmpose_result', 'convert_mmpose', 'load_array_file',
           'load_array_splits', 'convert_arrays', 'assign_splits', 'NPZ_KEYS']

# What an .npz may hold (the first key found of each row is used).
NPZ_KEYS = (
    ('keypoint / data / x', 'the skeletons, (N, M, T, V, C) or the order given by --axes'),
    ('label / labels / y', '(N,) integer class indices (or pass --labels)'),
    ('frame_dir / names', '(N,) sample names (default: <file stem>_000000, ...)'),
    ('split', '(N,) split name of each sample, e.g. "train" / "test" (default: one split)'),
)


def read_label_file(path: os.PathLike) -> Dict[str, int]:
    """``name label`` or ``name,label`` per line (``#`` comments allowed) -> ``{name: label}``."""
    labels = {}
    for i, line in enumerate(Path(path).read_text().splitlines(), 1):
        line = line.split('#')[0].strip()
        if not line:
            continue
        parts = line.replace(',', ' ').split()
        try:
            labels[Path(parts[0]).stem] = int(parts[1])
        except (IndexError, ValueError):
            raise DataError(str(path), f'line {i}: expected "name label", got {line!r}'
                            ) from None
    return labels


def _frames_of(raw, where: str) -> list:
    if isinstance(raw, dict) and 'instance_info' in raw:
        raw = raw['instance_info']
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        raise DataError(where, 'expected a list of {frame_id, instances} (mmpose results)')
    return raw


def _instance_arrays(inst, path: str, context: str) -> Tuple[np.ndarray, np.ndarray]:
    """``keypoints (V, C)`` and ``keypoint_scores (V,)`` of one mmpose instance."""
    if not isinstance(inst, dict) or 'keypoints' not in inst:
        raise DataError(path, f"{context}: no 'keypoints'")
    try:
        kp = np.asarray(inst['keypoints'], dtype=np.float32)
    except (ValueError, TypeError):
        kp = None
    if kp is None or kp.ndim != 2:
        raise DataError(path, f'{context}: keypoints are not a (joints, channels) array')
    try:
        score = np.asarray(inst.get('keypoint_scores', np.ones(len(kp))), np.float32).reshape(-1)
    except (ValueError, TypeError):
        raise DataError(path, f'{context}: keypoint_scores are not numbers') from None
    if len(score) != len(kp):
        raise DataError(path, f'{context}: {len(score)} keypoint_scores for {len(kp)} keypoints')
    return kp, score


def load_mmpose_result(path: os.PathLike, num_person: int = 2) -> Tuple[np.ndarray, np.ndarray]:
    """Read one mmpose result file into ``keypoint (M, T, V, C)`` and ``score (M, T, V)``.

    Raises:
        DataError: naming the file: unreadable, no frames or no instances, a frame without
            an integer ``frame_id``, an instance without ``keypoints`` or with ragged ones,
            a score count other than the joint count, inconsistent joint counts.
    """
    path = Path(path)
    try:
        if path.suffix == '.json':
            raw = json.loads(path.read_text())
        else:
            with open(path, 'rb') as f:
                raw = pickle.load(f)
    except Exception as err:  # any parse failure: report the file, go on with the others
        raise DataError(str(path), f'not readable ({type(err).__name__}: {err})') from None
    frames = _frames_of(raw, str(path))
    if not frames:
        raise DataError(str(path), 'no frames')
    ids = []
    for i, f in enumerate(frames):
        frame_id = f.get('frame_id', i)
        if isinstance(frame_id, bool) or not isinstance(frame_id, (int, np.integer)):
            raise DataError(str(path), f'frame {i}: frame_id {frame_id!r} is not an integer')
        ids.append(int(frame_id))
    if len(set(ids)) != len(ids):
        raise DataError(str(path), 'the same frame_id appears in two frames')
    first = min(ids)
    parsed, shape = [], None
    for frame_id, f in zip(ids, frames):
        instances = f.get('instances', [])
        if not isinstance(instances, list):
            raise DataError(str(path), f'frame {frame_id}: instances is not a list')
        row = [_instance_arrays(inst, str(path), f'frame {frame_id}, instance {k}')
               for k, inst in enumerate(instances)]
        for kp, _ in row:
            if shape is None:
                shape = kp.shape
            elif kp.shape != shape:
                raise DataError(str(path), f'frame {frame_id}: keypoints of shape '
                                f'{kp.shape}, earlier {shape}')
        parsed.append(row)
    if shape is None:
        raise DataError(str(path), 'no person instance in any frame')
    keypoint = np.zeros((num_person, max(ids) - first + 1) + shape, np.float32)
    score = np.zeros(keypoint.shape[:3], np.float32)
    for frame_id, row in zip(ids, parsed):
        order = np.argsort([-s.mean() for _, s in row], kind='stable')[:num_person]
        for m, k in enumerate(order):
            keypoint[m, frame_id - first], score[m, frame_id - first] = row[k]
    used = keypoint.reshape(num_person, -1).any(axis=1) | (np.arange(num_person) == 0)
    return keypoint[used], score[used]


def convert_mmpose(files: Sequence[os.PathLike],
                   labels: Dict[str, int],
                   layout: str = 'coco',
                   num_person: int = 2,
                   split_name: str = 'all',
                   progress: Optional[Callable] = None,
                   joint_order: Optional[Sequence[int]] = None) -> Tuple[dict, Skipped]:
    """Convert mmpose result files (``frame_dir`` = file stem, label from ``labels``).

    ``joint_order[i]`` is the stored joint that becomes the layout's joint ``i``.
    """
    layout = get_layout(layout)
    annotations, skipped, guard = [], [], NameGuard()
    files = sorted(files, key=lambda p: Path(p).name)
    for path in (progress(files) if progress else files):
        name = Path(path).stem
        duplicate = guard.duplicate(name, path)
        if duplicate:
            skipped.append((name, duplicate))
            continue
        if name not in labels:
            skipped.append((name, 'no label in the label file'))
            continue
        try:
            keypoint, score = load_mmpose_result(path, num_person)
        except DataError as err:
            skipped.append((err.where, err.problem))
            continue
        if joint_order is not None:
            if max(joint_order) >= keypoint.shape[2]:
                skipped.append((name, f'joint order names joint {max(joint_order)}, the file '
                                f'has {keypoint.shape[2]} joints'))
                continue
            keypoint, score = keypoint[:, :, joint_order], score[:, :, joint_order]
        if keypoint.shape[2:] != (layout.num_joints, layout.num_channels):
            skipped.append((name, f'{keypoint.shape[2]} joints x {keypoint.shape[3]} channels, '
                            f'layout {layout.name!r} has {layout.num_joints} x '
                            f'{layout.num_channels}'))
            continue
        problem = converted_problem(keypoint, labels[name])
        if problem:
            skipped.append((name, problem))
            continue
        annotations.append(dict(frame_dir=name, label=normalize_label(labels[name]),
                                total_frames=keypoint.shape[1], keypoint=keypoint,
                                keypoint_score=score))
    split = {split_name: [a['frame_dir'] for a in annotations]}
    return record_layout(dict(split=split, annotations=annotations), layout), skipped


def load_array_file(path: os.PathLike,
                    labels: Optional[np.ndarray] = None,
                    axes: str = 'NMTVC') -> Tuple[np.ndarray, np.ndarray, List[str]]:
    """Read ``(N, M, T, V, C)`` keypoints, labels and names from ``.npy`` / ``.npz``.

    Args:
        path: The array file.
        labels (np.ndarray, optional): ``(N,)`` labels; required unless the ``.npz`` has them.
        axes (str): Axis order of the stored array, a permutation of ``'NMTVC'``.
    """
    path = Path(path)
    if sorted(axes) != sorted('NMTVC'):
        raise ValueError(f"axes must be a permutation of 'NMTVC', got {axes!r}")
    names = None
    if path.suffix == '.npz':
        with np.load(path, allow_pickle=False) as arrays:
            key = next((k for k in ('keypoint', 'data', 'x') if k in arrays.files), None)
            if key is None:
                raise DataError(str(path), f'no keypoint/data/x array (has {arrays.files})')
            data = arrays[key]
            for k in ('label', 'labels', 'y'):
                if labels is None and k in arrays.files:
                    labels = arrays[k]
            for k in ('frame_dir', 'names'):
                if k in arrays.files:
                    names = [str(n) for n in arrays[k]]
    else:
        data = np.load(path, allow_pickle=False)
    if data.ndim != 5:
        raise DataError(str(path), f'array has shape {data.shape}, expected 5 axes ({axes})')
    data = data.transpose([axes.index(a) for a in 'NMTVC'])
    if labels is None:
        raise DataError(str(path), 'no labels: pass a label file or store "label" in the npz')
    labels = np.asarray(labels).reshape(-1)
    if len(labels) != len(data):
        raise DataError(str(path), f'{len(labels)} labels for {len(data)} samples')
    if names is None:
        names = [f'{path.stem}_{i:06d}' for i in range(len(data))]
    return data, labels, names


def load_array_splits(path: os.PathLike) -> Optional[List[str]]:
    """The per-sample ``split`` column of an ``.npz`` (None when there is none)."""
    path = Path(path)
    if path.suffix != '.npz':
        return None
    with np.load(path, allow_pickle=False) as arrays:
        if 'split' not in arrays.files:
            return None
        return [str(v) for v in arrays['split'].reshape(-1)]


def assign_splits(names: Sequence[str],
                  column: Optional[Dict[str, str]] = None,
                  subject_pattern: Optional[str] = None,
                  train_subjects: Optional[Sequence[int]] = None,
                  default: str = 'all') -> Dict[str, List[str]]:
    """Split the written sample names: by a per-sample column, by a subject rule, or not.

    Args:
        names (Sequence[str]): The ``frame_dir`` of every written sample, in order.
        column (dict, optional): ``{name: split}`` (the ``.npz`` ``split`` column).
        subject_pattern (str, optional): A regular expression whose first group is the
            subject id in a name (``r'_s(\d+)_'``); samples whose subject is in
            ``train_subjects`` go to ``train``, the others to ``test``.
        train_subjects (Sequence[int], optional): The training subjects of the rule.
        default (str): The one split when neither is given. Defaults to ``'all'``.

    Raises:
        ValueError: both or an incomplete rule given, a name the pattern does not match
            (the first five are listed), a name without a split in the column.
    """
    import re
    if column is not None and subject_pattern is not None:
        raise ValueError('give either an npz split column or --subject-pattern, not both')
    if (subject_pattern is None) != (train_subjects is None):
        raise ValueError('--subject-pattern and --train-subjects go together')
    if column is not None:
        split: Dict[str, List[str]] = {}
        for name in names:
            split.setdefault(column[name], []).append(name)
        return split
    if subject_pattern is None:
        return {default: list(names)}
    pattern, train = re.compile(subject_pattern), {int(s) for s in train_subjects}
    split, unmatched = {'train': [], 'test': []}, []
    for name in names:
        match = pattern.search(name)
        if match is None or not match.groups() or not match.group(1).isdigit():
            unmatched.append(name)
            continue
        split['train' if int(match.group(1)) in train else 'test'].append(name)
    if unmatched:
        listed = '; '.join(f'{n}: name does not match --subject-pattern {subject_pattern!r}'
                           ' with a numeric first group' for n in unmatched[:5])
        more = f' (and {len(unmatched) - 5} more)' if len(unmatched) > 5 else ''
        raise ValueError(listed + more)
    return split


def convert_arrays(data: np.ndarray,
                   labels: np.ndarray,
                   names: Sequence[str],
                   split_name: str = 'all',
                   progress: Optional[Callable] = None,
                   layout: Optional[str] = None) -> Tuple[dict, Skipped]:
    """Turn ``(N, M, T, V, C)`` arrays into annotations (trailing zero frames trimmed);
    ``layout`` is recorded in the result when given."""
    annotations, skipped, guard = [], [], NameGuard()
    indices = list(range(len(data)))
    for i in (progress(indices) if progress else indices):
        duplicate = guard.duplicate(names[i], f'index {i}')
        if duplicate:
            skipped.append((names[i], duplicate))
            continue
        sample = np.asarray(data[i], dtype=np.float32)
        frames = np.flatnonzero(sample.any(axis=(0, 2, 3)))
        if frames.size == 0:
            skipped.append((names[i], 'all-zero sample'))
            continue
        keypoint = sample[:, :frames[-1] + 1]
        persons = keypoint.reshape(keypoint.shape[0], -1).any(axis=1)
        persons[0] = True  # person 0 defines the valid length; keep it even if empty
        keypoint = np.ascontiguousarray(keypoint[persons])
        label = labels[i].item() if isinstance(labels[i], np.generic) else labels[i]
        problem = converted_problem(keypoint, label)
        if problem:
            skipped.append((names[i], problem))
            continue
        annotations.append(dict(frame_dir=names[i],
                                label=normalize_label(label, integral_floats=True),
                                total_frames=keypoint.shape[1], keypoint=keypoint))
    split = {split_name: [a['frame_dir'] for a in annotations]}
    data = dict(split=split, annotations=annotations)
    return (record_layout(data, layout) if layout is not None else data), skipped
