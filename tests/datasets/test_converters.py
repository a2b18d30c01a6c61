"""Converters on small synthetic files (the real datasets are in test_real_data.py)."""
import json
from pathlib import Path
from typing import List, Sequence

import numpy as np
import pytest

from mmgl.datasets import DataError
from mmgl.datasets.converters.custom import (convert_arrays, convert_mmpose, load_array_file,
                                             read_label_file)
from mmgl.datasets.converters.ntu import (convert_ntu, load_ntu_sample, ntu_splits,
                                          read_ntu_xyz)
from mmgl.datasets.converters.nw_ucla import convert_nw_ucla
from mmgl.datasets.converters.sbu import SBU_FOLDS, convert_sbu, sbu_splits
from mmgl.datasets.converters.subsets import add_subsets, balanced_subset, subset_name


def write_skeleton(path: Path, frames: Sequence[Sequence[np.ndarray]]) -> Path:
    """Write an NTU ``.skeleton`` file; ``frames[t]`` lists ``(25, 3)`` bodies."""
    lines: List[str] = [str(len(frames))]
    for t, bodies in enumerate(frames):
        lines.append(str(len(bodies)))
        for b, xyz in enumerate(bodies):
            lines.append(f'{72057594037930000 + b} 0 1 1 1 1 0 0.02 0.05 2')
            lines.append('25')
            lines += [f'{float(x)!r} {float(y)!r} {float(z)!r} 1 2 3 4 0 0 0 0 2'
                      for x, y, z in xyz]
    path.write_text('\n'.join(lines) + '\n')
    return path


def body(seed: int, scale: float = 0.1) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, scale, (25, 3)) + [0, 0, 3]


def test_ntu60_reader_keeps_first_two_bodies_in_file_order(tmp_path):
    a, b, c = body(1), body(2), body(3)
    path = write_skeleton(tmp_path / 'S001C001P001R001A001.skeleton',
                          [[a, b, c], [c, a], [b]])
    xyz = read_ntu_xyz(path, 'ntu60')
    assert xyz.shape == (2, 3, 25, 3)
    np.testing.assert_array_equal(xyz[:, 0], [a, b])
    np.testing.assert_array_equal(xyz[:, 1], [c, a])  # order by position, no tracking
    np.testing.assert_array_equal(xyz[:, 2], [b, np.zeros((25, 3))])


def test_ntu120_reader_keeps_two_largest_spread(tmp_path):
    still = body(0, 0.01)
    frames = [[still, body(10 + t, 0.5), body(20 + t, 0.2)] for t in range(6)]
    path = write_skeleton(tmp_path / 'S018C001P001R001A100.skeleton', frames)
    xyz = read_ntu_xyz(path, 'ntu120')
    np.testing.assert_array_equal(xyz[0, 0], frames[0][1])  # largest spread first
    np.testing.assert_array_equal(xyz[1, 0], frames[0][2])


def test_leading_empty_frames_dropped(tmp_path):
    empty = np.zeros((25, 3))
    path = write_skeleton(tmp_path / 'S001C001P001R001A001.skeleton',
                          [[], [empty], [body(1)], [body(2)]])
    keypoint = load_ntu_sample(path)
    assert keypoint.shape == (1, 2, 25, 3) and keypoint.dtype == np.float32


@pytest.mark.parametrize('content,message', [
    ('', 'empty'),
    ('3\n1\n72057594037930000 0 1 1 1 1 0 0.02 0.05 2\n25\n0 0 0\n', 'truncated'),
    ('2\n0\n0\n', 'never appears'),
    ('x\n', 'frame count'),
])
def test_bad_skeleton_files_name_the_file(tmp_path, content, message):
    path = tmp_path / 'S001C001P001R001A001.skeleton'
    path.write_text(content)
    with pytest.raises(DataError) as err:
        load_ntu_sample(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_convert_ntu_splits_missing_list_and_ntu60_filter(tmp_path):
    names = ['S001C001P001R001A001', 'S001C002P003R001A002', 'S002C003P002R002A003',
             'S018C001P001R001A061', 'S001C001P001R001A004']
    files = [write_skeleton(tmp_path / f'{n}.skeleton', [[body(i)]] * 3)
             for i, n in enumerate(names)]
    data, skipped = convert_ntu(files, 'ntu60', missing={'S001C001P001R001A004'})
    assert [a['frame_dir'] for a in data['annotations']] == names[:3]
    assert [a['label'] for a in data['annotations']] == [0, 1, 2]
    assert dict(skipped)['S001C001P001R001A004'] == 'listed as missing skeleton'
    assert 'NTU RGB+D 60' in dict(skipped)['S018C001P001R001A061']
    assert data['split']['xsub_train'] == [names[0], names[2]]  # performers 1, 2 train
    assert data['split']['xsub_val'] == [names[1]]
    assert data['split']['xview_train'] == names[1:3]
    data120, _ = convert_ntu(files, 'ntu120')
    assert set(data120['split']) == {'xsub_train', 'xsub_val', 'xset_train', 'xset_val'}
    assert data120['split']['xset_train'] == [names[2], names[3]]  # even setups


def test_ntu120_xsub_adds_subjects():
    split = ntu_splits(['S018C001P045R001A100', 'S018C001P044R001A100'], 'ntu120')
    assert split['xsub_train'] == ['S018C001P045R001A100']


def test_nw_ucla(tmp_path):
    rng = np.random.default_rng(0)
    for name, label, frames in [('a01_s01_e00_v01', 1, 5), ('a12_s02_e01_v03', 10, 3),
                                ('a02_s01_e00_v02', 2, 4)]:
        (tmp_path / f'{name}.json').write_text(json.dumps(dict(
            file_name=name, label=label, skeletons=rng.normal(size=(frames, 20, 3)).tolist())))
    (tmp_path / 'a03_s01_e00_v01.json').write_text('{"file_name": "a03_s01_e00_v01", '
                                                   '"label": 3, "skeletons": []}')
    data, skipped = convert_nw_ucla(sorted(tmp_path.glob('*.json')))
    assert data['split'] == {'xview_train': ['a01_s01_e00_v01', 'a02_s01_e00_v02'],
                             'xview_val': ['a12_s02_e01_v03']}
    assert [a['label'] for a in data['annotations']] == [0, 1, 9]
    assert data['annotations'][0]['keypoint'].shape == (1, 5, 20, 3)
    assert skipped[0][0] == 'a03_s01_e00_v01' and 'shape' in skipped[0][1]


def _write_sbu(root: Path, pair: str, cls: int, rep: int, frames: int, bad: bool = False):
    folder = root / pair / f'{cls:02d}' / f'{rep:03d}'
    folder.mkdir(parents=True)
    rng = np.random.default_rng(cls * 100 + rep)
    rows = [','.join([str(t)] + [f'{v:.5f}' for v in rng.uniform(0, 1, 90)])
            for t in range(frames)]
    if bad:
        rows[1] = rows[1].rsplit(',', 1)[0]
    (folder / 'skeleton_pos.txt').write_text('\n'.join(rows) + '\n')


def test_sbu(tmp_path):
    _write_sbu(tmp_path, 's01s02', 1, 1, 6)
    _write_sbu(tmp_path, 's02s03', 8, 2, 4)
    _write_sbu(tmp_path, 's03s04', 3, 1, 5, bad=True)
    data, skipped = convert_sbu(tmp_path)
    names = [a['frame_dir'] for a in data['annotations']]
    assert names == ['s01s02_01_001', 's02s03_08_002']
    assert [a['label'] for a in data['annotations']] == [0, 7]
    assert data['annotations'][0]['keypoint'].shape == (2, 6, 15, 3)
    assert data['split']['fold1_val'] == ['s01s02_01_001']
    assert data['split']['fold2_val'] == ['s02s03_08_002']
    assert skipped[0][0] == 's03s04_03_001' and 'expected 91' in skipped[0][1]
    raw, _ = convert_sbu(tmp_path, units='normalized')
    kp = raw['annotations'][0]['keypoint']
    assert kp.min() >= 0 and kp.max() <= 1
    metres = data['annotations'][0]['keypoint']
    np.testing.assert_allclose(metres[..., 1], (960 - 1920 * kp[..., 1]) / 1000, rtol=1e-5)


def test_sbu_folds_partition_the_21_pairs():
    pairs = [p for fold in SBU_FOLDS for p in fold]
    assert len(pairs) == len(set(pairs)) == 21
    split = sbu_splits([f'{p}_01_001' for p in pairs])
    for k in range(1, 6):
        assert len(split[f'fold{k}_train']) + len(split[f'fold{k}_val']) == 21


def test_custom_mmpose_json(tmp_path):
    def inst(seed, score):
        kp = np.random.default_rng(seed).uniform(0, 100, (17, 2)).tolist()
        return dict(keypoints=kp, keypoint_scores=[score] * 17)
    frames = [dict(frame_id=1, instances=[inst(1, 0.2), inst(2, 0.9), inst(3, 0.5)]),
              dict(frame_id=3, instances=[inst(4, 0.8)])]
    (tmp_path / 'vid1.json').write_text(json.dumps(dict(meta_info={}, instance_info=frames)))
    (tmp_path / 'vid2.json').write_text('[]')
    (tmp_path / 'labels.txt').write_text('vid1 4\nvid2,1\n')
    labels = read_label_file(tmp_path / 'labels.txt')
    data, skipped = convert_mmpose(sorted(tmp_path.glob('*.json')), labels, 'coco')
    (sample, ) = data['annotations']
    assert sample['keypoint'].shape == (2, 3, 17, 2) and sample['label'] == 4
    expected = [np.float32(frames[0]['instances'][k]['keypoints']) for k in (1, 2)]
    np.testing.assert_array_equal(sample['keypoint'][:, 0], expected)  # by score
    assert not sample['keypoint'][:, 1].any()  # frame 2 missing
    assert sample['keypoint_score'].shape == (2, 3, 17)
    assert skipped == [(str(tmp_path / 'vid2.json'), 'no frames')]


def test_custom_arrays_trim_and_axes(tmp_path):
    data = np.zeros((3, 2, 10, 25, 3), np.float32)
    data[0, 0, :7] = 1
    data[1, :, :4] = 2
    np.savez(tmp_path / 'x.npz', data=data.transpose(0, 4, 2, 3, 1), label=np.array([0, 1, 2]))
    arrays, labels, names = load_array_file(tmp_path / 'x.npz', axes='NCTVM')
    out, skipped = convert_arrays(arrays, labels, names)
    shapes = [a['keypoint'].shape for a in out['annotations']]
    assert shapes == [(1, 7, 25, 3), (2, 4, 25, 3)]
    assert skipped == [('x_000002', 'all-zero sample')]
    with pytest.raises(DataError, match='labels'):
        np.save(tmp_path / 'y.npy', data)
        load_array_file(tmp_path / 'y.npy')


def test_subsets_are_balanced_and_reproducible():
    names = [f's{i:03d}' for i in range(300)]
    labels = [i % 3 for i in range(300)]
    a = balanced_subset(names, labels, 0.1, seed=1)
    assert len(a) == 30 and a == balanced_subset(names[::-1], labels[::-1], 0.1, seed=1)
    assert sorted(int(n[1:]) % 3 for n in a).count(0) == 10
    assert a != balanced_subset(names, labels, 0.1, seed=2)
    assert len(balanced_subset(names, labels, 0.001, seed=1)) == 3  # at least one per class
    assert subset_name('xsub_train', 0.01, 1) == 'xsub_train_1pct_seed1'
    assert subset_name('xsub_train', 0.005, 3) == 'xsub_train_0.5pct_seed3'
    data = dict(split=dict(train=names),
                annotations=[dict(frame_dir=n, label=l) for n, l in zip(names, labels)])
    new = add_subsets(data, 'train', [0.01, 0.1], [1])
    assert set(new) == {'train_1pct_seed1', 'train_10pct_seed1'} <= set(data['split'])
    with pytest.raises(KeyError, match='exists'):
        add_subsets(data, 'train', [0.01], [1])


def test_array_converter_rejects_non_integral_labels(tmp_path):
    data = np.ones((4, 1, 5, 25, 3), np.float32)
    labels = np.array([0, 1.7, 2.0, np.nan])
    out, skipped = convert_arrays(data, labels, ['a', 'b', 'c', 'd'])
    assert [(a['frame_dir'], a['label']) for a in out['annotations']] == [('a', 0), ('c', 2)]
    assert all(type(a['label']) is int for a in out['annotations'])
    assert skipped == [('b', 'label 1.7 is not an integer'),
                       ('d', 'label nan is not an integer')]


def test_array_converter_skips_and_lists_nan_samples(tmp_path):
    data = np.ones((3, 1, 5, 25, 3), np.float32)
    data[1, 0, 2, 3, 0] = np.nan
    out, skipped = convert_arrays(data, np.arange(3), ['a', 'b', 'c'])
    assert [a['frame_dir'] for a in out['annotations']] == ['a', 'c']
    assert skipped == [('b', 'keypoint has 1 NaN and 0 inf values')]


def test_ntu_converter_skips_and_lists_nan_samples(tmp_path):
    good = write_skeleton(tmp_path / 'S001C001P001R001A001.skeleton', [[body(1)]] * 3)
    bad_body = body(2)
    bad_body[4, 1] = np.nan
    bad = write_skeleton(tmp_path / 'S001C001P001R001A002.skeleton',
                         [[body(3)], [bad_body], [body(4)]])
    data, skipped = convert_ntu([good, bad], 'ntu60')
    assert [a['frame_dir'] for a in data['annotations']] == ['S001C001P001R001A001']
    assert skipped == [('S001C001P001R001A002', 'keypoint has 1 NaN and 0 inf values')]


def test_mmpose_converter_skips_and_lists_nan_samples(tmp_path):
    def frames(nan):
        kp = np.random.default_rng(0).uniform(0, 100, (17, 2))
        if nan:
            kp[3, 0] = np.nan
        return [dict(frame_id=0, instances=[dict(keypoints=kp.tolist(),
                                                 keypoint_scores=[0.9] * 17)])]
    (tmp_path / 'ok.json').write_text(json.dumps(frames(False)))
    (tmp_path / 'bad.json').write_text(json.dumps(frames(True)))
    data, skipped = convert_mmpose(sorted(tmp_path.glob('*.json')), dict(ok=0, bad=1), 'coco')
    assert [a['frame_dir'] for a in data['annotations']] == ['ok']
    assert skipped == [('bad', 'keypoint has 1 NaN and 0 inf values')]


def test_nw_ucla_json_that_is_a_list_is_skipped_and_listed(tmp_path):
    (tmp_path / 'a01_s01_e00_v01.json').write_text(json.dumps(dict(
        file_name='a01_s01_e00_v01', label=1, skeletons=np.ones((3, 20, 3)).tolist())))
    (tmp_path / 'a02_s01_e00_v01.json').write_text('[1, 2, 3]')
    data, skipped = convert_nw_ucla(sorted(tmp_path.glob('*.json')))
    assert [a['frame_dir'] for a in data['annotations']] == ['a01_s01_e00_v01']
    assert skipped == [(str(tmp_path / 'a02_s01_e00_v01.json'),
                        'JSON content is a list, expected an object with file_name, '
                        'skeletons and label')]


def _instance(joints=17, channels=2, scores=None):
    kp = np.random.default_rng(joints).uniform(0, 100, (joints, channels)).tolist()
    return dict(keypoints=kp, keypoint_scores=[0.9] * (scores or joints))


@pytest.mark.parametrize('frames,reason', [
    ([dict(frame_id=0, instances=[dict(keypoint_scores=[0.9] * 17)])],
     "frame 0, instance 0: no 'keypoints'"),
    ([dict(frame_id='first', instances=[_instance()])], "frame 0: frame_id 'first' is not an integer"),
    ([dict(frame_id=0, instances=[_instance(scores=5)])],
     'frame 0, instance 0: 5 keypoint_scores for 17 keypoints'),
    ([dict(frame_id=0, instances=[dict(keypoints=[[1, 2], [3]])])],
     'frame 0, instance 0: keypoints are not a (joints, channels) array'),
    ({'meta_info': {}}, 'expected a list of {frame_id, instances} (mmpose results)'),
], ids=['no-keypoints', 'frame-id-text', 'score-count', 'ragged', 'no-instance-info'])
def test_mmpose_one_bad_file_skipped_the_others_convert(tmp_path, frames, reason):
    good = [dict(frame_id=0, instances=[_instance()])]
    for name in ('a', 'c'):
        (tmp_path / f'{name}.json').write_text(json.dumps(good))
    (tmp_path / 'b.json').write_text(json.dumps(frames))
    data, skipped = convert_mmpose(sorted(tmp_path.glob('*.json')), dict(a=0, b=1, c=2))
    assert [a['frame_dir'] for a in data['annotations']] == ['a', 'c']
    assert skipped == [(str(tmp_path / 'b.json'), reason)]


def test_duplicate_sample_names_are_reported(tmp_path, capsys):
    from mmgl.datasets.converters.common import finish
    for folder in ('x', 'y'):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / 'vid.json').write_text(json.dumps(
            [dict(frame_id=0, instances=[_instance()])]))
    data, skipped = convert_mmpose([tmp_path / 'x/vid.json', tmp_path / 'y/vid.json'],
                                   dict(vid=0))
    assert finish(data, skipped, tmp_path / 'out.pkl') == 0
    out = capsys.readouterr().out
    assert 'wrote 1 samples' in out
    assert (f'vid: duplicate sample name: {tmp_path / "y/vid.json"} skipped, '
            f'{tmp_path / "x/vid.json"} kept') in out
    arrays, skipped = convert_arrays(np.ones((3, 1, 4, 25, 3)), np.arange(3), ['p', 'q', 'p'])
    assert [a['frame_dir'] for a in arrays['annotations']] == ['p', 'q']
    assert skipped == [('p', 'duplicate sample name: index 2 skipped, index 0 kept')]


def test_folder_converter_paths(tmp_path):
    from mmgl.datasets.converters.common import check_folder_and_output, input_files
    folder = tmp_path / 'in'
    with pytest.raises(FileNotFoundError, match='is not a folder'):
        check_folder_and_output(folder, tmp_path / 'out.pkl')
    folder.mkdir()
    with pytest.raises(ValueError, match='inside'):
        check_folder_and_output(folder, folder / 'out.pkl')
    names = tmp_path / 'names.txt'
    with pytest.raises(ValueError, match='refusing'):
        check_folder_and_output(folder, names, other_inputs=[names])
    root, out = check_folder_and_output(str(folder), tmp_path / 'out.pkl')
    assert root == folder and out == (tmp_path / 'out.pkl').resolve()
    with pytest.raises(FileNotFoundError, match=r'no \.json files in'):
        input_files(folder, '.json')
    (folder / 'b.json').touch()
    (folder / 'a.json').touch()
    assert [p.name for p in input_files(folder, '.json')] == ['a.json', 'b.json']
