"""Every bad input of docs/reliability.md, through each line of defence that applies:
``tools/data/validate_ann.py`` (the user's check before a run), ``GLPoseDataset`` (at load)
and ``GLPreNormalize`` (per sample, for datasets that do not check), plus the model's
strict ``Pretrained`` loading for checkpoints of another architecture.

Each case builds a small file around one bad sample and asserts the documented behaviour:
a ``DataError`` / exit code 1 whose message names the sample (``frame_dir``) or the file and
says what is wrong, or the documented handling (cropping, person selection with a warning).
"""
import logging
import pickle
import re
import subprocess
import sys

import numpy as np
import pytest
import torch
from mmengine.registry import init_default_scope

from mmgl.datasets import DataError, GLPoseDataset
from mmgl.datasets.transforms import GLFormatInput, GLPreNormalize, GLTemporalInterpolate

from ..utils import REPO_ROOT, load_tool

torch.set_num_threads(1)
init_default_scope('mmaction')


def _validate_main():
    return load_tool('data/validate_ann.py').main


validate = _validate_main()


def good_sample(name, T=12, M=1, label=0, seed=0):
    rng = np.random.default_rng(seed)
    kp = rng.normal(scale=0.3, size=(M, T, 25, 3)).astype(np.float32) + 1.0
    return dict(frame_dir=name, label=label, total_frames=T, keypoint=kp)


def write(path, bad, name='bad', split_extra=()):
    samples = [good_sample('ok0'), good_sample('ok1', label=1), bad]
    names = ['ok0', 'ok1', name, *split_extra]
    with open(path, 'wb') as f:
        pickle.dump(dict(split={'train': names}, annotations=samples), f)
    return path


def with_(**changes):
    s = good_sample('bad')
    s.update(changes)
    return s


def without(key):
    s = good_sample('bad')
    s.pop(key)
    return s


def kp(shape, fill=None):
    a = np.random.default_rng(1).normal(size=shape).astype(np.float32) + 1.0
    if fill is not None:
        a[...] = fill
    return a


def nan_kp():
    a = kp((1, 12, 25, 3))
    a[0, 3, 7, 1] = np.nan
    return a


def inf_kp():
    a = kp((1, 12, 25, 3))
    a[0, 5, 2, 0] = np.inf
    return a


def huge_kp():
    a = kp((1, 12, 25, 3))
    a[0, 4, 9, 2] = 1e20  # finite, but no skeleton is 1e20 metres from the camera
    return a


def no_valid_kp():
    a = kp((1, 12, 25, 3))
    a[0, :, 0] = 0  # person 0's joint 0 never present
    return a


# (id, bad sample, problem text, checked by GLPreNormalize too, extra dataset kwargs)
SAMPLE_CASES = [
    ('missing-keypoint', without('keypoint'), 'missing key(s) keypoint', True),
    ('missing-label', without('label'), 'missing key(s) label', False),
    ('keypoint-3-axes', with_(keypoint=kp((12, 25, 3))), 'expected 4 axes', True),
    ('keypoint-5-axes', with_(keypoint=kp((1, 1, 12, 25, 3))), 'expected 4 axes', True),
    ('keypoint-24-joints', with_(keypoint=kp((1, 12, 24, 3))),
     "24 joints, layout 'nturgb+d' has 25", True),
    ('keypoint-2-channels', with_(keypoint=kp((1, 12, 25, 2))), '2 channels', True),
    ('keypoint-list', with_(keypoint=[[0.0]]), 'keypoint is list', True),
    ('keypoint-object-dtype', with_(keypoint=np.array([None] * 4, dtype=object)),
     'keypoint is object', True),
    ('nan', with_(keypoint=nan_kp()), '1 NaN and 0 inf', True),
    ('inf', with_(keypoint=inf_kp()), '0 NaN and 1 inf', True),
    ('huge-coordinate', with_(keypoint=huge_kp()),
     'coordinates too large: |x| reaches 1e+20 (person 0, frame 4, joint 9), outside the '
     'plausible range |x| <= 1e+04 of 3D metres', True),
    ('zero-length', with_(keypoint=kp((1, 0, 25, 3)), total_frames=0), 'no frames', True),
    ('zero-persons', with_(keypoint=kp((0, 12, 25, 3))), 'no persons', True),
    ('zero-valid-frames', with_(keypoint=no_valid_kp()), 'zero valid frames', True),
    ('all-zero', with_(keypoint=kp((2, 12, 25, 3), fill=0.0)), 'zero valid frames', True),
    ('label-too-large', with_(label=4), 'label 4 out of range [0, 4)', False),
    ('label-negative', with_(label=-1), 'label -1 out of range', False),
    ('label-float', with_(label=1.0), 'label 1.0 is not an integer', False),
    ('label-string', with_(label='1'), "label '1' is not an integer", False),
    ('total-frames-mismatch', with_(total_frames=99), 'total_frames=99 but keypoint has 12',
     False),
    ('keypoint-score-shape', with_(keypoint_score=np.ones((1, 11, 25), np.float32)),
     'keypoint_score has shape (1, 11, 25)', False),
]


@pytest.mark.parametrize('case', SAMPLE_CASES, ids=[c[0] for c in SAMPLE_CASES])
def test_bad_sample(case, tmp_path, capsys):
    _, bad, problem, in_transform = case
    ann = write(tmp_path / 'ann.pkl', bad)
    # 1. validate_ann.py: one "frame_dir: problem" line, exit 1
    assert validate([str(ann), '--num-classes', '4']) == 1
    out = capsys.readouterr().out
    assert any(line.startswith('bad: ') and problem in line for line in out.splitlines()), out
    assert 'ok0' not in out and 'ok1' not in out
    # 2. GLPoseDataset: fails at load, naming the file, the sample and the problem
    with pytest.raises(DataError) as err:
        GLPoseDataset(str(ann), pipeline=[], split='train', layout='nturgb+d', num_classes=4)
    assert err.value.where == str(ann)
    assert any(line.strip().startswith('bad: ') and problem in line
               for line in str(err.value).splitlines()), err.value
    # 3. GLPreNormalize (second line of defence for unchecked datasets)
    if in_transform:
        with pytest.raises(DataError) as err:
            GLPreNormalize(layout='nturgb+d', max_frames=32)(dict(bad))
        assert err.value.where == 'bad'


@pytest.mark.parametrize('content', [b'', b'not a pickle', 'truncated', 'missing'],
                         ids=['empty', 'garbage', 'truncated', 'missing'])
def test_unreadable_pickle(content, tmp_path, capsys):
    path = tmp_path / 'ann.pkl'
    if content == 'truncated':
        write(path, good_sample('x'))
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 2])
    elif content != 'missing':
        path.write_bytes(content)
    assert validate([str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f'{path}: ')
    assert ('file not found' if content == 'missing' else 'not a readable pickle') in out
    with pytest.raises(DataError) as err:
        GLPoseDataset(str(path), pipeline=[], split='train')
    assert err.value.where == str(path)


@pytest.mark.parametrize('data,problem', [
    ([1, 2], 'annotation is int, expected a dict'),
    ('text', 'content is str'),
    (dict(split={'train': []}), "no 'annotations' list"),
    (dict(split=['train'], annotations=[]), "'split' is list"),
], ids=['list-of-ints', 'string', 'no-annotations', 'split-not-dict'])
def test_malformed_file_structure(data, problem, tmp_path, capsys):
    path = tmp_path / 'ann.pkl'
    path.write_bytes(pickle.dumps(data))
    assert validate([str(path)]) == 1
    assert problem in capsys.readouterr().out
    with pytest.raises(DataError, match=problem.replace('(', r'\(').replace(')', r'\)')):
        GLPoseDataset(str(path), pipeline=[], split='train' if isinstance(data, dict)
                      and isinstance(data.get('split'), dict) else None)


def test_split_naming_missing_samples_unknown_split_and_duplicates(tmp_path, capsys):
    ann = write(tmp_path / 'ann.pkl', good_sample('fine'), name='fine',
                split_extra=('ghost1', 'ghost2'))
    assert validate([str(ann), '--split', 'train']) == 1
    out = capsys.readouterr().out
    assert "ghost1: listed in split 'train' but has no annotation" in out and 'ghost2' in out
    with pytest.raises(DataError, match='ghost1: listed in split'):
        GLPoseDataset(str(ann), pipeline=[], split='train')
    assert validate([str(ann), '--split', 'val']) == 1
    assert "no split 'val' (splits: train)" in capsys.readouterr().out
    with pytest.raises(DataError, match="no split 'val'"):
        GLPoseDataset(str(ann), pipeline=[], split='val')
    dup = write(tmp_path / 'dup.pkl', good_sample('ok0'), name='ok0')
    assert validate([str(dup)]) == 1
    assert 'ok0: frame_dir appears 2 times' in capsys.readouterr().out
    with pytest.raises(DataError, match='frame_dir appears 2 times'):
        GLPoseDataset(str(dup), pipeline=[], split='train')


def test_more_persons_than_configured(tmp_path, capsys, caplog):
    """Reported by validate_ann; the dataset loads it; GLPreNormalize keeps the two persons
    with the largest spread and logs one warning naming the sample."""
    rng = np.random.default_rng(0)
    keypoint = np.ones((3, 12, 25, 3), np.float32)
    keypoint[0] += rng.normal(scale=0.5, size=(12, 25, 3)).astype(np.float32)
    keypoint[1] += rng.normal(scale=0.01, size=(12, 25, 3)).astype(np.float32)  # still
    keypoint[2] += rng.normal(scale=0.5, size=(12, 25, 3)).astype(np.float32)
    ann = write(tmp_path / 'ann.pkl', with_(keypoint=keypoint))
    assert validate([str(ann), '--num-person', '2']) == 1
    assert 'bad: 3 persons, more than num_person=2' in capsys.readouterr().out
    assert len(GLPoseDataset(str(ann), pipeline=[], split='train', layout='nturgb+d')) == 3
    t = GLPreNormalize(num_person=2, max_frames=32)
    from mmengine.logging import MMLogger
    logger = MMLogger.get_current_instance()
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    try:
        out = t(dict(frame_dir='bad', keypoint=keypoint))
        t(dict(frame_dir='bad', keypoint=keypoint))  # warned once per sample
    finally:
        logger.removeHandler(handler)
    assert out['keypoint'].shape[0] == 2
    warnings = [r.getMessage() for r in records if 'bad: 3 persons' in r.getMessage()]
    assert warnings == ['bad: 3 persons, keeping the 2 with the largest spread']
    kept = GLPreNormalize(num_person=2, max_frames=32)(
        dict(frame_dir='ref', keypoint=keypoint[[0, 2]]))['keypoint']
    np.testing.assert_array_equal(out['keypoint'], kept)


def test_one_frame_and_longer_than_max_frames_train(tmp_path):
    """One frame: valid_len 1 through interpolation and padding, and the MPDP loss is finite.
    Longer than max_frames: cropped to max_frames (documented), valid_len = max_frames."""
    from mmengine.config import Config
    from mmaction.registry import MODELS
    pipeline = [dict(type='GLPreNormalize', max_frames=16),
                dict(type='GLTemporalInterpolate', ratio=0.1),
                dict(type='GLShear', amplitude=0.3),
                dict(type='GLFormatInput', max_frames=16),
                dict(type='PackActionInputs', algorithm_keys=('valid_len', ))]
    samples = [good_sample('one', T=1), good_sample('long', T=50)]
    path = tmp_path / 'ann.pkl'
    path.write_bytes(pickle.dumps(dict(split={'train': ['one', 'long']},
                                       annotations=samples)))
    ds = GLPoseDataset(str(path), pipeline=pipeline, split='train', layout='nturgb+d')
    np.random.seed(0)
    items = [ds[0], ds[1]]
    lens = [it['data_samples'].valid_len for it in items]
    assert lens[0] == 1 and 14 <= lens[1] <= 16  # interpolation may shrink by <= 10 %
    assert GLFormatInput(max_frames=16)(GLPreNormalize(max_frames=16)(
        dict(frame_dir='long', keypoint=samples[1]['keypoint'])))['valid_len'] == 16
    cfg = Config.fromfile(str(REPO_ROOT / 'configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py'))
    cfg.model.backbone.update(embed_dims=8, depth=1, num_heads=2, max_frames=16)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    for batch in ([items[0], items[0]], items):
        data = model.data_preprocessor(dict(inputs=[b['inputs'] for b in batch],
                                            data_samples=[b['data_samples'] for b in batch]),
                                       True)
        losses = model(**data, mode='loss')
        total = sum(v for k, v in losses.items() if k.startswith('loss'))
        assert torch.isfinite(total)
        total.backward()


def test_huge_coordinates_raise_instead_of_nan():
    """Finite coordinates whose differences overflow float32 used to come out as NaN."""
    keypoint = np.ones((1, 4, 25, 3), np.float32)
    keypoint[0, :, 8, 0], keypoint[0, :, 4, 0] = 3e38, -3e38
    with pytest.raises(DataError, match='big: coordinates too large'):
        GLPreNormalize()(dict(frame_dir='big', keypoint=keypoint))


def test_transforms_after_prenormalize_refuse_empty_input():
    with pytest.raises(DataError, match='s: GLTemporalInterpolate expects'):
        GLTemporalInterpolate()(dict(frame_dir='s', keypoint=np.zeros((1, 0, 25, 3)),
                                     valid_len=0))
    with pytest.raises(DataError, match='s: GLFormatInput expects'):
        GLFormatInput()(dict(frame_dir='s', keypoint=np.zeros((1, 5, 25, 3)), valid_len=3))


def test_unknown_layout_name(tmp_path):
    msg = "unknown layout 'ntu'; known layouts: coco, nturgb\\+d, nw-ucla, sbu"
    with pytest.raises(KeyError, match=msg):
        GLPreNormalize(layout='ntu')
    ann = write(tmp_path / 'ann.pkl', good_sample('fine'), name='fine')
    with pytest.raises(KeyError, match=msg):
        GLPoseDataset(str(ann), pipeline=[], split='train', layout='ntu')
    from mmaction.registry import MODELS
    with pytest.raises(KeyError, match=msg):
        MODELS.build(dict(type='GLTransformer', layout='ntu', embed_dims=8, depth=1,
                          num_heads=2, max_frames=8))


@pytest.mark.slow
def test_unknown_layout_name_cli(tmp_path):
    ann = write(tmp_path / 'ann.pkl', good_sample('fine'), name='fine')
    proc = subprocess.run([sys.executable, 'tools/data/validate_ann.py', str(ann), '--layout',
                           'ntu'], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "invalid choice: 'ntu'" in proc.stderr


def _strict_loading_available():
    from mmgl.models.backbones import gl_transformer
    return hasattr(gl_transformer.GLTransformer, 'init_weights') and \
        'Pretrained' in open(gl_transformer.__file__).read()


@pytest.mark.skipif(not _strict_loading_available(),
                    reason='strict Pretrained loading not in GLTransformer yet')
@pytest.mark.parametrize('other', ['bigger', 'other-layout', 'stgcn'])
def test_checkpoint_of_another_architecture(other, tmp_path):
    """init_cfg=Pretrained with a checkpoint that does not fit: stop, listing the keys
    (mmengine itself only logs a warning and trains from random weights)."""
    from mmaction.registry import MODELS
    small = dict(type='GLTransformer', embed_dims=8, depth=1, num_heads=2, max_frames=8)
    if other == 'stgcn':
        source = MODELS.build(dict(type='RecognizerGCN', backbone=dict(
            type='STGCN', graph_cfg=dict(layout='nturgb+d', mode='stgcn_spatial')),
            cls_head=dict(type='GCNHead', num_classes=4, in_channels=256)))
        state = source.state_dict()
    else:
        cfg = dict(small, embed_dims=16) if other == 'bigger' else dict(small, layout='sbu')
        source = MODELS.build(cfg)
        state = {f'backbone.{k}': v for k, v in source.state_dict().items()}
    ckpt = tmp_path / 'other.pth'
    torch.save(dict(state_dict=state, meta={}), ckpt)
    model = MODELS.build(dict(small, init_cfg=dict(type='Pretrained', checkpoint=str(ckpt),
                                                   prefix='backbone.')))
    with pytest.raises(Exception) as err:
        model.init_weights()
    message = str(err.value)
    assert str(ckpt) in message
    if other == 'stgcn':
        assert 'missing' in message and 'unexpected' in message
    else:
        assert 'shape mismatch' in message


@pytest.mark.parametrize('label', [np.int64(3), np.int32(3), np.array([3]), np.array(3)],
                         ids=['int64', 'int32', 'array-1', 'array-0d'])
def test_numpy_labels_are_normalised_at_load(label, tmp_path, capsys):
    """What mmaction accepts loads, and reaches the batch as a plain int (np.int64 used to
    pass the checks, then fail the first iteration: 'not an available label type')."""
    ann = write(tmp_path / 'ann.pkl', with_(label=label))
    assert validate([str(ann), '--num-classes', '4']) == 0
    ds = GLPoseDataset(str(ann), pipeline=[dict(type='GLPreNormalize', max_frames=16),
                                           dict(type='GLFormatInput', max_frames=16),
                                           dict(type='PackActionInputs')],
                       split='train', layout='nturgb+d', num_classes=4)
    assert type(ds.get_data_info(2)['label']) is int
    assert int(ds[2]['data_samples'].gt_label) == 3


@pytest.mark.parametrize('label,problem', [
    (np.array([1, 2]), 'label array([1, 2]) is not an integer'),
    (np.float64(1.5), f'label {np.float64(1.5)!r} is not an integer'),
    (np.int64(7), 'label 7 out of range [0, 4)'),
], ids=['array-2', 'float64', 'int64-out-of-range'])
def test_bad_numpy_labels_are_named(label, problem, tmp_path, capsys):
    ann = write(tmp_path / 'ann.pkl', with_(label=label))
    assert validate([str(ann), '--num-classes', '4']) == 1
    assert f'bad: {problem}' in capsys.readouterr().out
    with pytest.raises(DataError, match=re.escape(f'bad: {problem}')):
        GLPoseDataset(str(ann), pipeline=[], split='train', num_classes=4)


def test_load_checks_use_the_pipelines_max_frames(tmp_path, capsys):
    """Person 0 appears only after frame 16: with max_frames=16 GLPreNormalize would find no
    valid frame inside a worker, hours in; the dataset refuses it at start-up."""
    late = kp((1, 30, 25, 3))
    late[0, :20, 0] = 0
    ann = write(tmp_path / 'ann.pkl', with_(keypoint=late, total_frames=30))
    pipeline = [dict(type='GLPreNormalize', max_frames=16), dict(type='GLFormatInput',
                                                               max_frames=16)]
    with pytest.raises(DataError, match='bad: zero valid frames: .* of the first 16'):
        GLPoseDataset(str(ann), pipeline=pipeline, split='train')
    with pytest.raises(DataError, match='of the first 16'):
        GLPoseDataset(str(ann), pipeline=[], split='train', max_frames=16)
    assert len(GLPoseDataset(str(ann), pipeline=[dict(type='GLPreNormalize', max_frames=32)],
                             split='train')) == 3
    assert validate([str(ann), '--max-frames', '16']) == 1
    assert 'bad: zero valid frames' in capsys.readouterr().out


def test_total_frames_string_is_called_a_string(tmp_path, capsys):
    ann = write(tmp_path / 'ann.pkl', with_(total_frames='12'))
    assert validate([str(ann)]) == 1
    assert "bad: total_frames='12' is a str, expected an int" in capsys.readouterr().out


def test_layout_recorded_by_the_converter_is_used_by_default(tmp_path, capsys):
    """The converter writes the layout into the file; the validator and the dataset check
    against it by default, and a different --layout / layout= is one line, not one per
    sample."""
    from mmgl.datasets.converters.common import finish
    from mmgl.datasets.converters.custom import convert_arrays
    x = np.random.default_rng(0).normal(size=(3, 1, 6, 20, 3)).astype(np.float32) + 1
    data, skipped = convert_arrays(x, np.arange(3), ['a', 'b', 'c'], layout='nw-ucla')
    path = tmp_path / 'ucla.pkl'
    assert finish(data, skipped, path) == 0
    capsys.readouterr()
    assert pickle.loads(path.read_bytes())['layout'] == 'nw-ucla'
    assert validate([str(path)]) == 0  # not checked against the nturgb+d default
    assert validate([str(path), '--layout', 'nturgb+d']) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{path}: the file was converted with layout 'nw-ucla', not 'nturgb+d' "
                   "(leave --layout / layout= out to use the file's)"]
    assert len(GLPoseDataset(str(path), pipeline=[], split='all')) == 3
    with pytest.raises(DataError, match="converted with layout 'nw-ucla', not 'nturgb\\+d'"):
        GLPoseDataset(str(path), pipeline=[], split='all', layout='nturgb+d')
    # the recorded layout is checked: 25 joints in a file that says nw-ucla
    bad = pickle.loads(path.read_bytes())
    bad['annotations'][0]['keypoint'] = np.ones((1, 6, 25, 3), np.float32)
    path.write_bytes(pickle.dumps(bad))
    with pytest.raises(DataError, match="a: keypoint has 25 joints, layout 'nw-ucla' has 20"):
        GLPoseDataset(str(path), pipeline=[], split='all')


def standing(num_samples=6, T=10, seed=0):
    """Upright bodies in metres, y up: 1.7 m tall, 0.5 m wide, 0.2 m deep."""
    rng = np.random.default_rng(seed)
    base = np.stack([rng.uniform(-0.25, 0.25, 25), np.linspace(0, 1.7, 25),
                     rng.uniform(-0.1, 0.1, 25)], -1)
    return [dict(frame_dir=f's{i}', label=0, total_frames=T,
                 keypoint=(base + [0, 0, 3] + rng.normal(0, 0.01, (1, T, 25, 3))
                           ).astype(np.float32)) for i in range(num_samples)]


@pytest.mark.parametrize('mistake,warning', [
    ('mm', r'bodies are about 17\d\d units tall: the data looks like millimetres'),
    ('z-up', r'bodies are longest along z \(1\.7\) rather than y \(0\.\d+\): the data '
     'looks z-up; mmgl expects y up'),
    (None, None),
])
def test_unit_and_gravity_mistakes_warn_naming_the_file(mistake, warning, tmp_path, capsys):
    from mmengine.logging import MMLogger
    samples = standing()
    for s in samples:
        if mistake == 'mm':
            s['keypoint'] = s['keypoint'] * 1000
        elif mistake == 'z-up':
            s['keypoint'] = s['keypoint'][..., [0, 2, 1]].copy()
    path = tmp_path / 'own.pkl'
    path.write_bytes(pickle.dumps(dict(split={'all': [s['frame_dir'] for s in samples]},
                                       annotations=samples)))
    assert validate([str(path)]) == 0  # a warning, not an error
    err = capsys.readouterr().err
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = MMLogger.get_current_instance()
    logger.addHandler(handler)
    try:
        GLPoseDataset(str(path), pipeline=[], split='all')
    finally:
        logger.removeHandler(handler)
    logged = [r.getMessage() for r in records]
    if warning is None:
        assert 'warning' not in err and not any('looks' in m for m in logged)
        return
    assert re.search(re.escape(f'{path}: warning: ') + warning, err), err
    from mmgl.datasets.converters.common import finish
    from mmgl.datasets.converters.custom import convert_arrays
    data, skipped = convert_arrays(np.stack([s['keypoint'] for s in samples]),
                                   np.zeros(len(samples)), [s['frame_dir'] for s in samples])
    assert finish(data, skipped, tmp_path / 'converted.pkl') == 0
    assert re.search(re.escape(f'{tmp_path / "converted.pkl"}: warning: ') + warning,
                     capsys.readouterr().err)
    assert any(re.match(re.escape(f'{path}: ') + warning, m) for m in logged), logged
