"""NTU RGB+D body selection of the MAMP reference (Mao et al., ICCV 2023).

MAMP prepares NTU differently from GL (``ntu.py``): bodies are followed by their ID across
frames, noisy bodies are dropped, and person 0 is the body that moves most rather than the
first in the file. The rules, in order:

1. **Reading.** Frames with no body are dropped. Each body ID collects its joints (float32)
   in the order of the frames it appears in; its interval starts at its first kept frame and
   spans as many frames as it has (bodies are assumed present in consecutive frames).
2. **One body ID**: it is person 0. **Two or more**:

   a. bodies present in ``<= 11`` frames are dropped;
   b. while more than one is left, each body (file order) whose share of noisy frames
      (x-range over the 25 joints ``> 0.8`` times the y-range) is ``>= 0.69754`` is dropped;
      a body with fewer noisy frames keeps the smaller of its motion and the motion over its
      clean frames. Motion is the sum over x, y, z of the variance of all its coordinates;
   c. the remaining bodies are sorted by motion, largest first. The first fills person 0;
      each further body goes into person 0 if its interval does not overlap person 0's
      (``min(ends) - max(starts) <= 0``; the interval then grows), else into person 1 under
      the same test against person 1's interval (initially ``[0, 0]``), else it is dropped;
   d. frames where every value of the selected persons sums to exactly 0 are removed.

   If a. and b. leave one body it fills person 0 alone (d. still applies).

The result is not centred (:class:`~mmgl.datasets.transforms.MAMPCenter` does that in the
pipeline, so published pyskl files get the same treatment). ``keypoint`` is
``(M, T, 25, 3)`` float32 with ``M`` 1 or 2 (an absent second person is not stored).
"""
import os
from dataclasses import dataclass
from typing import List, NamedTuple

import numpy as np

from ..errors import DataError
from .ntu import read_skeleton_file

__all__ = [
    'NTUBody', 'NTUBodies', 'read_ntu_bodies', 'body_motion', 'noisy_frames',
    'select_bodies_mamp', 'load_ntu_sample_mamp', 'MIN_BODY_FRAMES', 'SPREAD_RATIO',
    'NOISY_SHARE'
]

MIN_BODY_FRAMES = 12  # bodies in <= 11 frames are dropped
SPREAD_RATIO = 0.8  # a frame is noisy when its x-range exceeds 0.8 times its y-range
NOISY_SHARE = 0.69754  # a body with this share of noisy frames (or more) is dropped
_NUM_JOINTS = 25


@dataclass
class NTUBody:
    """One body ID of a ``.skeleton`` file.

    Args:
        body_id (str): The ID from the file.
        start (int): First frame, in the numbering of the frames that have a body.
        joints (np.ndarray): ``(F, 25, 3)`` float32, one row per frame it appears in.
        motion (float): Sum over x, y, z of the variance of its coordinates (numpy float32,
            ddof 0); set when the file has two or more body IDs.
    """

    body_id: str
    start: int
    joints: np.ndarray
    motion: float = 0.0

    @property
    def num_frames(self) -> int:
        """Frames the body appears in."""
        return self.joints.shape[0]

    @property
    def end(self) -> int:
        """Last frame of its interval (inclusive)."""
        return self.start + self.num_frames - 1


class NTUBodies(NamedTuple):
    """What :func:`read_ntu_bodies` returns."""

    bodies: List[NTUBody]  # in order of first appearance in the file
    num_frames: int  # frames with at least one body
    header_frames: int  # the frame count in the file header


def body_motion(joints: np.ndarray) -> np.float32:
    """Sum over x, y, z of the float32 variance of ``joints`` ``(F, 25, 3)`` over all rows."""
    return np.sum(np.var(np.ascontiguousarray(joints).reshape(-1, 3), axis=0))


def noisy_frames(joints: np.ndarray, ratio: float = SPREAD_RATIO) -> np.ndarray:
    """Frames whose x-range over the joints exceeds ``ratio`` times the y-range.

    Args:
        joints (np.ndarray): ``(F, V, 3)`` float32.
        ratio (float): Spread ratio. Defaults to 0.8.

    Returns:
        np.ndarray: ``(F,)`` bool.
    """
    x, y = joints[..., 0], joints[..., 1]
    x_range = (x.max(axis=1) - x.min(axis=1)).astype(np.float64)
    y_range = (y.max(axis=1) - y.min(axis=1)).astype(np.float64)
    # Ranges in float32, the product and comparison in float64 (the reference's numpy 1.x
    # scalar promotion).
    return x_range > ratio * y_range


def read_ntu_bodies(path: os.PathLike) -> NTUBodies:
    """Read a ``.skeleton`` file into its bodies, followed by ID (rule 1 of the module doc).

    Raises:
        DataError: the file is malformed, a body has other than 25 joints, an ID appears
            twice in one frame, or no frame has a body.
    """
    frames = read_skeleton_file(path)
    rows, starts, kept = {}, {}, 0
    for t, bodies in enumerate(frames):
        if not bodies:
            continue
        seen = set()
        for body_id, xyz in bodies:
            if xyz.shape[0] != _NUM_JOINTS:
                raise DataError(str(path), f'frame {t}: body with {xyz.shape[0]} joints, '
                                f'expected {_NUM_JOINTS}')
            if body_id in seen:
                raise DataError(str(path), f'frame {t}: body ID {body_id} appears twice')
            seen.add(body_id)
            starts.setdefault(body_id, kept)
            rows.setdefault(body_id, []).append(xyz.astype(np.float32))
        kept += 1
    if kept == 0:
        raise DataError(str(path), 'no frame has a body')
    bodies = [NTUBody(b, starts[b], np.stack(rows[b])) for b in rows]
    if len(bodies) > 1:
        for body in bodies:
            body.motion = body_motion(body.joints)
    return NTUBodies(bodies, kept, len(frames))


def _denoise(bodies: List[NTUBody]) -> List[NTUBody]:
    """Rules 2a-2c up to the sort: the kept bodies, largest motion first."""
    bodies = [b for b in bodies if b.num_frames >= MIN_BODY_FRAMES]
    if len(bodies) <= 1:
        return bodies
    for body in list(bodies):
        if len(bodies) == 1:
            break
        noisy = noisy_frames(body.joints)
        if not noisy.any():
            continue
        if noisy.sum() / float(body.num_frames) >= NOISY_SHARE:
            bodies.remove(body)
        else:
            body.motion = min(body.motion, body_motion(body.joints[~noisy]))
    if len(bodies) == 1:
        return bodies
    return sorted(bodies, key=lambda b: b.motion, reverse=True)  # stable: ties keep file order


def select_bodies_mamp(read: NTUBodies, where: str = '') -> np.ndarray:
    """Select persons 0 and 1 from the bodies of one file (rules 2 of the module doc).

    Args:
        read (NTUBodies): What :func:`read_ntu_bodies` returned.
        where (str): Names the file in errors.

    Returns:
        np.ndarray: ``(M, T, 25, 3)`` float32, ``M`` 1 or 2, ``T`` the kept frames.

    Raises:
        DataError: every body is present in 11 frames or fewer.
    """
    num_frames = read.num_frames
    if len(read.bodies) == 1:
        selected = read.bodies
    else:
        selected = _denoise([NTUBody(b.body_id, b.start, b.joints, b.motion)
                             for b in read.bodies])
        if not selected:
            raise DataError(where, f'every body is present in fewer than {MIN_BODY_FRAMES} '
                            'frames')
    width = _NUM_JOINTS * 3
    # The (T, 75 * M) layout of the reference keeps the float32 frame sums (rule 2d) exact.
    joints = np.zeros((num_frames, width * min(len(selected), 2)), dtype=np.float32)
    first = selected[0]
    joints[first.start:first.end + 1, :width] = first.joints.reshape(-1, width)
    intervals = [[first.start, first.end], [0, 0]]
    for body in selected[1:]:
        for slot, (lo, hi) in enumerate(intervals):
            if min(hi, body.end) - max(lo, body.start) <= 0:
                cols = slice(slot * width, (slot + 1) * width)
                joints[body.start:body.end + 1, cols] = body.joints.reshape(-1, width)
                intervals[slot] = [min(lo, body.start), max(hi, body.end)]
                break
    if len(read.bodies) > 1:
        joints = joints[joints.sum(axis=1) != 0]
        if joints.shape[1] > width and not joints[:, width:].any():
            joints = joints[:, :width]  # person 1 never filled: not stored, as in ntu.py
    num_person = joints.shape[1] // width
    return np.ascontiguousarray(
        joints.reshape(-1, num_person, _NUM_JOINTS, 3).transpose(1, 0, 2, 3))


def load_ntu_sample_mamp(path: os.PathLike) -> np.ndarray:
    """Read one file with MAMP's body selection: ``keypoint`` float32 ``(M, T, 25, 3)``.

    Raises:
        DataError: as :func:`read_ntu_bodies` and :func:`select_bodies_mamp`, or no frame is
            left after removing the empty ones.
    """
    keypoint = select_bodies_mamp(read_ntu_bodies(path), where=str(path))
    if keypoint.shape[1] == 0:
        raise DataError(str(path), 'no frame left after removing the empty ones')
    return keypoint
