"""mmgl.engine.keep_freed_memory: a freed large block is reused instead of faulted in anew."""
import platform
import subprocess
import sys

import pytest

GLIBC = platform.system() == 'Linux' and platform.libc_ver()[0] == 'glibc'

# Allocates, touches and frees a 64 MiB block again and again and prints the fewest page
# faults of one round after the first three (the heap settles: an aligned request does not
# fit the first freed block exactly).
FAULTS = """
import resource, sys
import torch
from mmgl.engine import keep_freed_memory
if sys.argv[1] == 'keep':
    assert keep_freed_memory()
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
counts = []
for _ in range(6):
    before = faults()
    x = torch.empty(16 * 2**20)
    x.fill_(1.)
    del x
    counts.append(faults() - before)
print(min(counts[3:]))
"""


def second_block_faults(heap: str) -> int:
    proc = subprocess.run([sys.executable, '-c', FAULTS, heap], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return int(proc.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not GLIBC, reason='the policy is glibc mallopt')
def test_a_freed_block_is_reused_without_page_faults():
    kept = second_block_faults('keep')
    system = second_block_faults('system')
    # 64 MiB of 4 KiB pages is 16384 faults when the block comes fresh from the kernel
    assert kept < 1000, kept
    if system > 1000:  # (transparent huge pages for every mapping would hide the difference)
        assert kept * 10 < system, (kept, system)


def test_hook_applies_the_policy_before_the_run(monkeypatch):
    from mmgl.engine.hooks import heap_hook
    calls = []
    monkeypatch.setattr(heap_hook, 'keep_freed_memory', lambda: calls.append(1) or True)
    heap_hook.HeapHook().before_run(runner=None)
    assert calls == [1]


def test_default_runtime_keeps_the_heap():
    from mmengine.config import Config
    from tests.utils import REPO_ROOT
    cfg = Config.fromfile(str(REPO_ROOT / 'configs/_base_/default_runtime.py'))
    assert 'HeapHook' in [hook['type'] for hook in cfg.custom_hooks]
