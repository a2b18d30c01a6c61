"""Training loop: atomic checkpoints, resumable randomness and a stop on a non-finite loss
(hooks), checkpoint loading that names a corrupt file, and mixed precision on any device
(optim wrappers)."""
from .checkpoint_loading import CheckpointError
from .hooks import (AtomicCheckpointHook, FiniteLossHook, RandomStateHook,
                    resumable_worker_init_fn)
from .optim_wrappers import AnyDeviceAmpOptimWrapper

__all__ = [
    'AnyDeviceAmpOptimWrapper', 'CheckpointError', 'AtomicCheckpointHook', 'FiniteLossHook',
    'RandomStateHook', 'resumable_worker_init_fn'
]
