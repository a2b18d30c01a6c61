"""tools/data CLIs: help, overwrite protection, summaries and exit codes (run in-process)."""
import pickle
from pathlib import Path

import numpy as np
import pytest

from tests.utils import load_tool

CLIS = ['ntu_to_pkl', 'nw_ucla_to_pkl', 'sbu_to_pkl', 'custom_to_pkl', 'make_subsets',
        'validate_ann', 'make_demo_data', 'pipeline_throughput']


def tool(name: str):
    return load_tool(f'data/{name}.py')


@pytest.mark.parametrize('name', CLIS)
def test_help(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        tool(name).main(['--help'])
    assert exit_.value.code == 0 and 'usage' in capsys.readouterr().out


def _sample(name, label=0, frames=8):
    kp = np.random.default_rng(label).normal(size=(1, frames, 25, 3)).astype(np.float32)
    return dict(frame_dir=name, label=label, total_frames=frames, keypoint=kp)


def _write(path: Path, data) -> Path:
    path.write_bytes(pickle.dumps(data))
    return path


def test_validate_ann_exit_codes_and_lines(tmp_path, capsys):
    good = _write(tmp_path / 'good.pkl', dict(split=dict(train=['a']),
                                              annotations=[_sample('a')]))
    assert tool('validate_ann').main([str(good)]) == 0
    bad_sample = dict(_sample('b'), total_frames=3)
    bad = _write(tmp_path / 'bad.pkl', dict(split=dict(train=['a', 'b', 'zz']),
                                            annotations=[_sample('a'), bad_sample]))
    capsys.readouterr()
    assert tool('validate_ann').main([str(bad), '--split', 'train']) == 1
    lines = capsys.readouterr().out.splitlines()
    assert 'b: total_frames=3 but keypoint has 8 frames' in lines
    assert "zz: listed in split 'train' but has no annotation" in lines
    assert tool('validate_ann').main([str(good), '--layout', 'sbu']) == 1
    (tmp_path / 'junk.pkl').write_bytes(b'not a pickle')
    assert tool('validate_ann').main([str(tmp_path / 'junk.pkl')]) == 1
    assert 'junk.pkl: not a readable pickle' in capsys.readouterr().out


def test_make_subsets_refuses_overwrite_and_is_reproducible(tmp_path, capsys):
    samples = [_sample(f's{i:03d}', i % 4) for i in range(200)]
    src = _write(tmp_path / 'ann.pkl', dict(split=dict(train=[s['frame_dir'] for s in samples]),
                                            annotations=samples))
    make = tool('make_subsets').main
    assert make([str(src), '--split', 'train', '--out', str(src)]) == 2  # never its input
    out1, out2 = tmp_path / 'o1.pkl', tmp_path / 'o2.pkl'
    assert make([str(src), '--split', 'train', '--out', str(out1), '--seeds', '1', '2']) == 0
    assert make([str(src), '--split', 'train', '--out', str(out1)]) == 2  # exists
    assert make([str(src), '--split', 'train', '--out', str(out2), '--seeds', '1', '2']) == 0
    split1 = pickle.loads(out1.read_bytes())['split']
    assert split1 == pickle.loads(out2.read_bytes())['split']
    assert len(split1['train_10pct_seed1']) == 20 and len(split1['train_1pct_seed2']) == 4
    assert 'split' in pickle.loads(src.read_bytes()) and len(
        pickle.loads(src.read_bytes())['split']) == 1  # input untouched


def test_converter_refuses_output_inside_input_and_existing(tmp_path, capsys):
    src = tmp_path / 'skeletons'
    src.mkdir()
    ntu = tool('ntu_to_pkl').main
    assert ntu([str(src), str(src / 'out.pkl')]) == 2
    assert 'inside' in capsys.readouterr().err
    (tmp_path / 'out.pkl').write_bytes(b'')
    assert ntu([str(src), str(tmp_path / 'out.pkl')]) == 2
    assert '--force' in capsys.readouterr().err


def test_ntu_cli_on_samples(ntu_skeleton_dir, tmp_path, capsys):
    missing = tmp_path / 'missing.txt'
    missing.write_text('# official list\nS001C001P001R001A001\n')
    out = tmp_path / 'ntu.pkl'
    rc = tool('ntu_to_pkl').main([str(ntu_skeleton_dir), str(out), '--missing-list',
                                  str(missing), '--no-progress'])
    text = capsys.readouterr().out
    assert rc == 0 and 'S001C001P001R001A001: listed as missing skeleton' in text
    data = pickle.loads(out.read_bytes())
    total = len(list(ntu_skeleton_dir.glob('*.skeleton')))
    assert len(data['annotations']) == total - 1
    assert tool('validate_ann').main([str(out)]) == 0


def test_custom_cli_array(tmp_path, capsys):
    x = np.zeros((4, 2, 20, 25, 3), np.float32)
    x[:, 0, :10] = np.random.default_rng(0).normal(size=(4, 10, 25, 3))
    np.save(tmp_path / 'x.npy', x)
    np.save(tmp_path / 'y.npy', np.arange(4))
    out = tmp_path / 'c.pkl'
    custom = tool('custom_to_pkl').main
    assert custom(['array', str(tmp_path / 'x.npy'), str(out), '--labels',
                   str(tmp_path / 'y.npy'), '--no-progress']) == 0
    data = pickle.loads(out.read_bytes())
    assert [a['keypoint'].shape for a in data['annotations']] == [(1, 10, 25, 3)] * 4
    assert custom(['array', str(tmp_path / 'x.npy'), str(tmp_path / 'd.pkl'), '--labels',
                   str(tmp_path / 'y.npy'), '--layout', 'sbu']) == 2
    assert "layout 'sbu'" in capsys.readouterr().err


def test_make_demo_data_and_throughput_smoke(tmp_path, capsys):
    out = tmp_path / 'demo.pkl'
    assert tool('make_demo_data').main([str(out), '--num-samples', '16']) == 0
    assert tool('validate_ann').main([str(out), '--num-classes', '8']) == 0
    assert tool('make_demo_data').main([str(out)]) == 2  # exists
    assert tool('pipeline_throughput').main(['--num-samples', '20']) == 0
    assert 'samples/s' in capsys.readouterr().out


def test_custom_array_help_documents_npz_keys(capsys):
    with pytest.raises(SystemExit):
        tool('custom_to_pkl').main(['array', '--help'])
    text = capsys.readouterr().out
    for key in ('keypoint', 'label', 'frame_dir', 'split'):
        assert f'"{key}"' in text, text
    assert '--subject-pattern' in text and '--train-subjects' in text


def _array_npz(path, names, split=None):
    x = np.zeros((len(names), 1, 6, 25, 3), np.float32)
    x[:, 0] = np.random.default_rng(0).normal(size=(len(names), 6, 25, 3))
    arrays = dict(keypoint=x, label=np.arange(len(names)) % 2, frame_dir=np.array(names))
    if split is not None:
        arrays['split'] = np.array(split)
    np.savez(path, **arrays)
    return path


def test_custom_array_split_column(tmp_path):
    npz = _array_npz(tmp_path / 'x.npz', ['a', 'b', 'c'], split=['train', 'test', 'train'])
    out = tmp_path / 'o.pkl'
    assert tool('custom_to_pkl').main(['array', str(npz), str(out), '--no-progress']) == 0
    assert pickle.loads(out.read_bytes())['split'] == dict(train=['a', 'c'], test=['b'])


def test_custom_array_split_by_subject_rule(tmp_path, capsys):
    names = ['a01_s01_e01', 'a01_s02_e01', 'a02_s03_e01', 'a02_s01_e02']
    npz = _array_npz(tmp_path / 'x.npz', names)
    out = tmp_path / 'o.pkl'
    assert tool('custom_to_pkl').main([
        'array', str(npz), str(out), '--no-progress', '--subject-pattern', r'_s(\d+)_',
        '--train-subjects', '1', '3']) == 0
    split = pickle.loads(out.read_bytes())['split']
    assert split == dict(train=['a01_s01_e01', 'a02_s03_e01', 'a02_s01_e02'],
                         test=['a01_s02_e01'])
    assert 'splits: train 3, test 1' in capsys.readouterr().out
    bad = _array_npz(tmp_path / 'y.npz', ['a01_s01', 'oops'])
    assert tool('custom_to_pkl').main([
        'array', str(bad), str(tmp_path / 'p.pkl'), '--subject-pattern', r'_s(\d+)',
        '--train-subjects', '1']) == 2
    assert "oops: name does not match --subject-pattern '_s(\\\\d+)'" in capsys.readouterr().err


def test_custom_array_own_layout_file_and_joint_order(tmp_path, capsys):
    """A 4-joint layout from a YAML file, data stored in another joint order."""
    (tmp_path / 'stick.yaml').write_text(
        'name: stick-test\njoints: [hip, neck, left_shoulder, right_shoulder]\n'
        'center: neck\nshoulders: [left_shoulder, right_shoulder]\n'
        'edges: [[1, 0], [2, 1], [3, 1]]\n')
    x = np.random.default_rng(0).normal(size=(2, 1, 5, 4, 3)).astype(np.float32) + 1
    np.savez(tmp_path / 'x.npz', keypoint=x, label=np.array([0, 1]))
    out = tmp_path / 'o.pkl'
    # stored order: neck, hip, right_shoulder, left_shoulder
    custom = tool('custom_to_pkl').main
    assert custom(['array', str(tmp_path / 'x.npz'), str(out), '--no-progress',
                   '--layout-file', str(tmp_path / 'stick.yaml'), '--layout', 'stick-test',
                   '--joint-order', '1,0,3,2']) == 0
    data = pickle.loads(out.read_bytes())
    np.testing.assert_array_equal(data['annotations'][0]['keypoint'], x[0][:, :, [1, 0, 3, 2]])
    assert custom(['array', str(tmp_path / 'x.npz'), str(tmp_path / 'p.pkl'),
                   '--layout-file', str(tmp_path / 'stick.yaml'), '--layout', 'stick-test',
                   '--joint-order', '1,0,3']) == 2
    assert '--joint-order has 3 entries, layout' in capsys.readouterr().err
    assert tool('validate_ann').main([str(out), '--layout-file', str(tmp_path / 'stick.yaml'),
                                      '--layout', 'stick-test']) == 0
