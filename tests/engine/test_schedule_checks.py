"""A run whose validation never starts is warned about before it trains."""
import runpy
import sys

import pytest
from mmengine.config import Config

from mmgl.engine.schedule_checks import never_validates
from tests.utils import REPO_ROOT

VAL = dict(val_cfg=dict(type='ValLoop'), val_dataloader=dict(batch_size=1))


@pytest.mark.parametrize('train_cfg, warns', [
    (dict(type='EpochBasedTrainLoop', max_epochs=15, val_begin=120), True),
    (dict(by_epoch=True, max_epochs=15, val_begin=16), True),
    (dict(type='IterBasedTrainLoop', max_iters=100, val_begin=200), True),
    (dict(type='EpochBasedTrainLoop', max_epochs=15, val_begin=15), False),  # last epoch
    (dict(type='EpochBasedTrainLoop', max_epochs=15), False),
    (dict(type='SomeCustomLoop', max_epochs=1, val_begin=5), False),
])
def test_never_validates(train_cfg, warns):
    message = never_validates(dict(train_cfg=train_cfg, **VAL))
    assert (message is not None) == warns
    if warns:
        assert f"val_begin={train_cfg['val_begin']}" in message


def test_no_validation_loop_no_warning():
    cfg = dict(train_cfg=dict(max_epochs=1, val_begin=5), val_cfg=None, val_dataloader=None)
    assert never_validates(cfg) is None


def test_train_py_warns_with_the_merged_config(monkeypatch, capsys):
    config = REPO_ROOT / 'configs/mpdp/benchmarks/linear_gl-transformer-d32_1xb64-15e_nw-ucla-xview.py'
    assert never_validates(Config.fromfile(config)) is None  # as shipped it validates
    train = runpy.run_path(str(REPO_ROOT / 'tools/train.py'), run_name='mmgl_train')
    monkeypatch.setattr(sys, 'argv', ['train.py', str(config), '--cfg-options',
                                      'train_cfg.max_epochs=5'])
    train['warn_schedule']()
    err = capsys.readouterr().err
    assert err.startswith('WARNING: this run never validates') and 'max_epochs=5' in err
    monkeypatch.setattr(sys, 'argv', ['train.py', str(config), '--no-validate',
                                      '--cfg-options', 'train_cfg.max_epochs=5'])
    train['warn_schedule']()
    assert capsys.readouterr().err == ''
