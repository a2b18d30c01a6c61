"""Every tool script answers ``--help``; the dist launchers print their usage without arguments.

Each script runs in its own interpreter, as a user starts it. They import torch, so the
subprocesses are started together (a few at a time) by one module fixture and each
parametrised case checks its own result.
"""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.utils import REPO_ROOT

SCRIPTS = sorted(str(p.relative_to(REPO_ROOT)) for p in (REPO_ROOT / 'tools').rglob('*.py')
                 if not p.name.startswith('_'))

pytestmark = pytest.mark.slow  # ~25 interpreters importing torch: minutes on 2 busy cores


def _run(argv, timeout=300):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(REPO_ROOT)] + [p for p in os.environ.get('PYTHONPATH', '').split(os.pathsep) if p]))
    return subprocess.run(argv, cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope='module')
def help_runs():
    with ThreadPoolExecutor(max_workers=4) as pool:
        procs = pool.map(lambda s: _run([sys.executable, s, '--help']), SCRIPTS)
        return dict(zip(SCRIPTS, procs))


def test_every_script_is_collected():
    assert 'tools/train.py' in SCRIPTS and 'tools/benchmarks/summarize.py' in SCRIPTS
    assert len(SCRIPTS) >= 20


@pytest.mark.parametrize('script', SCRIPTS)
def test_script_answers_help(script, help_runs):
    proc = help_runs[script]
    assert proc.returncode == 0, f'{script} --help exited {proc.returncode}:\n{proc.stderr}'
    name = Path(script).name
    assert proc.stdout.lstrip().startswith(f'usage: {name}'), proc.stdout[:300]


@pytest.mark.parametrize('script, num_args', [('tools/dist_train.sh', 2),
                                              ('tools/dist_test.sh', 3)])
def test_dist_launcher_usage(script, num_args):
    bare = _run(['bash', script], timeout=30)
    assert bare.returncode != 0 and bare.stderr.startswith(f'usage: bash {script}')
    short = _run(['bash', script] + ['x'] * (num_args - 1), timeout=30)
    assert short.returncode != 0 and 'usage:' in short.stderr
    helped = _run(['bash', script, '--help'], timeout=30)
    assert helped.returncode == 0 and helped.stdout.startswith('usage:')
