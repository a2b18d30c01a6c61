"""Strict loading for ``init_cfg=dict(type='Pretrained', ...)``.

mmengine's ``PretrainedInit`` loads with ``strict=False``: a checkpoint of another size or
architecture only logs a warning and leaves the encoder at its random initialisation, which
then gets evaluated as if it were pretrained. mmgl's backbones load strictly instead.
"""
from typing import Optional

from mmengine.runner.checkpoint import _load_checkpoint, _load_checkpoint_with_prefix
from torch import nn


def load_pretrained_strict(module: nn.Module, checkpoint: str, prefix: Optional[str] = None,
                           map_location: str = 'cpu') -> None:
    """Load ``checkpoint`` (keys under ``prefix``, e.g. ``'backbone.'``) into ``module``.

    Raises:
        RuntimeError: naming the checkpoint and listing the missing, unexpected and
            shape-mismatched keys, when the checkpoint does not fit ``module`` exactly.
    """
    if prefix:
        state = _load_checkpoint_with_prefix(prefix, checkpoint, map_location=map_location)
    else:
        state = _load_checkpoint(checkpoint, map_location=map_location)
        state = state.get('state_dict', state)
    own = module.state_dict()
    missing = sorted(set(own) - set(state))
    unexpected = sorted(set(state) - set(own))
    mismatched = sorted(f'{k}: checkpoint {tuple(state[k].shape)} vs model {tuple(own[k].shape)}'
                        for k in set(own) & set(state) if state[k].shape != own[k].shape)
    if missing or unexpected or mismatched:
        def show(keys):
            return ', '.join(keys[:10]) + (f' ... ({len(keys)} in all)' if len(keys) > 10 else '')
        lines = [f'checkpoint {checkpoint} (prefix {prefix!r}) does not fit '
                 f'{type(module).__name__}: is it of another architecture or size?']
        for name, keys in (('missing', missing), ('unexpected', unexpected),
                           ('shape mismatch', mismatched)):
            if keys:
                lines.append(f'  {name}: {show(keys)}')
        raise RuntimeError('\n'.join(lines))
    module.load_state_dict(state, strict=True)
