"""A run whose loss stops being finite stops with an error naming the iteration and the
batch's samples, and no checkpoint with non-finite weights is ever written.

``FiniteLossHook`` (in ``configs/_base_/default_runtime.py``) checks every logged loss
after each iteration; ``AtomicCheckpointHook`` refuses to save a model with a non-finite
weight. A ``PoisonHook`` (tests only) sets one weight to NaN to stand for a diverging run.
"""
from collections import deque

import pytest
import torch
from mmengine.fileio import LocalBackend
from mmengine.logging import MessageHub
from mmengine.structures import BaseDataElement

from mmgl.engine import AtomicCheckpointHook, FiniteLossHook

from ._runs import load, pretrain_config, run, write_ann


class FakeRunner:
    def __init__(self, work_dir, model=None, iter=0, epoch=0):
        self.work_dir = str(work_dir)
        self.message_hub = MessageHub.get_instance(f'finite-{id(self)}')
        self.model, self.iter, self.epoch = model, iter, epoch
        self.saved = []

    def save_checkpoint(self, out_dir, filename, *args, **kwargs):
        self.saved.append(filename)
        torch.save(dict(state_dict=self.model.state_dict()), f'{out_dir}/{filename}')


def batch(*names):
    samples = []
    for name in names:
        sample = BaseDataElement()
        sample.set_metainfo(dict(frame_dir=name))
        samples.append(sample)
    return dict(inputs=[torch.zeros(1)] * len(names), data_samples=samples)


def test_hook_raises_naming_iteration_and_samples(tmp_path):
    hook = FiniteLossHook()
    runner = FakeRunner(tmp_path, iter=41, epoch=2)
    hook.after_train_iter(runner, 0, batch('a', 'b'), dict(loss=torch.tensor(1.5)))
    with pytest.raises(FloatingPointError) as err:
        hook.after_train_iter(runner, 0, batch('s001', 's002'),
                              dict(loss=torch.tensor(float('nan')),
                                   loss_dir_local=torch.tensor(float('inf'))))
    message = str(err.value)
    assert 'iteration 42 (epoch 3)' in message
    assert 'loss=nan' in message and 'loss_dir_local=inf' in message
    assert 's001, s002' in message


def test_atomic_checkpoint_refuses_non_finite_weights(tmp_path):
    model = torch.nn.Linear(2, 2)
    runner = FakeRunner(tmp_path, model=model)
    hook = AtomicCheckpointHook(interval=1, max_keep_ckpts=1)
    hook.out_dir, hook.file_backend = str(tmp_path), LocalBackend()
    hook.keep_ckpt_ids = deque(maxlen=1)
    hook._save_checkpoint_with_step(runner, 1, dict(epoch=1))
    assert (tmp_path / 'epoch_1.pth').exists()
    with torch.no_grad():
        model.bias[1] = float('nan')
    with pytest.raises(FloatingPointError, match=r'refusing to save epoch_2.pth: .*bias'):
        hook._save_checkpoint_with_step(runner, 2, dict(epoch=2))
    assert runner.saved == ['epoch_1.pth.tmp']
    assert (tmp_path / 'last_checkpoint').read_text() == str(tmp_path / 'epoch_1.pth')
    assert (tmp_path / 'epoch_1.pth').exists()  # the last good one is kept


@pytest.mark.slow
def test_nan_run_stops_and_saves_nothing_nan(tmp_path):
    ann = write_ann(tmp_path / 'ann.pkl', num_samples=18)  # 12 train: 3 iterations / epoch
    cfg = pretrain_config(tmp_path / 'cfg.py', ann, epochs=3, poison_before_iter=5)
    proc = run('train', cfg, '--work-dir', tmp_path / 'work')
    assert proc.returncode != 0
    log = proc.stdout + proc.stderr
    assert 'FloatingPointError' in log and 'iteration 5 (epoch 2)' in log, log[-3000:]
    assert 'samples: sample' in log
    ckpts = sorted(p.name for p in (tmp_path / 'work').glob('epoch_*.pth'))
    assert ckpts == ['epoch_1.pth']
    state = load(tmp_path / 'work/epoch_1.pth')['state_dict']
    assert all(torch.isfinite(v).all() for v in state.values() if v.is_floating_point())
