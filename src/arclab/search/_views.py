"""Search under views of the task (symmetries, colour renamings) and votes across them.

A rule the task teaches holds in every view of it; a program that fits the train pairs by accident
usually holds in few. So the task is solved in several views, each view's answers are mapped back,
and answers are ranked by how many views (then distinct programs) produce them, then by cost.
Every answer keeps a program that runs on the task's own input: the view's program wrapped in the
view's transform and its inverse.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..dsl import Call, Const, Expr, Primitive, Var
from ..task import Grid, Task, View
from ._prior import PriorTable
from ._registry import Strategy
from ._solve import SearchStats, Solution, Synthesizer

_INVERSE = {"rot90": "rot270", "rot270": "rot90"}


@dataclass(frozen=True, slots=True)
class ViewSettings:
    """How the search spends its budget across views."""

    views: tuple[View, ...]
    """The views to solve, identity first."""
    first_share: float = 0.5
    """Part of the budget the task's own view may use (at least `first_seconds`); the rest go in
    turn to the other views."""
    first_seconds: float = 10.0
    """Seconds the task's own view may use whatever `first_share` says (all of a shorter budget)."""
    max_cost: int = 12
    """The enumeration's cost cap."""
    extra_cost: int = 2
    """After a solution, candidates up to this much dearer are still looked at."""
    extra_seconds: float = 2.0
    """After the first enumerated solution, the enumeration goes on this many seconds."""
    strategies: tuple[Strategy, ...] | None = None
    """The strategies each view runs (None: every registered one, with its own share)."""
    strategy_cap: bool = True
    """Whether a strategy's solution caps the enumeration's cost (see Synthesizer)."""
    fair: bool = True
    """Whether primitives take turns within each cost level of the enumeration."""
    roles: bool = True
    """Whether colour maps may be learned by colour role (see `learn_role_map`)."""
    patient: bool = True
    """Whether tentative programs (learned cell tables) let the search go on and rank last."""
    complete: int = 0
    """Families of at most this many argument tuples finish a full level (see Enumerator)."""
    enumerate_first: float = 0.0
    """Part of a view's budget the enumeration runs before the timed learners (0: they run first)."""
    stack: int = 0
    """Most pieces a stacked program paints over its base (0: no stacking)."""
    guided: bool = False
    """Whether grid arguments closest to the train outputs are tried first."""
    closer_bases: bool = False
    """Whether cell rules are learned only on candidates at least as close to the outputs as any before."""
    complete_per_second: float = 0.0
    """Families a full level still finishes, per second of a view's budget (at least `complete`)."""
    bases_per_op: int = 0
    """Most cell-rule bases calling any one primitive (0: no limit; see Synthesizer)."""
    probe: int = 0
    """Grids per argument in the enumeration's first sweep through the levels (0: none; see Enumerator)."""
    memorised_cost: float = 0.0
    """Added to a learned table's cost per entry only one train pair backs (see Synthesizer)."""
    options: tuple[tuple[str, Any], ...] = ()
    """Settings strategies take by name (see Strategy.options)."""
    prior: PriorTable | None = None
    """The learned prior that ranks solutions (None: hand costs); the same table in every view."""
    primitives: tuple[Primitive, ...] | None = None
    """The enumerator's primitives with their costs (None: every registered one, hand costs)."""


@dataclass
class VotedAnswer:
    """One distinct answer to one test input and what backs it."""

    grid: np.ndarray
    views: set[str] = field(default_factory=set)
    programs: list[tuple[float, Expr, str, str]] = field(default_factory=list)
    """(cost, program on the task's own input, strategy, view) for each program that gives it."""
    trusted: bool = False
    """Whether some program that gives it is not tentative (or the search is not patient)."""

    def rank_key(self) -> tuple[bool, float, int, int]:
        """Sort key: trusted answers first, then the cheapest program; among equal costs, more
        views, then more programs."""
        return (not self.trusted, min(p[0] for p in self.programs), -len(self.views), -len(self.programs))


@dataclass
class ViewSearch:
    """The outcome: ranked answers per test input, and what the search did."""

    answers: list[list[VotedAnswer]]
    stats: SearchStats
    views_run: list[str]


def in_view(program: Expr, view: View) -> Expr:
    """`program` (found on the view) as a program on the task's own input."""
    if view.is_identity:
        return program
    seen: Expr = Var()
    if view.symmetry != "identity":
        seen = Call(view.symmetry, (seen,))
    forward, backward = _colour_tables(view)
    if forward:
        seen = Call("map_colours", (seen, Const(forward)))
    out = _substitute(program, seen)
    if backward:
        out = Call("map_colours", (out, Const(backward)))
    if view.symmetry != "identity":
        out = Call(_INVERSE.get(view.symmetry, view.symmetry), (out,))
    return out


def _colour_tables(view: View) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    forward = tuple((old, new) for old, new in enumerate(view.colours) if old != new)
    return forward, tuple(sorted((new, old) for old, new in forward))


def _substitute(expr: Expr, replacement: Expr) -> Expr:
    if isinstance(expr, Var):
        return replacement
    if isinstance(expr, Call):
        return Call(expr.op, tuple(_substitute(a, replacement) for a in expr.args))
    return expr


def search_views(task: Task, deadline: float, settings: ViewSettings) -> ViewSearch:
    """Solve `task` in each view until the deadline; answers voted across views."""
    answers: list[dict[bytes, VotedAnswer]] = [{} for _ in task.test]
    stats = SearchStats()
    views_run: list[str] = []
    for k, view in enumerate(settings.views):
        left = deadline - time.monotonic()
        if left <= 0.05 or (k > 0 and _settled(answers, settings.patient)):
            break
        seconds = max(settings.first_share * left, settings.first_seconds) if k == 0 else left / (len(settings.views) - k)
        synth = Synthesizer(view.apply_task(task), time.monotonic() + min(left, seconds), max_cost=settings.max_cost,
                            extra_cost=settings.extra_cost, extra_seconds=settings.extra_seconds,
                            strategies=settings.strategies, strategy_cap=settings.strategy_cap,
                            fair=settings.fair, roles=settings.roles, patient=settings.patient,
                            complete=settings.complete, enumerate_first=settings.enumerate_first,
                            stack=settings.stack, guided=settings.guided, closer_bases=settings.closer_bases,
                            complete_per_second=settings.complete_per_second, bases_per_op=settings.bases_per_op,
                            probe=settings.probe, memorised_cost=settings.memorised_cost,
                            options=dict(settings.options),
                            prior=settings.prior, primitives=settings.primitives)
        solutions = synth.run()
        views_run.append(view.describe())
        _merge_stats(stats, synth.stats, view)
        for solution in solutions:
            _add_votes(answers, solution, view, trusted=not solution.set_aside(settings.patient))
    ranked = [sorted(per_test.values(), key=VotedAnswer.rank_key) for per_test in answers]
    return ViewSearch(ranked, stats, views_run)


def _settled(answers: list[dict[bytes, VotedAnswer]], patient: bool) -> bool:
    """True when every test input already has two answers (a patient search: and one of them
    trusted): other views would only add votes."""
    return all(len(per_test) >= 2 and (not patient or any(a.trusted for a in per_test.values()))
               for per_test in answers)


def _merge_stats(total: SearchStats, part: SearchStats, view: View) -> None:
    total.evaluated += part.evaluated
    total.seconds += part.seconds
    total.errors.extend(f"[{view.describe()}] {error}" for error in part.errors)
    for name, n in part.found.items():
        total.found[name] = total.found.get(name, 0) + n


def _add_votes(answers: list[dict[bytes, VotedAnswer]], solution: Solution, view: View, trusted: bool) -> None:
    program = in_view(solution.program, view)
    for per_test, value in zip(answers, solution.test_outputs):
        grid = view.restore(Grid._trusted(np.ascontiguousarray(value, dtype=np.uint8))).array
        key = bytes(grid.shape) + grid.tobytes()
        voted = per_test.setdefault(key, VotedAnswer(grid))
        voted.views.add(view.describe())
        voted.trusted = voted.trusted or trusted
        voted.programs.append((solution.cost, program, solution.strategy, view.describe()))


__all__ = ["ViewSearch", "ViewSettings", "VotedAnswer", "in_view", "search_views"]
