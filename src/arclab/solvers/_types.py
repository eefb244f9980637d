"""What a solver is: it takes a task (test outputs withheld) and a context, and returns attempts."""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
import math
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..task import Grid, Task
from ._calls import CallLog

MAX_ATTEMPTS = 2
"""Attempts scored per test input; a solver may return more, the harness keeps the first two."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One guess at a test output, with what the solver wants remembered about it."""

    grid: Grid
    """The predicted output grid."""
    metadata: Mapping[str, Any] = field(default_factory=dict)
    """JSON-serialisable notes, e.g. {"program": "...", "score": 1.0}; kept in the results store."""


Prediction = tuple[tuple[Attempt, ...], ...]
"""One tuple of attempts per test input, in the task's test order, best attempt first."""


@dataclass(frozen=True, slots=True)
class SolveContext:
    """What the harness tells a solver besides the task: its seed and its time budget."""

    seed: int
    """The run's seed; `rng()` mixes it with the task id."""
    deadline: float | None
    """A `time.monotonic()` value by which `solve` should return; None means no limit."""
    time_limit: float | None
    """Seconds allowed for this task (the deadline is a little earlier); None means no limit."""
    task_id: str = ""
    """The id of the task being solved (seeds `rng()`)."""
    calls: CallLog = field(default_factory=CallLog)
    """Where a solver that asks a language model records each call (see ModelCall)."""

    def rng(self) -> random.Random:
        """A fresh generator seeded from the seed and the task id: the same numbers in any process."""
        return random.Random(f"{self.seed}:{self.task_id}")

    def time_left(self) -> float:
        """Seconds until the deadline (inf when there is none; never negative)."""
        if self.deadline is None:
            return math.inf
        return max(0.0, self.deadline - time.monotonic())

    def expired(self) -> bool:
        """True once the deadline has passed: an anytime solver returns its best so far."""
        return self.deadline is not None and time.monotonic() >= self.deadline


@runtime_checkable
class Solver(Protocol):
    """Anything with `solve(task, context) -> Prediction`.

    `solve` may be a coroutine function (`async def`): the harness then runs many tasks at once
    in one worker (`--concurrency`), which suits solvers that wait on a server.
    """

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        """Attempts for each of `task.test` (whose outputs are None)."""
        ...


def is_async(solver: Solver) -> bool:
    """True when the solver's `solve` is a coroutine function."""
    return inspect.iscoroutinefunction(getattr(solver, "solve", None))


def solve_now(solver: Solver, task: Task, context: SolveContext) -> Prediction:
    """Call `solver.solve` and wait for it, whether it is async or not.

    Where this thread already runs an event loop (a notebook, say), an async solver runs on a
    fresh loop in another thread.
    """
    outcome: Any = solver.solve(task, context)
    if not inspect.isawaitable(outcome):
        return outcome  # type: ignore[no-any-return,unused-ignore]  # solve() is typed Prediction, may be awaited
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_await(outcome))  # type: ignore[no-any-return,unused-ignore]  # solve() is typed Prediction, may be awaited
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _await(outcome)).result()  # type: ignore[no-any-return,unused-ignore]  # solve() is typed Prediction, may be awaited


async def _await(awaitable: Any) -> Any:
    return await awaitable
