"""Stop a distributed rank when its launcher dies.

torchrun's elastic agent (the ``torchrun`` process itself) is the parent of every rank it
starts. When it is killed with SIGKILL it cannot stop its ranks, which then keep training
as orphans (holding GPUs and writing into the work dir). :func:`watch_parent` starts a
daemon thread that checks once a second whether the process's parent is still the one it
started with; when it is not, it says so on stderr and ends the process (SIGTERM, then
``os._exit`` after a grace period). A thread rather than ``PR_SET_PDEATHSIG``: that signal
fires when the parent *thread* that forked the rank exits, which need not be the agent's
end, and it is Linux-only.
"""
import os
import signal
import sys
import threading
import time
from typing import Optional

__all__ = ['watch_parent', 'launched_by_torchrun']


def launched_by_torchrun() -> bool:
    """Whether this process is a rank started by torchrun / ``torch.distributed.run``."""
    return 'TORCHELASTIC_RUN_ID' in os.environ or 'TORCHELASTIC_RESTART_COUNT' in os.environ


def watch_parent(interval: float = 1.0, grace: float = 5.0) -> Optional[threading.Thread]:
    """Start the watchdog thread (daemon); returns it, or None when the parent is already
    gone (the process then exits at once).

    Args:
        interval (float): Seconds between checks. Defaults to 1.
        grace (float): Seconds between SIGTERM and ``os._exit(1)``. Defaults to 5.
    """
    parent = os.getppid()

    def stop() -> None:
        rank = os.environ.get('RANK', '?')
        sys.stderr.write(f'mmgl: launcher process {parent} is gone; stopping rank {rank} '
                         f'(pid {os.getpid()})\n')
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(grace)
        os._exit(1)

    if parent == 1:
        stop()
        return None

    def loop() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        stop()

    thread = threading.Thread(target=loop, name='mmgl-parent-watchdog', daemon=True)
    thread.start()
    return thread
