"""Plot training curves (loss, lr, accuracy) of one or more runs to a PNG.

A run is an mmengine work dir (its ``*/vis_data/scalars.json``) or an mmengine text log
(``*.log``, e.g. the logs under docs/results/). Several runs share each panel.

    python tools/analysis/plot_curves.py WORK_DIR [--out curves.png] [--keys loss lr ...]
    python tools/analysis/plot_curves.py A.log B.log --labels "learnable" "sine" --keys loss
"""
import argparse

from mmgl.visualization.curves import plot_curves


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('runs', nargs='+', metavar='RUN',
                        help='work dir of tools/train.py (holds */vis_data/) or a *.log file')
    parser.add_argument('--out', default=None,
                        help='PNG path (default RUN/curves.png for one work dir, else curves.png)')
    parser.add_argument('--keys', nargs='+', default=None,
                        help='scalar names (default: losses, lr and accuracies)')
    parser.add_argument('--labels', nargs='+', default=None, help='one legend entry per run')
    parser.add_argument('--title', default=None, help='figure title')
    parser.add_argument('--dpi', type=int, default=100)
    args = parser.parse_args(argv)
    single_dir = len(args.runs) == 1 and not args.runs[0].endswith('.log')
    out = args.out or (f'{args.runs[0].rstrip("/")}/curves.png' if single_dir else 'curves.png')
    keys = plot_curves(args.runs, out, args.keys, dpi=args.dpi, labels=args.labels,
                       title=args.title)
    print(f'wrote {out} ({", ".join(keys)})')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
