"""Plot training curves (loss, lr, accuracy) of an mmengine work dir to a PNG.

    python tools/analysis/plot_curves.py WORK_DIR [--out curves.png] [--keys loss lr ...]
"""
import argparse

from mmgl.visualization.curves import plot_curves


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('work_dir', help='work dir of tools/train.py (holds */vis_data/)')
    parser.add_argument('--out', default=None, help='PNG path (default WORK_DIR/curves.png)')
    parser.add_argument('--keys', nargs='+', default=None,
                        help='scalar names (default: losses, lr and accuracies)')
    args = parser.parse_args()
    out = args.out or f'{args.work_dir.rstrip("/")}/curves.png'
    keys = plot_curves(args.work_dir, out, args.keys)
    print(f'wrote {out} ({", ".join(keys)})')


if __name__ == '__main__':
    main()
