"""Checks of a training config's schedule, run before a run starts."""
from typing import Optional

__all__ = ['never_validates']


def never_validates(cfg) -> Optional[str]:
    """A warning when a run has a validation loop that its schedule never reaches.

    mmengine's train loops validate only from ``val_begin`` on (the last epoch / iteration
    counts), so ``val_begin`` beyond ``max_epochs`` (``max_iters``) silently produces no
    accuracy at all: e.g. a shortened linear-evaluation run that kept its base's
    ``val_begin=120``.

    Args:
        cfg (Config | dict): The merged training config (``train_cfg``, ``val_cfg``,
            ``val_dataloader``).

    Returns:
        str | None: The warning, or None when the run validates (or has no validation).
    """
    train_cfg = cfg.get('train_cfg') or {}
    if not cfg.get('val_cfg') or not cfg.get('val_dataloader'):
        return None
    loop = train_cfg.get('type')
    if loop is None:
        by_epoch = train_cfg.get('by_epoch', True)
    elif loop in ('EpochBasedTrainLoop', 'IterBasedTrainLoop'):
        by_epoch = loop == 'EpochBasedTrainLoop'
    else:
        return None  # a custom loop: its own rules
    unit, key = ('epoch', 'max_epochs') if by_epoch else ('iteration', 'max_iters')
    end, begin = train_cfg.get(key), train_cfg.get('val_begin', 1)
    if end is None or begin <= end:
        return None
    return (f'this run never validates: train_cfg.val_begin={begin} is after the last {unit} '
            f'(train_cfg.{key}={end}), so no accuracy will be computed; set '
            f'train_cfg.val_begin<={end} (e.g. --cfg-options train_cfg.val_begin={end})')
