"""Training-loop reliability: atomic checkpoints, resumable randomness and a stop on a
non-finite loss (hooks), and checkpoint loading that names a corrupt file."""
from .checkpoint_loading import CheckpointError
from .hooks import (AtomicCheckpointHook, FiniteLossHook, RandomStateHook,
                    resumable_worker_init_fn)

__all__ = [
    'CheckpointError', 'AtomicCheckpointHook', 'FiniteLossHook', 'RandomStateHook',
    'resumable_worker_init_fn'
]
