"""Unusable checkpoint files are named with what is wrong, wherever mmengine loads them
(``load_from``, ``--resume``, ``Pretrained``, the test tools), and a corrupt latest
checkpoint points the user to the newest intact one."""
import pytest
import torch
from mmengine.runner.checkpoint import _load_checkpoint

from ._runs import check, pretrain_config, run, write_ann


@pytest.mark.parametrize('content,problem', [
    (b'', 'is empty (0 bytes)'),
    (b'epoch 3 weights\n', 'is not a readable checkpoint (16 bytes, not a torch.save file'),
    ('truncated', 'is not a readable checkpoint'),
    ('tensor', 'holds a Tensor, not a checkpoint dict'),
], ids=['empty', 'text', 'truncated', 'not-a-dict'])
def test_unusable_checkpoint_is_named(tmp_path, content, problem):
    path = tmp_path / 'epoch_3.pth'
    if content == 'truncated':
        torch.save(dict(state_dict={'w': torch.zeros(1000)}), path)
        path.write_bytes(path.read_bytes()[:2000])
    elif content == 'tensor':
        torch.save(torch.zeros(3), path)
    else:
        path.write_bytes(content)
    torch.save(dict(state_dict={'w': torch.zeros(2)}), tmp_path / 'epoch_2.pth')
    import os
    os.utime(tmp_path / 'epoch_2.pth', (1, 1))  # older than the bad one
    (tmp_path / 'last_checkpoint').write_text(str(path))
    with pytest.raises(RuntimeError) as err:
        _load_checkpoint(str(path), map_location='cpu')
    message = str(err.value)
    assert f'checkpoint {path} {problem}' in message, message
    assert f'{tmp_path / "last_checkpoint"} points at it' in message
    assert f'newest intact checkpoint there is {tmp_path / "epoch_2.pth"}' in message


@pytest.mark.slow
def test_resume_from_corrupt_latest_names_the_intact_one(tmp_path):
    ann = write_ann(tmp_path / 'ann.pkl')
    cfg = pretrain_config(tmp_path / 'cfg.py', ann, epochs=2)
    work = tmp_path / 'work'
    check(run('train', cfg, '--work-dir', work))
    latest = work / 'epoch_2.pth'
    assert (work / 'last_checkpoint').read_text() == str(latest)
    latest.write_bytes(latest.read_bytes()[:100])  # e.g. a full disk while copying
    cfg3 = pretrain_config(tmp_path / 'cfg3.py', ann, epochs=3)
    proc = run('train', cfg3, '--work-dir', work, '--resume')
    assert proc.returncode != 0
    log = proc.stdout + proc.stderr
    assert f'checkpoint {latest} is not a readable checkpoint' in log, log[-3000:]
    assert f'newest intact checkpoint there is {work / "epoch_1.pth"}' in log
    # and that advice works
    check(run('train', cfg3, '--work-dir', work, '--resume', work / 'epoch_1.pth'))
