import numpy as np

from mmgl.datasets.checks import annotation_problems
import pytest

from mmgl.datasets.demo import (CLASSES, GESTURES, GESTURES_TWO_PERSON, MOVEMENTS, TEMPOS,
                                TWO_PERSON, VARIANTS, demo_sample, make_demo_annotations)
from mmgl.datasets.layouts import get_layout
from mmgl.datasets.transforms import GLPreNormalize


TWO = {'actions': TWO_PERSON, 'gestures': GESTURES_TWO_PERSON}


@pytest.mark.parametrize('variant', VARIANTS)
def test_demo_is_valid_deterministic_and_varied(variant):
    classes = VARIANTS[variant]
    data = make_demo_annotations(num_samples=48, seed=3, variant=variant)
    assert annotation_problems(data, layout='nturgb+d', num_classes=len(classes),
                               num_person=2) == []
    again = make_demo_annotations(num_samples=48, seed=3, variant=variant)
    for a, b in zip(data['annotations'], again['annotations']):
        assert a['frame_dir'] == b['frame_dir'] and np.array_equal(a['keypoint'], b['keypoint'])
    other = make_demo_annotations(num_samples=8, seed=4, variant=variant)
    assert not np.array_equal(other['annotations'][0]['keypoint'][:, :5],
                              data['annotations'][0]['keypoint'][:, :5])
    # a larger set extends a smaller one
    small = make_demo_annotations(num_samples=8, seed=3, variant=variant)
    assert np.array_equal(small['annotations'][5]['keypoint'], data['annotations'][5]['keypoint'])
    labels = [a['label'] for a in data['annotations']]
    assert sorted(set(labels)) == list(range(len(classes)))
    assert set(data['split']) == {'train', 'val'} and data['split']['val']
    for sample in data['annotations']:
        assert sample['frame_dir'].endswith(classes[sample['label']])
        persons = 2 if classes[sample['label']] in TWO[variant] else 1
        assert sample['keypoint'].shape[0] == persons
        assert 30 <= sample['total_frames'] <= 120
        assert sample['keypoint'].dtype == np.float32


@pytest.mark.parametrize('variant', VARIANTS)
def test_demo_is_plausible_skeleton(variant):
    data = make_demo_annotations(num_samples=16, seed=0, variant=variant)
    bones = get_layout('nturgb+d').bones
    for sample in data['annotations']:
        kp = sample['keypoint'].astype(np.float64)
        assert np.all(np.abs(kp[..., 0]) < 2.5) and np.all((kp[..., 2] > 1.5) & (kp[..., 2] < 5))
        head_above_feet = kp[:, :, 3, 1] - kp[:, :, 15, 1]
        assert np.all(head_above_feet > 0.4)
        length = np.linalg.norm(kp[:, :, [c for c, _ in bones]] - kp[:, :, [p for _, p in bones]],
                                axis=-1)
        assert np.all(length.std(axis=1) < 0.03)  # rigid bones up to sensor noise
        out = GLPreNormalize(max_frames=128)(dict(keypoint=sample['keypoint'].copy()))
        assert out['valid_len'] == sample['total_frames']


def _mean_speed(keypoint: np.ndarray, fps: float) -> np.ndarray:
    """Mean speed of each joint of person 0 (metres per second), ``(25,)``."""
    return np.linalg.norm(np.diff(keypoint[0].astype(np.float64), axis=0), axis=-1).mean(0) * fps


def test_tempo_pairs_differ_in_speed_not_in_pose():
    """The same draw at the two tempos: the same poses are visited (one cycle at the slow tempo
    covers the fast one's range), the fast one moves about twice as fast; without noise."""
    slow, fast = TEMPOS['slow'], TEMPOS['fast']
    assert fast[1] < slow[0]  # disjoint period ranges
    for movement in MOVEMENTS:
        speed, spread = {}, {}
        for tempo in TEMPOS:
            label = CLASSES.index(f'{movement}_{tempo}')
            kps = [demo_sample(label, np.random.default_rng(seed), 45, 45, noise=(0., 0.))
                   for seed in range(6)]
            speed[tempo] = np.mean([_mean_speed(kp, 30.).max() for kp in kps])
            # poses: each joint's spread over a sequence of 1.5 s, averaged over draws
            spread[tempo] = np.mean([kp[0].std(axis=0).mean() for kp in kps])
        assert speed['fast'] > 1.6 * speed['slow'], (movement, speed)
        assert abs(spread['fast'] - spread['slow']) < 0.35 * spread['slow'], (movement, spread)


def test_fps_keeps_the_tempo_in_seconds():
    """Half the frame rate, same seconds: the per-frame steps double, the speed in m/s not."""
    label = CLASSES.index('march_fast')
    full = demo_sample(label, np.random.default_rng(0), 60, 60, noise=(0., 0.), fps=30.)
    half = demo_sample(label, np.random.default_rng(0), 30, 30, noise=(0., 0.), fps=15.)
    np.testing.assert_allclose(half[:, 1], full[:, 2], atol=1e-5)
    assert _mean_speed(half, 15.).max() == pytest.approx(_mean_speed(full, 30.).max(), rel=0.15)


def test_gestures_move_their_own_body_part():
    """Each one-person gesture moves mostly the joints it names (wrist/hand, foot, head)."""
    moving = {'shake_right_forearm': 11, 'shake_left_forearm': 7, 'tap_right_foot': 19,
              'tap_left_foot': 15, 'nod': 3}
    data = make_demo_annotations(num_samples=len(GESTURES) * 4, seed=1, noise=(0., 0.),
                                 variant='gestures')
    for sample in data['annotations']:
        name = GESTURES[sample['label']]
        if name in moving:
            speed = np.linalg.norm(np.diff(sample['keypoint'][0], axis=0), axis=-1).mean(0)
            assert speed.argmax() == moving[name] or speed[moving[name]] > 0.5 * speed.max()
    with pytest.raises(ValueError, match='variant'):
        make_demo_annotations(num_samples=1, variant='dances')
