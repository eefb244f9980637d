"""A run's results as people look at them: each task's outcome, and each attempt with its diff and program.

Shared by the HTML report and the web app, so both say the same thing about a run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..harness import Status, TaskResult
from ..render import GridDiff, diff_grids
from ..task import Grid, Task

Outcome = Literal["solved", "unsolved", "failed", "pending"]
OUTCOMES: tuple[Outcome, ...] = ("solved", "unsolved", "failed", "pending")
"""solved: every test output right; unsolved: ran, not all right (or not scorable); failed: error,
timeout, memory or crash; pending: not run yet."""

PROGRAM_KEYS = ("program", "source", "expression")
"""Attempt metadata keys, in order, whose value is shown as the attempt's program."""


def outcome(result: TaskResult | None) -> Outcome:
    """Which of the four outcomes a task's result is."""
    if result is None:
        return "pending"
    if result.status is not Status.OK:
        return "failed"
    return "solved" if result.solved else "unsolved"


@dataclass(frozen=True, slots=True)
class AttemptView:
    """One attempt: its grid, whether it is right, how it differs, and the program behind it."""

    grid: Grid
    correct: bool | None
    """None when the expected output is unknown."""
    diff: GridDiff | None
    """Against the expected output, when known."""
    program: str | None
    metadata: Mapping[str, Any]


def program_of(metadata: Mapping[str, Any]) -> str | None:
    """The program text in an attempt's metadata, if the solver recorded one."""
    for key in PROGRAM_KEYS:
        value = metadata.get(key)
        if value is not None and value != "":
            return value if isinstance(value, str) else repr(value)
    return None


def attempt_views(result: TaskResult, task: Task | None) -> tuple[tuple[AttemptView, ...], ...]:
    """Per test input, each attempt with its diff against `task`'s output (when the task is known)."""
    out = []
    for i, attempts in enumerate(result.attempts):
        expected = task.test[i].output if task is not None and i < len(task.test) else None
        views = []
        for attempt in attempts:
            diff = diff_grids(expected, attempt.grid) if expected is not None else None
            views.append(AttemptView(attempt.grid, diff.correct if diff else None, diff,
                                     program_of(attempt.metadata), attempt.metadata))
        out.append(tuple(views))
    return tuple(out)


def error_line(result: TaskResult | None) -> str:
    """The last line of a failed task's error (a traceback's last line says what went wrong)."""
    if result is None or not result.error:
        return ""
    lines = [line for line in result.error.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""
