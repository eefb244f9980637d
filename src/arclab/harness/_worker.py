"""The worker process: builds the solver once, then solves the tasks it is sent, one at a time.

Started as `python -m arclab.harness._worker IN_FD OUT_FD PARENT_PID` by a WorkerSlot. It sees
only tasks whose test outputs were removed. Limits it applies itself: the solver's deadline and
an address-space cap (so a runaway allocation fails with MemoryError). The parent enforces the
rest on the worker's whole process tree (the worker is the subreaper of what its solver starts):
it kills the tree past the time limit or the resident-memory limit, or sees the worker die, and
kills whatever the solver started once its task is over.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
import traceback
import zlib
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from ..solvers import MAX_ATTEMPTS, Attempt, Solver, SolveContext, SolverError
from ..task import Grid, Task
from . import _memory, _tree
from ._checks import InvalidAttempt, capped_metadata, checked_attempts
from ._protocol import Ready, SetupFailed, WorkerSetup
from ._results import Status, TaskResult

MAX_ERROR_CHARS = 20_000


class PredictionError(Exception):
    """The solver returned something that is not a prediction for this task."""


def solve_one(solver: Solver, task: Task, seed: int, time_limit: float | None, margin: float) -> TaskResult:
    """Run the solver on one task, turning every failure into a TaskResult (never raises)."""
    context = SolveContext(
        seed=seed,
        deadline=time.monotonic() + time_limit - margin if time_limit is not None else None,
        time_limit=time_limit,
        task_id=task.id,
    )
    _seed_globals(seed, task.id)
    _memory.reset_peak()
    start = time.perf_counter()
    try:
        prediction = solver.solve(task, context)
        seconds = time.perf_counter() - start
        if time_limit is not None and seconds > time_limit:
            return _failed(task, Status.TIMEOUT, seconds,
                           f"answered after {seconds:.2f} s, past the {time_limit:g} s limit")
        attempts = normalise_prediction(prediction, len(task.test))
    except MemoryError:
        seconds = time.perf_counter() - start
        return _failed(task, Status.MEMORY, seconds, _traceback_text())
    except PredictionError as error:
        return _failed(task, Status.ERROR, time.perf_counter() - start, f"bad prediction: {error}")
    except SystemExit as error:
        return _failed(task, Status.ERROR, time.perf_counter() - start,
                       f"the solver called sys.exit({error.code!r})\n" + _traceback_text())
    except Exception:
        return _failed(task, Status.ERROR, time.perf_counter() - start, _traceback_text())
    except BaseException as error:  # KeyboardInterrupt and the like, raised by the solver's own code
        return _failed(task, Status.ERROR, time.perf_counter() - start,
                       f"the solver raised {type(error).__name__} (not a signal: the worker ignores Ctrl-C)\n"
                       + _traceback_text())
    return TaskResult(task.id, Status.OK, attempts, seconds, _memory.peak_mb(), num_test=len(task.test))


def normalise_prediction(prediction: Any, num_test: int) -> tuple[tuple[Attempt, ...], ...]:
    """Check a solver's answer and keep at most two attempts per test input.

    Bare grids are accepted as attempts and None attempts are dropped; metadata that JSON cannot
    hold is turned into strings.
    """
    if not isinstance(prediction, Sequence) or isinstance(prediction, (str, bytes)):
        raise PredictionError(f"expected one sequence of attempts per test input, got {type(prediction).__name__}")
    if len(prediction) != num_test:
        raise PredictionError(f"{len(prediction)} entries for {num_test} test input(s)")
    out = []
    for i, attempts in enumerate(prediction):
        if isinstance(attempts, (Attempt, Grid)):
            attempts = (attempts,)
        if not isinstance(attempts, Sequence):
            raise PredictionError(f"test[{i}]: expected a sequence of attempts, got {type(attempts).__name__}")
        kept = []
        for j, attempt in enumerate([a for a in attempts if a is not None][:MAX_ATTEMPTS]):
            if isinstance(attempt, Grid):
                attempt = Attempt(attempt)
            if not isinstance(attempt, Attempt) or not isinstance(attempt.grid, Grid):
                raise PredictionError(f"test[{i}] attempt {j}: expected an Attempt or a Grid, "
                                      f"got {type(attempt).__name__}")
            kept.append(Attempt(attempt.grid, capped_metadata(_plain_metadata(attempt.metadata))))
        out.append(tuple(kept))
    try:
        return checked_attempts(tuple(out))
    except InvalidAttempt as error:
        raise PredictionError(str(error)) from None


def _plain_metadata(metadata: Any) -> dict[str, Any]:
    if not metadata:
        return {}
    if not isinstance(metadata, Mapping):
        metadata = {"value": metadata}
    plain = {str(key): value for key, value in metadata.items()}
    try:
        json.dumps(plain, allow_nan=True)
        return plain
    except (TypeError, ValueError):
        restored: dict[str, Any] = json.loads(json.dumps(plain, default=repr))
        return restored


def _failed(task: Task, status: Status, seconds: float, error: str) -> TaskResult:
    if len(error) > MAX_ERROR_CHARS:
        error = error[:MAX_ERROR_CHARS // 2] + "\n...\n" + error[-MAX_ERROR_CHARS // 2:]
    return TaskResult(task.id, status, (), seconds, _memory.peak_mb(), error, num_test=len(task.test))


def _traceback_text() -> str:
    return traceback.format_exc()


def _seed_globals(seed: int, task_id: str) -> None:
    """Seed the global generators too, so a solver that uses them is still deterministic."""
    random.seed(f"{seed}:{task_id}")
    np.random.seed(zlib.crc32(f"{seed}:{task_id}".encode()))


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this process when the harness dies (even by kill -9)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(0)


def _reap_orphans() -> None:
    """Collect the exit status of finished processes re-parented to this worker (it is their
    subreaper), so they do not linger as zombies; the harness killed them when their task ended."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve(inbox: Connection, outbox: Connection) -> int:
    """Receive a setup, build the solver, then answer tasks until told to stop or the pipe closes."""
    try:
        setup: WorkerSetup = inbox.recv()
    except EOFError:
        return 0
    try:
        solver = setup.spec.build()
    except SolverError as error:
        outbox.send(SetupFailed(str(error)))
        return 1
    except Exception:
        outbox.send(SetupFailed(f"building solver {setup.spec.name!r} failed:\n{_traceback_text()}"))
        return 1
    limit = setup.limits.memory_limit_mb
    rss = _memory.rss_mb()
    if limit is not None:
        if rss is not None and rss >= limit:
            outbox.send(SetupFailed(f"the memory limit ({limit:g} MiB) is below what a worker uses "
                                    f"before solving anything ({rss:.0f} MiB)"))
            return 1
        _memory.limit_address_space(limit)
    outbox.send(Ready(os.getpid(), rss))
    time_limit = setup.limits.time_limit
    margin = setup.limits.deadline_margin
    while True:
        try:
            task = inbox.recv()
        except EOFError:
            return 0
        if task is None:
            return 0
        _reap_orphans()
        result = solve_one(solver, task, setup.seed, time_limit, margin)
        outbox.send(result)
        if result.status is Status.MEMORY:
            return 0  # the heap may be in a bad way: the harness starts a fresh worker


def main(argv: Sequence[str]) -> int:
    in_fd, out_fd, parent_pid = (int(arg) for arg in argv[1:4])
    _die_with_parent(parent_pid)
    _tree.become_subreaper()  # orphans of the solver's processes stay in this worker's tree
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the harness's to handle
    return serve(Connection(in_fd, writable=False), Connection(out_fd, readable=False))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
