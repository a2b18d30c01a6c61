"""Small helpers shared by tests."""
import importlib.util
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]


def write_random_ann(path, num_samples=24, num_classes=4, num_person=2, num_joints=25,
                     min_len=20, max_len=40, seed=0, splits=('xsub_train', 'xsub_val')):
    """Write a pyskl-format pickle of random skeletons; 2/3 train, 1/3 val.

    Returns the annotation dict that was written.
    """
    rng = np.random.default_rng(seed)
    annotations = []
    for i in range(num_samples):
        length = int(rng.integers(min_len, max_len + 1))
        keypoint = rng.normal(scale=0.3, size=(num_person, length, num_joints, 3))
        annotations.append(dict(frame_dir=f'sample{i:04d}', label=i % num_classes,
                                total_frames=length, keypoint=keypoint.astype(np.float32)))
    cut = num_samples * 2 // 3
    names = [a['frame_dir'] for a in annotations]
    data = dict(split={splits[0]: names[:cut], splits[1]: names[cut:]}, annotations=annotations)
    with open(path, 'wb') as f:
        pickle.dump(data, f)
    return data


def load_tool(script):
    """``tools/<script>`` (e.g. ``'data/validate_ann.py'``) imported as a module."""
    path = REPO_ROOT / 'tools' / script
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_tool(script, *args, timeout=600, check=True):
    """Run ``tools/<script>`` with this interpreter from the repository root."""
    cmd = [sys.executable, str(REPO_ROOT / 'tools' / script), *map(str, args)]
    proc = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f'{" ".join(cmd)} failed ({proc.returncode}):\n'
                             f'{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}')
    return proc
