"""mmengine's ``CheckpointHook`` with crash-safe writes.

mmengine 0.10.7 writes ``epoch_N.pth`` straight to its final path (``open(path, 'wb')``),
deletes the oldest kept checkpoint *before* writing the new one, and rewrites
``last_checkpoint`` in place. A kill during the write leaves a truncated ``epoch_N.pth``;
with ``max_keep_ckpts=1`` it also leaves ``last_checkpoint`` naming a checkpoint that was
already deleted, so ``--resume`` has nothing to resume from; a kill while ``last_checkpoint``
is rewritten leaves it empty.

This hook writes ``epoch_N.pth.tmp``, flushes it to disk and renames it over
``epoch_N.pth`` (``os.replace`` is atomic on POSIX and Windows), then replaces
``last_checkpoint`` the same way, and only then deletes checkpoints beyond
``max_keep_ckpts``. At every instant ``last_checkpoint`` names a complete checkpoint.
A model with a non-finite weight or buffer is never saved: the hook raises
``FloatingPointError`` naming the tensors before anything is written, so ``last_checkpoint``
keeps naming the last finite checkpoint. Remote backends (``backend_args``/``out_dir`` on another storage) fall back to mmengine's
behaviour; ``save_best`` checkpoints are written by mmengine as before.
"""
import os
import os.path as osp

import torch
from mmengine.dist import is_main_process
from mmengine.model import is_model_wrapper
from mmengine.fileio import LocalBackend
from mmengine.hooks import CheckpointHook
from mmaction.registry import HOOKS

__all__ = ['AtomicCheckpointHook', 'atomic_write_text', 'non_finite_tensors']


def non_finite_tensors(model) -> list:
    """Names of the floating-point parameters and buffers of ``model`` that hold NaN/inf."""
    if model is None:
        return []
    model = model.module if is_model_wrapper(model) else model
    return [name for name, t in model.state_dict().items()
            if torch.is_tensor(t) and t.is_floating_point() and not torch.isfinite(t).all()]


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``."""
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """``CheckpointHook`` whose checkpoints and ``last_checkpoint`` are replaced atomically.

    Same arguments and behaviour as :class:`mmengine.hooks.CheckpointHook`; only the order
    of writes differs (see the module docstring). Use it in place of mmengine's:
    ``default_hooks = dict(checkpoint=dict(type='AtomicCheckpointHook', interval=1))``.
    """

    def _save_checkpoint_with_step(self, runner, step, meta):
        bad = non_finite_tensors(getattr(runner, 'model', None))
        if bad:
            shown = ', '.join(bad[:5]) + (f' and {len(bad) - 5} more' if len(bad) > 5 else '')
            raise FloatingPointError(
                f'refusing to save {self.filename_tmpl.format(step)}: non-finite values in '
                f'{shown}; the last checkpoint written stays the latest')
        if not isinstance(self.file_backend, LocalBackend):
            return super()._save_checkpoint_with_step(runner, step, meta)
        stale = None
        if self.max_keep_ckpts > 0 and not (self.keep_ckpt_ids
                                            and self.keep_ckpt_ids[-1] == step):
            if len(self.keep_ckpt_ids) == self.max_keep_ckpts:
                stale = self.keep_ckpt_ids.popleft()
            self.keep_ckpt_ids.append(step)
            runner.message_hub.update_info('keep_ckpt_ids', list(self.keep_ckpt_ids))

        ckpt_filename = self.filename_tmpl.format(step)
        self.last_ckpt = self.file_backend.join_path(self.out_dir, ckpt_filename)
        runner.message_hub.update_info('last_ckpt', self.last_ckpt)

        # runner.save_checkpoint is master-only: other ranks return at once.
        runner.save_checkpoint(
            self.out_dir,
            ckpt_filename + '.tmp',
            self.file_client_args,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler,
            meta=meta,
            by_epoch=self.by_epoch,
            backend_args=self.backend_args,
            **self.args)
        if not is_main_process():
            return
        tmp = self.last_ckpt + '.tmp'
        _fsync(tmp)
        os.replace(tmp, self.last_ckpt)
        atomic_write_text(osp.join(runner.work_dir, 'last_checkpoint'), self.last_ckpt)
        if stale is not None:
            path = self.file_backend.join_path(self.out_dir, self.filename_tmpl.format(stale))
            if self.file_backend.isfile(path):
                self.file_backend.remove(path)
            elif self.file_backend.isdir(path):
                self.file_backend.rmtree(path)
