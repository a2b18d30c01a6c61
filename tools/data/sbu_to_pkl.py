"""Convert SBU Kinect Interaction (``sXXsYY/CC/RRR/skeleton_pos.txt``) into a pyskl pickle.

Splits ``fold1_train``/``fold1_val`` .. ``fold5_*`` (5-fold subject-pair protocol); labels
01-08 -> 0-7; coordinates in metres (y up) unless ``--units normalized``.

Example:
    python tools/data/sbu_to_pkl.py data/sbu data/sbu/sbu.pkl
"""
import argparse
import sys

from mmgl.datasets.converters.common import (check_folder_and_output, cli_errors,
                                             converter_parser, finish, progress_bar)
from mmgl.datasets.converters.sbu import convert_sbu


def parse_args(argv=None) -> argparse.Namespace:
    parser = converter_parser(__doc__, 'sbu_dir', 'the SBU folder holding sXXsYY/ subfolders')
    parser.add_argument('--units', choices=('metres', 'normalized'), default='metres',
                        help='metres: undo the dataset normalisation (default); normalized: '
                        'keep the file values')
    return parser.parse_args(argv)


@cli_errors
def main(argv=None) -> int:
    args = parse_args(argv)
    root, out = check_folder_and_output(args.sbu_dir, args.out, args.force)
    data, skipped = convert_sbu(root, args.units, progress_bar(not args.no_progress))
    return finish(data, skipped, out)


if __name__ == '__main__':
    sys.exit(main())
