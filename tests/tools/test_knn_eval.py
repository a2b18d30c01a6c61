"""tools/analysis/knn_eval.py end to end: results on stdout, short plain progress on stderr."""
import json
import subprocess
import sys

import pytest

from tests.utils import REPO_ROOT, write_random_ann

CONFIG = 'configs/mpdp/benchmarks/linear_gl-transformer-tiny-sine_1xb32-20e_demo.py'


@pytest.mark.slow
def test_knn_eval_output_is_short_when_piped(tmp_path):
    ann = tmp_path / 'ann.pkl'
    write_random_ann(ann, num_samples=30, num_classes=3, min_len=10, max_len=20,
                     splits=('train', 'val'))
    proc = subprocess.run(
        [sys.executable, 'tools/analysis/knn_eval.py', CONFIG, '--random-init', '--logreg',
         '--ks', '1', '3', '--batch-size', '4', '--device', 'cpu', '--cfg-options',
         f'train_dataloader.dataset.ann_file={ann}', f'test_dataloader.dataset.ann_file={ann}',
         'model.cls_head.num_classes=3'],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result['num_train'] == 20 and result['num_test'] == 10 and 'logreg/top1' in result
    # no per-parameter initialisation dump (hundreds of lines) and no redrawn bar
    assert len(proc.stdout.splitlines()) <= 10, proc.stdout[:2000]
    assert 'backbone.' not in proc.stdout + proc.stderr
    assert '\r' not in proc.stderr
    progress = [ln for ln in proc.stderr.splitlines() if ln.startswith(('train features',
                                                                        'test features'))]
    assert 2 <= len(progress) <= 8 and progress[-1].startswith('test features: 3/3 (100%)')
