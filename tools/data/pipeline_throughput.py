"""Measure the data pipeline's throughput on NTU-shaped samples (one process, one core).

Builds a temporary pyskl pickle of ``--num-samples`` synthetic samples (25 joints, 3D, 1 or 2
persons, lengths uniform in ``[--min-frames, --max-frames]``; ``mmgl.apis``), loads it with
``GLPoseDataset`` and times ``dataset[i]`` (deserialise + pipeline) for every sample.

Example:
    taskset -c 0 python tools/data/pipeline_throughput.py --pipeline pretrain
"""
import argparse
import sys

import numpy as np
from mmengine.registry import init_default_scope

from mmgl.apis import pipeline_throughput, synthetic_annotations

PIPELINES = {
    'pretrain': ['GLPreNormalize', 'GLTemporalInterpolate', 'GLShear', 'GLFormatInput'],
    'train': ['GLPreNormalize', 'GLTemporalInterpolate', 'GLFormatInput'],
    'test': ['GLPreNormalize', 'GLFormatInput'],
}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--pipeline', choices=sorted(PIPELINES), default='pretrain')
    parser.add_argument('--num-samples', type=int, default=2000)
    parser.add_argument('--min-frames', type=int, default=30)
    parser.add_argument('--max-frames', type=int, default=300)
    parser.add_argument('--seed', type=int, default=0)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    init_default_scope('mmaction')
    np.random.seed(args.seed)
    pipeline = [dict(type=name) for name in PIPELINES[args.pipeline]]
    pipeline.append(dict(type='PackActionInputs', algorithm_keys=('valid_len', )))
    rng = np.random.default_rng(args.seed)
    lengths = rng.integers(args.min_frames, args.max_frames + 1, args.num_samples)
    persons = 1 + (rng.random(args.num_samples) < 0.5)
    annotations = synthetic_annotations(lengths, persons, seed=args.seed)
    rate = pipeline_throughput(pipeline, annotations, layout='nturgb+d', warmup=50)
    print(f'{args.pipeline} pipeline ({" -> ".join(PIPELINES[args.pipeline])} -> '
          f'PackActionInputs), {args.num_samples} samples of {args.min_frames}-{args.max_frames} '
          f'frames: {rate:.0f} samples/s in one process ({1e3 / rate:.2f} ms per sample)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
