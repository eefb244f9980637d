"""One worker process and its supervision: start it, hand it tasks, kill it at the limits.

A slot keeps its worker between tasks (starting Python and the solver once) and starts a new
one only after the old one was killed or died. The limits hold for the worker's whole process
tree (see `_tree`): memory is counted over it, a kill takes all of it, and the processes a task
started are killed when it ends (those the solver started while being built are spared). The
process backend multiplexes several slots in one loop (`connection`, `next_check`,
`on_readable`, `check`); a Ray actor drives one slot with the blocking `run`.
"""

from __future__ import annotations

import enum
import os
import secrets
import signal
import subprocess
import sys
import time
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import IO

from ..task import ArclabError, Task
from . import _tree
from ._logcap import cap_log
from ._protocol import Ready, SetupFailed, WorkerSetup
from ._results import Status, TaskResult

SETUP_TIMEOUT = 300.0
"""Seconds a new worker may take to import and build its solver."""
MEMORY_POLL = 0.05
LOG_CHECK = 1.0
"""Seconds between checks of the workers' log size (it is capped, see `_logcap`)."""
"""Seconds between resident-memory readings of a busy worker (when a memory limit is set)."""
_WORKER_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYTHONHASHSEED": "0"}
"""Set for workers unless already set: one thread each for numeric libraries (a worker is one
core), and fixed string hashing so a solver that iterates over a set of strings is deterministic."""


class WorkerStartError(ArclabError):
    """A worker could not start or build its solver: every task would fail, so the run stops."""


class _State(enum.Enum):
    STOPPED = "stopped"
    STARTING = "starting"
    IDLE = "idle"
    BUSY = "busy"


class WorkerSlot:
    """A place for one worker process; see the module docstring."""

    def __init__(self, setup: WorkerSetup, log_path: Path | None = None) -> None:
        self.setup = setup
        self.log_path = log_path
        self._state = _State.STOPPED
        self._process: subprocess.Popen[bytes] | None = None
        self._inbox: Connection | None = None
        self._outbox: Connection | None = None
        self._task: Task | None = None
        self._since = 0.0
        self._next_poll = 0.0
        self._last_rss: float | None = None
        self._next_log_check = 0.0
        self._tag = ""
        self._resident: frozenset[int] = frozenset()
        self.starts = 0
        """How many worker processes this slot has started."""

    # --- state ----------------------------------------------------------------------------------

    @property
    def stopped(self) -> bool:
        """No worker process (none yet, or the last one was killed or died)."""
        return self._state is _State.STOPPED

    @property
    def idle(self) -> bool:
        """A ready worker waits for a task."""
        return self._state is _State.IDLE

    @property
    def active(self) -> bool:
        """Starting or busy: something to wait for."""
        return self._state in (_State.STARTING, _State.BUSY)

    @property
    def connection(self) -> Connection:
        """The pipe the worker answers on (to wait on with others)."""
        assert self._inbox is not None
        return self._inbox

    @property
    def pid(self) -> int | None:
        """The worker's process id, if one is running."""
        return self._process.pid if self._process is not None else None

    # --- lifecycle ------------------------------------------------------------------------------

    def spawn(self) -> None:
        """Start a worker process and send it its setup (it answers Ready when its solver is built)."""
        assert self._state is _State.STOPPED
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        log: IO[bytes] | int = subprocess.DEVNULL
        if self.log_path is not None:
            log = open(self.log_path, "ab")
        self._tag = f"{os.getpid()}-{secrets.token_hex(8)}"  # marks the worker and all it starts
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "arclab.harness._worker", str(to_child_r), str(from_child_w),
                 str(os.getpid())],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True, env={**_WORKER_ENV, **os.environ, _tree.TAG_VARIABLE: self._tag},
                close_fds=True)
        except OSError:
            for fd in (to_child_r, to_child_w, from_child_r, from_child_w):
                os.close(fd)
            raise
        finally:
            if not isinstance(log, int):
                log.close()
        os.close(to_child_r)
        os.close(from_child_w)
        self._inbox = Connection(from_child_r, writable=False)
        self._outbox = Connection(to_child_w, readable=False)
        self._state = _State.STARTING
        self._since = time.monotonic()
        self.starts += 1
        try:
            self._outbox.send(self.setup)
        except OSError:
            pass  # it died at once; on_readable sees the closed pipe

    def dispatch(self, task: Task) -> bool:
        """Hand an idle worker a task (test outputs already removed); False if the worker is gone."""
        assert self._state is _State.IDLE and self._outbox is not None
        try:
            self._outbox.send(task)
        except OSError:
            self._reap()
            return False
        self._task = task
        self._state = _State.BUSY
        self._since = time.monotonic()
        self._next_poll = self._since + MEMORY_POLL
        self._last_rss = None
        return True

    def close(self) -> None:
        """Stop the worker: ask politely when idle, otherwise kill it."""
        if self._state is _State.IDLE and self._outbox is not None and self._process is not None:
            try:
                self._outbox.send(None)
                self._process.wait(timeout=2.0)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._kill()
        self._reap()
        if self.log_path is not None:
            cap_log(self.log_path)

    # --- events ---------------------------------------------------------------------------------

    def next_check(self, now: float) -> float | None:
        """Seconds until `check` has something to do (a limit to test), or None."""
        if self._state is _State.STARTING:
            return max(0.0, self._since + SETUP_TIMEOUT - now)
        if self._state is not _State.BUSY:
            return None
        times = [self._next_log_check] if self.log_path is not None else []
        kill_after = self.setup.limits.kill_after
        if kill_after is not None:
            times.append(self._since + kill_after)
        if self.setup.limits.memory_limit_mb is not None:
            times.append(self._next_poll)
        return max(0.0, min(times) - now) if times else None

    def on_readable(self) -> TaskResult | None:
        """Handle what the worker sent (or its death); a TaskResult when a task has ended."""
        assert self._inbox is not None
        try:
            message = self._inbox.recv()
        except (EOFError, OSError):
            return self._died()
        if isinstance(message, Ready):
            self._state = _State.IDLE
            if self._process is not None:  # what the solver started while being built lives as long as it
                self._resident = frozenset(_tree.descendants(self._process.pid))
            return None
        if isinstance(message, SetupFailed):
            self._kill()
            self._reap()
            raise WorkerStartError(message.error)
        if isinstance(message, TaskResult) and self._state is _State.BUSY:
            self._task = None
            self._state = _State.IDLE
            if message.status is Status.MEMORY:  # the worker exits after this; start afresh
                self._kill()
                self._reap()
            elif self._process is not None:  # the task is over: so is anything it started
                _tree.kill_descendants(self._process.pid, spare=self._resident)
            return message
        self._kill()
        self._reap()
        raise WorkerStartError(f"worker sent an unexpected {type(message).__name__}")

    def check(self, now: float) -> TaskResult | None:
        """Enforce the limits on a busy worker; a TaskResult if it had to be killed."""
        if self._state is _State.STARTING and now - self._since > SETUP_TIMEOUT:
            self._kill()
            self._reap()
            raise WorkerStartError(f"a worker did not build solver {self.setup.spec.name!r} "
                                   f"within {SETUP_TIMEOUT:g} s{self._log_tail()}")
        if self.log_path is not None and now >= self._next_log_check:
            self._next_log_check = now + LOG_CHECK
            cap_log(self.log_path)
        if self._state is not _State.BUSY:
            return None
        limits = self.setup.limits
        elapsed = now - self._since
        kill_after = limits.kill_after
        if kill_after is not None and elapsed >= kill_after:
            return self._kill_busy(Status.TIMEOUT, elapsed,
                                   f"no answer within the {limits.time_limit:g} s limit "
                                   f"(worker killed after {elapsed:.2f} s)")
        if limits.memory_limit_mb is not None and now >= self._next_poll:
            self._next_poll = now + MEMORY_POLL
            rss, children = _tree.tree_memory_mb(self.pid) if self.pid is not None else (None, 0)
            if rss is not None:
                self._last_rss = max(rss, self._last_rss or 0.0)
                if rss > limits.memory_limit_mb:
                    who = f"the worker and {children} process(es) it started" if children else "the worker"
                    return self._kill_busy(Status.MEMORY, elapsed,
                                           f"resident memory {rss:.0f} MiB ({who}) passed the "
                                           f"{limits.memory_limit_mb:g} MiB limit (all killed)")
        return None

    def run(self, task: Task) -> TaskResult:
        """Solve one task and wait for its result (starting a worker if needed): for Ray actors."""
        while True:
            if self._state is _State.STOPPED:
                self.spawn()
            while self._state is _State.STARTING:
                self._wait_once()
            if self.dispatch(task):
                break
        while True:
            result = self._wait_once()
            if result is not None:
                return result

    # --- internals ------------------------------------------------------------------------------

    def _wait_once(self) -> TaskResult | None:
        timeout = self.next_check(time.monotonic())
        if wait([self.connection], timeout):
            result = self.on_readable()
            if result is not None:
                return result
        return self.check(time.monotonic())

    def _kill_busy(self, status: Status, elapsed: float, error: str) -> TaskResult:
        task = self._task
        assert task is not None
        peak = self._last_rss
        self._kill()
        self._reap()
        return TaskResult(task.id, status, (), elapsed, peak, error, num_test=len(task.test))

    def _died(self) -> TaskResult | None:
        state, task, elapsed = self._state, self._task, time.monotonic() - self._since
        peak = self._last_rss
        self._kill()  # what it started may outlive it
        how = self._reap()
        if state is _State.STARTING:
            raise WorkerStartError(f"a worker died while building solver {self.setup.spec.name!r} "
                                   f"({how}){self._log_tail()}")
        if task is None:  # it died between tasks: nothing was lost, the next dispatch starts another
            return None
        return TaskResult(task.id, Status.CRASHED, (), elapsed, peak, f"the worker process {how}",
                          num_test=len(task.test))

    def _kill(self) -> None:
        """Kill the worker and every process it started (found by parentage and by its tag)."""
        if self._process is None:
            return
        if self._process.poll() is None:
            _tree.kill_tree(self._process.pid, self._tag)
        else:  # it is gone already: its orphans carry its tag
            _tree.kill_descendants(self._process.pid, self._tag)

    def _reap(self) -> str:
        """Forget the worker process (waiting for it) and say how it ended."""
        how = "ended"
        if self._process is not None:
            try:
                code = self._process.wait(timeout=5.0)
            except subprocess.TimeoutExpired:
                self._process.kill()
                code = self._process.wait()
            if code < 0:
                try:
                    how = f"was killed by signal {signal.Signals(-code).name}"
                except ValueError:
                    how = f"was killed by signal {-code}"
            else:
                how = f"exited with code {code}"
        for connection in (self._inbox, self._outbox):
            if connection is not None:
                connection.close()
        self._process = self._inbox = self._outbox = None
        self._task = None
        self._state = _State.STOPPED
        return how

    def _log_tail(self, chars: int = 2000) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        with open(self.log_path, "rb") as handle:
            handle.seek(max(0, self.log_path.stat().st_size - chars))
            tail = handle.read().decode("utf-8", "replace").strip()
        return f"; its log ({self.log_path}) ends:\n{tail}" if tail else ""
