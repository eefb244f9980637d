"""Solvers that misbehave on purpose, for the harness tests (imported by worker processes too).

Every solver appends "start TASK PID" to the file named by $ARCLAB_TEST_LOG when set, so tests
can tell which tasks ran in which process.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time

import numpy as np

from arclab.solvers import Attempt, Prediction, SolveContext
from arclab.task import Grid, Task


def _log(task: Task) -> None:
    path = os.environ.get("ARCLAB_TEST_LOG")
    if path:
        with open(path, "a") as handle:
            handle.write(f"start {task.id} {os.getpid()}\n")


def _identity(task: Task, note: str = "") -> Prediction:
    return tuple((Attempt(grid, {"note": note} if note else {}),) for grid in task.test_inputs)


def _parse(plan: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in plan.split(",") if item)


class Faulty:
    """Does what the plan says for each task id; the identity answer otherwise."""

    def __init__(self, plan: dict[str, str]) -> None:
        self.plan = plan

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        _log(task)
        action = self.plan.get(task.id, "ok")
        if action == "raise":
            raise ValueError(f"boom on {task.id}")
        if action == "sleep":
            time.sleep(3600)
        if action == "loop":
            while True:
                pass
        if action == "late":
            time.sleep((context.time_limit or 0) + 0.1)
        if action == "alloc":
            hoard = bytearray(64 * 1024**3)  # far past any limit: the allocation itself fails
            return _identity(task, str(len(hoard)))
        if action == "touch":  # get round the address-space cap; the harness's watchdog must act
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
            chunks = []
            for _ in range(160):  # at most 8 GiB, 50 MiB at a time
                chunks.append(np.ones(50 * 1024 * 1024, dtype=np.uint8))
                time.sleep(0.002)
            return _identity(task, str(len(chunks)))
        if action == "exit":
            os._exit(3)
        if action == "segv":
            os.kill(os.getpid(), signal.SIGSEGV)
        if action == "sysexit":
            sys.exit(2)
        if action == "interrupt":
            raise KeyboardInterrupt
        if action == "bad":
            return "not a prediction"  # type: ignore[return-value]
        if action == "none":
            return tuple((None, grid) for grid in task.test_inputs)  # type: ignore[misc]
        if action == "short":
            return ()
        if action == "anytime":
            while not context.expired():
                time.sleep(0.01)
            return _identity(task, "anytime")
        if action == "meta":
            return tuple((Attempt(grid, {"program": "identity", "score": 1.0, "odd": object()}),
                          Attempt(Grid([[1]])), Attempt(Grid([[2]])))
                         for grid in task.test_inputs)
        if action == "hog_child":  # a child holds 300 MiB; the solver waits for it
            subprocess.Popen([sys.executable, "-c", _HOG])
            time.sleep(3600)
        if action in ("escape", "escape_hang"):  # a grandchild leaves the session and is orphaned
            _start_escaped_grandchild()
            if action == "escape_hang":
                time.sleep(3600)
        if action == "chatty":  # 3 MB of output, numbered lines
            for i in range(30_000):
                print(f"line {i:05d} " + "." * 90)
            sys.stdout.flush()
        if action == "bigmeta":  # 2 MB of metadata, as an LLM's whole response might be
            return tuple((Attempt(grid, {"program": "identity", "response": "<" + "x" * 2_000_000 + ">"}),)
                         for grid in task.test_inputs)
        if action in INVALID_GRIDS:
            return tuple((Attempt(Grid._trusted(INVALID_GRIDS[action]())),) for _ in task.test_inputs)
        return _identity(task)


INVALID_GRIDS = {
    "tall": lambda: np.zeros((31, 31), dtype=np.uint8),
    "empty": lambda: np.zeros((0, 0), dtype=np.uint8),
    "cube": lambda: np.zeros((2, 2, 2), dtype=np.uint8),
    "c12": lambda: np.full((2, 2), 12, dtype=np.uint8),
    "c255": lambda: np.full((2, 2), 255, dtype=np.uint8),
    "neg": lambda: np.full((2, 2), -1, dtype=np.int64),
    "ragged": lambda: np.array([[1, 2], [3]], dtype=object),
}
"""Grids a solver can make without checks (`Grid._trusted`): none is a valid ARC grid."""


_HOG = """
import os, time
with open(os.environ["ARCLAB_TEST_PIDS"], "a") as handle:
    handle.write(f"{os.getpid()}\\n")
hoard = b"x" * (300 * 1024 * 1024)
time.sleep(3600)
"""


def _start_escaped_grandchild() -> None:
    """Fork; the child calls setsid and forks a grandchild that records its pid and sleeps; the child
    exits at once, so the grandchild is orphaned outside the worker's session."""
    path = os.environ["ARCLAB_TEST_PIDS"]
    before = _count_lines(path)
    child = os.fork()
    if child == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                with open(path, "a") as handle:
                    handle.write(f"{os.getpid()}\n")
                time.sleep(3600)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _count_lines(path) <= before:
        time.sleep(0.01)


def _count_lines(path: str) -> int:
    try:
        with open(path) as handle:
            return len(handle.read().split())
    except OSError:
        return 0


def faulty(plan: str = "") -> Faulty:
    """plan: "task=action,..." with actions raise, sleep, loop, late, alloc, touch, exit, segv,
    sysexit, interrupt, bad, none, short, anytime, meta, chatty, bigmeta, hog_child, escape,
    escape_hang, or one of INVALID_GRIDS; other tasks get the identity
    answer."""
    return Faulty(_parse(plan))


class Slow:
    def __init__(self, delay: float) -> None:
        self.delay = delay

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        _log(task)
        time.sleep(self.delay)
        return _identity(task)


def slow(delay: float = 0.05) -> Slow:
    """The identity answer after `delay` seconds."""
    return Slow(delay)


class Seeded:
    def solve(self, task: Task, context: SolveContext) -> Prediction:
        rng = context.rng()
        out = []
        for grid in task.test_inputs:
            cells = [[rng.randrange(10) for _ in range(grid.width)] for _ in range(grid.height)]
            cells[0][0] = int(next(iter({f"k{i}" for i in range(10)}))[1:])  # string hashing order
            noise = np.random.randint(0, 10, size=grid.shape)  # the global generator, seeded per task
            out.append((Attempt(Grid(cells)), Attempt(Grid(noise))))
        return tuple(out)


def seeded() -> Seeded:
    """Random grids from the context's generator and numpy's global one."""
    return Seeded()


def broken(when: str = "factory") -> object:
    """A solver that cannot be built: the factory raises, or the process dies while building."""
    if when == "exit":
        os._exit(7)
    raise RuntimeError("cannot build this solver")


class WithHelper:
    """Starts a helper process when built (kept for the worker's life) and answers identity."""

    def __init__(self) -> None:
        self.helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
        with open(os.environ["ARCLAB_TEST_PIDS"], "a") as handle:
            handle.write(f"{self.helper.pid}\n")

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        assert self.helper.poll() is None, "the helper was killed"
        return _identity(task)


def with_helper() -> WithHelper:
    """A solver with a helper process started while it is built."""
    return WithHelper()
