"""Render one sample before and after GL pre-normalisation: a strip of frames (PNG) or an
animation (GIF), with the global-translation trajectory: the quickest check of a converter
or a joint layout.

GLPreNormalize comes from the config's test pipeline (--config) or is built for a layout
name (--layout; then --num-person and --max-frames apply).

    python tools/analysis/render_skeleton.py ANN_FILE --layout nw-ucla --out sample.png
    python tools/analysis/render_skeleton.py ANN_FILE --config CONFIG --frame-dir NAME \\
        --out sample.gif --fps 15

Top row / left: raw coordinates; bottom row / right: the model input (joints relative to
the centre joint, drawn with the centre at the origin; star = centre slot). Dotted: the
whole trajectory (raw: the centre joint; pre-normalised: the global token c(t) - c(0)),
solid up to the shown frame, x at the frame. Pre-normalised persons are drawn side by side.
"""
import argparse
import sys

from mmengine.config import DictAction


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('ann_file', nargs='?', default=None,
                        help="annotation pickle (default: the config's)")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--config', help='config whose test pipeline has a GLPreNormalize')
    source.add_argument('--layout', help='layout name (nturgb+d, nw-ucla, sbu, coco)')
    parser.add_argument('--num-person', type=int, default=2, help='with --layout (default 2)')
    parser.add_argument('--max-frames', type=int, default=300, help='with --layout')
    parser.add_argument('--out', default='skeleton.png', help='.png (strip) or .gif')
    parser.add_argument('--split', help="split to pick from (default: config's test split, "
                        'or all samples with --layout)')
    sample = parser.add_mutually_exclusive_group()
    sample.add_argument('--index', type=int, default=0, help='sample index in the split')
    sample.add_argument('--frame-dir', help='sample name (frame_dir)')
    parser.add_argument('--num-frames', type=int, default=8, help='strip columns (PNG)')
    parser.add_argument('--step', type=int, default=1, help='frame step (GIF)')
    parser.add_argument('--fps', type=int, default=10, help='GIF frame rate')
    parser.add_argument('--view', choices=['front', 'top', 'side'], default='front',
                        help='projection of 3-D data (default front: x, y)')
    parser.add_argument('--dpi', type=int, default=None, help='default 100 (PNG), 80 (GIF)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    from mmgl.apis import (dataset_settings, find_transform, load_config,
                                            load_sample, test_pipeline)
    from mmgl.visualization.skeleton import plot_prenorm_strip, prenormalize, save_prenorm_gif

    if args.config:
        cfg = load_config(args.config, args.cfg_options)
        transform = find_transform(test_pipeline(cfg), 'GLPreNormalize')
        if transform is None:
            raise SystemExit(f'{args.config}: no GLPreNormalize in the test pipeline')
        settings = dataset_settings(cfg, 'test')
        ann_file = args.ann_file or settings['ann_file']
        split = args.split or settings['split']
    else:
        import mmgl  # noqa: F401  (registers the transforms)
        transform = dict(type='GLPreNormalize', layout=args.layout,
                         num_person=args.num_person, max_frames=args.max_frames)
        ann_file, split = args.ann_file, args.split
    if not ann_file:
        raise SystemExit('no annotation file: pass ANN_FILE')
    sample = load_sample(ann_file, split, args.index, args.frame_dir)
    raw, norm, layout = prenormalize(sample, transform)
    title = f'{sample["frame_dir"]} (label {sample.get("label")}), {layout}: ' \
            f'{raw.shape[1]} frames, {norm.shape[1]} valid'
    if args.out.lower().endswith('.gif'):
        w, h, n = save_prenorm_gif(raw, norm, layout, args.out, fps=args.fps, step=args.step,
                                   view=args.view, dpi=args.dpi or 80, title=title)
        print(f'wrote {args.out} ({w}x{h}, {n} frames)')
    else:
        w, h = plot_prenorm_strip(raw, norm, layout, args.out, num_frames=args.num_frames,
                                  view=args.view, dpi=args.dpi or 100, title=title)
        print(f'wrote {args.out} ({w}x{h})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
