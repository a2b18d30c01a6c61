"""Run one of mmaction2's own tool scripts after ``import mmgl``.

mmaction2 ships its ``tools/`` inside the package (``mmaction/.mim/tools``); mmgl's tools
only make sure the compatibility shims and mmgl's registrations are in place first (and,
in a rank started by torchrun, a watchdog that ends the rank when torchrun dies), then hand
over with the same command-line arguments.
"""
import os.path as osp
import runpy
import sys

import mmgl  # noqa: F401  (shims + registration)


def mmaction_tool_path(name: str) -> str:
    """``mmaction/.mim/tools/<name>``; exits with one line when mmaction2 lacks it."""
    import mmaction
    from mmgl.engine.parent_watchdog import launched_by_torchrun, watch_parent
    if launched_by_torchrun():
        watch_parent()  # a rank exits within seconds when its torchrun launcher dies
    script = osp.join(osp.dirname(mmaction.__file__), '.mim', 'tools', name)
    if not osp.isfile(script):
        sys.exit(f'mmaction2 tool not found: {script} (is mmaction2 1.2.0 installed?)')
    return script


def run_mmaction_tool(name: str) -> None:
    """Execute ``mmaction/.mim/tools/<name>`` as ``__main__`` with the current ``sys.argv``."""
    script = mmaction_tool_path(name)
    sys.argv[0] = script
    runpy.run_path(script, run_name='__main__')
