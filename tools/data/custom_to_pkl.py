"""Convert your own skeletons (mmpose results, or an (N, M, T, V, C) array) into a pyskl pickle.

Examples:
    # one mmpose result file (.json or .pkl) per video, labels "name label" per line
    python tools/data/custom_to_pkl.py mmpose preds/*.json data/mine.pkl \
        --labels labels.txt --layout coco
    # one array file; labels in the .npz ("label") or a .npy / text file
    python tools/data/custom_to_pkl.py array skeletons.npz data/mine.pkl --layout nturgb+d
    python tools/data/custom_to_pkl.py array x.npy data/mine.pkl --labels y.npy --axes NCTVM
    # train / test splits in the same command: from the npz "split" column, or by subject
    python tools/data/custom_to_pkl.py array x.npz data/mine.pkl \
        --subject-pattern '_s(\d+)_' --train-subjects 1 3 5 7 9
"""
import argparse
import sys
from pathlib import Path

import numpy as np

from mmgl.datasets.converters.common import (add_layout_file_arg, add_output_args,
                                             check_output, cli_errors, finish,
                                             parse_joint_order, progress_bar,
                                             register_layout_files)
from mmgl.datasets.converters.custom import (NPZ_KEYS, assign_splits, convert_arrays,
                                             convert_mmpose, load_array_file,
                                             load_array_splits, read_label_file)
from mmgl.datasets.errors import DataError
from mmgl.datasets.layouts import LAYOUTS, get_layout


def parse_args(argv=None) -> argparse.Namespace:
    register_layout_files(argv)
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split('\n\n', 1)[1])
    sub = parser.add_subparsers(dest='source', required=True)
    pose = sub.add_parser('mmpose', help='mmpose result files, one per video')
    pose.add_argument('results', nargs='+', help='.json or .pkl result files')
    add_output_args(pose)
    pose.add_argument('--labels', required=True, help='text file: "name label" per line')
    pose.add_argument('--num-person', type=int, default=2,
                      help='persons kept per frame (highest mean keypoint score first)')
    def quoted(key):
        return ' / '.join(f'"{k}"' for k in key.split(' / '))
    keys = '\n'.join(f'  {quoted(key)}: {what}' for key, what in NPZ_KEYS)
    array = sub.add_parser(
        'array', help='one .npy/.npz file with all samples',
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description='One array file with every sample. A .npy holds the skeletons only; an '
        '.npz may hold these keys:\n' + keys + '\nZero frames at the end of a sample are '
        'trimmed; all-zero samples are skipped.')
    array.add_argument('array', help='.npy or .npz file')
    add_output_args(array)
    array.add_argument('--labels', help='labels: .npy, or text "name label" lines (needs '
                       'frame_dir names in the npz); optional when the npz has "label"')
    array.add_argument('--axes', default='NMTVC', help='axis order of the stored array, e.g. '
                       'NCTVM for ST-GCN style data (default NMTVC)')
    for p in (pose, array):
        p.add_argument('--layout', default='coco' if p is pose else 'nturgb+d',
                       choices=sorted(LAYOUTS), help='joint layout of the data')
        add_layout_file_arg(p)
        p.add_argument('--joint-order', help='comma-separated stored-joint index of each '
                       'layout joint, in the layout\'s order (for data whose joints come in '
                       'another order; docs/data.md lists each layout\'s order)')
        p.add_argument('--split-name', default='all', help='split holding every sample '
                       '(when no split assignment is given)')
        p.add_argument('--subject-pattern', help='regular expression whose first group is '
                       "the subject id in a sample name, e.g. '_s(\\d+)_'; with "
                       '--train-subjects writes splits train / test')
        p.add_argument('--train-subjects', type=int, nargs='+',
                       help='subject ids of the train split (the others: test)')
    return parser.parse_args(argv)


def _array_labels(path, names_from_file):
    if path is None:
        return None
    if path.endswith('.npy'):
        return np.load(path)
    mapping = read_label_file(path)
    if names_from_file is None:
        raise ValueError('a text label file needs frame_dir names in the npz')
    return np.array([mapping[n] for n in names_from_file])


@cli_errors
def main(argv=None) -> int:
    args = parse_args(argv)
    progress = progress_bar(not args.no_progress)
    layout = get_layout(args.layout)
    order = parse_joint_order(args.joint_order, layout.num_joints)
    if args.source == 'mmpose':
        out = check_output(args.out, [*args.results, args.labels], args.force)
        labels = read_label_file(args.labels)
        data, skipped = convert_mmpose(args.results, labels, layout.name, args.num_person,
                                       args.split_name, progress, joint_order=order)
        data['split'] = assign_splits([a['frame_dir'] for a in data['annotations']], None,
                                      args.subject_pattern, args.train_subjects,
                                      args.split_name)
        return finish(data, skipped, out)
    out = check_output(args.out, [args.array] + ([args.labels] if args.labels else []),
                       args.force)
    names = None
    if args.labels and not args.labels.endswith('.npy') and args.array.endswith('.npz'):
        with np.load(args.array) as arrays:
            key = 'frame_dir' if 'frame_dir' in arrays.files else 'names'
            names = [str(n) for n in arrays[key]] if key in arrays.files else None
    data, labels, names = load_array_file(args.array, _array_labels(args.labels, names),
                                          args.axes)
    if order is not None:
        if max(order) >= data.shape[3]:
            raise DataError(args.array, f'--joint-order names joint {max(order)}, the data '
                            f'has {data.shape[3]} joints')
        data = data[:, :, :, order]
    if data.shape[3:] != (layout.num_joints, layout.num_channels):
        raise DataError(args.array, f'{data.shape[3]} joints x {data.shape[4]} channels, '
                        f'layout {layout.name!r} has {layout.num_joints} x '
                        f'{layout.num_channels} (check --axes / --layout)')
    column = load_array_splits(args.array)
    data, skipped = convert_arrays(data, labels, names, args.split_name, progress,
                                   layout=layout.name)
    written = [a['frame_dir'] for a in data['annotations']]
    data['split'] = assign_splits(written, None if column is None else dict(zip(names, column)),
                                  args.subject_pattern, args.train_subjects, args.split_name)
    return finish(data, skipped, Path(out))


if __name__ == '__main__':
    sys.exit(main())
