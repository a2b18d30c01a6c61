"""Summarise the runs of tools/benchmarks/suite.py (one root per dataset or fold) with their
wall times.

    python tools/benchmarks/summarize.py work_dirs/nw_ucla [work_dirs/sbu/fold1 ...]

For each run directory: the final validation ``acc/top1`` (mmengine's scalar log) and the
wall time between the first and the last timestamp of its log; for kNN logs the JSON line.
With several roots (e.g. SBU folds) it also prints the mean over roots.
"""
import argparse
import json
import re
import statistics
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from mmgl.visualization.curves import load_scalars  # noqa: E402

STAMP = re.compile(r'^(\d\d/\d\d \d\d:\d\d:\d\d) - mmengine')


def wall_minutes(log: Path) -> float:
    stamps = [STAMP.match(line).group(1) for line in log.read_text().splitlines()
              if STAMP.match(line)]
    if len(stamps) < 2:
        return float('nan')
    first, last = (datetime.strptime(s, '%m/%d %H:%M:%S') for s in (stamps[0], stamps[-1]))
    return (last - first).total_seconds() / 60


def summarize(root: Path) -> dict:
    results = {}
    for run in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            series = load_scalars(run)
        except FileNotFoundError:
            continue
        log = root / f'{run.name}.log'
        entry = dict(wall_min=round(wall_minutes(log), 1) if log.is_file() else None)
        if 'acc/top1' in series:
            entry['top1'] = round(100 * series['acc/top1'][1][-1], 2)
        if 'loss' in series:
            entry['final_loss'] = round(series['loss'][1][-1], 4)
        results[run.name] = entry
    for log in sorted(root.glob('knn*.log')):
        lines = [ln for ln in log.read_text().splitlines() if ln.startswith('{')]
        if lines:
            results[log.stem] = json.loads(lines[-1])
    return results


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('roots', nargs='+', type=Path,
                        help='run roots (each holds one folder and one .log per run)')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    missing = [str(r) for r in args.roots if not r.is_dir()]
    if missing:
        sys.exit(f'summarize.py: not a directory: {", ".join(missing)}')
    roots = args.roots
    all_results = {str(r): summarize(r) for r in roots}
    print(json.dumps(all_results, indent=1))
    if len(roots) > 1:
        keys = sorted(set.intersection(*(set(r) for r in all_results.values())))
        print('\nmean over', len(roots), 'roots:')
        for key in keys:
            for metric in ('top1', 'knn/top1_k1', 'knn/top1_k20'):
                values = [r[key][metric] for r in all_results.values() if metric in r[key]]
                if len(values) == len(roots):
                    print(f'  {key} {metric}: {statistics.mean(values):.2f} '
                          f'(folds: {", ".join(f"{v:.1f}" for v in values)})')


if __name__ == '__main__':
    main()
