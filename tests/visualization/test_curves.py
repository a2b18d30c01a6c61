import json

import matplotlib.image as mpimg
import pytest

from mmgl.visualization.curves import load_scalars, plot_curves


def _write_run(work_dir, stamp, rows):
    vis = work_dir / stamp / 'vis_data'
    vis.mkdir(parents=True)
    with open(vis / 'scalars.json', 'w') as f:
        f.writelines(json.dumps(r) + '\n' for r in rows)


def test_resumed_runs_are_merged_and_plotted(tmp_path):
    _write_run(tmp_path, '20260101_000000', [
        dict(lr=0.1, loss=2.0, time=1.0, epoch=1, iter=1, step=1),
        dict(lr=0.1, loss=1.5, time=1.0, epoch=1, iter=2, step=2),
        {'acc/top1': 0.25, 'step': 1}])
    _write_run(tmp_path, '20260101_010000', [  # a resume rewrites step 2 and goes on
        dict(lr=0.05, loss=1.4, time=1.0, epoch=2, iter=2, step=2),
        dict(lr=0.05, loss=1.0, time=1.0, epoch=2, iter=3, step=3),
        {'acc/top1': 0.5, 'step': 2}])
    series = load_scalars(tmp_path)
    assert series['loss'] == ([1, 2, 3], [2.0, 1.4, 1.0])
    assert series['acc/top1'] == ([1, 2], [0.25, 0.5])
    assert 'time' not in series

    out = tmp_path / 'curves.png'
    assert plot_curves(tmp_path, out) == ['lr', 'loss', 'acc/top1']
    image = mpimg.imread(out)
    assert image.shape[0] == 300 and image.shape[1] == 1200  # 3 panels at 4x3 in, 100 dpi


LOG = """\
12/03 13:50:28 - mmengine - INFO - Epoch(train)  [1][ 8/16]  lr: 5.0000e-04  eta: 0:04:41  time: 0.5685  data_time: 0.0152  loss: 4.5000  acc_dir: 0.1505
12/03 13:50:30 - mmengine - INFO - Epoch(train)  [1][16/16]  lr: 5.0000e-04  eta: 0:04:40  time: 0.5600  data_time: 0.0150  loss: 4.2500  acc_dir: 0.1600
12/03 13:50:33 - mmengine - INFO - Epoch(train)  [2][ 8/16]  lr: 4.9500e-04  eta: 0:04:30  time: 0.5500  data_time: 0.0150  loss: 4.0000  acc_dir: 0.2000
12/03 13:50:40 - mmengine - INFO - Epoch(val) [2][3/3]    acc/top1: 0.9875  acc/top5: 1.0000  data_time: 0.0902  time: 0.4855
"""


def test_text_logs_of_several_runs_share_the_panels(tmp_path):
    a, b = tmp_path / 'learnable.log', tmp_path / 'sine.log'
    a.write_text(LOG)
    b.write_text(LOG.replace('loss: 4.0000', 'loss: 3.0000'))
    series = load_scalars(str(a))
    assert series['loss'] == ([8, 16, 24], [4.5, 4.25, 4.0])  # (epoch - 1) * 16 + i
    assert series['lr'][1][2] == pytest.approx(4.95e-4)
    assert series['acc/top1'] == ([2], [0.9875])
    assert 'time' not in series and 'eta' not in series
    out = tmp_path / 'plateau.png'
    assert plot_curves([str(a), str(b)], out, keys=['loss'], labels=['learnable', 'sine'],
                       title='NW-UCLA') == ['loss']
    assert mpimg.imread(out).shape[:2] == (300, 400)
    with pytest.raises(ValueError, match='2 runs but 1 labels'):
        plot_curves([str(a), str(b)], out, labels=['one'])
    (tmp_path / 'empty.log').write_text('nothing logged\n')
    with pytest.raises(ValueError, match='no "Epoch'):
        load_scalars(str(tmp_path / 'empty.log'))


def test_missing_work_dir_and_key_are_reported(tmp_path):
    with pytest.raises(FileNotFoundError, match='scalars.json'):
        load_scalars(tmp_path)
    _write_run(tmp_path, 'run', [dict(loss=1.0, step=1)])
    with pytest.raises(KeyError, match='nope'):
        plot_curves(tmp_path, tmp_path / 'x.png', keys=['nope'])


def test_optional_tensorboard_backend_never_fails(tmp_path):
    from mmaction.registry import VISBACKENDS
    backend = VISBACKENDS.build(dict(type='OptionalTensorboardVisBackend',
                                     save_dir=str(tmp_path)))
    backend.add_scalar('loss', 1.0, step=1)
    backend.add_scalars({'lr': 0.1}, step=1)
    backend.close()


def test_optional_tensorboard_backend_is_silent_without_tensorboard(tmp_path, monkeypatch,
                                                                    capsys):
    import sys
    import warnings

    from mmaction.registry import VISBACKENDS
    monkeypatch.setitem(sys.modules, 'torch.utils.tensorboard', None)  # as if not installed
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        backend = VISBACKENDS.build(dict(type='OptionalTensorboardVisBackend',
                                         save_dir=str(tmp_path)))
        backend.add_scalar('loss', 1.0, step=1)
    captured = capsys.readouterr()
    assert 'TensorBoard' not in captured.out + captured.err
