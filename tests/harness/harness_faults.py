"""Solvers that misbehave on purpose, for the harness tests (imported by worker processes too).

Every solver appends "start TASK PID" to the file named by $ARCLAB_TEST_LOG when set, so tests
can tell which tasks ran in which process.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time

import numpy as np

from arclab.solvers import Attempt, ModelCall, Prediction, SolveContext
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
        return _identity(task)


def faulty(plan: str = "") -> Faulty:
    """plan: "task=action,..." with actions raise, sleep, loop, late, alloc, touch, exit, segv,
    sysexit, bad, none, short, anytime, meta; other tasks get the identity answer."""
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


class AsyncPlan:
    """An async solver: records a pretend model call ($0.001), waits `delay` seconds (without
    blocking), then does what the plan says."""

    def __init__(self, delay: float, plan: dict[str, str]) -> None:
        self.delay = delay
        self.plan = plan

    async def solve(self, task: Task, context: SolveContext) -> Prediction:
        import asyncio

        _log(task)
        context.calls.record(ModelCall(task.id, 0, 0, "pretend", 10, 2, self.delay, 0.001, reply="[[0]]"))
        await asyncio.sleep(self.delay)
        action = self.plan.get(task.id, "ok")
        if action == "hang":  # awaits forever: cancelled at the time limit
            await asyncio.sleep(3600)
        if action == "block":  # blocks the event loop: only killing the worker stops it
            time.sleep(3600)
        if action == "raise":
            raise ValueError(f"boom on {task.id}")
        if action == "exit":
            os._exit(3)
        return _identity(task, "async")


def async_plan(delay: float = 0.5, plan: str = "") -> AsyncPlan:
    """plan: "task=action,..." with actions hang, block, raise, exit; the identity answer otherwise."""
    return AsyncPlan(delay, _parse(plan))
