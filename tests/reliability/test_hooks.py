"""Unit tests of mmgl's reliability hooks (fast, in-process).

* ``AtomicCheckpointHook``: a crash half-way through writing a checkpoint leaves
  ``last_checkpoint`` naming a complete checkpoint; mmengine's ``CheckpointHook`` (shown
  for contrast) leaves it naming a deleted file when ``max_keep_ckpts=1``.
* ``RandomStateHook``: the random state survives a checkpoint round trip (weights-only
  load), and dataloader workers draw new numbers every epoch, reproducibly (mmengine's
  default worker seeding repeats the same draws each epoch).
"""
import random
from collections import deque
from functools import partial

import numpy as np
import pytest
import torch
from mmengine.dataset import worker_init_fn as mmengine_worker_init_fn
from mmengine.fileio import LocalBackend
from mmengine.hooks import CheckpointHook
from mmengine.logging import MessageHub
from torch.utils.data import DataLoader, Dataset

from mmgl.engine import AtomicCheckpointHook, RandomStateHook, resumable_worker_init_fn
from mmgl.engine.hooks.random_state_hook import get_random_state, set_random_state


class Crash(BaseException):
    """Stands for SIGKILL: nothing after the raise runs, nothing catches it."""


class FakeRunner:
    """What CheckpointHook._save_checkpoint_with_step touches."""

    def __init__(self, work_dir, crash_at=None):
        self.work_dir = str(work_dir)
        self.message_hub = MessageHub.get_instance(f'reliability-{id(self)}')
        self.crash_at = crash_at

    def save_checkpoint(self, out_dir, filename, *args, meta=None, **kwargs):
        data = pickle_bytes(meta)
        path = f'{out_dir}/{filename}'
        with open(path, 'wb') as f:
            if meta['epoch'] == self.crash_at:
                f.write(data[:len(data) // 2])
                f.flush()
                raise Crash
            f.write(data)


def pickle_bytes(meta):
    import io
    buf = io.BytesIO()
    torch.save(dict(meta=meta, state_dict={'w': torch.full((1000, ), meta['epoch'])}), buf)
    return buf.getvalue()


def make_hook(cls, work_dir, max_keep):
    hook = cls(interval=1, max_keep_ckpts=max_keep)
    hook.out_dir = str(work_dir)
    hook.file_backend = LocalBackend()
    hook.keep_ckpt_ids = deque(maxlen=max_keep)
    return hook


def save_epochs(hook, runner, epochs):
    for epoch in epochs:
        hook._save_checkpoint_with_step(runner, epoch, dict(epoch=epoch))


def latest(work_dir):
    return (work_dir / 'last_checkpoint').read_text()


@pytest.mark.parametrize('max_keep', [1, 3])
def test_atomic_checkpoint_survives_crash_mid_write(tmp_path, max_keep):
    runner = FakeRunner(tmp_path, crash_at=3)
    hook = make_hook(AtomicCheckpointHook, tmp_path, max_keep)
    with pytest.raises(Crash):
        save_epochs(hook, runner, [1, 2, 3])
    assert latest(tmp_path) == str(tmp_path / 'epoch_2.pth')
    ckpt = torch.load(latest(tmp_path), weights_only=True)
    assert ckpt['meta']['epoch'] == 2 and (ckpt['state_dict']['w'] == 2).all()
    assert not (tmp_path / 'epoch_3.pth').exists()
    kept = sorted(p.name for p in tmp_path.glob('epoch_*.pth'))
    assert kept == (['epoch_2.pth'] if max_keep == 1 else ['epoch_1.pth', 'epoch_2.pth'])
    # the resumed run (a fresh hook that kept what the epoch-2 checkpoint recorded)
    # writes epoch 3 over the stale .tmp and cleans up
    runner.crash_at = None
    hook = make_hook(AtomicCheckpointHook, tmp_path, max_keep)
    hook.keep_ckpt_ids.extend(int(n[6:-4]) for n in kept)
    save_epochs(hook, runner, [3, 4])
    assert latest(tmp_path) == str(tmp_path / 'epoch_4.pth')
    assert not list(tmp_path.glob('*.tmp'))
    assert len(list(tmp_path.glob('epoch_*.pth'))) == min(max_keep, 4)


def test_mmengine_checkpoint_hook_is_not_crash_safe(tmp_path):
    """Why AtomicCheckpointHook exists: mmengine 0.10.7 deletes the previous checkpoint
    before writing the new one, in place."""
    runner = FakeRunner(tmp_path, crash_at=3)
    hook = make_hook(CheckpointHook, tmp_path, max_keep=1)
    with pytest.raises(Crash):
        save_epochs(hook, runner, [1, 2, 3])
    assert latest(tmp_path) == str(tmp_path / 'epoch_2.pth')
    assert not (tmp_path / 'epoch_2.pth').exists()  # deleted before epoch 3 was written
    with pytest.raises(Exception):
        torch.load(tmp_path / 'epoch_3.pth', weights_only=True)  # truncated


class _Runner:
    def __init__(self, resume):
        self._resume = resume


def test_random_state_round_trip_through_checkpoint(tmp_path):
    np.random.seed(1), random.seed(2), torch.manual_seed(3)
    np.random.rand(5), random.random(), torch.rand(5)
    ckpt = {}
    RandomStateHook().before_save_checkpoint(None, ckpt)
    expected = np.random.rand(3), random.random(), torch.rand(3), np.random.normal()
    torch.save(ckpt, tmp_path / 'c.pth')
    np.random.seed(9), random.seed(9), torch.manual_seed(9)
    RandomStateHook().after_load_checkpoint(_Runner(resume=True), torch.load(tmp_path / 'c.pth',
                                                             weights_only=True))
    got = np.random.rand(3), random.random(), torch.rand(3), np.random.normal()
    np.testing.assert_array_equal(got[0], expected[0])
    assert got[1] == expected[1] and torch.equal(got[2], expected[2])
    assert got[3] == expected[3]
    set_random_state(get_random_state())  # idempotent


def test_random_state_restored_on_resume_only():
    """``load_from`` / fine-tuning must follow ``randomness.seed``, not the checkpoint's."""
    np.random.seed(1)
    ckpt = {}
    RandomStateHook().before_save_checkpoint(None, ckpt)
    saved_draw = np.random.rand()
    np.random.seed(5)
    seeded_draw = np.random.rand()
    np.random.seed(5)
    RandomStateHook().after_load_checkpoint(_Runner(resume=False), ckpt)
    assert np.random.rand() == seeded_draw
    RandomStateHook().after_load_checkpoint(_Runner(resume=True), ckpt)
    assert np.random.rand() == saved_draw


class Draws(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return np.random.rand(), random.random()


def epochs_of_draws(init_fn, epochs=2, seed=0):
    torch.manual_seed(seed)
    loader = DataLoader(Draws(), batch_size=2, num_workers=1, worker_init_fn=init_fn,
                        multiprocessing_context='fork')
    return [torch.cat([torch.stack(b) for b in loader]).tolist() for _ in range(epochs)]


def test_worker_seeds_change_per_epoch_and_reproduce():
    default = partial(mmengine_worker_init_fn, num_workers=1, rank=0, seed=0)
    a, b = epochs_of_draws(default)
    assert a == b  # mmengine: the same augmentation draws every epoch
    ours = partial(resumable_worker_init_fn, rank=0)
    first = epochs_of_draws(ours)
    assert first[0] != first[1]
    assert epochs_of_draws(ours) == first  # seeded from the (restorable) torch state
    assert epochs_of_draws(partial(resumable_worker_init_fn, rank=1)) != first
