"""SBU Kinect Interaction -> pyskl annotations.

Layout on disk: ``sXXsYY/CC/RRR/skeleton_pos.txt`` (subject pair, class 01-08, repetition);
one CSV line per frame: the frame index, then 2 persons x 15 joints x (x, y, z), normalised
(x, y in [0, 1] of the image, y pointing down; z scaled depth). ``keypoint`` is
``(2, T, 15, 3)``, labels 01-08 -> 0-7, ``frame_dir`` ``sXXsYY_CC_RRR``.

Units: ``metres`` (default) undoes the normalisation with the formula of the dataset's
README (``X = 1280 - 2560 x``, ``Y = 960 - 1920 y``, ``Z = z * 10000 / 7.8125``, in mm),
divided by 1000, so the data is in metres with y up like NTU; MPDP's magnitude classes
(0.01 bins) assume metres. ``normalized`` keeps the file's values.

Splits: the 5-fold subject-pair cross-validation of the SBU protocol (Yun et al., 2012):
``foldK_val`` holds the pairs of fold K, ``foldK_train`` the other four folds.
"""
import os
import re
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import DataError
from .common import Skipped

__all__ = ['SBU_FOLDS', 'sbu_splits', 'load_sbu_sample', 'find_sbu_files', 'convert_sbu']

SBU_FOLDS = (
    ('s01s02', 's03s04', 's05s02', 's06s04'),
    ('s02s03', 's02s07', 's03s05', 's05s03'),
    ('s01s03', 's01s07', 's07s01', 's07s03'),
    ('s02s01', 's02s06', 's03s02', 's03s06'),
    ('s04s02', 's04s03', 's04s06', 's06s02', 's06s03'),
)
NUM_CLASSES, NUM_JOINTS, NUM_PERSON = 8, 15, 2
_DIR = re.compile(r'^(s\d{2}s\d{2})_(\d{2})_(\d{3})$')


def _to_metres(keypoint: np.ndarray) -> np.ndarray:
    out = np.empty_like(keypoint, dtype=np.float64)
    out[..., 0] = 1280 - 2560 * keypoint[..., 0].astype(np.float64)
    out[..., 1] = 960 - 1920 * keypoint[..., 1].astype(np.float64)
    out[..., 2] = keypoint[..., 2].astype(np.float64) * 10000 / 7.8125
    return (out / 1000).astype(np.float32)


def load_sbu_sample(path: os.PathLike, frame_dir: str, units: str = 'metres') -> np.ndarray:
    """Read one ``skeleton_pos.txt`` into ``(2, T, 15, 3)`` float32.

    Raises:
        DataError: empty file, a line without 1 + 90 numbers, or non-finite values.
    """
    if units not in ('metres', 'normalized'):
        raise ValueError(f"units must be 'metres' or 'normalized', got {units!r}")
    rows = []
    for i, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            values = [float(v) for v in line.split(',')]
        except ValueError:
            raise DataError(frame_dir, f'{path} line {i}: not comma-separated numbers'
                            ) from None
        if len(values) != 1 + NUM_PERSON * NUM_JOINTS * 3:
            raise DataError(frame_dir, f'{path} line {i}: {len(values)} values, expected '
                            f'{1 + NUM_PERSON * NUM_JOINTS * 3}')
        rows.append(values[1:])
    if not rows:
        raise DataError(frame_dir, f'{path} has no frames')
    keypoint = np.asarray(rows, dtype=np.float32).reshape(-1, NUM_PERSON, NUM_JOINTS, 3)
    if not np.isfinite(keypoint).all():
        raise DataError(frame_dir, 'NaN or inf coordinates')
    keypoint = np.ascontiguousarray(keypoint.transpose(1, 0, 2, 3))
    return _to_metres(keypoint) if units == 'metres' else keypoint


def find_sbu_files(root: os.PathLike) -> List[Tuple[str, Path]]:
    """``(frame_dir, path)`` of every ``sXXsYY/CC/RRR/skeleton_pos.txt`` under ``root``."""
    found = []
    for path in sorted(Path(root).glob('s*s*/*/*/skeleton_pos.txt')):
        rep, cls, pair = path.parts[-2], path.parts[-3], path.parts[-4]
        found.append((f'{pair}_{cls}_{rep}', path))
    return found


def sbu_splits(names: Sequence[str], folds=SBU_FOLDS) -> Dict[str, List[str]]:
    """``foldK_train`` / ``foldK_val`` (K = 1..5) from the subject pair in each name."""
    split = {}
    for k, fold in enumerate(folds, 1):
        split[f'fold{k}_train'] = [n for n in names if n.split('_')[0] not in fold]
        split[f'fold{k}_val'] = [n for n in names if n.split('_')[0] in fold]
    return split


def convert_sbu(root: os.PathLike,
                units: str = 'metres',
                progress: Optional[Callable] = None) -> Tuple[dict, Skipped]:
    """Convert an SBU folder; returns ``({'split', 'annotations'}, skipped)``."""
    annotations, skipped = [], []
    known_pairs = {p for fold in SBU_FOLDS for p in fold}
    files = find_sbu_files(root)
    for frame_dir, path in (progress(files) if progress else files):
        pair, cls, _ = _DIR.match(frame_dir).groups() if _DIR.match(frame_dir) else (
            None, None, None)
        if pair is None or not 1 <= int(cls) <= NUM_CLASSES:
            skipped.append((frame_dir, f'{path}: not sXXsYY/CC/RRR with class 01-08'))
            continue
        if pair not in known_pairs:
            skipped.append((frame_dir, f'subject pair {pair} is in no SBU fold'))
            continue
        try:
            keypoint = load_sbu_sample(path, frame_dir, units)
        except DataError as err:
            skipped.append((err.where, err.problem))
            continue
        annotations.append(dict(frame_dir=frame_dir, label=int(cls) - 1,
                                total_frames=keypoint.shape[1], keypoint=keypoint))
    names = [a['frame_dir'] for a in annotations]
    return dict(split=sbu_splits(names), annotations=annotations, layout='sbu'), skipped
