"""What one task's run produced: its status, attempts, correctness and cost."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ..solvers import Attempt
from ..task import Grid


class Status(str, enum.Enum):
    """How a task's run ended. Only `ok` tasks have attempts."""

    OK = "ok"
    """The solver returned attempts within its limits."""
    ERROR = "error"
    """The solver raised, or returned something that is not a prediction (error holds the traceback)."""
    TIMEOUT = "timeout"
    """No answer within the time limit; the worker was killed if it did not stop."""
    MEMORY = "memory"
    """The solver went past the memory limit (its allocation failed, or the worker and the processes
    it started were killed)."""
    CRASHED = "crashed"
    """The worker process died (os._exit, a signal, a segfault) while solving the task."""

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class TaskResult:
    """The outcome of running a solver on one task; one row of the results store."""

    task_id: str
    """The task's id."""
    status: Status
    """How the run ended."""
    attempts: tuple[tuple[Attempt, ...], ...] = ()
    """Per test input, at most two attempts, best first; empty unless status is ok."""
    seconds: float = 0.0
    """Time spent on the task: the solver's own time, or until the worker was killed."""
    peak_memory_mb: float | None = None
    """The worker's peak resident memory during the task, in MiB (None when unknown)."""
    error: str = ""
    """Why the task failed: a traceback, the limit that was hit, or how the process died."""
    correct: tuple[bool, ...] | None = None
    """Per test input, whether one of the attempts as submitted equals the known output (a missing
    attempt counts as the placeholder `submission.json` holds); None when unknown."""
    num_test: int = 0
    """How many test inputs the task has."""

    @property
    def grids(self) -> tuple[tuple[Grid, ...], ...]:
        """The attempted grids per test input (what a submission holds)."""
        return tuple(tuple(a.grid for a in attempts) for attempts in self.attempts)

    @property
    def outputs_solved(self) -> int:
        """Test outputs solved (0 when correctness is unknown)."""
        return sum(self.correct) if self.correct else 0

    @property
    def solved(self) -> bool:
        """Every test output solved."""
        return bool(self.correct) and all(self.correct or ())

    @property
    def fraction(self) -> float:
        """The share of this task's test outputs solved (its per-task score)."""
        return self.outputs_solved / len(self.correct) if self.correct else 0.0
