"""Hand-crafted baselines of an annotation file: how far do the mean pose and the joint speeds go?

For every sample: the test-mode GL pre-normalisation (``GLPreNormalize``), then two
features over its valid frames: the mean pose (``M * V * C`` numbers, absent persons zero)
and each joint's mean absolute frame-to-frame displacement (same size). A standardised
logistic regression (scikit-learn) is fitted on the training split and scored on the test
split for each feature. A quick way to see whether a dataset's classes are told apart by
posture or by motion, before asking the same of a learned encoder.

    python tools/analysis/handcrafted_probe.py data/demo/demo.pkl --train train --test val \
        --layout nturgb+d --num-person 2

The last line printed is a JSON object with both accuracies (in %).
"""
import argparse
import json

import numpy as np


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('ann')
    parser.add_argument('--train', default='train', help='training split name')
    parser.add_argument('--test', default='val', help='test split name')
    parser.add_argument('--layout', default='nturgb+d')
    parser.add_argument('--num-person', type=int, default=2)
    parser.add_argument('--max-frames', type=int, default=300)
    return parser.parse_args(argv)


def features(sample: dict, prenorm, num_person: int) -> np.ndarray:
    """``(2 * M * V * C,)``: mean pose, then mean absolute displacement of each joint
    (``prenorm``: the ``GLPreNormalize`` transform)."""
    out = prenorm(dict(keypoint=sample['keypoint'].copy()))
    kp = np.asarray(out['keypoint'], dtype=np.float64)[:, :out['valid_len']]
    full = np.zeros((num_person, ) + kp.shape[1:])
    full[:kp.shape[0]] = kp[:num_person]
    speed = np.abs(np.diff(full, axis=1)).mean(1) if full.shape[1] > 1 else np.zeros(
        full.shape[:1] + full.shape[2:])
    return np.concatenate([full.mean(1).ravel(), speed.ravel()])


def main(argv=None):
    args = parse_args(argv)
    from mmgl.apis.optional import require_extra
    require_extra(['sklearn'], 'handcrafted_probe.py')
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from mmgl.datasets.converters.common import load_annotation
    from mmgl.datasets.transforms import GLPreNormalize
    prenorm = GLPreNormalize(layout=args.layout, num_person=args.num_person,
                             max_frames=args.max_frames)
    data = load_annotation(args.ann)
    by_name = {a['frame_dir']: a for a in data['annotations']}
    sets = {}
    for split in (args.train, args.test):
        samples = [by_name[name] for name in data['split'][split]]
        X = np.stack([features(s, prenorm, args.num_person) for s in samples])
        sets[split] = X, np.array([s['label'] for s in samples])
    half = sets[args.train][0].shape[1] // 2
    results = {}
    for name, cols in (('mean_pose', slice(0, half)), ('joint_speed', slice(half, None))):
        (X, y), (Xt, yt) = sets[args.train], sets[args.test]
        scaler = StandardScaler().fit(X[:, cols])
        probe = LogisticRegression(max_iter=3000).fit(scaler.transform(X[:, cols]), y)
        results[f'{name}/top1'] = round(100 * probe.score(scaler.transform(Xt[:, cols]), yt), 2)
    print(f'{args.ann}: {len(sets[args.train][1])} train / {len(sets[args.test][1])} test '
          'samples, standardised logistic regression')
    for key, value in results.items():
        print(f'  {key}: {value:.2f}')
    print(json.dumps(dict(results, ann=args.ann)))


if __name__ == '__main__':
    main()
