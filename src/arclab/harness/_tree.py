"""A worker's whole process tree, read from /proc: find it, measure its memory, kill all of it.

A solver may start processes, and those may start more and leave the worker's session (setsid)
or be orphaned. Three things keep them in view:

- the worker makes itself a child subreaper (`become_subreaper`), so an orphaned descendant is
  re-parented to the worker rather than to init, and stays in the tree;
- every process the worker starts inherits a tag in its environment (TAG_VARIABLE), which finds
  what escapes even so (e.g. when the worker itself died first);
- killing freezes the worker first (SIGSTOP), so the tree cannot grow while it is being killed.

Every function degrades to "nothing found" where /proc is missing.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable

from . import _memory

TAG_VARIABLE = "ARCLAB_WORKER_TAG"
"""The environment variable that marks a worker and every process it starts."""
_PR_SET_CHILD_SUBREAPER = 36
_KILL_ROUNDS = 50
_HAVE_PROC = os.path.isdir("/proc/self/task")


def become_subreaper() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux only)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _children(pid: int) -> list[int] | None:
    """The children of `pid` (of all its threads), or None when /proc cannot say."""
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    out: list[int] = []
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/children", "rb") as handle:
                out.extend(int(word) for word in handle.read().split())
        except FileNotFoundError:
            continue  # the thread ended
        except (OSError, ValueError):
            return None
    return out


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process (the slow way, when children files are missing)."""
    out = {}
    for name in _proc_pids():
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                out[name] = int(handle.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return out


def _proc_pids() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, their children, ...), living or zombie."""
    if _HAVE_PROC and not os.path.isdir(f"/proc/{pid}"):
        return []  # it is gone (its orphans went to another reaper: find them by their tag)
    found: list[int] = []
    todo = [pid]
    parents: dict[int, int] | None = None
    while todo:
        current = todo.pop()
        children = _children(current)
        if children is None:
            if parents is None:
                parents = _parents()
            children = [child for child, parent in parents.items() if parent == current]
        for child in children:
            if child not in found and child != pid:
                found.append(child)
                todo.append(child)
    return found


def tagged(tag: str) -> list[int]:
    """Processes whose environment holds TAG_VARIABLE=`tag` (the ones a worker started)."""
    wanted = f"{TAG_VARIABLE}={tag}".encode()
    out = []
    for pid in _proc_pids():
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                if wanted in handle.read().split(b"\0"):
                    out.append(pid)
        except OSError:
            continue
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):
        return False


def tree_memory_mb(pid: int) -> tuple[float | None, int]:
    """(resident memory of `pid` and all its descendants in MiB, how many descendants are alive).

    With no descendants this is the worker's resident size; with some, the sum of each process's
    proportional share (shared pages counted once across the tree).
    """
    living = [child for child in descendants(pid) if _alive(child)]
    if not living:
        return _memory.rss_mb(pid), 0
    total = 0.0
    for member in (pid, *living):
        size = _memory.pss_mb(member)
        if size is None:
            size = _memory.rss_mb(member)
        total += size or 0.0
    return total, len(living)


def _kill_all(pids: Iterable[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue


def kill_descendants(pid: int, tag: str | None = None, spare: Iterable[int] = ()) -> int:
    """Kill every process `pid` started (and any process carrying `tag`), leaving `pid` itself and
    the processes in `spare`; returns how many were killed. Repeats until none is left, as a dying
    process's children are re-parented (to `pid` when it is a subreaper) and found the next round."""
    killed: set[int] = set()
    keep = {pid, os.getpid(), *spare}
    for _ in range(_KILL_ROUNDS):
        members = set(descendants(pid)) | (set(tagged(tag)) if tag else set())
        living = [p for p in members - keep if _alive(p)]
        if not living:
            break
        _kill_all(living)
        killed.update(living)
    return len(killed)


def kill_tree(pid: int, tag: str | None = None) -> None:
    """Kill `pid` and everything it started: freeze it, kill its descendants, then kill it."""
    try:
        os.kill(pid, signal.SIGSTOP)
    except (ProcessLookupError, PermissionError):
        pass
    kill_descendants(pid, tag)
    try:
        os.killpg(pid, signal.SIGKILL)  # its process group, should /proc be missing
    except (ProcessLookupError, PermissionError):
        pass
    _kill_all([pid])
