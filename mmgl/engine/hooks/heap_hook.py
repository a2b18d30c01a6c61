"""Keep freed memory in the process heap for the run (:func:`mmgl.engine.heap.keep_freed_memory`).

In the default runtime: CPU training steps then reuse the memory of the step before instead
of faulting in fresh pages (the same numbers; ``docs/benchmarks.md``). Remove it from
``custom_hooks`` to let the resident set shrink between steps.
"""
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmaction.registry import HOOKS

from ..heap import keep_freed_memory

__all__ = ['HeapHook']


@HOOKS.register_module()
class HeapHook(Hook):
    """Apply :func:`keep_freed_memory` before the run (and before data loader workers
    start, so that they inherit it)."""

    priority = 'VERY_HIGH'

    def before_run(self, runner) -> None:
        kept = keep_freed_memory()
        print_log('freed memory is kept in the process heap (glibc mallopt)' if kept else
                  'HeapHook: not a glibc process; the allocator is left as it is',
                  logger='current')
