"""Write mmgl's built-in demo data: seeded synthetic NTU-layout motions as a pyskl pickle.

Eight classes, one- and two-person, splits ``train``/``val``: ``--variant actions`` (the
default, mmgl.datasets.demo.CLASSES: four movements at two tempos each) or ``gestures``
(GESTURES: small movements around a random posture). The same seed gives the same file.

Example:
    python tools/data/make_demo_data.py data/demo/demo.pkl --num-samples 400 --seed 0

The defaults (15 fps, 12-32 frames) are what ``make demo`` writes and the demo configs expect
(``max_frames = 32``).
"""
import argparse
import sys
import time

from mmgl.datasets.converters.common import check_output, cli_errors, write_annotation
from mmgl.datasets.demo import VARIANTS, make_demo_annotations


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('out', nargs='?', default='data/demo/demo.pkl',
                        help='output pickle (default data/demo/demo.pkl)')
    parser.add_argument('--num-samples', type=int, default=400)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--min-frames', type=int, default=12)
    parser.add_argument('--max-frames', type=int, default=32)
    parser.add_argument('--fps', type=float, default=15.0,
                        help='frame rate (motion tempos are in seconds); default 15')
    parser.add_argument('--variant', choices=tuple(VARIANTS), default='actions')
    parser.add_argument('--force', action='store_true', help='overwrite an existing output')
    return parser.parse_args(argv)


@cli_errors
def main(argv=None) -> int:
    args = parse_args(argv)
    out = check_output(args.out, [], args.force)
    start = time.time()
    data = make_demo_annotations(args.num_samples, args.seed, min_frames=args.min_frames,
                                 max_frames=args.max_frames, variant=args.variant,
                                 fps=args.fps)
    write_annotation(data, out)
    sizes = ', '.join(f'{k} {len(v)}' for k, v in data['split'].items())
    classes = VARIANTS[args.variant]
    print(f'wrote {len(data["annotations"])} samples ({len(classes)} classes: '
          f'{", ".join(classes)}) to {out} (splits: {sizes}) in {time.time() - start:.1f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
