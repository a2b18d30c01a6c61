"""Training curves from an mmengine work dir's scalar logs (``vis_data/scalars.json``)."""
import json
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402

# mmengine's LocalVisBackend writes training rows (with 'iter') and validation rows (without)
# into the same file, each with a 'step' (iteration for training, epoch for validation).
SKIP_KEYS = {'step', 'epoch', 'iter', 'time', 'data_time', 'memory', 'eta'}


def find_scalar_files(work_dir: str) -> List[Path]:
    """Every ``scalars.json`` under ``work_dir`` (one per run, oldest first: resumes add one)."""
    files = sorted(Path(work_dir).glob('*/vis_data/scalars.json'))
    if not files and Path(work_dir).name == 'scalars.json':
        files = [Path(work_dir)]
    if not files:
        raise FileNotFoundError(f'no */vis_data/scalars.json under {work_dir}: is it an mmengine '
                                'work dir with LocalVisBackend enabled?')
    return files


def load_scalars(work_dir: str) -> Dict[str, Tuple[List[float], List[float]]]:
    """Read all runs of a work dir into ``{key: (steps, values)}``.

    Training keys are indexed by iteration, validation keys (``acc/...``, ``val/...``) by
    epoch; rows of a later run (after ``--resume``) replace earlier rows at the same step.
    """
    series: Dict[str, Dict[float, float]] = {}
    for path in find_scalar_files(work_dir):
        with open(path) as f:
            for line_no, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f'{path}:{line_no}: not JSON ({e})') from None
                step = row.get('step')
                for key, value in row.items():
                    if key in SKIP_KEYS or not isinstance(value, (int, float)):
                        continue
                    series.setdefault(key, {})[step] = float(value)
    return {k: (sorted(v), [v[s] for s in sorted(v)]) for k, v in series.items()}


def plot_curves(work_dir: str, out_file: str, keys: Sequence[str] = None,
                dpi: int = 100) -> List[str]:
    """Plot the chosen scalar series (default: every loss, lr and accuracy) to one PNG.

    Returns:
        list[str]: the keys that were plotted, one panel each.
    """
    series = load_scalars(work_dir)
    if keys is None:
        keys = [k for k in series if 'loss' in k or k == 'lr' or 'acc' in k or 'top' in k]
    missing = [k for k in keys if k not in series]
    if missing:
        raise KeyError(f'{missing} not logged in {work_dir}; logged: {sorted(series)}')
    if not keys:
        raise ValueError(f'nothing to plot in {work_dir}')
    cols = min(3, len(keys))
    rows = (len(keys) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3 * rows), squeeze=False)
    for ax, key in zip(axes.flat, keys):
        steps, values = series[key]
        ax.plot(steps, values, marker='.' if len(steps) < 50 else None)
        ax.set_title(key)
        ax.set_xlabel('epoch' if '/' in key else 'iteration')
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(keys):]:
        ax.axis('off')
    fig.suptitle(str(Path(work_dir).name))
    fig.tight_layout()
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_file, dpi=dpi)
    plt.close(fig)
    return list(keys)
