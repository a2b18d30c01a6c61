"""Convert NTU RGB+D 60 / 120 ``.skeleton`` files into a pyskl annotation pickle.

Example:
    python tools/data/ntu_to_pkl.py data/nturgb+d_skeletons data/ntu/ntu60_3danno.pkl \
        --dataset ntu60 --missing-list NTU_RGBD_samples_with_missing_skeletons.txt
    # MAMP's body selection (by ID, noise filters, largest motion first)
    python tools/data/ntu_to_pkl.py data/nturgb+d_skeletons data/ntu/ntu60_mamp_3danno.pkl \
        --dataset ntu60 --body-selection mamp --missing-list ...
"""
import argparse
import sys
from pathlib import Path

from mmgl.datasets.converters.common import (add_output_args, check_output, cli_errors,
                                             finish, progress_bar)
from mmgl.datasets.converters.ntu import convert_ntu, read_name_list


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('skeleton_dir', help='folder with the raw .skeleton files')
    add_output_args(parser)
    parser.add_argument('--dataset', choices=('ntu60', 'ntu120'), default='ntu60',
                        help='ntu60: first two bodies per frame, splits xsub/xview; ntu120: '
                        'two bodies with the largest spread, splits xsub/xset')
    parser.add_argument('--body-selection', choices=('gl', 'mamp'), default='gl',
                        help='gl: the reader of --dataset (above); mamp: bodies followed by '
                        'ID, short and noisy bodies dropped, the one with the largest motion '
                        'first, empty frames removed (MAMP, Mao et al., ICCV 2023)')
    parser.add_argument('--missing-list', action='append', default=[],
                        help='official list of samples with missing skeletons (download it '
                        'with the dataset; one name per line); may be given twice')
    return parser.parse_args(argv)


@cli_errors
def main(argv=None) -> int:
    args = parse_args(argv)
    root = Path(args.skeleton_dir)
    if not root.is_dir():
        raise FileNotFoundError(f'{root} is not a folder')
    out = check_output(args.out, [root, *args.missing_list], args.force)
    missing = {n for path in args.missing_list for n in read_name_list(path)}
    files = sorted(root.glob('*.skeleton'))
    if not files:
        raise FileNotFoundError(f'no .skeleton files in {root}')
    data, skipped = convert_ntu(files, args.dataset, missing,
                                progress_bar(not args.no_progress), args.body_selection)
    return finish(data, skipped, out)


if __name__ == '__main__':
    sys.exit(main())
