"""Convert NW-UCLA per-sequence JSON files (``all_sqe``) into a pyskl annotation pickle.

Splits: ``xview_train`` (views 1, 2) and ``xview_val`` (view 3); labels 1..10 -> 0..9.

Example:
    python tools/data/nw_ucla_to_pkl.py data/nw-ucla/all_sqe data/nw_ucla/nw_ucla.pkl
"""
import argparse
import sys
from pathlib import Path

from mmgl.datasets.converters.common import (add_output_args, check_output, cli_errors,
                                             finish, progress_bar)
from mmgl.datasets.converters.nw_ucla import convert_nw_ucla


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('json_dir', help='folder with aAA_sSS_eEE_vVV.json files')
    add_output_args(parser)
    return parser.parse_args(argv)


@cli_errors
def main(argv=None) -> int:
    args = parse_args(argv)
    root = Path(args.json_dir)
    if not root.is_dir():
        raise FileNotFoundError(f'{root} is not a folder')
    out = check_output(args.out, [root], args.force)
    files = sorted(root.glob('*.json'))
    if not files:
        raise FileNotFoundError(f'no .json files in {root}')
    data, skipped = convert_nw_ucla(files, progress_bar(not args.no_progress))
    return finish(data, skipped, out)


if __name__ == '__main__':
    sys.exit(main())
