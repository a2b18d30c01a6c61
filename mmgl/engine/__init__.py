"""Training-loop reliability: atomic checkpoints and resumable randomness (hooks)."""
from .hooks import AtomicCheckpointHook, RandomStateHook, resumable_worker_init_fn

__all__ = ['AtomicCheckpointHook', 'RandomStateHook', 'resumable_worker_init_fn']
