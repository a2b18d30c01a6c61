"""kNN evaluation of frozen GL-Transformer features (cosine; no labels touch the encoder).

Takes a downstream config (e.g. a linear-evaluation config: its model gives the encoder and the
pooling, its train/test dataloaders the bank and the queries; both are read with the test
pipeline, without augmentation) and the encoder weights:

    python tools/analysis/knn_eval.py CONFIG --pretrained work_dirs/mpdp/epoch_120.pth
    python tools/analysis/knn_eval.py CONFIG --random-init          # the floor
    python tools/analysis/knn_eval.py CONFIG --checkpoint linear_epoch_120.pth

Prints ``knn/top1_k1`` and ``knn/top1_k20`` (percent) and, as its last line, a JSON object.
``--logreg`` adds a fast probe on the same cached features: standardised features, then
scikit-learn's logistic regression (not the reference's linear evaluation: no augmentation,
features standardised; a quick diagnostic of linear separability).
"""
import argparse
import copy
import json

from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope
from mmengine.runner import Runner, load_checkpoint

import mmgl  # noqa: F401
from mmaction.registry import MODELS
from mmgl.apis.optional import require_extra
from mmgl.apis.progress import track
from mmgl.apis.quiet import init_weights_quietly
from mmgl.evaluation import extract_pooled_features, knn_accuracy
from mmgl.apis import innermost_dataset


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config')
    weights = parser.add_mutually_exclusive_group(required=True)
    weights.add_argument('--pretrained', help='self-supervised checkpoint (backbone.* keys)')
    weights.add_argument('--checkpoint', help='a whole recognizer checkpoint')
    weights.add_argument('--random-init', action='store_true', help='untrained encoder')
    parser.add_argument('--ks', type=int, nargs='+', default=[1, 20])
    parser.add_argument('--weighted', action='store_true',
                        help='similarity-weighted vote (exp(sim/0.07)) instead of majority')
    parser.add_argument('--logreg', action='store_true',
                        help='also a standardised logistic-regression probe (scikit-learn)')
    parser.add_argument('--batch-size', type=int, default=64)
    parser.add_argument('--seed', type=int, default=0, help='seed of the random init')
    parser.add_argument('--device', default=None,
                        help='where the encoder runs (default: cuda when available, else cpu)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    return parser.parse_args()


def build_loader(cfg, name, batch_size):
    loader = copy.deepcopy(cfg[name])
    loader.update(batch_size=batch_size, num_workers=0, persistent_workers=False)
    loader.sampler = dict(type='DefaultSampler', shuffle=False)
    dataset = innermost_dataset(loader.dataset)
    dataset.pipeline = cfg.test_dataloader.dataset.pipeline
    dataset.test_mode = True
    return Runner.build_dataloader(loader, seed=0)


def main():
    args = parse_args()
    if args.logreg:
        require_extra(['sklearn'], 'knn_eval.py --logreg')
    cfg = Config.fromfile(args.config)
    cfg.merge_from_dict(args.cfg_options)
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    import torch
    torch.manual_seed(args.seed)
    model_cfg = copy.deepcopy(cfg.model)
    model_cfg.backbone.pop('init_cfg', None)
    if args.pretrained:
        model_cfg.backbone.init_cfg = dict(type='Pretrained', checkpoint=args.pretrained,
                                           prefix='backbone.')
    model = MODELS.build(model_cfg)
    init_weights_quietly(model)  # no per-parameter dump
    if args.checkpoint:
        load_checkpoint(model, args.checkpoint, map_location='cpu', strict=True)
    model.to(args.device or ('cuda' if torch.cuda.is_available() else 'cpu'))

    bank, bank_labels = extract_pooled_features(
        model, track(build_loader(cfg, 'train_dataloader', args.batch_size), 'train features'))
    query, query_labels = extract_pooled_features(
        model, track(build_loader(cfg, 'test_dataloader', args.batch_size), 'test features'))
    results = knn_accuracy(bank, bank_labels, query, query_labels, ks=args.ks,
                           num_classes=model.cls_head.num_classes, weighted=args.weighted)
    if args.logreg:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler
        scaler = StandardScaler().fit(bank.numpy())
        probe = LogisticRegression(max_iter=2000).fit(scaler.transform(bank.numpy()),
                                                      bank_labels.numpy())
        results['logreg/top1'] = probe.score(scaler.transform(query.numpy()),
                                             query_labels.numpy())
    results = {k: round(v * 100, 2) for k, v in results.items()}
    source = args.pretrained or args.checkpoint or 'random-init'
    print(f'kNN ({"weighted" if args.weighted else "majority"} vote, cosine) of {source}: '
          f'{len(bank)} train / {len(query)} test samples')
    for k, v in results.items():
        print(f'  {k}: {v:.2f}')
    print(json.dumps(dict(results, weights=source, num_train=len(bank), num_test=len(query))))


if __name__ == '__main__':
    main()
