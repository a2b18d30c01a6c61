"""A hook that kills its own process with SIGKILL at a chosen point (tests only).

Loaded by the reliability tests' configs through ``custom_imports`` (``PYTHONPATH`` holds
the repository root). SIGKILL gives the process no chance to clean up: what is on disk
afterwards is what a crash, an OOM kill or a pre-empted job leaves.
"""
import os
import signal

from mmengine.fileio.backends import LocalBackend
from mmengine.hooks import Hook
from mmaction.registry import HOOKS


def _die():
    os.kill(os.getpid(), signal.SIGKILL)


@HOOKS.register_module()
class CrashHook(Hook):
    """Args:
        kill_after_iter (int, optional): 1-based global iteration after which to die.
        kill_in_save_epoch (int, optional): die half-way through writing the checkpoint
            of this (1-based) epoch: half of its bytes are on disk.
    """

    priority = 'HIGHEST'

    def __init__(self, kill_after_iter=None, kill_in_save_epoch=None):
        self.kill_after_iter = kill_after_iter
        self.kill_in_save_epoch = kill_in_save_epoch

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
        if self.kill_after_iter is not None and runner.iter + 1 == self.kill_after_iter:
            _die()

    def before_save_checkpoint(self, runner, checkpoint):
        if checkpoint['meta'].get('epoch') != self.kill_in_save_epoch:
            return

        def put(backend, obj, filepath):
            with open(filepath, 'wb') as f:
                f.write(obj[:len(obj) // 2])
                f.flush()
                os.fsync(f.fileno())
            _die()

        LocalBackend.put = put


@HOOKS.register_module()
class PoisonHook(Hook):
    """Sets one weight of the model to NaN before the given (1-based) iteration, so that
    its loss is NaN (stands for a run that diverges)."""

    priority = 'HIGHEST'

    def __init__(self, poison_before_iter):
        self.poison_before_iter = poison_before_iter

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        if runner.iter + 1 == self.poison_before_iter:
            import torch
            model = getattr(runner.model, 'module', runner.model)
            with torch.no_grad():
                next(model.parameters()).view(-1)[0] = float('nan')
