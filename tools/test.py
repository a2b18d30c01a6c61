"""Test a checkpoint with mmaction2's own entry point, mmgl registered.

    python tools/test.py CONFIG CHECKPOINT [--work-dir DIR] [--dump RESULTS.pkl] [--cfg-options ...]
"""
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from _entry import run_mmaction_tool  # noqa: E402

if __name__ == '__main__':
    run_mmaction_tool('test.py')
