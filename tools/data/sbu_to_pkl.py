"""Convert SBU Kinect Interaction (``sXXsYY/CC/RRR/skeleton_pos.txt``) into a pyskl pickle.

Splits ``fold1_train``/``fold1_val`` .. ``fold5_*`` (5-fold subject-pair protocol); labels
01-08 -> 0-7; coordinates in metres (y up) unless ``--units normalized``.

Example:
    python tools/data/sbu_to_pkl.py data/sbu data/sbu/sbu.pkl
"""
import argparse
import sys
from pathlib import Path

from mmgl.datasets.converters.common import (add_output_args, check_output, cli_errors,
                                             finish, progress_bar)
from mmgl.datasets.converters.sbu import convert_sbu


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('sbu_dir', help='the SBU folder holding sXXsYY/ subfolders')
    add_output_args(parser)
    parser.add_argument('--units', choices=('metres', 'normalized'), default='metres',
                        help='metres: undo the dataset normalisation (default); normalized: '
                        'keep the file values')
    return parser.parse_args(argv)


@cli_errors
def main(argv=None) -> int:
    args = parse_args(argv)
    root = Path(args.sbu_dir)
    if not root.is_dir():
        raise FileNotFoundError(f'{root} is not a folder')
    out = check_output(args.out, [root], args.force)
    data, skipped = convert_sbu(root, args.units, progress_bar(not args.no_progress))
    return finish(data, skipped, out)


if __name__ == '__main__':
    sys.exit(main())
