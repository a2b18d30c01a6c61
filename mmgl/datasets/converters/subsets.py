"""Seeded, class-balanced subsets of a training split (semi-supervised protocols).

Per class, ``max(1, round(ratio * n_class))`` samples are drawn without replacement; the
draw depends only on the seed, the ratio, the class and the sorted names of that class's
samples, so the same inputs give the same subset bit for bit on any machine and numpy
version that keeps ``PCG64`` (numpy's documented stable default bit generator).
"""
from collections import defaultdict
from typing import Dict, List, Sequence

import numpy as np

__all__ = ['subset_name', 'balanced_subset', 'add_subsets']


def subset_name(split: str, ratio: float, seed: int) -> str:
    """``xsub_train`` + 0.01 + 1 -> ``xsub_train_1pct_seed1`` (0.005 -> ``0.5pct``)."""
    percent = f'{ratio * 100:.6g}'
    return f'{split}_{percent}pct_seed{seed}'


def balanced_subset(names: Sequence[str], labels: Sequence[int], ratio: float,
                    seed: int) -> List[str]:
    """A class-balanced subset of ``names``, returned sorted.

    Args:
        names (Sequence[str]): Sample names (``frame_dir``).
        labels (Sequence[int]): Their labels.
        ratio (float): Fraction in (0, 1] kept of every class (at least one sample each).
        seed (int): Seed of the draw.
    """
    if not 0 < ratio <= 1:
        raise ValueError(f'ratio must be in (0, 1], got {ratio}')
    by_class: Dict[int, List[str]] = defaultdict(list)
    for name, label in zip(names, labels):
        by_class[int(label)].append(name)
    chosen = []
    for label in sorted(by_class):
        members = sorted(by_class[label])
        count = max(1, int(round(ratio * len(members))))
        # One generator per class: adding a class elsewhere never shifts this one's draw.
        rng = np.random.Generator(np.random.PCG64([seed, label, int(round(ratio * 1e6))]))
        picked = rng.choice(len(members), size=count, replace=False)
        chosen += [members[i] for i in picked]
    return sorted(chosen)


def add_subsets(data: dict, split: str, ratios: Sequence[float], seeds: Sequence[int],
                force: bool = False) -> Dict[str, List[str]]:
    """Add subsets of ``data['split'][split]`` to ``data['split']``; returns the new splits.

    Raises:
        KeyError: ``split`` is missing, or a subset name exists and ``force`` is False.
    """
    splits = data.get('split') or {}
    if split not in splits:
        raise KeyError(f'no split {split!r} (splits: {", ".join(sorted(splits)) or "none"})')
    label_of = {a['frame_dir']: a['label'] for a in data['annotations']}
    members = [n for n in splits[split] if n in label_of]
    if len(members) != len(splits[split]):
        missing = sorted(set(splits[split]) - set(label_of))
        raise KeyError(f'split {split!r} names {len(missing)} samples without annotation, '
                       f'e.g. {missing[:3]}')
    labels = [label_of[n] for n in members]
    new = {}
    for seed in seeds:
        for ratio in ratios:
            name = subset_name(split, ratio, seed)
            if name in splits and not force:
                raise KeyError(f'split {name!r} exists; pass --force to replace it')
            new[name] = balanced_subset(members, labels, ratio, seed)
    splits.update(new)
    data['split'] = splits
    return new
