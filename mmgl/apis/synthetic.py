"""Synthetic skeleton sequences of a layout's shape, for speed and memory measurements.

The content (random walks around a random posture) does not affect what the tools measure:
the data pipeline's and the loader's cost depend on the shapes only.
"""
from typing import Optional, Sequence

import numpy as np

__all__ = ['synthetic_annotations']


def synthetic_annotations(lengths: Sequence[int], persons: Sequence[int], num_joints: int = 25,
                          num_classes: int = 60, split: str = 'train', seed: int = 0,
                          name: Optional[str] = 'S') -> dict:
    """A pyskl annotation dict of ``len(lengths)`` sequences.

    Args:
        lengths (Sequence[int]): Frames of each sequence.
        persons (Sequence[int]): Persons of each sequence (``M`` of its keypoint).
        num_joints (int): V. Defaults to 25 (NTU).
        num_classes (int): Labels cycle through ``range(num_classes)``. Defaults to 60.
        split (str): The one split, holding every sequence. Defaults to ``'train'``.
        seed (int): Random seed. Defaults to 0.
        name (str): Prefix of the ``frame_dir`` names. Defaults to ``'S'``.

    Returns:
        dict: ``split`` and ``annotations`` (``keypoint (M, T, V, 3)`` float32 in metres
        around a body 3 m in front of the camera, ``label``, ``total_frames``,
        ``frame_dir``).
    """
    if len(lengths) != len(persons):
        raise ValueError(f'{len(lengths)} lengths but {len(persons)} person counts')
    rng = np.random.default_rng(seed)
    annotations = []
    for i, (T, M) in enumerate(zip(lengths, persons)):
        T, M = int(T), int(M)
        walk = rng.normal(0, 0.01, (M, T, num_joints, 3)).cumsum(axis=1)
        posture = rng.normal(0, 0.3, (M, 1, num_joints, 3)) + np.array([0, 0, 3])
        annotations.append(dict(frame_dir=f'{name}{i:06d}', label=i % num_classes,
                                total_frames=T, keypoint=(walk + posture).astype(np.float32)))
    return dict(split={split: [a['frame_dir'] for a in annotations]}, annotations=annotations)
