"""Random state that survives ``--resume``, so a resumed run repeats an uninterrupted one.

mmengine seeds numpy, ``random`` and torch once, when the runner starts; a resumed run
therefore restarts every generator from the seed instead of where the interrupted run was
at its last checkpoint. mmgl's augmentations (``GLTemporalInterpolate``, ``GLShear``) draw
from numpy's global generator and dropout from torch's, so the losses after a resume
differed from an uninterrupted run's from the first step (data order did not: mmengine's
``DefaultSampler`` shuffles with ``seed + epoch``).

:class:`RandomStateHook` stores the generators' states in every checkpoint and restores
them on resume (``--resume`` / ``resume=True`` only: a run started with ``load_from`` or a
``Pretrained`` init keeps the state of its own ``randomness.seed``). Dataloader workers seed their own generators; mmengine's default
``worker_init_fn`` seeds them with ``seed + worker_id + rank * num_workers``, the same in
every epoch, so non-persistent workers replay the same augmentation draws each epoch and
persistent ones continue a stream a checkpoint cannot hold. The hook replaces that default
with :func:`resumable_worker_init_fn`, which derives each worker's seed from the per-epoch
base seed PyTorch draws from the main process's torch generator (restored on resume) and
the rank: new draws every epoch, reproduced after a resume. With ``persistent_workers=True``
workers are started once, so a resumed run cannot repeat their streams; the hook says so in
the log (use ``persistent_workers=False`` where exact resumption matters).
"""
import random
from functools import partial
from typing import Optional

import numpy as np
import torch
from mmengine.dataset import worker_init_fn as mmengine_worker_init_fn
from mmengine.dist import get_rank
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmaction.registry import HOOKS

__all__ = ['RandomStateHook', 'resumable_worker_init_fn', 'get_random_state',
           'set_random_state']


def resumable_worker_init_fn(worker_id: int, rank: int = 0) -> None:
    """Seed numpy and ``random`` in a dataloader worker from torch's per-iterator seed.

    PyTorch seeds worker ``w``'s torch generator with ``base_seed + w``, ``base_seed`` drawn
    from the main process's generator each time an iterator starts (every epoch unless
    workers are persistent). Mixing in the rank keeps the ranks' streams apart.
    """
    state = np.random.SeedSequence([torch.initial_seed(), rank]).generate_state(2)
    np.random.seed(int(state[0]))
    random.seed(int(state[1]))


def get_random_state() -> dict:
    """The global generators' states in checkpoint-safe types (tensors, ints, strings)."""
    kind, keys, pos, has_gauss, gauss = np.random.get_state()
    state = dict(
        numpy=dict(kind=kind, keys=torch.from_numpy(keys.astype(np.int64)), pos=int(pos),
                   has_gauss=int(has_gauss), gauss=float(gauss)),
        python=random.getstate(),
        torch=torch.get_rng_state())
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state['cuda'] = torch.cuda.get_rng_state_all()
    return state


def set_random_state(state: dict) -> None:
    """Restore what :func:`get_random_state` returned."""
    npy = state['numpy']
    np.random.set_state((npy['kind'], npy['keys'].numpy().astype(np.uint32), npy['pos'],
                         npy['has_gauss'], npy['gauss']))
    version, internal, gauss = state['python']
    random.setstate((version, tuple(internal), gauss))
    torch.set_rng_state(state['torch'])
    if 'cuda' in state and torch.cuda.is_available():
        cuda = state['cuda']
        if len(cuda) == torch.cuda.device_count():
            torch.cuda.set_rng_state_all(cuda)


@HOOKS.register_module()
class RandomStateHook(Hook):
    """Save the global random state in checkpoints, restore it on resume; resumable worker
    seeds (see the module docstring).

    Args:
        worker_seeding (bool): Replace mmengine's default ``worker_init_fn`` of the training
            dataloader with :func:`resumable_worker_init_fn` (a user-configured one is
            kept). Defaults to True.
    """

    priority = 'VERY_HIGH'
    KEY = 'mmgl_random_state'

    def __init__(self, worker_seeding: bool = True) -> None:
        self.worker_seeding = worker_seeding

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        checkpoint[self.KEY] = get_random_state()

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        if not getattr(runner, '_resume', False):
            # load_from (fine-tuning, evaluation): the run follows randomness.seed
            return
        state: Optional[dict] = checkpoint.get(self.KEY)
        if state is None:
            print_log('checkpoint holds no random state (saved without RandomStateHook): '
                      'augmentation and dropout draws will differ from an uninterrupted run',
                      logger='current', level=30)
            return
        set_random_state(state)

    def before_train(self, runner) -> None:
        loader = runner.train_dataloader
        if not self.worker_seeding or getattr(loader, 'num_workers', 0) == 0:
            return
        init_fn = loader.worker_init_fn
        if isinstance(init_fn, partial) and init_fn.func is mmengine_worker_init_fn:
            loader.worker_init_fn = partial(resumable_worker_init_fn, rank=get_rank())
        if loader.persistent_workers:
            print_log('persistent_workers=True: the dataloader workers\' random streams '
                      'cannot be checkpointed, so augmentation after a resume differs from '
                      'an uninterrupted run (set persistent_workers=False to repeat it '
                      'exactly)', logger='current', level=20)
