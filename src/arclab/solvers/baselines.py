"""Trivial baselines: they show the floor a real solver must beat and exercise the harness."""

from __future__ import annotations

import numpy as np

from ..task import NUM_COLOURS, Grid, Task
from ._registry import SolverArgumentError
from ._types import Attempt, Prediction, SolveContext


class _Identity:
    """Predicts that the output equals the input."""

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        return tuple((Attempt(grid),) for grid in task.test_inputs)


class _Constant:
    """Predicts the input's shape filled with one colour."""

    def __init__(self, colour: int) -> None:
        self.colour = colour

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        return tuple((Attempt(Grid._trusted(np.full(grid.shape, self.colour, dtype=np.uint8))),)
                     for grid in task.test_inputs)


def identity() -> _Identity:
    """Each test output is guessed to equal its input."""
    return _Identity()


def constant(colour: int = 0) -> _Constant:
    """Each test output is guessed to be its input's shape filled with `colour`."""
    if not 0 <= colour < NUM_COLOURS:
        raise SolverArgumentError(f"solver 'constant': colour={colour} is outside 0-{NUM_COLOURS - 1}")
    return _Constant(colour)
