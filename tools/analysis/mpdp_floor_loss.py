"""The MPDP loss of predictors that ignore the skeleton: where a run's loss plateaus start.

Reads a pretraining config, runs its training pipeline over the training split and computes
the targets its model would be trained on. Prints the weighted MPDP loss (``MPDPHead.loss``:
the same groups and lambdas) of two input-blind predictors, each the best of its kind on
these targets:

- ``marginal``: one class distribution per target column (interval x token), the same for
  every frame and sample. A run whose loss sits here has learned nothing about its input;
  every MPDP run starts on this plateau (README, "the initial plateau").
- ``position``: one distribution per column and frame index (what a model can learn from
  its position table alone, e.g. that frames t < k have zero displacement).

    python tools/analysis/mpdp_floor_loss.py configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py \
        --cfg-options train_dataloader.dataset.ann_file=work_dirs/demo/data/demo.pkl

``--repeats`` draws the augmentation that many times per sample (seeded by ``--seed``). The
last line printed is a JSON object.
"""
import argparse
import json
from typing import Dict, Iterable, Tuple

import torch
from mmengine.config import DictAction


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config', help='an MPDP pretraining config')
    parser.add_argument('--repeats', type=int, default=1,
                        help='augmentation draws per sample (default 1)')
    parser.add_argument('--seed', type=int, default=0, help='seed of the augmentation')
    parser.add_argument('--num-samples', type=int, default=None,
                        help='only the first N training samples')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    return parser.parse_args(argv)


def count_targets(targets: Iterable[Tuple[torch.Tensor, torch.Tensor]], num_columns: int,
                  num_dir: int, num_mag: int, max_frames: int) -> Dict[str, torch.Tensor]:
    """Class counts of the valid frames' targets.

    Args:
        targets: ``(direction, magnitude)`` pairs, each ``(T_valid, num_columns)`` long.

    Returns:
        dict: ``dir (max_frames, num_columns, num_dir)`` and ``mag (max_frames, num_columns,
        num_mag)`` float64 counts by frame index.
    """
    counts = dict(dir=torch.zeros(max_frames, num_columns, num_dir, dtype=torch.float64),
                  mag=torch.zeros(max_frames, num_columns, num_mag, dtype=torch.float64))
    for direction, magnitude in targets:
        for name, target in (('dir', direction), ('mag', magnitude)):
            frames = torch.arange(len(target))[:, None].expand_as(target)
            columns = torch.arange(num_columns)[None].expand_as(target)
            counts[name].index_put_((frames, columns, target), torch.ones(target.shape,
                                    dtype=torch.float64), accumulate=True)
    return counts


def column_entropy(counts: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy per column ``(num_columns,)`` of predicting, in each bin of the
    leading dim, that bin's own class frequencies (the best input-blind predictor there),
    averaged over the frames counted."""
    totals = counts.sum(-1, keepdim=True)
    p = counts / totals.clamp_min(1)
    entropy = -(p * p.clamp_min(1e-300).log()).sum(-1)
    return (entropy * totals[..., 0]).sum(0) / totals[..., 0].sum(0).clamp_min(1)


def floor_losses(counts: Dict[str, torch.Tensor], head) -> Dict[str, float]:
    """Weighted MPDP loss of the ``marginal`` and ``position`` predictors, through
    ``head.group_losses`` (``head``: an ``MPDPHead``; every column has the same frames, so
    group means of per-column means are the group means of the entries)."""
    out = {}
    for predictor, pool in (('marginal', True), ('position', False)):
        total = 0.
        for name in ('dir', 'mag'):
            c = counts[name].sum(0, keepdim=True) if pool else counts[name]
            ce = column_entropy(c).view(1, head.num_intervals, head.num_tokens)
            total += sum(float(v) for k, v in head.group_losses(name, ce).items()
                         if k.startswith('loss_'))
        out[predictor] = total
    return out


def main(argv=None):
    args = parse_args(argv)
    from mmengine.runner import set_random_seed

    from mmaction.registry import DATASETS, MODELS
    from mmgl.apis import load_config
    from mmgl.apis.progress import track
    from mmgl.models.utils import unpack_inputs
    cfg = load_config(args.config, args.cfg_options)
    set_random_seed(args.seed)
    model = MODELS.build(cfg.model)
    head, generator = model.head, model.target_generator
    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    num = len(dataset) if args.num_samples is None else min(args.num_samples, len(dataset))

    def targets():
        for _ in range(args.repeats):
            for i in range(num):
                data = dataset[i]
                # (num_clips=1, M, T, V, C): a batch of one
                x, packing = unpack_inputs(data['inputs'].float(), [data['data_samples']])
                direction, magnitude = generator(x, packing.valid_len)
                T = packing.max_len
                yield direction[0, :T], magnitude[0, :T]

    counts = count_targets(track(targets(), 'targets', total=num * args.repeats),
                           head.num_intervals * head.num_tokens,
                           head.num_dir_classes, head.num_mag_classes,
                           cfg.model.backbone.max_frames)
    result = dict(floor_losses(counts, head), samples=num, repeats=args.repeats)
    print(f'MPDP loss of input-blind predictors ({num} samples x {args.repeats}): '
          f'marginal {result["marginal"]:.4f}, position-only {result["position"]:.4f}')
    print(json.dumps(result))


if __name__ == '__main__':
    main()
