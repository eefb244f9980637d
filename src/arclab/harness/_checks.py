"""The check at the boundary where a solver's answers enter the harness: every grid valid.

A solver may build grids without checks (`Grid._trusted`), and grids crossing the worker pipe are
unpickled without checks, so every result is checked here before it is scored or stored. An
invalid grid makes its task an `error` naming the test input, the attempt and what is wrong; the
rest of the run is untouched.
"""

from __future__ import annotations

from dataclasses import replace

from ..solvers import Attempt
from ..task import GridError, check_grid
from ._results import Status, TaskResult


class InvalidAttempt(Exception):
    """An attempt's grid is not a valid ARC grid; the message names test input and attempt."""


def checked_attempts(attempts: tuple[tuple[Attempt, ...], ...]) -> tuple[tuple[Attempt, ...], ...]:
    """The attempts with every grid checked (and normalised); InvalidAttempt at the first bad one.

    Returns `attempts` itself when every grid was already valid.
    """
    out = []
    changed = False
    for i, per_input in enumerate(attempts):
        kept = []
        for j, attempt in enumerate(per_input):
            if not isinstance(attempt, Attempt):
                raise InvalidAttempt(f"test[{i}] attempt {j + 1}: expected an Attempt, got {type(attempt).__name__}")
            try:
                grid = check_grid(attempt.grid)
            except GridError as error:
                raise InvalidAttempt(f"test[{i}] attempt {j + 1}: invalid grid: {error}") from None
            if grid is not attempt.grid:
                attempt, changed = Attempt(grid, attempt.metadata), True
            kept.append(attempt)
        out.append(tuple(kept))
    return tuple(out) if changed else attempts


def checked_result(result: TaskResult) -> TaskResult:
    """The result unchanged when its grids are valid; otherwise an `error` result saying which is not."""
    if result.status is not Status.OK or not result.attempts:
        return result
    try:
        attempts = checked_attempts(result.attempts)
    except InvalidAttempt as error:
        return replace(result, status=Status.ERROR, attempts=(), error=f"bad prediction: {error}",
                       correct=None)
    return result if attempts is result.attempts else replace(result, attempts=attempts)
