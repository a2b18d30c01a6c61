"""Measure the data pipeline's throughput on NTU-shaped samples (one process, one core).

Builds a temporary pyskl pickle of ``--num-samples`` samples (25 joints, 3D, 1 or 2
persons, lengths uniform in ``[--min-frames, --max-frames]``), loads it with
``GLPoseDataset`` and times ``dataset[i]`` (deserialise + pipeline) for every sample.

Example:
    taskset -c 0 python tools/data/pipeline_throughput.py --pipeline pretrain
"""
import argparse
import os
import sys
import tempfile
import time

import numpy as np
from mmengine.registry import init_default_scope

from mmgl.datasets import GLPoseDataset
from mmgl.datasets.converters.common import write_annotation

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


def fake_ntu(num: int, min_frames: int, max_frames: int, seed: int) -> dict:
    """Random-walk skeletons with NTU's shapes (content does not affect the timing)."""
    rng = np.random.default_rng(seed)
    annotations = []
    for i in range(num):
        frames = int(rng.integers(min_frames, max_frames + 1))
        persons = 1 + int(rng.random() < 0.5)
        walk = rng.normal(0, 0.01, (persons, frames, 25, 3)).cumsum(axis=1)
        keypoint = (walk + rng.normal(0, 0.3, (persons, 1, 25, 3)) + [0, 0, 3])
        annotations.append(dict(frame_dir=f'fake{i:06d}', label=i % 60, total_frames=frames,
                                keypoint=keypoint.astype(np.float32)))
    return dict(split={'train': [a['frame_dir'] for a in annotations]},
                annotations=annotations)


def main(argv=None) -> int:
    args = parse_args(argv)
    init_default_scope('mmaction')
    np.random.seed(args.seed)
    pipeline = [dict(type=name) for name in PIPELINES[args.pipeline]]
    pipeline.append(dict(type='PackActionInputs', algorithm_keys=('valid_len', )))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'fake_ntu.pkl')
        write_annotation(fake_ntu(args.num_samples, args.min_frames, args.max_frames,
                                  args.seed), path)
        dataset = GLPoseDataset(ann_file=path, pipeline=pipeline, split='train',
                                layout='nturgb+d')
        for i in range(min(50, len(dataset))):  # warm-up
            dataset[i]
        start = time.perf_counter()
        for i in range(len(dataset)):
            dataset[i]
        elapsed = time.perf_counter() - start
    rate = len(dataset) / elapsed
    print(f'{args.pipeline} pipeline ({" -> ".join(PIPELINES[args.pipeline])} -> '
          f'PackActionInputs), {len(dataset)} samples of {args.min_frames}-{args.max_frames} '
          f'frames: {rate:.0f} samples/s in one process ({1e3 / rate:.2f} ms per sample)')
    return 0


if __name__ == '__main__':
    sys.exit(main())
