"""tools/benchmarks/gpu_check.sh: the dry mode runs every step of the GPU check, tiny, on CPU."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STEPS = ('fp32', 'tf32', 'bf16', 'bf16_compile', 'compare_amp')


@pytest.mark.slow
def test_dry_mode_runs_every_step(tmp_path):
    env = dict(os.environ, PYTHON=sys.executable)
    proc = subprocess.run(['bash', 'tools/benchmarks/gpu_check.sh', '--device', 'cpu', '--out',
                           str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=1200, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = {}
    for step in STEPS:
        results[step] = json.loads((tmp_path / f'{step}.log').read_text().splitlines()[-1])
    summary = (tmp_path / 'summary.jsonl').read_text().splitlines()
    assert [json.loads(line) for line in summary] == list(results.values())
    assert (tmp_path / 'machine.txt').read_text().startswith('20')  # the date, then versions
    for step in ('fp32', 'tf32', 'bf16'):  # the parity path beside the default one
        names = {row['name'] for row in results[step]['rows']}
        assert names == {'default', 'reference math'}, (step, names)
    assert results['bf16']['amp'] and not results['fp32']['amp']
    assert {row['name'] for row in results['bf16_compile']['rows']} == {'default', 'compiled'}
    assert results['compare_amp']['steps'] == 2


def test_rejects_unknown_device():
    proc = subprocess.run(['bash', 'tools/benchmarks/gpu_check.sh', '--device', 'tpu'],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and 'cuda or cpu' in proc.stderr
