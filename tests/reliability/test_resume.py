"""Interrupted runs and determinism on CPU, through ``tools/train.py`` (subprocesses).

* A run killed (SIGKILL) in the middle of epoch 2 and resumed with ``--resume`` logs the
  same loss, step for step, as an uninterrupted run, and ends with the same weights
  (augmentation, dropout and data order included; main-process loading).
* A run killed half-way through writing its epoch-2 checkpoint (``max_keep_ckpts=1``, the
  worst case) leaves ``last_checkpoint`` naming the complete epoch-1 checkpoint, and the
  resumed run again repeats the uninterrupted one (one dataloader worker).
* Two runs with the same seed and config write identical checkpoints.

Sizes: 12 training samples, batch 4 (3 iterations per epoch), 3 epochs, D=8, depth 1.
"""
import pytest
import torch

from ._runs import check, load, losses, pretrain_config, run, write_ann

pytestmark = pytest.mark.slow


@pytest.fixture(scope='module')
def ann(tmp_path_factory):
    return write_ann(tmp_path_factory.mktemp('data') / 'ann.pkl')


def _uninterrupted(tmp_path_factory, ann, **kw):
    root = tmp_path_factory.mktemp('full')
    cfg = pretrain_config(root / 'cfg.py', ann, **kw)
    check(run('train', cfg, '--work-dir', root / 'wd'))
    return root / 'wd'


@pytest.fixture(scope='module')
def full_run(tmp_path_factory, ann):
    return _uninterrupted(tmp_path_factory, ann, num_workers=0)


@pytest.fixture(scope='module')
def full_run_worker(tmp_path_factory, ann):
    return _uninterrupted(tmp_path_factory, ann, num_workers=1)


def assert_same_losses(reference, resumed, steps):
    ref, got = losses(reference), losses(resumed, newest_only=True)
    assert sorted(got) == list(steps), sorted(got)
    for step in steps:
        # exact on CPU with one thread; 1e-6 relative is the documented bound
        assert got[step] == pytest.approx(ref[step], rel=1e-6, abs=0), (step, ref, got)
    return ref, got


def assert_equal_tree(a, b, where=''):
    """Tensors bit-equal, everything else ==, recursively."""
    if isinstance(a, torch.Tensor):
        assert isinstance(b, torch.Tensor) and torch.equal(a, b), f'{where} differs'
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            assert_equal_tree(a[k], b[k], f'{where}.{k}')
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_equal_tree(x, y, f'{where}[{i}]')
    else:
        assert a == b, f'{where}: {a!r} != {b!r}'


def assert_same_state(a, b, keys=('state_dict', )):
    for key in keys:
        assert_equal_tree(a[key], b[key], key)


def test_resume_after_kill_mid_epoch(tmp_path, ann, full_run):
    wd = tmp_path / 'wd'
    killed = pretrain_config(tmp_path / 'killed.py', ann, crash=dict(kill_after_iter=5))
    proc = run('train', killed, '--work-dir', wd)
    assert proc.returncode == -9, proc.stderr[-3000:]  # SIGKILL in epoch 2, iteration 2
    assert (wd / 'epoch_1.pth').is_file() and not (wd / 'epoch_2.pth').exists()
    assert (wd / 'last_checkpoint').read_text() == str(wd / 'epoch_1.pth')
    assert max(losses(wd)) == 4  # iteration 5 died before it was logged

    resume = pretrain_config(tmp_path / 'resume.py', ann)
    proc = check(run('train', resume, '--work-dir', wd, '--resume'))
    assert f'Auto resumed from the latest checkpoint {wd / "epoch_1.pth"}' in \
        proc.stdout + proc.stderr
    assert_same_losses(full_run, wd, steps=range(4, 10))
    assert_same_state(load(full_run / 'epoch_3.pth'), load(wd / 'epoch_3.pth'),
                      keys=('state_dict', 'optimizer'))


def test_kill_while_writing_checkpoint_then_resume(tmp_path, ann, full_run_worker):
    wd = tmp_path / 'wd'
    killed = pretrain_config(tmp_path / 'killed.py', ann, num_workers=1, max_keep_ckpts=1,
                             crash=dict(kill_in_save_epoch=2))
    proc = run('train', killed, '--work-dir', wd)
    assert proc.returncode == -9, proc.stderr[-3000:]
    # the half-written file never took the checkpoint's name; the previous one is intact
    assert (wd / 'epoch_2.pth.tmp').is_file() and not (wd / 'epoch_2.pth').exists()
    latest = (wd / 'last_checkpoint').read_text()
    assert latest == str(wd / 'epoch_1.pth')
    assert load(latest)['meta']['epoch'] == 1
    with pytest.raises(Exception):
        load(wd / 'epoch_2.pth.tmp')

    resume = pretrain_config(tmp_path / 'resume.py', ann, num_workers=1, max_keep_ckpts=1)
    check(run('train', resume, '--work-dir', wd, '--resume'))
    assert_same_losses(full_run_worker, wd, steps=range(4, 10))
    # the resumed run rewrote epoch_2 (through a fresh .tmp) and then dropped it (keep 1)
    assert sorted(p.name for p in wd.glob('epoch_*')) == ['epoch_3.pth']
    assert_same_state(load(full_run_worker / 'epoch_3.pth'), load(wd / 'epoch_3.pth'))


def test_same_seed_same_checkpoints(tmp_path_factory, ann, full_run_worker):
    again = _uninterrupted(tmp_path_factory, ann, num_workers=1)
    assert losses(again) == losses(full_run_worker)
    for epoch in (1, 3):
        a = load(full_run_worker / f'epoch_{epoch}.pth')
        b = load(again / f'epoch_{epoch}.pth')
        assert_same_state(a, b, keys=('state_dict', 'optimizer'))
        assert a['meta']['seed'] == b['meta']['seed'] == 7


def test_load_from_keeps_the_configured_seed(tmp_path, ann, full_run):
    """``load_from`` (fine-tuning from a checkpoint, not resuming) must not restore the
    checkpoint's random state: runs from one checkpoint with seeds 1 and 2 draw different
    augmentation, the same seed twice draws the same (data order fixed: no shuffling)."""
    ckpt = full_run / 'epoch_1.pth'
    runs = {}
    for name, seed in (('a', 1), ('b', 2), ('c', 1)):
        cfg = pretrain_config(tmp_path / f'{name}.py', ann, epochs=1, seed=seed)
        check(run('train', cfg, '--work-dir', tmp_path / name, '--cfg-options',
                  f'load_from={ckpt}', 'train_dataloader.sampler.shuffle=False'))
        runs[name] = losses(tmp_path / name)
    assert runs['a'] == runs['c']
    assert runs['a'] != runs['b']
