"""Convert NW-UCLA per-sequence JSON files (``all_sqe``) into a pyskl annotation pickle.

Splits: ``xview_train`` (views 1, 2) and ``xview_val`` (view 3); labels 1..10 -> 0..9.

Example:
    python tools/data/nw_ucla_to_pkl.py data/nw-ucla/all_sqe data/nw_ucla/nw_ucla.pkl
"""
import argparse
import sys

from mmgl.datasets.converters.common import (check_folder_and_output, cli_errors,
                                             converter_parser, finish, input_files,
                                             progress_bar)
from mmgl.datasets.converters.nw_ucla import convert_nw_ucla


def parse_args(argv=None) -> argparse.Namespace:
    return converter_parser(__doc__, 'json_dir',
                            'folder with aAA_sSS_eEE_vVV.json files').parse_args(argv)


@cli_errors
def main(argv=None) -> int:
    args = parse_args(argv)
    root, out = check_folder_and_output(args.json_dir, args.out, args.force)
    data, skipped = convert_nw_ucla(input_files(root, '.json'), progress_bar(not args.no_progress))
    return finish(data, skipped, out)


if __name__ == '__main__':
    sys.exit(main())
