"""NTU RGB+D 60 / 120: raw ``.skeleton`` files -> pyskl annotations.

File format (text, one value group per line): the frame count; per frame the body count;
per body a line of 10 fields (body ID first), the joint count, then one line of 12 fields per
joint of which the first three are x, y, z in metres (Kinect v2 camera space, y up).

Body selection follows the reference:

* ``ntu60``: every frame keeps its first two bodies in file order (by position in the
  frame's list; identities are not tracked).
* ``ntu120``: the first four bodies of every frame fill four slots by position; the two slots
  with the largest spread (std over the non-empty frames of x, plus that of y, plus that of
  z) are kept, larger spread first (ties keep slot order).

Then leading frames are dropped while person 0's joint 0 has ``x == 0`` (only when frame 0
has it). Absent second persons are not stored, so ``keypoint`` is ``(M, T, 25, 3)`` with
``M`` 1 or 2, as in the published pyskl files. ``convert_ntu(body_selection='mamp')`` selects
bodies as MAMP does instead (:mod:`~mmgl.datasets.converters.ntu_mamp`).
"""
import os
import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import DataError
from .common import NameGuard, converted_problem

__all__ = [
    'NTU60_XSUB_TRAIN', 'NTU120_XSUB_TRAIN', 'parse_ntu_name', 'read_skeleton_file',
    'read_ntu_xyz', 'drop_leading_empty', 'load_ntu_sample', 'ntu_splits', 'read_name_list',
    'convert_ntu'
]

NTU60_XSUB_TRAIN = frozenset(
    (1, 2, 4, 5, 8, 9, 13, 14, 15, 16, 17, 18, 19, 25, 27, 28, 31, 34, 35, 38))
NTU120_XSUB_TRAIN = NTU60_XSUB_TRAIN | frozenset(
    (45, 46, 47, 49, 50, 52, 53, 54, 55, 56, 57, 58, 59, 70, 74, 78, 80, 81, 82, 83, 84, 85,
     86, 89, 91, 92, 93, 94, 95, 97, 98, 100, 103))
NTU60_XVIEW_TRAIN_CAMERAS = frozenset((2, 3))
NTU60_MAX_SETUP, NTU60_MAX_ACTION = 17, 60

_NAME = re.compile(r'^S(\d{3})C(\d{3})P(\d{3})R(\d{3})A(\d{3})$')
_NUM_JOINTS = 25


def parse_ntu_name(stem: str) -> Dict[str, int]:
    """Split ``SsssCcccPpppRrrrAaaa`` into setup, camera, performer, replication, action.

    Raises:
        DataError: the name does not follow the NTU pattern.
    """
    match = _NAME.match(stem)
    if match is None:
        raise DataError(stem, 'not an NTU sample name (expected SsssCcccPpppRrrrAaaa)')
    keys = ('setup', 'camera', 'performer', 'replication', 'action')
    return dict(zip(keys, map(int, match.groups())))


def read_skeleton_file(path: os.PathLike) -> List[List[Tuple[str, np.ndarray]]]:
    """Parse a ``.skeleton`` file.

    Returns:
        list: one list per frame of ``(body_id, xyz)`` in file order, ``xyz`` float64
        ``(num_joints, 3)`` parsed from the decimal text.

    Raises:
        DataError: the file is empty, truncated or malformed (the message gives the line).
    """
    path = Path(path)
    lines = path.read_text().split('\n')
    pos = 0

    def take(what: str) -> str:
        nonlocal pos
        while pos < len(lines) and not lines[pos].strip():
            pos += 1  # tolerate blank lines (trailing newline, CRLF leftovers)
        if pos >= len(lines):
            raise DataError(str(path), f'truncated: expected {what} after line {pos}')
        pos += 1
        return lines[pos - 1]

    def take_int(what: str) -> int:
        text = take(what).split()
        try:
            value = int(text[0])
        except (IndexError, ValueError):
            raise DataError(str(path), f'line {pos}: expected {what}, got {" ".join(text)!r}')
        if value < 0:
            raise DataError(str(path), f'line {pos}: negative {what} ({value})')
        return value

    if not any(line.strip() for line in lines):
        raise DataError(str(path), 'empty file')
    frames = []
    for t in range(take_int('the frame count')):
        bodies = []
        for _ in range(take_int(f'the body count of frame {t}')):
            body_id = take(f'a body line in frame {t}').split()[0]
            num_joints = take_int(f'the joint count in frame {t}')
            if num_joints > len(lines) - pos:  # one line per joint: refuse before allocating
                raise DataError(str(path), f'truncated: line {pos} announces {num_joints} '
                                f'joints, {len(lines) - pos} lines follow')
            xyz = np.empty((num_joints, 3))
            for j in range(num_joints):
                fields = take(f'joint {j} of frame {t}').split()
                try:
                    xyz[j] = [float(v) for v in fields[:3]]
                except ValueError:
                    raise DataError(str(path), f'line {pos}: bad joint line {fields!r}')
                if len(fields) < 3:
                    raise DataError(str(path), f'line {pos}: joint line has {len(fields)} fields')
            bodies.append((body_id, xyz))
        frames.append(bodies)
    return frames


def _spread(body: np.ndarray) -> float:
    """Sum over x, y, z of the std over the non-empty frames; ``body`` is ``(T, V, 3)``."""
    present = body.sum(axis=(1, 2)) != 0
    if not present.any():
        return 0.0
    kept = body[present]
    return float(sum(kept[..., c].std() for c in range(3)))


def read_ntu_xyz(path: os.PathLike, reader: str = 'ntu60', num_person: int = 2) -> np.ndarray:
    """Read a ``.skeleton`` file into ``(num_person, T, 25, 3)`` float64 (body selection above).

    ``T`` is the header frame count; frames and persons without a body are zero.
    """
    if reader not in ('ntu60', 'ntu120'):
        raise ValueError(f"reader must be 'ntu60' or 'ntu120', got {reader!r}")
    frames = read_skeleton_file(path)
    slots = num_person if reader == 'ntu60' else max(4, num_person)
    data = np.zeros((slots, len(frames), _NUM_JOINTS, 3))
    for t, bodies in enumerate(frames):
        for m, (_, xyz) in enumerate(bodies[:slots]):
            if xyz.shape[0] != _NUM_JOINTS:
                raise DataError(str(path), f'frame {t}: body with {xyz.shape[0]} joints, '
                                f'expected {_NUM_JOINTS}')
            data[m, t] = xyz
    if reader == 'ntu120':
        spread = np.array([_spread(body) for body in data])
        data = data[np.argsort(-spread, kind='stable')[:num_person]]
    return data


def drop_leading_empty(xyz: np.ndarray, where: str = '') -> np.ndarray:
    """Drop leading frames while person 0's joint 0 has ``x == 0`` (``xyz`` is ``(M, T, V, C)``).

    Raises:
        DataError: no frame has person 0's joint 0 (nothing would be left).
    """
    present = np.flatnonzero(xyz[0, :, 0, 0] != 0)
    if present.size == 0:
        raise DataError(where, 'person 0 never appears (joint 0 is zero in every frame)')
    return xyz[:, present[0]:]


def load_ntu_sample(path: os.PathLike, reader: str = 'ntu60') -> np.ndarray:
    """Read one file into the stored ``keypoint``: float32 ``(M, T, 25, 3)``, M in {1, 2}.

    Leading empty frames are dropped; an absent second person is not stored.
    """
    xyz = drop_leading_empty(read_ntu_xyz(path, reader), where=str(path))
    keypoint = xyz.astype(np.float32)
    if keypoint.shape[0] > 1 and not keypoint[1:].any():
        keypoint = keypoint[:1]
    return keypoint


def ntu_splits(names: Iterable[str], dataset: str) -> Dict[str, List[str]]:
    """The official benchmark splits: ``xsub``/``xview`` (ntu60) or ``xsub``/``xset`` (ntu120)."""
    split = ({'xsub_train': [], 'xsub_val': [], 'xview_train': [], 'xview_val': []}
             if dataset == 'ntu60' else
             {'xsub_train': [], 'xsub_val': [], 'xset_train': [], 'xset_val': []})
    subjects = NTU60_XSUB_TRAIN if dataset == 'ntu60' else NTU120_XSUB_TRAIN
    for name in names:
        info = parse_ntu_name(name)
        split['xsub_train' if info['performer'] in subjects else 'xsub_val'].append(name)
        if dataset == 'ntu60':
            train = info['camera'] in NTU60_XVIEW_TRAIN_CAMERAS
            split['xview_train' if train else 'xview_val'].append(name)
        else:
            split['xset_train' if info['setup'] % 2 == 0 else 'xset_val'].append(name)
    return split


def read_name_list(path: os.PathLike) -> List[str]:
    """Read a sample-name list (one per line; ``#`` comments, blanks and suffixes ignored)."""
    names = []
    for line in Path(path).read_text().splitlines():
        line = line.split('#')[0].strip()
        if line:
            names.append(Path(line).name.split('.')[0])
    return names


def convert_ntu(files: Sequence[os.PathLike],
                dataset: str = 'ntu60',
                missing: Optional[Iterable[str]] = None,
                progress=None,
                body_selection: str = 'gl') -> Tuple[dict, List[Tuple[str, str]]]:
    """Convert ``.skeleton`` files into a pyskl annotation dict.

    Args:
        files (Sequence[PathLike]): The ``.skeleton`` files.
        dataset (str): ``'ntu60'`` (first-two-bodies reader, xsub/xview, S001-S017 and
            A001-A060 only) or ``'ntu120'`` (largest-spread reader, xsub/xset).
        missing (Iterable[str], optional): Names to skip (the official missing-skeleton list).
        progress (callable, optional): Wraps the file iterable (e.g. a progress bar).
        body_selection (str): ``'gl'`` (the reader of ``dataset``, above) or ``'mamp'``
            (bodies followed by ID, noise filters, largest motion first:
            :mod:`~mmgl.datasets.converters.ntu_mamp`). Defaults to ``'gl'``.

    Returns:
        tuple: ``({'split', 'annotations'}, skipped)``; ``skipped`` lists
        ``(name or path, reason)``.
    """
    if dataset not in ('ntu60', 'ntu120'):
        raise ValueError(f"dataset must be 'ntu60' or 'ntu120', got {dataset!r}")
    if body_selection not in ('gl', 'mamp'):
        raise ValueError(f"body_selection must be 'gl' or 'mamp', got {body_selection!r}")
    from .ntu_mamp import load_ntu_sample_mamp  # it imports this module
    missing = set(missing or ())
    annotations, skipped, guard = [], [], NameGuard()
    files = sorted(files, key=lambda p: Path(p).name)
    for path in (progress(files) if progress else files):
        name = Path(path).name.split('.')[0]
        duplicate = guard.duplicate(name, path)
        if duplicate:
            skipped.append((name, duplicate))
            continue
        try:
            info = parse_ntu_name(name)
            if name in missing:
                skipped.append((name, 'listed as missing skeleton'))
                continue
            if dataset == 'ntu60' and (info['setup'] > NTU60_MAX_SETUP
                                       or info['action'] > NTU60_MAX_ACTION):
                skipped.append((name, 'not part of NTU RGB+D 60 (setup > 17 or action > 60)'))
                continue
            keypoint = (load_ntu_sample(path, reader=dataset) if body_selection == 'gl' else
                        load_ntu_sample_mamp(path))
        except DataError as err:
            skipped.append((err.where, err.problem))
            continue
        problem = converted_problem(keypoint)
        if problem:
            skipped.append((name, problem))
            continue
        annotations.append(dict(frame_dir=name, label=info['action'] - 1,
                                total_frames=keypoint.shape[1], keypoint=keypoint))
    split = ntu_splits([a['frame_dir'] for a in annotations], dataset)
    return dict(split=split, annotations=annotations, layout='nturgb+d'), skipped
