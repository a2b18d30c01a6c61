"""Hooks registered into mmaction's ``HOOKS``."""
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .finite_loss_hook import FiniteLossHook
from .heap_hook import HeapHook
from .random_state_hook import RandomStateHook, resumable_worker_init_fn

__all__ = [
    'AtomicCheckpointHook', 'FiniteLossHook', 'HeapHook', 'RandomStateHook',
    'resumable_worker_init_fn'
]
