"""Memory and speed of a config's training data loader at NTU-120 scale.

Writes a synthetic pyskl annotation file of ``--num-samples`` sequences (default 114,480,
NTU-120's count) with NTU-like lengths (80% uniform in [50, 150] frames, 20% in
[151, 300]; 60% one person, 40% two; 25 joints x 3), then builds the config's
``train_dataloader`` on it with ``--workers`` worker processes and reads ``--batches``
batches. Meanwhile it polls ``/proc`` for the loader process and all its workers:

- total PSS (proportional set size: pages shared between the main process and the forked
  workers counted once, split among them) - the memory the loader really costs;
- total RSS (shared pages counted once per process that touches them) - an upper bound;
- the annotation data's own size (the summed ``keypoint`` bytes) for comparison.

    python tools/analysis/dataloader_scale.py \
        configs/mpdp/mpdp_gl-transformer_1xb128-120e_ntu120-xsub.py --workers 8

Prints a table and, as the last line, a JSON object. The synthetic file goes to
``--ann`` (default under the system temp dir) and is reused when it exists.
"""
import argparse
import json
import multiprocessing as mp
import os
import pickle
import queue as queue_module
import tempfile
import threading
import time
from pathlib import Path

from mmengine.config import DictAction


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config')
    parser.add_argument('--num-samples', type=int, default=114480)
    parser.add_argument('--workers', type=int, default=8)
    parser.add_argument('--batches', type=int, default=100,
                        help='batches timed after the first (workers prefetch 2 each)')
    parser.add_argument('--batch-size', type=int, default=None,
                        help='default: the config train_dataloader batch size')
    parser.add_argument('--ann', default=None,
                        help='synthetic annotation path (default: in the temp dir)')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={},
                        help='config overrides, e.g. train_dataloader.dataset.serialize_data=True')
    return parser.parse_args(argv)


def write_synthetic(path: Path, num_samples: int, split: str, num_classes: int,
                    seed: int) -> int:
    """Write the synthetic annotation file (``mmgl.apis.synthetic_annotations`` at NTU-like
    lengths and person counts); returns the summed ``keypoint`` bytes."""
    import numpy as np

    from mmgl.apis import synthetic_annotations
    rng = np.random.default_rng(seed)
    long = rng.random(num_samples) < 0.2
    lengths = np.where(long, rng.integers(151, 301, num_samples),
                       rng.integers(50, 151, num_samples))
    persons = np.where(rng.random(num_samples) < 0.4, 2, 1)
    data = synthetic_annotations(lengths, persons, num_classes=num_classes, split=split,
                                 seed=seed)
    tmp = path.with_suffix('.tmp')
    with open(tmp, 'wb') as f:
        pickle.dump(data, f, protocol=5)
    tmp.rename(path)
    return sum(a['keypoint'].nbytes for a in data['annotations'])


def _proc_tree(pid: int):
    """``pid`` and all its descendants (from /proc)."""
    children = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as f:
                ppid = int(f.read().rsplit(')', 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def _memory(pids):
    """Summed ``(Pss, Rss)`` in bytes of ``pids`` (smaps_rollup)."""
    pss = rss = 0
    for pid in pids:
        try:
            with open(f'/proc/{pid}/smaps_rollup') as f:
                for line in f:
                    if line.startswith('Pss:'):
                        pss += int(line.split()[1]) * 1024
                    elif line.startswith('Rss:'):
                        rss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return pss, rss


def load(args, ann, queue):
    """Child process: build the loader on ``ann`` and read ``args.batches`` batches."""
    from mmengine.runner import Runner
    from mmengine.utils.dl_utils import set_multi_processing

    from mmgl.apis import innermost_dataset, load_config
    cfg = load_config(args.config, args.cfg_options)
    # As the Runner does: worker start method ('fork' in mmgl's runtime) and thread limits.
    set_multi_processing(**cfg.get('env_cfg', {}).get('mp_cfg', {}), distributed=False)
    loader_cfg = cfg.train_dataloader
    loader_cfg.update(num_workers=args.workers, persistent_workers=args.workers > 0)
    if args.batch_size:
        loader_cfg.batch_size = args.batch_size
    innermost_dataset(loader_cfg.dataset).ann_file = str(ann)
    start = time.perf_counter()
    loader = Runner.build_dataloader(loader_cfg, seed=0)
    built = time.perf_counter() - start
    batches = iter(loader)
    next(batches)
    first = time.perf_counter() - start
    t0, samples = time.perf_counter(), 0
    for _ in range(args.batches):
        batch = next(batches)
        samples += len(batch['inputs'])
    rate = samples / (time.perf_counter() - t0)
    num_samples = len(loader.dataset)
    del batches  # shuts the workers down before this process exits
    queue.put(dict(dataset_build_s=round(built, 1), first_batch_s=round(first, 1),
                   samples_per_s=round(rate, 1), batch_size=loader_cfg.batch_size,
                   num_samples=num_samples))


def main(argv=None):
    args = parse_args(argv)
    from mmgl.apis import innermost_dataset, load_config
    dataset = innermost_dataset(load_config(args.config, args.cfg_options).train_dataloader.dataset)
    split = dataset.get('split') or 'train'
    num_classes = dataset.get('num_classes') or 120
    ann = Path(args.ann or Path(tempfile.gettempdir()) /
               f'mmgl_synthetic_{args.num_samples}_{split}_{num_classes}cls.pkl')
    meta = ann.with_suffix('.json')
    if not (ann.is_file() and meta.is_file()):
        print(f'writing {args.num_samples} synthetic sequences to {ann} ...', flush=True)
        ctx = mp.get_context('spawn')
        with ctx.Pool(1) as pool:  # its memory is returned before the measurement
            nbytes = pool.apply(write_synthetic,
                                (ann, args.num_samples, split, num_classes, args.seed))
        meta.write_text(json.dumps(dict(keypoint_bytes=nbytes)))
    data_gib = json.loads(meta.read_text())['keypoint_bytes'] / 2**30
    file_gib = ann.stat().st_size / 2**30

    ctx = mp.get_context('spawn')
    queue = ctx.Queue()
    proc = ctx.Process(target=load, args=(args, ann, queue))
    peak = dict(pss=0, rss=0, procs=0)
    done = threading.Event()

    def poll():
        while not done.is_set():
            pids = _proc_tree(proc.pid)
            pss, rss = _memory(pids)
            peak.update(pss=max(peak['pss'], pss), rss=max(peak['rss'], rss),
                        procs=max(peak['procs'], len(pids)))
            time.sleep(0.2)

    proc.start()
    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    result = None
    while result is None and (proc.is_alive() or not queue.empty()):
        try:
            result = queue.get(timeout=1)
        except queue_module.Empty:
            pass
    done.set()
    watcher.join()
    proc.join()
    if result is None or proc.exitcode != 0:
        raise SystemExit(f'loader process failed (exit {proc.exitcode})')

    result.update(config=args.config, workers=args.workers, processes=peak['procs'],
                  annotation_data_gib=round(data_gib, 2), annotation_file_gib=round(file_gib, 2),
                  peak_pss_gib=round(peak['pss'] / 2**30, 2),
                  peak_rss_gib=round(peak['rss'] / 2**30, 2),
                  pss_over_data=round(peak['pss'] / 2**30 / data_gib, 2),
                  cpu_count=os.cpu_count())
    print(f'{args.config}: {result["num_samples"]} synthetic sequences, '
          f'{data_gib:.2f} GiB of keypoints ({file_gib:.2f} GiB file), '
          f'{args.workers} workers ({peak["procs"]} processes), {os.cpu_count()} CPUs')
    rows = [('dataset built (s)', result['dataset_build_s']),
            ('first batch (s)', result['first_batch_s']),
            ('samples/s after the first batch', result['samples_per_s']),
            ('peak PSS, all processes (GiB)', result['peak_pss_gib']),
            ('peak RSS, all processes (GiB)', result['peak_rss_gib']),
            ('peak PSS / keypoint data', result['pss_over_data'])]
    for name, value in rows:
        print(f'  {name:<34}{value:>10}')
    print(json.dumps(result))


if __name__ == '__main__':
    main()
