"""Training-loop reliability: atomic checkpoints, resumable randomness and a stop on a
non-finite loss (hooks)."""
from .hooks import (AtomicCheckpointHook, FiniteLossHook, RandomStateHook,
                    resumable_worker_init_fn)

__all__ = [
    'AtomicCheckpointHook', 'FiniteLossHook', 'RandomStateHook', 'resumable_worker_init_fn'
]
