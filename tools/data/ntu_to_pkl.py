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

from mmgl.datasets.converters.common import (check_folder_and_output, cli_errors,
                                             converter_parser, finish, input_files,
                                             progress_bar)
from mmgl.datasets.converters.ntu import convert_ntu, read_name_list


def parse_args(argv=None) -> argparse.Namespace:
    parser = converter_parser(__doc__, 'skeleton_dir', 'folder with the raw .skeleton files')
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
    root, out = check_folder_and_output(args.skeleton_dir, args.out, args.force, args.missing_list)
    missing = {n for path in args.missing_list for n in read_name_list(path)}
    data, skipped = convert_ntu(input_files(root, '.skeleton'), args.dataset, missing,
                                progress_bar(not args.no_progress), args.body_selection)
    return finish(data, skipped, out)


if __name__ == '__main__':
    sys.exit(main())
