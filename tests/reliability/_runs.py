"""Tiny CPU training runs through the real tools (subprocesses), shared by the tests."""
import glob
import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List, Optional

import torch

from ..utils import REPO_ROOT, write_random_ann

DEMO_MPDP = REPO_ROOT / 'configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py'
LINEAR_NTU60 = REPO_ROOT / 'configs/mpdp/benchmarks/linear_gl-transformer_1xb1024-120e_ntu60-xsub.py'
MAX_FRAMES = 24


def env() -> Dict[str, str]:
    e = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1', PYTHONHASHSEED='0')
    e['PYTHONPATH'] = str(REPO_ROOT) + (os.pathsep + e['PYTHONPATH'] if e.get('PYTHONPATH')
                                        else '')
    return e


def write_ann(path: Path, num_samples=18, fixed_len: Optional[int] = None) -> Path:
    """2/3 'train', 1/3 'val' random 2-person NTU-layout samples."""
    lo, hi = (fixed_len, fixed_len) if fixed_len else (10, 40)
    write_random_ann(path, num_samples=num_samples, num_classes=4, min_len=lo, max_len=hi,
                     splits=('train', 'val'))
    return path


def pretrain_config(path: Path, ann: Path, *, epochs=3, batch_size=4, num_workers=0,
                    max_keep_ckpts=3, crash: Optional[dict] = None, augment=True,
                    dropout=0.1, seed=7, poison_before_iter: Optional[int] = None) -> Path:
    """A tiny MPDP pretraining config on top of the demo config (every-iteration logging,
    un-smoothed scalars, checkpoint every epoch, mmgl's reliability hooks), with the
    reference's learnable position table so that ``linear_config`` (NTU-60's) loads it."""
    aug = ("    dict(type='GLTemporalInterpolate', ratio=0.1),\n"
           "    dict(type='GLShear', amplitude=0.3),\n") if augment else ''
    crash_hook = f"[dict(type='CrashHook', **{crash!r})]" if crash else '[]'
    if poison_before_iter:
        crash_hook += f" + [dict(type='PoisonHook', poison_before_iter={poison_before_iter})]"
    path.write_text(f"""
_base_ = [{str(DEMO_MPDP)!r}]
custom_imports = dict(imports=['mmgl', 'tests.reliability.crash_hook'],
                      allow_failed_imports=False)
model = dict(backbone=dict(embed_dims=8, depth=1, num_heads=2, max_frames={MAX_FRAMES},
                           drop_rate={dropout}, attn_drop_rate={dropout},
                           drop_path_rate={dropout}, pos_embed='learnable'))
train_dataloader = dict(batch_size={batch_size}, num_workers={num_workers},
                        persistent_workers=False, dataset=dict(
    ann_file={str(ann)!r}, split='train', num_classes=4, pipeline=[
    dict(type='GLPreNormalize', layout='nturgb+d', num_person=2, max_frames={MAX_FRAMES}),
{aug}    dict(type='GLFormatInput', max_frames={MAX_FRAMES}),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', ))]))
train_cfg = dict(max_epochs={epochs})
default_hooks = dict(logger=dict(interval=1),
                     checkpoint=dict(type='AtomicCheckpointHook', interval=1,
                                     max_keep_ckpts={max_keep_ckpts}))
custom_hooks = [dict(type='RandomStateHook'), dict(type='FiniteLossHook')] + {crash_hook}
log_processor = dict(window_size=1)
visualizer = dict(type='ActionVisualizer', vis_backends=[dict(type='LocalVisBackend')])
randomness = dict(seed={seed})
""")
    return path


def linear_config(path: Path, ann: Path, *, pretrained: Optional[Path], batch_size=4,
                  epochs=2, seed=7) -> Path:
    """Tiny linear evaluation on top of the NTU-60 benchmark config (frozen encoder)."""
    init = (f"dict(type='Pretrained', checkpoint={str(pretrained)!r}, prefix='backbone.')"
            if pretrained else 'None')
    pipeline = f"""[
    dict(type='GLPreNormalize', layout='nturgb+d', num_person=2, max_frames={MAX_FRAMES}),
    dict(type='GLFormatInput', max_frames={MAX_FRAMES}),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', ))]"""
    path.write_text(f"""
_base_ = [{str(LINEAR_NTU60)!r}]
model = dict(backbone=dict(embed_dims=8, depth=1, num_heads=2, max_frames={MAX_FRAMES},
                           drop_rate=0., attn_drop_rate=0., drop_path_rate=0.,
                           init_cfg={init}),
             cls_head=dict(num_classes=4, in_channels=25 * 2 * 8))
train_dataloader = dict(batch_size={batch_size}, num_workers=0, persistent_workers=False,
                        dataset=dict(ann_file={str(ann)!r}, split='train', num_classes=4,
                                     pipeline={pipeline}))
val_dataloader = dict(batch_size=2, num_workers=0, persistent_workers=False,
                      dataset=dict(ann_file={str(ann)!r}, split='val', num_classes=4,
                                   pipeline={pipeline}))
test_dataloader = val_dataloader
train_cfg = dict(max_epochs={epochs}, val_begin={epochs})
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(interval={epochs}))
log_processor = dict(window_size=1)
visualizer = dict(type='ActionVisualizer', vis_backends=[dict(type='LocalVisBackend')])
randomness = dict(seed={seed})
""")
    return path


def run(tool: str, *args, timeout=180):
    """``python tools/<tool>.py ARGS`` from the repository root, one thread."""
    import sys
    return subprocess.run([sys.executable, f'tools/{tool}.py', *map(str, args)],
                          cwd=REPO_ROOT, env=env(), capture_output=True, text=True,
                          timeout=timeout)


def run_dist(script: str, *args, port: int = 29512, timeout=240):
    """``bash tools/<script>.sh ARGS`` (torchrun, gloo on CPU) with this interpreter."""
    import sys
    return subprocess.run(['bash', f'tools/{script}.sh', *map(str, args)], cwd=REPO_ROOT,
                          env=dict(env(), PYTHON=sys.executable, PORT=str(port)),
                          capture_output=True, text=True, timeout=timeout)


def check(proc):
    assert proc.returncode == 0, f'rc {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}'
    return proc


def scalars(work_dir: Path) -> List[dict]:
    """Every logged record of every run (resumes included) in ``work_dir``, by step."""
    records = []
    for path in sorted(glob.glob(str(work_dir / '*' / 'vis_data' / 'scalars.json'))):
        with open(path) as f:
            records += [json.loads(line) for line in f if line.strip()]
    return records


def losses(work_dir: Path, newest_only=False) -> Dict[int, float]:
    paths = sorted(glob.glob(str(work_dir / '*' / 'vis_data' / 'scalars.json')))
    if newest_only:
        paths = paths[-1:]
    out = {}
    for path in paths:
        with open(path) as f:
            for line in f:
                r = json.loads(line)
                if 'loss' in r:
                    out[r['step']] = r['loss']
    return out


def load(ckpt: Path) -> dict:
    return torch.load(ckpt, map_location='cpu', weights_only=True)
