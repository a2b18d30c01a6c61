"""Ranks stop when their torchrun launcher dies: ``kill -9`` of torchrun (its elastic agent
is the ranks' parent) used to leave both ranks training as orphans. ``tools/train.py``
and ``tools/test.py`` start a watchdog in every torchrun-launched rank that exits the rank
within seconds when its parent process is gone."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ._runs import REPO_ROOT, env, pretrain_config, write_ann

pytestmark = pytest.mark.slow


def children(pid):
    found = []
    for entry in Path('/proc').iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / 'stat').read_text()
        except OSError:
            continue
        if int(stat.rsplit(')', 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid):
    try:
        state = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()[0]
    except OSError:
        return False
    return state != 'Z'


def test_ranks_exit_when_torchrun_is_killed(tmp_path):
    ann = write_ann(tmp_path / 'ann.pkl')
    cfg = pretrain_config(tmp_path / 'cfg.py', ann, epochs=1000, batch_size=2)
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    launcher = subprocess.Popen(
        [sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node=2',
         f'--master_port={port}', 'tools/train.py', str(cfg), '--launcher', 'pytorch',
         '--work-dir', str(tmp_path / 'work')],
        cwd=REPO_ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ranks = []
    try:
        deadline = time.time() + 120
        while time.time() < deadline and not list((tmp_path / 'work').glob('epoch_1.pth')):
            time.sleep(0.5)  # both ranks are training once a checkpoint exists
        ranks = children(launcher.pid)
        assert len(ranks) == 2, ranks
        launcher.send_signal(signal.SIGKILL)
        launcher.wait()
        deadline = time.time() + 15
        while time.time() < deadline and any(alive(p) for p in ranks):
            time.sleep(0.2)
        assert not [p for p in ranks if alive(p)], 'ranks still running after 15 s'
    finally:
        for pid in ranks:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if launcher.poll() is None:
            launcher.kill()
