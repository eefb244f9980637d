"""`synth`: program synthesis over the grid DSL; every attempt carries its program text and
`train_exact: true` (its program is exact on every train pair, which an ensemble ranks first).

The task is searched in several views (symmetries of the square, colours renamed by frequency);
answers are voted across views. Every setting that changes a result is a named argument of the
factory, so the harness records it with the run and `-S name=value` changes it.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import numpy as np

from ..dsl import warm_kernels
from ..search import (
    LEVEL_BITS, MAX_LEVEL, STRATEGIES, Prior, Strategy, ViewSearch, ViewSettings, VotedAnswer, load_prior,
    ordered_strategies, search_views,
)
from ..task import MAX_SIZE, NUM_COLOURS, SYMMETRIES, ColourOrder, Grid, Task, View, task_views
from ._types import Attempt, Prediction, SolveContext

DEFAULT_BUDGET = 10.0
"""Seconds per task when neither the harness nor `budget` sets a limit."""
COLOUR_ORDERS: tuple[str, ...] = ("none", "frequency", "first")
"""The ways views may rename colours ('none' keeps them)."""
DEADLINE_MARGIN = 0.25
"""Seconds kept back from the harness's deadline to build and return the attempts."""
PRIORS: tuple[str, ...] = ("learned", "rank", "hand")
"""Where the search's costs come from: the shipped learned prior (for the enumeration and the ranking,
or for the ranking only), or the primitives' hand-set costs."""


class Synth:
    """Searches for programs exact on every train pair; answers with the two best-voted outputs."""

    def __init__(self, budget: float | None, symmetries: tuple[str, ...], colour_orders: tuple[ColourOrder, ...],
                 settings: ViewSettings, prior: Prior | None = None,
                 levels: tuple[float, int] | None = (LEVEL_BITS, MAX_LEVEL)) -> None:
        self.budget = budget
        self.prior = prior
        """The learned prior (None: hand costs); each task uses the table fitted without its fold."""
        self.levels = levels
        """(bits per level, highest level): how the prior's bits become the enumerator's integer costs
        (None: the enumerator keeps the hand costs, the prior only ranks)."""
        self.symmetries = symmetries
        self.colour_orders = colour_orders
        self.settings = settings

    def deadline(self, context: SolveContext) -> float:
        """When the search must stop: the harness's deadline, or `budget` seconds, whichever is first."""
        now = time.monotonic()
        deadline = now + (self.budget if self.budget is not None else DEFAULT_BUDGET)
        if context.deadline is not None:
            harness = context.deadline - DEADLINE_MARGIN
            deadline = harness if self.budget is None else min(deadline, harness)
        return deadline

    def views(self, task: Task) -> tuple[View, ...]:
        """Identity first, then each symmetry in each colour order."""
        views = task_views(task, ("identity", *self.symmetries), self.colour_orders)
        return tuple(dict.fromkeys((View(), *views)))

    def search(self, task: Task, deadline: float) -> ViewSearch:
        """The whole search on `task` until `deadline`: every view, its answers ranked per test input."""
        settings = dataclasses.replace(self.settings, views=self.views(task))
        if self.prior is not None:  # the fold comes from the task itself, before any view changes it
            table = self.prior.table(task)
            primitives = None if self.levels is None else tuple(table.search_primitives(*self.levels))
            settings = dataclasses.replace(settings, prior=table, primitives=primitives)
        return search_views(task, deadline, settings)

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        found = self.search(task, self.deadline(context))
        return tuple(tuple(_attempt(answer, found) for answer in per_test[:2] if _valid(answer.grid))
                     for per_test in found.answers)


def _valid(grid: np.ndarray) -> bool:
    h, w = grid.shape
    return 1 <= h <= MAX_SIZE and 1 <= w <= MAX_SIZE and int(grid.max()) < NUM_COLOURS


def _attempt(answer: VotedAnswer, found: ViewSearch) -> Attempt:
    cost, program, strategy, view = min(answer.programs, key=lambda p: (p[0], p[3] != "identity"))
    metadata: dict[str, Any] = {
        "program": str(program), "train_exact": True, "cost": cost, "strategy": strategy, "view": view,
        "votes": len(answer.views), "programs": len(answer.programs),
        "evaluated": found.stats.evaluated, "views_run": len(found.views_run),
    }
    if found.stats.errors:
        metadata["strategy_errors"] = found.stats.errors[:10]
    return Attempt(Grid._trusted(np.ascontiguousarray(answer.grid)), metadata)


def _names(text: str, known: tuple[str, ...], what: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(unknown)}; known: {', '.join(known)}")
    return names


def _strategies(names: str, shares: str) -> tuple[Strategy, ...]:
    parts = dict(item.split("=", 1) for item in shares.split(",") if item.strip())
    overrides = {name.strip(): float(part) for name, part in parts.items()}
    known = tuple(STRATEGIES)
    timed = tuple(name for name, found in STRATEGIES.items() if found.share is not None)
    _names(",".join(overrides), timed, "timed strategy")
    chosen = ordered_strategies(overrides)
    if names.strip() == "all":
        return tuple(chosen)
    wanted = () if names.strip() == "none" else _names(names, known, "strategy")
    return tuple(s for s in chosen if s.name in wanted)


def synth(budget: float | None = None, max_cost: int = 12, extra_cost: int = 2, extra_seconds: float = 2.0,
          symmetries: str = "transpose,rot90,flip_h", colour_orders: str = "none,frequency",
          first_share: float = 0.5, first_seconds: float = 10.0, strategies: str = "all",
          shares: str = "", strategy_cap: bool = True, fair: bool = True, roles: bool = True,
          patient: bool = True, complete: int = 2000, enumerate_first: float = 0.5, stack: int = 3,
          guided: bool = False, closer_bases: bool = False, specialise: bool = False, at_least: bool = True,
          complete_per_second: float = 200.0, bases_per_op: int = 3, probe: int = 3, memorised_cost: float = 0.5,
          prior: str = "hand", prior_level_bits: float = LEVEL_BITS,
          prior_max_level: int = MAX_LEVEL) -> Synth:
    """The program-synthesis solver.

    budget: seconds per task (default: the harness's time limit, or 10 s without one);
    max_cost: the enumeration's cost cap; extra_cost / extra_seconds: how much further the search
    goes past its first solution; symmetries: the views solved besides the task itself (names from
    arclab.task.SYMMETRIES, comma-separated, or 'none'); colour_orders: 'none', 'frequency' and/or
    'first' (each makes views with colours renamed that way); first_share: the part of the budget
    the task's own view may use before the other views get theirs, and first_seconds the least it
    may use. Other views run only while some test input has fewer than two answers. strategies:
    'all', 'none' or the names of the task-level strategies to run (arclab.search.STRATEGIES);
    shares: 'name=part,...' overrides the part of the time left a timed strategy may take
    (defaults: rule_list=0.2, cell_rule=0.4); strategy_cap: whether a strategy's solution ends the
    enumeration a little past its cost (False: only enumerated solutions do); fair: primitives take
    turns within each cost level of the enumeration (False: in registration order, so a level that
    fills up leaves the later primitives out); roles: colour maps may name colours by their rank
    in the input ("the commonest colour becomes the rarest") where a plain colour map fails;
    patient: programs of tentative strategies (learned cell tables, which often fit the train
    pairs by accident) neither end the search nor outrank other programs (False: they count like
    any other program); complete: once a cost level of the enumeration holds as many programs as
    it may keep, its families (a primitive with one split of argument costs) of at most this many
    argument tuples still run to the end, checked but not kept (0: the level stops there);
    enumerate_first: the part of each view's budget the enumeration runs before the timed learners
    (cell_rule, rule_list) take their shares; then the enumeration goes on (0: they run first);
    stack: at most this many enumerated programs, each right wherever it paints, are painted over
    a base program to repair the cells it gets wrong (0: no stacking); guided: within each family
    of the enumeration, grid arguments whose values are closest to the train outputs are tried
    first (False: in the order they were found); closer_bases: cell rules are learned on top of an
    enumerated candidate of the output's shape only when its share of cells equal to the train
    outputs is at least that of every candidate that got one before (False: the first ones found);
    specialise: a learned rule list is followed by its narrower reading, each painting rule that
    fired on one colour only in the train pairs restricted to that colour, where that answers
    differently; at_least: learned rule lists may test "a number feature (a row, a size, a
    distance) is at least v", which reaches values the train pairs never showed (False: only
    "is v"); complete_per_second: a view's enumeration finishes families of up to this many
    argument tuples per second of its budget, when that is more than `complete` (so a longer
    budget completes the cheap levels rather than only reaching dearer ones; 200 keeps 2000 for
    a 10 s view, so it changes only longer budgets); bases_per_op: at most this many candidates that
    call any one primitive get cell rules learned on top (0: no limit, the first ones found), so
    the learners' few tries reach bases of many kinds; probe: before the enumeration's levels run
    in full, a first sweep through them takes, for each grid argument, only the `probe` grids of
    that level closest to the train outputs (and the cheapest colours and numbers), so a promising
    program deep in the levels is met early (0: no sweep); memorised_cost: added to the cost of a
    learned rule list or cell table for each of its entries that changes cells in one train pair
    only (that pair's answer written down, not a rule the pairs share), so a table every entry of
    which two pairs or more back ranks first (0: tables ranked by their own cost);
    prior: 'learned' takes the search's costs from the prior shipped with arclab (fitted by
    `arclab fit-prior` on synth's right programs for arc-agi-1/training, cross-fitted in folds by a
    hash of each task's train pairs, so a task is searched with a table fitted without it): answers
    are ranked by their program's bits (then votes), and the enumerator's primitive costs are its
    bits quantised to 1..prior_max_level, one level per prior_level_bits bits above the likeliest
    primitive's; 'rank' uses the prior to rank answers only; 'hand' (default, until a prior
    measures better) uses the hand-set costs throughout.
    """
    if prior not in PRIORS:
        raise ValueError(f"unknown prior {prior!r}; known: {', '.join(PRIORS)}")
    if prior_level_bits <= 0 or prior_max_level < 1:
        raise ValueError("prior_level_bits must be positive and prior_max_level at least 1")
    settings = ViewSettings((), first_share, first_seconds, max_cost, extra_cost, extra_seconds,
                            _strategies(strategies, shares), strategy_cap, fair, roles, patient, complete, enumerate_first, stack, guided,
                            closer_bases, complete_per_second, bases_per_op, probe, memorised_cost,
                            (("specialise", specialise), ("at_least", at_least)))
    orders: tuple[ColourOrder, ...] = _names(colour_orders, COLOUR_ORDERS, "colour order")  # type: ignore[assignment]  # each name checked against COLOUR_ORDERS
    chosen = () if symmetries.strip() == "none" else _names(symmetries, SYMMETRIES, "symmetry")
    learned = load_prior() if prior != "hand" else None
    levels = (prior_level_bits, prior_max_level) if prior == "learned" else None
    warm_kernels()  # compiled (or loaded) while the worker is built, not within a task's seconds
    return Synth(budget, chosen, orders or ("none",), settings, learned, levels)
