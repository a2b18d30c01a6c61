"""Train with mmaction2's own entry point, mmgl registered (same arguments as mmaction's).

    python tools/train.py CONFIG [--work-dir DIR] [--resume [CKPT]] [--amp] [--cfg-options ...]
"""
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from _entry import run_mmaction_tool  # noqa: E402

if __name__ == '__main__':
    run_mmaction_tool('train.py')
