"""The shared checks, and GLPoseDataset raising on what PoseDataset would silently accept."""
import pickle

import numpy as np
import pytest
from mmaction.datasets import PoseDataset
from mmengine.registry import init_default_scope

from mmgl.datasets import DataError, GLPoseDataset
from mmgl.datasets.checks import annotation_problems, sample_problems


def good(name: str, label: int = 0, frames: int = 12, persons: int = 2) -> dict:
    kp = np.random.default_rng(len(name)).normal(size=(persons, frames, 25, 3))
    return dict(frame_dir=name, label=label, total_frames=frames, keypoint=kp.astype(np.float32))


def ann(*samples, **split) -> dict:
    return dict(split=split or dict(train=[s['frame_dir'] for s in samples]),
                annotations=list(samples))


BAD_CASES = {
    'nan': (dict(keypoint=np.full((1, 4, 25, 3), np.nan, np.float32)), 'NaN'),
    'inf': (dict(keypoint=np.full((1, 4, 25, 3), np.inf, np.float32)), 'inf'),
    'zero valid frames': (dict(keypoint=np.zeros((2, 4, 25, 3), np.float32)),
                          'zero valid frames'),
    'joints': (dict(keypoint=np.ones((2, 4, 20, 3), np.float32)), '20 joints'),
    'ndim': (dict(keypoint=np.ones((4, 25, 3), np.float32)), '4 axes'),
    'persons': (dict(keypoint=np.ones((3, 12, 25, 3), np.float32)), '3 persons'),
    'label range': (dict(label=60), 'out of range'),
    'label type': (dict(label='a'), 'not an integer'),
    'total_frames': (dict(total_frames=13), 'total_frames=13'),
}


@pytest.mark.parametrize('case', sorted(BAD_CASES))
def test_each_bad_case_is_reported(case):
    change, message = BAD_CASES[case]
    sample = dict(good('bad'), **change)
    problems = sample_problems(sample, 'nturgb+d', num_classes=60, num_person=2)
    assert any(message in p for p in problems), problems
    assert sample_problems(good('ok'), 'nturgb+d', num_classes=60, num_person=2) == []


def test_annotation_level_problems():
    data = ann(good('a'), good('b'), good('b'), train=['a', 'ghost'], val=['b'])
    problems = annotation_problems(data)
    assert ('ghost', "listed in split 'train' but has no annotation") in problems
    assert ('b', 'frame_dir appears 2 times') in problems
    assert annotation_problems(data, split='nope')[-1] == (
        '<file>', "no split 'nope' (splits: train, val)")
    assert annotation_problems([good('a')]) == []
    assert annotation_problems('x')[0][0] == '<file>'


def _write(tmp_path, data) -> str:
    path = tmp_path / 'ann.pkl'
    path.write_bytes(pickle.dumps(data))
    return str(path)


def test_pose_dataset_loads_pyskl_format_unchanged(tmp_path):
    init_default_scope('mmaction')
    path = _write(tmp_path, ann(good('a', 1), good('b', 2, persons=1), good('c'),
                                xsub_train=['a', 'b'], xsub_val=['c']))
    pipeline = [dict(type='GLPreNormalize'), dict(type='GLFormatInput', max_frames=32),
                dict(type='PackActionInputs', algorithm_keys=('valid_len', ))]
    for cls in (PoseDataset, GLPoseDataset):
        dataset = cls(ann_file=path, pipeline=pipeline, split='xsub_train')
        assert len(dataset) == 2
        item = dataset[1]
        assert tuple(item['inputs'].shape) == (1, 2, 32, 25, 3)
        assert item['data_samples'].valid_len == 12


def test_gl_pose_dataset_raises_where_pose_dataset_drops(tmp_path):
    path = _write(tmp_path, ann(good('a'), good('b', 70), train=['a', 'b', 'ghost']))
    assert len(PoseDataset(ann_file=path, pipeline=[], split='train')) == 2  # silent
    with pytest.raises(DataError) as err:
        GLPoseDataset(ann_file=path, pipeline=[], split='train', num_classes=60,
                      layout='nturgb+d')
    message = str(err.value)
    assert path in message and 'ghost' in message and 'b: label 70' in message
    with pytest.raises(DataError, match="no split 'val'"):
        GLPoseDataset(ann_file=path, pipeline=[], split='val')


def test_fill_pipeline_sets_only_what_a_step_leaves_out():
    from mmgl.datasets.pose_dataset import fill_pipeline
    steps = [dict(type='GLPreNormalize', max_frames=10), dict(type='GLTemporalInterpolate'),
             dict(type='GLFormatInput', max_frames=None), dict(type='MAMPCenter')]
    filled = fill_pipeline(steps, layout='sbu', num_person=2, max_frames=64)
    assert filled[0] == dict(type='GLPreNormalize', max_frames=10, layout='sbu', num_person=2)
    assert filled[1] == dict(type='GLTemporalInterpolate')  # not a dataset field there
    assert filled[2] == dict(type='GLFormatInput', max_frames=None)  # set by the config
    assert filled[3] == dict(type='MAMPCenter', layout='sbu', num_person=2)
    assert fill_pipeline(steps, layout=None)[3] == dict(type='MAMPCenter')
