"""Add seeded, class-balanced subsets of a training split (e.g. 1% and 10%) to a pyskl pickle.

New splits are named ``<split>_<percent>pct_seed<seed>``, e.g. ``xsub_train_1pct_seed1``.
The same inputs give the same subsets bit for bit.

Example:
    python tools/data/make_subsets.py data/ntu/ntu60_3danno.pkl --split xsub_train \
        --ratios 0.01 0.1 --seeds 1 2 3 --out data/ntu/ntu60_3danno_semi.pkl
"""
import argparse
import sys

from mmgl.datasets.converters.common import (check_output, cli_errors, load_annotation,
                                             write_annotation)
from mmgl.datasets.converters.subsets import add_subsets


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('ann', help='input annotation pickle')
    parser.add_argument('--split', required=True, help='training split to subsample')
    parser.add_argument('--ratios', type=float, nargs='+', default=[0.01, 0.1])
    parser.add_argument('--seeds', type=int, nargs='+', default=[1])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument('--out', help='write the annotation with the new splits here')
    where.add_argument('--in-place', action='store_true',
                       help='add the splits to ANN itself (the only way this tool writes '
                       'over its input)')
    parser.add_argument('--force', action='store_true',
                        help='overwrite an existing --out file or existing subset names')
    return parser.parse_args(argv)


@cli_errors
def main(argv=None) -> int:
    args = parse_args(argv)
    out = args.ann if args.in_place else check_output(args.out, [args.ann], args.force)
    data = load_annotation(args.ann)
    if not isinstance(data, dict):
        raise ValueError(f'{args.ann}: expected a dict with "split" and "annotations"')
    new = add_subsets(data, args.split, args.ratios, args.seeds, force=args.force)
    write_annotation(data, out)
    for name, members in new.items():
        print(f'{name}: {len(members)} samples')
    print(f'wrote {len(new)} new splits to {out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
