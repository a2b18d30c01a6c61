"""mmgl's demo: built-in data -> MPDP pretraining -> linear evaluation and kNN, on CPU.

Runs the same tools a user runs (tools/train.py, tools/analysis/knn_eval.py) with the demo
configs, once on the MPDP-pretrained encoder and once on a randomly initialised one (the
floor), then prints a table. Stages whose outputs exist are reused (``--force`` redoes all).

    python tools/demo.py [--work-dir work_dirs/demo] [--force] [--variant gestures]
"""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from mmgl.datasets.demo import VARIANTS

ROOT = Path(__file__).resolve().parents[1]
PRETRAIN_CFG = 'configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py'
LINEAR_CFG = 'configs/mpdp/benchmarks/linear_gl-transformer-tiny-sine_1xb32-20e_demo.py'


def run(cmd, log_file):
    """Run a tool from the repository root, its output into ``log_file``; fail loudly."""
    cmd = [sys.executable, *map(str, cmd)]
    print(f'$ {" ".join(cmd[1:])}  (log: {log_file})', flush=True)
    start = time.time()
    with open(log_file, 'w') as log:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        tail = Path(log_file).read_text()[-3000:]
        sys.exit(f'failed ({proc.returncode}): {" ".join(cmd)}\n{tail}')
    return time.time() - start


def last_json_line(log_file):
    lines = [ln for ln in Path(log_file).read_text().splitlines() if ln.startswith('{')]
    return json.loads(lines[-1])


def final_checkpoint(config, work_dir):
    """The checkpoint a finished run of ``config`` leaves: ``epoch_{max_epochs}.pth``."""
    from mmengine.config import Config
    epochs = Config.fromfile(str(ROOT / config)).train_cfg.max_epochs
    return work_dir / f'epoch_{epochs}.pth'


def final_accuracy(work_dir):
    """``acc/top1`` of the last validation (the final epoch) from mmengine's scalar log."""
    from mmgl.visualization.curves import load_scalars
    steps, values = load_scalars(work_dir)['acc/top1']
    return 100 * values[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--work-dir', default='work_dirs/demo')
    parser.add_argument('--force', action='store_true', help='redo every stage')
    parser.add_argument('--variant', choices=tuple(VARIANTS), default='actions',
                        help='demo class set (mmgl.datasets.demo.VARIANTS)')
    args = parser.parse_args()
    work = (ROOT / args.work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault('PYTHONUNBUFFERED', '1')
    start = time.time()
    timings = {}

    ann = work / 'data' / 'demo.pkl'
    if args.force or not ann.is_file():
        # make_demo_data.py's defaults are the demo's (15 fps, 12-32 frames: max_frames 32)
        timings['data'] = run(['tools/data/make_demo_data.py', ann, '--force', '--variant',
                               args.variant], work / 'make_data.log')
    data = [f'{loader}.dataset.ann_file={ann}'
            for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader')]

    pre_dir = work / 'pretrain'
    ckpt = final_checkpoint(PRETRAIN_CFG, pre_dir)
    if args.force or not ckpt.is_file():
        timings['pretrain'] = run(['tools/train.py', PRETRAIN_CFG, '--work-dir', pre_dir,
                                   '--cfg-options', data[0]], work / 'pretrain.log')

    rows = {}
    for name, init in (('random init (floor)', 'None'), ('MPDP pretrained', None)):
        tag = 'random' if init else 'mpdp'
        lin_dir = work / f'linear_{tag}'
        weights = [f'model.backbone.init_cfg={init}'] if init else [
            f'model.backbone.init_cfg.checkpoint={ckpt}']
        if args.force or not final_checkpoint(LINEAR_CFG, lin_dir).is_file():
            timings[f'linear_{tag}'] = run(
                ['tools/train.py', LINEAR_CFG, '--work-dir', lin_dir, '--cfg-options', *data,
                 *weights], work / f'linear_{tag}.log')
        knn_log = work / f'knn_{tag}.log'
        if args.force or not knn_log.is_file() or not last_json_line(knn_log):
            knn_weights = ['--random-init'] if init else ['--pretrained', ckpt]
            timings[f'knn_{tag}'] = run(['tools/analysis/knn_eval.py', LINEAR_CFG, *knn_weights,
                                         '--cfg-options', *data], knn_log)
        knn = last_json_line(knn_log)
        rows[name] = dict(linear=final_accuracy(lin_dir), knn1=knn['knn/top1_k1'],
                          knn20=knn['knn/top1_k20'])

    results = dict(rows=rows, seconds=round(time.time() - start, 1), timings=timings)
    (work / 'results.json').write_text(json.dumps(results, indent=2))
    header = (f'| encoder (demo data, {args.variant}, val split) | linear top-1 | kNN k=1 '
              '| kNN k=20 |')
    lines = [header, '| --- | --- | --- | --- |']
    for name, r in rows.items():
        lines.append(f'| {name} | {r["linear"]:.1f} | {r["knn1"]:.1f} | {r["knn20"]:.1f} |')
    table = '\n'.join(lines)
    (work / 'results.md').write_text(table + '\n')
    print(f'\nmmgl demo: {len(rows)} encoders, {time.time() - start:.0f} s '
          f'(logs and checkpoints under {work})\n')
    print(table)


if __name__ == '__main__':
    main()
