"""Stop a run as soon as its loss is not finite, naming the iteration and the batch.

mmengine trains on after a NaN or inf loss: the optimizer step turns every weight NaN, the
run exits 0 with ``loss: nan`` and each later checkpoint holds only NaN. ``FiniteLossHook``
checks the logged loss terms after every training iteration and raises
``FloatingPointError`` with the 1-based iteration and epoch, the non-finite terms and the
``frame_dir`` of every sample in the batch (it adds ``frame_dir`` to the ``meta_keys`` of
the training pipeline's ``PackActionInputs`` so the names reach the batch). It runs before
the checkpoint hook, so no checkpoint is written after the bad step; ``AtomicCheckpointHook``
refuses non-finite weights as a second guard. In distributed runs the ranks agree on the
verdict (one all-reduced flag), so every rank stops at the same iteration.
"""
import math
from typing import Dict, List, Optional, Sequence

import torch
from mmengine.dist import all_reduce, get_world_size
from mmengine.hooks import Hook
from mmaction.registry import HOOKS

__all__ = ['FiniteLossHook', 'batch_sample_names']


def batch_sample_names(data_batch) -> List[str]:
    """The ``frame_dir`` (else ``filename``) of every data sample of a batch, where known."""
    samples = data_batch.get('data_samples', ()) if isinstance(data_batch, dict) else ()
    names = []
    for sample in samples or ():
        meta = getattr(sample, 'metainfo', {}) or {}
        name = meta.get('frame_dir', meta.get('filename'))
        if name is not None:
            names.append(str(name))
    return names


def _add_frame_dir_meta_key(dataset) -> None:
    dataset = getattr(dataset, 'dataset', dataset)  # wrappers (RepeatDataset, ...)
    for transform in getattr(getattr(dataset, 'pipeline', None), 'transforms', ()):
        keys = getattr(transform, 'meta_keys', None)
        if type(transform).__name__ == 'PackActionInputs' and keys is not None \
                and 'frame_dir' not in keys:
            transform.meta_keys = tuple(keys) + ('frame_dir', )


@HOOKS.register_module()
class FiniteLossHook(Hook):
    """Raise ``FloatingPointError`` on the first non-finite loss term (module docstring).

    Args:
        keys (Sequence[str], optional): The logged outputs to check. None checks ``loss``
            and every output whose name starts with ``loss``. Defaults to None.
        name_samples (bool): Add ``frame_dir`` to the batch metadata so the error can name
            the samples. Defaults to True.
    """

    priority = 'ABOVE_NORMAL'  # before CheckpointHook (VERY_LOW) and LoggerHook

    def __init__(self, keys: Optional[Sequence[str]] = None, name_samples: bool = True) -> None:
        self.keys = None if keys is None else tuple(keys)
        self.name_samples = name_samples

    def before_train(self, runner) -> None:
        if self.name_samples:
            _add_frame_dir_meta_key(getattr(runner.train_dataloader, 'dataset', None))

    def _checked(self, outputs) -> Dict[str, float]:
        if not isinstance(outputs, dict):
            return {}
        names = self.keys or [k for k in outputs if k.startswith('loss')]
        values = {}
        for name in names:
            value = outputs.get(name)
            if isinstance(value, torch.Tensor):
                values[name] = float(value.detach().float().mean())
            elif isinstance(value, (int, float)):
                values[name] = float(value)
        return values

    def after_train_iter(self, runner, batch_idx: int, data_batch=None, outputs=None) -> None:
        values = self._checked(outputs)
        bad = {k: v for k, v in values.items() if not math.isfinite(v)}
        if get_world_size() > 1:
            flag = torch.tensor([float(bool(bad))])
            device = next((v.device for v in (outputs or {}).values()
                           if isinstance(v, torch.Tensor)), None)
            flag = flag.to(device) if device is not None else flag
            all_reduce(flag)
            if flag.item() > 0 and not bad:
                bad = {'loss on another rank': float('nan')}
        if not bad:
            return
        terms = ', '.join(f'{k}={v}' for k, v in bad.items())
        names = batch_sample_names(data_batch)
        where = f'; batch samples: {", ".join(names)}' if names else ''
        raise FloatingPointError(
            f'non-finite loss at iteration {runner.iter + 1} (epoch {runner.epoch + 1}): '
            f'{terms}{where}. Training stopped before the non-finite weights could be saved; '
            'check these samples (tools/data/validate_ann.py), lower the learning rate or '
            'resume from the last checkpoint')
