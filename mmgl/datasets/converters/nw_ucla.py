"""NW-UCLA Multiview Action3D (per-sequence JSON release) -> pyskl annotations.

Each ``aAA_sSS_eEE_vVV.json`` holds ``file_name``, ``skeletons`` ``[T][20][3]`` (Kinect v1
camera space, metres) and ``label`` 1..10 (stored 0..9). One person per sequence, so
``keypoint`` is ``(1, T, 20, 3)``. Cross-view split: views 1 and 2 -> ``xview_train``,
view 3 -> ``xview_val``.
"""
import json
import os
import re
from pathlib import Path
from typing import Callable, Optional, Sequence, Tuple

import numpy as np

from ..errors import DataError
from .common import NameGuard, Skipped

__all__ = ['NW_UCLA_TRAIN_VIEWS', 'load_nw_ucla_sample', 'convert_nw_ucla']

NW_UCLA_TRAIN_VIEWS = frozenset((1, 2))
NUM_CLASSES, NUM_JOINTS = 10, 20
_NAME = re.compile(r'^a(\d{2})_s(\d{2})_e(\d{2})_v(\d{2})$')


def load_nw_ucla_sample(path: os.PathLike) -> dict:
    """Read one JSON sequence into an annotation dict (with its ``view`` for the split).

    Raises:
        DataError: unreadable JSON, a bad name, an empty or ragged ``skeletons`` array, a
            joint count other than 20, non-finite values or a label outside 1..10.
    """
    path = Path(path)
    try:
        raw = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise DataError(str(path), f'not readable JSON ({err})') from None
    if not isinstance(raw, dict):
        raise DataError(str(path), f'JSON content is a {type(raw).__name__}, expected an object '
                        'with file_name, skeletons and label')
    name = str(raw.get('file_name', path.stem))
    match = _NAME.match(name)
    if match is None:
        raise DataError(str(path), f'file_name {name!r} is not aAA_sSS_eEE_vVV')
    try:
        keypoint = np.asarray(raw['skeletons'], dtype=np.float32)
    except (KeyError, ValueError, TypeError) as err:
        raise DataError(name, f'skeletons missing or ragged ({err})') from None
    if keypoint.ndim != 3 or keypoint.shape[0] == 0 or keypoint.shape[1:] != (NUM_JOINTS, 3):
        raise DataError(name, f'skeletons has shape {keypoint.shape}, expected (T>0, 20, 3)')
    if not np.isfinite(keypoint).all():
        raise DataError(name, 'skeletons holds NaN or inf values')
    label = raw.get('label')
    if not isinstance(label, int) or not 1 <= label <= NUM_CLASSES:
        raise DataError(name, f'label {label!r} outside 1..{NUM_CLASSES}')
    return dict(frame_dir=name, label=label - 1, total_frames=keypoint.shape[0],
                keypoint=keypoint[None], view=int(match.group(4)))


def convert_nw_ucla(files: Sequence[os.PathLike],
                    progress: Optional[Callable] = None) -> Tuple[dict, Skipped]:
    """Convert NW-UCLA JSON files; returns ``({'split', 'annotations'}, skipped)``."""
    annotations, skipped, guard = [], [], NameGuard()
    files = sorted(files, key=lambda p: Path(p).name)
    for path in (progress(files) if progress else files):
        try:
            sample = load_nw_ucla_sample(path)
        except DataError as err:
            skipped.append((err.where, err.problem))
            continue
        duplicate = guard.duplicate(sample['frame_dir'], path)
        if duplicate:
            skipped.append((sample['frame_dir'], duplicate))
            continue
        annotations.append(sample)
    split = {'xview_train': [], 'xview_val': []}
    for sample in annotations:
        view = sample.pop('view')
        split['xview_train' if view in NW_UCLA_TRAIN_VIEWS else 'xview_val'].append(
            sample['frame_dir'])
    return dict(split=split, annotations=annotations, layout='nw-ucla'), skipped
