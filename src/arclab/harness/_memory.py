"""Process memory on Linux, read from /proc: resident size, per-task peak, address-space limit.

Every function degrades to None/False where /proc or the resource module is missing.
"""

from __future__ import annotations

import os

try:
    import resource
except ImportError:  # not on POSIX
    resource = None  # type: ignore[assignment]  # None marks the module missing; checked before each use

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_MIB = 1024 * 1024


def rss_mb(pid: int | str = "self") -> float | None:
    """Resident memory of a process in MiB, or None if it cannot be read (e.g. it has exited)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            fields = handle.read().split()
        return int(fields[1]) * _PAGE / _MIB
    except (OSError, IndexError, ValueError):
        return None


def pss_mb(pid: int | str = "self") -> float | None:
    """Proportional resident memory of a process in MiB (shared pages split between their users)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass
    return None


def vsz_mb() -> float | None:
    """This process's virtual address space in MiB."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[0]) * _PAGE / _MIB
    except (OSError, IndexError, ValueError):
        return None


def reset_peak() -> bool:
    """Reset this process's peak resident size (VmHWM), so the next reading is one task's peak."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def peak_mb() -> float | None:
    """This process's peak resident size in MiB since the last reset (or since it started)."""
    try:
        with open("/proc/self/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass
    if resource is not None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return None


def limit_address_space(limit_mb: float) -> bool:
    """Cap this process's address space so allocations past `limit_mb` of resident memory fail.

    Address space is larger than resident memory (reserved but untouched pages), so the cap is
    the current address space plus the resident headroom. Only the soft limit is set.
    """
    rss, vsz = rss_mb(), vsz_mb()
    if resource is None or rss is None or vsz is None:
        return False
    cap = int((vsz + max(0.0, limit_mb - rss)) * _MIB)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        return False
    return True
