"""Training loop: atomic checkpoints, resumable randomness, a stop on a non-finite loss and
freed memory kept in the heap (hooks), checkpoint loading that names a corrupt file, and
mixed precision on any device (optim wrappers)."""
from .checkpoint_loading import CheckpointError
from .heap import keep_freed_memory
from .hooks import (AtomicCheckpointHook, FiniteLossHook, HeapHook, RandomStateHook,
                    resumable_worker_init_fn)
from .optim_wrappers import AnyDeviceAmpOptimWrapper

__all__ = [
    'AnyDeviceAmpOptimWrapper', 'CheckpointError', 'AtomicCheckpointHook', 'FiniteLossHook',
    'HeapHook', 'RandomStateHook', 'keep_freed_memory', 'resumable_worker_init_fn'
]
