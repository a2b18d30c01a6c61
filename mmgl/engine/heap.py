"""Keep freed memory in the process heap (glibc), so that a CPU step reuses it.

glibc hands every allocation above its mmap threshold (32 MiB at most) fresh pages from the
kernel and returns them on ``free``. A CPU training step allocates and frees its large
activations and gradients anew each time, so every step faults in new zero pages (16,384
faults for each 64 MiB buffer). With mmap off and heap trimming off, freed blocks stay in
the heap and the next step reuses them: no page faults once the heap has settled, the same
numbers bitwise (only where memory comes from changes); an NTU-60 step at batch 4 on 2 CPU
cores is 1.1-1.4x faster (``docs/benchmarks.md``). The resident set then stays at its peak
instead of shrinking between steps.
"""
import ctypes
import platform

__all__ = ['keep_freed_memory']

# mallopt(3) parameters
M_TRIM_THRESHOLD = -1
M_MMAP_MAX = -4


def keep_freed_memory() -> bool:
    """Serve every allocation from the heap and never trim it (glibc ``mallopt``).

    Applies to the whole process from the call on, and to processes forked after it (data
    loader workers). Elsewhere (another C library, another OS) it does nothing.

    Returns:
        bool: Whether the policy is in effect.
    """
    if platform.system() != 'Linux' or platform.libc_ver()[0] != 'glibc':
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    # -1 disables trimming (mallopt(3)); mallopt returns 1 on success
    return mallopt(M_MMAP_MAX, 0) == 1 and mallopt(M_TRIM_THRESHOLD, -1) == 1
