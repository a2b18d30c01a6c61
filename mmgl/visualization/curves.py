"""Training curves from an mmengine work dir's scalar logs (``vis_data/scalars.json``) or
from mmengine's text log (``*.log``)."""
import json
import re
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple, Union

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


# "Epoch(train)  [3][ 8/32]  lr: 4.9e-04  eta: 0:47:14  time: 1.71  loss: 4.49 ..." and
# "Epoch(val) [20][3/3]    acc/top1: 0.9875 ..." lines of mmengine's LoggerHook
_LOG_LINE = re.compile(r'Epoch\((train|val)\)\s*\[(\d+)\]\[\s*(\d+)/(\d+)\]\s+(.*)$')
_LOG_VALUE = re.compile(r'([\w/.-]+): (-?[\d.]+(?:e[-+]?\d+)?)(?=\s|$)')


def load_log_scalars(log_file: str) -> Dict[str, Tuple[List[float], List[float]]]:
    """``{key: (steps, values)}`` from an mmengine text log: training keys at the iteration
    ``(epoch - 1) * iters_per_epoch + i``, validation keys at the epoch."""
    series: Dict[str, Dict[float, float]] = {}
    with open(log_file) as f:
        for line in f:
            m = _LOG_LINE.search(line)
            if not m:
                continue
            mode, epoch, i, n, rest = m.groups()
            step = (int(epoch) - 1) * int(n) + int(i) if mode == 'train' else int(epoch)
            for key, value in _LOG_VALUE.findall(rest):
                if key not in SKIP_KEYS:
                    series.setdefault(key, {})[step] = float(value)
    if not series:
        raise ValueError(f'{log_file}: no "Epoch(train)" or "Epoch(val)" lines of mmengine\'s '
                         'logger')
    return {k: (sorted(v), [v[s] for s in sorted(v)]) for k, v in series.items()}


def load_scalars(work_dir: str) -> Dict[str, Tuple[List[float], List[float]]]:
    """Read all runs of a work dir into ``{key: (steps, values)}`` (a ``*.log`` file: its
    text log, :func:`load_log_scalars`).

    Training keys are indexed by iteration, validation keys (``acc/...``, ``val/...``) by
    epoch; rows of a later run (after ``--resume``) replace earlier rows at the same step.
    """
    if str(work_dir).endswith('.log') and Path(work_dir).is_file():
        return load_log_scalars(work_dir)
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


def plot_curves(runs: Union[str, Sequence[str]], out_file: str, keys: Sequence[str] = None,
                dpi: int = 100, labels: Optional[Sequence[str]] = None,
                title: Optional[str] = None) -> List[str]:
    """Plot the chosen scalar series (default: every loss, lr and accuracy of the first run)
    to one PNG, one panel per key and one line per run.

    Args:
        runs (str | Sequence[str]): Work dirs or mmengine ``*.log`` files.
        labels (Sequence[str], optional): One legend entry per run (default: the names).
        title (str, optional): Figure title (default: the run's name when there is one).

    Returns:
        list[str]: the keys that were plotted, one panel each.
    """
    runs = [runs] if isinstance(runs, (str, Path)) else list(runs)
    if labels is not None and len(labels) != len(runs):
        raise ValueError(f'{len(runs)} runs but {len(labels)} labels')
    labels = labels or [Path(r).stem if str(r).endswith('.log') else Path(r).name for r in runs]
    series = [load_scalars(r) for r in runs]
    if keys is None:
        keys = [k for k in series[0] if 'loss' in k or k == 'lr' or 'acc' in k or 'top' in k]
    for run, s in zip(runs, series):
        missing = [k for k in keys if k not in s]
        if missing:
            raise KeyError(f'{missing} not logged in {run}; logged: {sorted(s)}')
    if not keys:
        raise ValueError(f'nothing to plot in {runs[0]}')
    cols = min(3, len(keys))
    rows = (len(keys) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3 * rows), squeeze=False)
    for ax, key in zip(axes.flat, keys):
        for label, s in zip(labels, series):
            steps, values = s[key]
            ax.plot(steps, values, marker='.' if len(steps) < 50 else None, label=label)
        ax.set_title(key)
        ax.set_xlabel('epoch' if '/' in key else 'iteration')
        ax.grid(alpha=0.3)
        if len(runs) > 1:
            ax.legend(fontsize=8)
    for ax in list(axes.flat)[len(keys):]:
        ax.axis('off')
    if title or len(runs) == 1:
        fig.suptitle(title or labels[0])
    fig.tight_layout()
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_file, dpi=dpi)
    plt.close(fig)
    return list(keys)
