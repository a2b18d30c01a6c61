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
