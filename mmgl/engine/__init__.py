"""Training loop: atomic checkpoints and resumable randomness (hooks), mixed precision on any
device (optim wrappers)."""
from .hooks import AtomicCheckpointHook, RandomStateHook, resumable_worker_init_fn
from .optim_wrappers import AnyDeviceAmpOptimWrapper

__all__ = ['AtomicCheckpointHook', 'RandomStateHook', 'resumable_worker_init_fn',
           'AnyDeviceAmpOptimWrapper']
