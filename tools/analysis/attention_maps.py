"""GL-Transformer attention of one sample: spatial (global-local) heat map, the global
tokens' attention drawn on the skeleton, and the temporal attention over the valid frames.

The sample is read with the config's test pipeline (GL pre-normalisation, no augmentation);
the backbone comes from the config and its weights from CHECKPOINT's backbone.* keys (MPDP
pretraining or recognizer checkpoint). Weights are recorded from the plain-math padded path
(mmgl.visualization.attention), which equals the default path on valid frames.

    python tools/analysis/attention_maps.py CONFIG CHECKPOINT --out-dir vis/attn
    python tools/analysis/attention_maps.py CONFIG CHECKPOINT --frame-dir a01_s01_e00_v03 \\
        --layer 0 --head mean --frame 10

Writes OUT_DIR/PREFIX_spatial.png (token-by-token map, mean over the valid frames unless
--frame), PREFIX_skeleton.png (drawn on the pose of --frame, default the middle valid frame)
and PREFIX_temporal.png. PREFIX defaults to '<frame_dir>_l<layer>_h<head>'.
"""
import argparse
import os.path as osp
import re
import sys

from mmengine.config import DictAction


def head_arg(value):
    if value == 'mean':
        return None
    return int(value)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config', help='config naming the backbone and the test pipeline')
    parser.add_argument('checkpoint', nargs='?', default=None,
                        help='checkpoint with backbone.* keys (omit: random init)')
    parser.add_argument('--out-dir', default='.', help='output folder (default .)')
    parser.add_argument('--prefix', default=None, help='file name prefix')
    parser.add_argument('--ann-file', help="replaces the config's annotation file")
    parser.add_argument('--split', help="split to pick from (default the config's test split)")
    sample = parser.add_mutually_exclusive_group()
    sample.add_argument('--index', type=int, default=0, help='sample index in the split')
    sample.add_argument('--frame-dir', help='sample name (frame_dir)')
    parser.add_argument('--layer', type=int, default=-1, help='block index (default last)')
    parser.add_argument('--head', type=head_arg, default=0,
                        help="head index or 'mean' (default 0)")
    parser.add_argument('--frame', type=int, default=None,
                        help='valid frame of the spatial map (default: mean over valid '
                        'frames; the skeleton shows the middle frame)')
    parser.add_argument('--seed', type=int, default=0, help='seed of a random init')
    parser.add_argument('--dpi', type=int, default=150)
    parser.add_argument('--scale', choices=['log', 'linear'], default='log',
                        help='colour scale of the heat maps (default log: a few dominant keys '
                        'do not flatten the rest)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    import torch

    from mmgl.datasets.layouts import get_layout
    from mmgl.visualization.attention import attention_maps
    from mmgl.visualization.attention_figures import (plot_global_attention_skeleton,
                                                      plot_spatial_heatmap,
                                                      plot_temporal_heatmap)
    from mmgl.apis import (build_backbone, dataset_settings, find_transform,
                                            load_config, load_sample, sample_inputs,
                                            test_pipeline)

    cfg = load_config(args.config, args.cfg_options)
    pipeline = test_pipeline(cfg)
    settings = dataset_settings(cfg, 'test')
    ann_file = args.ann_file or settings['ann_file']
    sample = load_sample(ann_file, args.split or settings['split'], args.index, args.frame_dir)
    backbone = build_backbone(cfg, args.checkpoint, seed=args.seed)
    x, valid_len = sample_inputs(sample, pipeline)
    T = x.shape[2]
    if T > backbone.max_frames:
        x = x[:, :, :backbone.max_frames]
    maps = attention_maps(backbone, x, torch.tensor([valid_len]))
    depth = len(maps.spatial)
    if not -depth <= args.layer < depth:
        raise SystemExit(f'--layer {args.layer}: the backbone has {depth} blocks')
    layer = args.layer % depth
    L = int(maps.valid_len[0])

    prenorm = find_transform(pipeline, 'GLPreNormalize') or {}
    layout_name = cfg.model.backbone.get('layout') or prenorm.get('layout')
    layout = get_layout(layout_name)
    if layout.num_joints != backbone.num_joints:
        raise SystemExit(f'layout {layout_name!r} has {layout.num_joints} joints, the backbone '
                         f'{backbone.num_joints}')
    head_name = 'mean' if args.head is None else str(args.head)
    name = sample['frame_dir']
    prefix = args.prefix or re.sub(r'[^\w.+-]', '_', f'{name}_l{layer}_h{head_name}')
    where = f'{name} (label {sample.get("label")}), layer {layer}, head {head_name}'

    spatial = maps.spatial_map(layer, args.head, frame=args.frame).numpy()
    frame_text = f'frame {args.frame}' if args.frame is not None else f'mean of {L} frames'
    out = {k: osp.join(args.out_dir, f'{prefix}_{k}.png')
           for k in ('spatial', 'skeleton', 'temporal')}
    plot_spatial_heatmap(spatial, layout.joint_names, maps.num_person, maps.global_tokens,
                         out['spatial'], f'spatial attention: {where}, {frame_text}',
                         dpi=args.dpi, scale=args.scale)
    pose_frame = args.frame if args.frame is not None else L // 2
    pose = x[0, :, pose_frame].numpy()  # (M, V, C), the normalised model input
    if maps.global_tokens:
        plot_global_attention_skeleton(
            spatial, pose, layout, maps.global_tokens, out['skeleton'],
            f'global tokens\' spatial attention: {where}, {frame_text}; pose of frame '
            f'{pose_frame}', dpi=args.dpi)
    else:
        print('the backbone has no global tokens (global_token=False): no skeleton picture')
        del out['skeleton']
    plot_temporal_heatmap(maps.temporal_map(layer, args.head).numpy(), out['temporal'],
                          f'temporal attention: {where}, {L} valid frames', dpi=args.dpi,
                          scale=args.scale)
    for path in out.values():
        print(f'wrote {path}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
