"""Train with mmaction2's own entry point, mmgl registered (same arguments as mmaction's).

    python tools/train.py CONFIG [--work-dir DIR] [--resume [CKPT]] [--amp] [--cfg-options ...]

``--amp`` trains in mixed precision on GPUs (mmengine's ``AmpOptimWrapper``) and in bf16 on
CPU (``mmgl.engine.AnyDeviceAmpOptimWrapper``, registered as ``AmpOptimWrapper``). A run
whose ``val_begin`` lies after its last epoch is warned about before it starts.
"""
import os
import os.path as osp
import runpy
import sys

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from _entry import mmaction_tool_path, run_mmaction_tool  # noqa: E402


def warn_schedule() -> None:
    """Merge the config and arguments as mmaction's train.py does; warn (rank 0) when the
    run never validates."""
    from mmengine.config import Config

    from mmgl.engine.schedule_checks import never_validates
    tool = runpy.run_path(mmaction_tool_path('train.py'), run_name='mmaction_train')
    args = tool['parse_args']()
    message = never_validates(tool['merge_args'](Config.fromfile(args.config), args))
    if message and os.environ.get('RANK', '0') == '0':
        print(f'WARNING: {message}', file=sys.stderr, flush=True)


if __name__ == '__main__':
    warn_schedule()
    run_mmaction_tool('train.py')
