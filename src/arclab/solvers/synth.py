"""`synth`: program synthesis over the grid DSL; every attempt carries its program text and
`train_exact: true` (its program is exact on every train pair, which an ensemble ranks first)."""

from __future__ import annotations

import time

from ..search import Synthesizer, two_attempts
from ..task import Grid, Task
from ._types import Attempt, Prediction, SolveContext

DEFAULT_BUDGET = 10.0
"""Seconds per task when the harness sets no deadline."""


class Synth:
    """Searches for programs exact on every train pair; answers with the two best distinct outputs."""

    def __init__(self, budget: float, max_cost: int) -> None:
        self.budget = budget
        self.max_cost = max_cost

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        now = time.monotonic()
        deadline = now + self.budget
        if context.deadline is not None:
            deadline = min(deadline, context.deadline - 0.25)
        synth = Synthesizer(task, deadline, max_cost=self.max_cost)
        solutions = synth.run()
        attempts = two_attempts(solutions, len(task.test))
        return tuple(
            tuple(Attempt(Grid._trusted(grid), {"program": str(sol.program), "train_exact": True,
                                                "cost": sol.cost, "strategy": sol.strategy,
                                                "evaluated": synth.stats.evaluated})
                  for grid, sol in per_test)
            for per_test in attempts)


def synth(budget: float = DEFAULT_BUDGET, max_cost: int = 12) -> Synth:
    """The program-synthesis solver; `budget` caps seconds per task below the harness's limit."""
    return Synth(budget, max_cost)
