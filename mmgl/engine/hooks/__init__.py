"""Hooks registered into mmaction's ``HOOKS``."""
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .random_state_hook import RandomStateHook, resumable_worker_init_fn

__all__ = ['AtomicCheckpointHook', 'RandomStateHook', 'resumable_worker_init_fn']
