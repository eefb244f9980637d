"""A cap on the workers' log: past LOG_LIMIT bytes its middle is cut, keeping its head and tail.

Workers write their stdout and stderr straight into the log (appending), so a solver printing
without end would fill the disk. The harness checks the size now and then and cuts the middle,
leaving a line that says how much was cut.
"""

from __future__ import annotations

import os
from pathlib import Path

LOG_LIMIT = 16 * 1024 * 1024
"""The largest size (bytes) the workers' log may reach before its middle is cut."""
LOG_KEEP = 4 * 1024 * 1024
"""Bytes kept at each end of the log when it is cut."""


def cap_log(path: Path, limit: int | None = None, keep: int | None = None) -> int:
    """Cut the middle of the log at `path` if it is over `limit` bytes; returns how many bytes were cut.

    Workers append while this runs: what they write between reading the tail and cutting may be lost,
    and a few lines may land before the kept tail rather than after it.
    """
    limit = LOG_LIMIT if limit is None else limit
    keep = LOG_KEEP if keep is None else keep
    keep = min(keep, limit // 2)
    try:
        size = path.stat().st_size
        if size <= limit:
            return 0
        with open(path, "r+b") as handle:
            handle.seek(max(keep, size - keep))
            tail = handle.read()
            handle.truncate(keep)
        cut = size - keep - len(tail)
        note = (f"\n[... arclab cut {cut} bytes of worker output here: {path.name} keeps its first and last "
                f"{keep} bytes ...]\n").encode()
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, note + tail)
        finally:
            os.close(fd)
        return cut
    except OSError:
        return 0
