"""GL pre-normalisation: relative coordinates, global-translation token, view normalisation.

Reproduces the reference preprocessing (docs/method.md#11-inputs-and-preprocessing) bit for
bit when ``exact_reference=True``, including its quirks (valid length counted anywhere,
per-frame angle with a sequence-wide sign, the global token rotated too).
"""
from typing import Dict, Optional, Set, Tuple

import numpy as np
from mmengine.logging import print_log
from mmaction.registry import TRANSFORMS

from .base import SkeletonTransform
from ..checks import count_valid_frames, keypoint_problems
from ..errors import DataError
from ..layouts import Layout, get_layout

__all__ = ['GLPreNormalize', 'relative_to_center', 'view_normalize', 'select_persons']

_F32 = np.float32


def relative_to_center(x: np.ndarray, center: int, global_token: bool = True) -> np.ndarray:
    """Every joint minus the centre joint; the centre slot then holds ``c(t) - c(0)``.

    Args:
        x (np.ndarray): ``(M, T, V, C)``.
        center (int): Centre joint index.
        global_token (bool): Write the global translation into the centre slot (else it
            stays zero, its value relative to itself).

    Returns:
        np.ndarray: ``(M, T, V, C)`` in the dtype of ``x`` (float32 for parity).
    """
    centre = x[:, :, center]
    out = x - centre[:, :, None]
    if global_token:
        # A person absent at frame 0 has c(0) = 0 and keeps absolute positions (reference).
        out[:, :, center] = centre - centre[:, :1]
    return out


def view_normalize(rel: np.ndarray, shoulders, exact_reference: bool = True) -> np.ndarray:
    """Rotate every slot of each person and frame about y so the shoulders lie along x.

    ``v(t) = right - left`` shoulder with y zeroed; ``a(t) = arccos(v_x / (|v| + 1e-4))``;
    one sign per person for the whole sequence (negated when ``sum_t v_z >= 0``); then
    ``x' = R(a) x`` with ``R = [[cos, 0, -sin], [0, 1, 0], [sin, 0, cos]]``.

    Args:
        rel (np.ndarray): ``(M, T, V, 3)`` float32 relative coordinates.
        shoulders (tuple[int, int]): ``(left, right)`` joint indices.
        exact_reference (bool): Follow the reference's float32/float64 mix (angle and
            trigonometry in float32 with a round trip through degrees, product in float64),
            which reproduces its output bit for bit. False computes in float64 throughout.

    Returns:
        np.ndarray: ``(M, T, V, 3)`` float32.
    """
    left, right = shoulders
    dtype = _F32 if exact_reference else np.float64
    v = (rel[:, :, right] - rel[:, :, left]).astype(dtype)
    vx, vz = v[..., 0], v[..., 2]
    norm = np.sqrt(vx * vx + vz * vz)
    angle = np.arccos(vx / (norm + dtype(1e-4)))
    if exact_reference:
        # float32 constants: what numpy 1.x value-based casting did in the reference.
        angle = angle * _F32(180 / np.pi)
    sign = np.where(vz.sum(axis=1, dtype=dtype) >= 0, dtype(-1), dtype(1))
    angle = angle * sign[:, None]
    if exact_reference:
        angle = angle * _F32(np.pi) / _F32(180)
    cos = np.cos(angle).astype(np.float64)[..., None]
    sin = np.sin(angle).astype(np.float64)[..., None]
    r = rel.astype(np.float64)
    out = np.empty(rel.shape, dtype=_F32)
    # Products of float32 values are exact in float64, so this equals a float64 matmul.
    out[..., 0] = cos * r[..., 0] - sin * r[..., 2]
    out[..., 1] = rel[..., 1]
    out[..., 2] = sin * r[..., 0] + cos * r[..., 2]
    return out


def _spread(person: np.ndarray) -> float:
    """Sum over channels of the std over frames where the person is present."""
    present = person.any(axis=(1, 2))
    if not present.any():
        return 0.0
    kept = person[present].astype(np.float64)
    return float(kept.reshape(-1, kept.shape[-1]).std(axis=0).sum())


def select_persons(keypoint: np.ndarray, num_person: int) -> np.ndarray:
    """Keep ``num_person`` persons: those with the largest spread, in their original order.

    The spread is the NTU-120 reader's measure (sum over channels of the std over the
    frames where the person is present). Ties keep the earlier person.
    """
    spread = np.array([_spread(p) for p in keypoint])
    keep = np.sort(np.argsort(-spread, kind='stable')[:num_person])
    return keypoint[keep]


def checked_keypoint(results: Dict, layout: Layout,
                     max_frames: Optional[int] = None) -> Tuple[str, np.ndarray]:
    """The sample's name and its ``keypoint``, checked against ``layout`` (and ``max_frames``)
    with :func:`mmgl.datasets.checks.keypoint_problems`.

    Returns:
        tuple: ``where`` (the ``frame_dir``, or a placeholder) and ``keypoint`` as stored.

    Raises:
        DataError: No ``keypoint``, or any problem found; the message names ``where``.
    """
    where = str(results.get('frame_dir', '<sample without frame_dir>'))
    if 'keypoint' not in results:
        raise DataError(where, "no 'keypoint' in the sample")
    keypoint = results['keypoint']
    problems = keypoint_problems(keypoint, layout, max_frames)
    if problems:
        raise DataError(where, '; '.join(problems))
    return where, keypoint


def keep_persons(keypoint: np.ndarray, num_person: int, where: str,
                 warned: Set[str]) -> np.ndarray:
    """:func:`select_persons` when ``keypoint (M, T, V, C)`` has more than ``num_person``
    persons, with a warning logged once per ``where`` (recorded in ``warned``)."""
    num = keypoint.shape[0]
    if num <= num_person:
        return keypoint
    if where not in warned:
        warned.add(where)
        print_log(f'{where}: {num} persons, keeping the {num_person} with the largest spread',
                  logger='current', level=30)
    return select_persons(keypoint, num_person)


@TRANSFORMS.register_module()
class GLPreNormalize(SkeletonTransform):
    """GL-Transformer preprocessing of one skeleton sequence.

    Steps (docs/method.md#11-inputs-and-preprocessing): crop to the first ``max_frames``
    frames; valid length ``L`` =
    frames where person 0's joint 0 is non-zero (counted anywhere, the reference's rule);
    coordinates relative to the layout's centre joint; global-translation token
    ``c(t) - c(0)`` in the centre slot; per-frame view normalisation about y (3D only: 2D
    layouts such as ``coco`` have no depth axis to rotate about, so it is skipped); keep the
    first ``L`` frames.

    Persons: fewer than ``num_person`` are padded with all-zero persons (an absent person);
    more are reduced to the ``num_person`` with the largest spread (kept in their original
    order), and a warning naming the ``frame_dir`` is logged once.

    Required keys:
        - keypoint: ``(M, T, V, C)`` float, pyskl order
        - frame_dir (optional): named in errors and warnings

    Modified keys:
        - keypoint: ``(num_person, L, V, C)`` float32
        - keypoint_score: removed when present (GL does not use it and it would no
          longer match ``keypoint``)

    Added keys:
        - valid_len (int): ``L``
        - layout (str): the layout name, read by :class:`GLShear`

    Args:
        layout (str): Joint layout name (see :mod:`mmgl.datasets.layouts`).
            Defaults to ``'nturgb+d'``.
        max_frames (int): Frames kept before anything else. Defaults to 300.
        num_person (int): Persons in the output. Defaults to 2.
        view_normalize (bool): Rotate each frame so the shoulders lie along x (3D layouts
            only). Defaults to True.
        global_token (bool): Put the global translation into the centre slot; False leaves
            it zero (ablation). Defaults to True.
        exact_reference (bool): Follow the reference's dtype recipe (bit-exact); False
            computes the rotation in float64 (differs by < 1e-6). Defaults to True.

    Raises:
        DataError: NaN/inf values, wrong number of axes, joints or channels, zero valid
            frames, a missing ``keypoint``, or coordinates so large that float32 overflows;
            the message names the ``frame_dir``.
    """

    repr_fields = ('layout', 'max_frames', 'num_person', 'view_normalize', 'global_token', 'exact_reference')

    #: arguments that ``GLPoseDataset`` fills in when a pipeline config leaves them out
    dataset_fields = ('layout', 'num_person', 'max_frames')

    def __init__(self,
                 layout: str = 'nturgb+d',
                 max_frames: int = 300,
                 num_person: int = 2,
                 view_normalize: bool = True,
                 global_token: bool = True,
                 exact_reference: bool = True) -> None:
        self.layout = get_layout(layout)
        if max_frames < 1 or num_person < 1:
            raise ValueError(f'max_frames and num_person must be >= 1, got {max_frames}, '
                             f'{num_person}')
        self.max_frames = max_frames
        self.num_person = num_person
        self.view_normalize = view_normalize and self.layout.num_channels == 3
        self.global_token = global_token
        self.exact_reference = exact_reference
        self._warned: Set[str] = set()

    def transform(self, results: Dict) -> Dict:
        where, keypoint = checked_keypoint(results, self.layout, self.max_frames)
        keypoint = np.asarray(keypoint[:, :self.max_frames], dtype=_F32)
        keypoint = self._fit_persons(keypoint, where)
        valid_len = count_valid_frames(keypoint, self.max_frames)
        if valid_len == 0:  # possible only when another person became person 0
            raise DataError(where, 'zero valid frames after keeping the '
                            f'{self.num_person} persons with the largest spread')

        with np.errstate(over='ignore', invalid='ignore'):
            x = relative_to_center(keypoint, self.layout.center, self.global_token)
            if self.view_normalize:
                # Run over every kept frame, not just the first L: the sign of the rotation
                # depends on the sum over all of them (reference quirk).
                x = view_normalize(x, self.layout.shoulders, self.exact_reference)
        x = np.ascontiguousarray(x[:, :valid_len], dtype=_F32)
        if not np.isfinite(x).all():  # finite input, but differences overflow float32
            raise DataError(where, 'coordinates too large: float32 overflow while normalising '
                            f'(largest |value| {float(np.abs(keypoint).max()):.3g})')
        results['keypoint'] = x
        results['valid_len'] = valid_len
        results['layout'] = self.layout.name
        results.pop('keypoint_score', None)
        return results

    def _fit_persons(self, keypoint: np.ndarray, where: str) -> np.ndarray:
        keypoint = keep_persons(keypoint, self.num_person, where, self._warned)
        num = keypoint.shape[0]
        if num < self.num_person:
            pad = np.zeros((self.num_person - num, ) + keypoint.shape[1:], dtype=_F32)
            keypoint = np.concatenate([keypoint, pad])
        return keypoint

