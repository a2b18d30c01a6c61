"""Check a pyskl annotation pickle before a long run.

Prints one ``frame_dir: problem`` line per problem (``<file>`` for the file itself) and
exits 0 when every checked sample is usable, 1 otherwise (2 for bad arguments).

Example:
    python tools/data/validate_ann.py data/ntu/ntu60_3danno.pkl --split xsub_train
"""
import argparse
import sys

from mmgl.datasets.checks import annotation_problems, unit_warnings
from mmgl.datasets.converters.common import (add_layout_file_arg, load_annotation,
                                             register_layout_files)
from mmgl.datasets.errors import DataError
from mmgl.datasets.layouts import LAYOUTS


def parse_args(argv=None) -> argparse.Namespace:
    register_layout_files(argv)
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('ann', help='annotation pickle')
    add_layout_file_arg(parser)
    parser.add_argument('--layout', choices=sorted(LAYOUTS),
                        help='expected joint layout (default: the one the converter recorded '
                        'in the file, else nturgb+d)')
    parser.add_argument('--split', help='check only this split (default: all samples and '
                        'every split)')
    parser.add_argument('--num-classes', type=int, help='labels must be below this')
    parser.add_argument('--num-person', type=int, default=2,
                        help='report samples with more persons (default 2; GLPreNormalize '
                        'would keep the ones with the largest spread)')
    parser.add_argument('--max-frames', type=int, default=300,
                        help='valid frames are counted within these (default 300)')
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        data = load_annotation(args.ann)
    except DataError as err:
        print(f'{args.ann}: {err.problem}')
        return 1
    layout = args.layout
    if layout is None and not (isinstance(data, dict) and 'layout' in data):
        layout = 'nturgb+d'
    problems = annotation_problems(data, args.split, layout, args.num_classes,
                                   args.num_person, args.max_frames)
    if isinstance(data, (dict, list)):
        anns = data.get('annotations', []) if isinstance(data, dict) else data
        for warning in unit_warnings(anns if isinstance(anns, list) else []):
            print(f'{args.ann}: warning: {warning}', file=sys.stderr)
    for where, problem in problems:
        print(f'{args.ann if where == "<file>" else where}: {problem}')
    bad = len({where for where, _ in problems})
    total = len(data['annotations'] if isinstance(data, dict) and 'annotations' in data
                else data if isinstance(data, list) else [])
    print(f'{"OK" if not problems else "FAILED"}: {total} samples, {bad} with problems',
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
