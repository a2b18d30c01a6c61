"""t-SNE of frozen pooled GL-Transformer features, coloured by class: the checkpoint's
encoder next to the same encoder at random initialisation, in one PNG.

The config gives the model and the data: a downstream config (RecognizerGL + GLClsHead, e.g.
a linear-evaluation config) or an MPDP pretraining config (a GLClsHead is added for the
pooling: mean of the head-MLP features over the valid frames). Samples are read with the
config's test pipeline (no augmentation). CHECKPOINT is any mmgl checkpoint with
backbone.* keys (MPDP pretraining or a recognizer); the backbone of the config must match it.

    python tools/analysis/tsne_embedding.py CONFIG CHECKPOINT --out tsne.png
    python tools/analysis/tsne_embedding.py CONFIG CHECKPOINT --subset train --max-samples 500 \\
        --class-names wave punch kick ...

Each panel's title gives the leave-one-out 1-NN accuracy (cosine) among the plotted samples.
"""
import argparse
import math
import sys

from mmengine.config import DictAction


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config', help='downstream or MPDP pretraining config')
    parser.add_argument('checkpoint', help='checkpoint with backbone.* keys')
    parser.add_argument('--out', default='tsne.png', help='PNG path (default tsne.png)')
    parser.add_argument('--subset', choices=['test', 'train'], default='test',
                        help="whose dataset settings to use (default 'test')")
    parser.add_argument('--ann-file', help="replaces the config's annotation file")
    parser.add_argument('--split', help="replaces the config's split")
    parser.add_argument('--max-samples', type=int, default=None,
                        help='first N samples of the split (default all)')
    parser.add_argument('--no-random-init', action='store_true',
                        help='only the checkpoint panel')
    parser.add_argument('--class-names', nargs='+', default=None)
    parser.add_argument('--titles', nargs='+', default=None, metavar='TITLE',
                        help="panel titles, checkpoint first (default 'pretrained encoder', "
                        "'random initialisation')")
    parser.add_argument('--title', default=None,
                        help="figure title (default 't-SNE of pooled frozen features, "
                        "<subset> split')")
    parser.add_argument('--perplexity', type=float, default=30.0)
    parser.add_argument('--seed', type=int, default=0, help='seed of the random init and t-SNE')
    parser.add_argument('--batch-size', type=int, default=32)
    parser.add_argument('--dpi', type=int, default=100)
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    from mmgl.apis.optional import require_extra
    require_extra(['sklearn'], 'tsne_embedding.py')
    from mmgl.apis.progress import track
    from mmgl.evaluation import extract_pooled_features
    from mmgl.visualization.embedding import loo_nn_accuracy, plot_embeddings, tsne_embed
    from mmgl.apis import build_eval_loader, build_recognizer, load_config

    cfg = load_config(args.config, args.cfg_options)
    sources = [('pretrained encoder', args.checkpoint)]
    if not args.no_random_init:
        sources.append(('random initialisation', None))
    if args.titles:
        if len(args.titles) != len(sources):
            raise SystemExit(f'--titles: {len(sources)} panels, {len(args.titles)} titles given')
        sources = [(title, ckpt) for title, (_, ckpt) in zip(args.titles, sources)]
    panels = []
    for name, checkpoint in sources:
        model = build_recognizer(cfg, checkpoint, seed=args.seed)
        loader = build_eval_loader(cfg, args.subset, args.ann_file, args.split, args.batch_size)
        batches = len(loader) if args.max_samples is None else min(
            len(loader), math.ceil(args.max_samples / args.batch_size))
        feats, labels = extract_pooled_features(
            model, track(loader, f'{name} features', total=batches), args.max_samples)
        feats, labels = feats.numpy(), labels.numpy()
        acc = loo_nn_accuracy(feats, labels)
        emb = tsne_embed(feats, seed=args.seed, perplexity=args.perplexity)
        panels.append((f'{name}\n1-NN (leave-one-out) {acc:.1%}', emb, labels))
        print(f'{name} ({checkpoint or "random init"}): {len(labels)} samples, '
              f'{feats.shape[1]}-d features, '
              f'leave-one-out 1-NN accuracy {acc:.4f}')
    width, height = plot_embeddings(panels, args.out, args.class_names, dpi=args.dpi,
                                     title=args.title or
                                     f't-SNE of pooled frozen features, {args.subset} split')
    print(f'wrote {args.out} ({width}x{height})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
