"""Hooks registered into mmaction's ``HOOKS``."""
from .atomic_checkpoint_hook import AtomicCheckpointHook
from .finite_loss_hook import FiniteLossHook
from .random_state_hook import RandomStateHook, resumable_worker_init_fn

__all__ = ['AtomicCheckpointHook', 'FiniteLossHook', 'RandomStateHook', 'resumable_worker_init_fn']
