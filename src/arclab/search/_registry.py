"""Strategies by name: task-level learners registered like primitives, each with its time share.

A strategy takes the task's values (train inputs, train outputs, test inputs) and yields candidate
programs with their costs; the synthesizer keeps those exact on every train pair. A timed strategy
also takes a deadline (its share of the time left) and the task's shared `CellData`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from ..dsl import Expr

StrategyFunction = Callable[..., Iterator[tuple[Expr, float]]]
F = TypeVar("F", bound=StrategyFunction)


@dataclass(frozen=True, slots=True)
class Strategy:
    """A registered strategy: its name, when it runs, and what part of the time left it may take."""

    name: str
    function: StrategyFunction
    order: int
    """Strategies run in increasing order (cheap, exact ones first; the cell learners last)."""
    share: float | None = None
    """For a timed strategy, the part of the search's time left it may use; None: untimed."""
    doc: str = ""
    tentative: bool = False
    """Whether its programs are learned tables that often fit the train pairs by accident (a
    patient search neither stops for them nor ranks them above other programs)."""
    options: tuple[str, ...] = ()
    """Names of the solver's settings it takes as keyword arguments (see Synthesizer.options)."""


STRATEGIES: dict[str, Strategy] = {}
"""Every registered strategy by name (filled as the search modules are imported)."""


def strategy(order: int, share: float | None = None, tentative: bool = False,
             options: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Register a `*_programs` function as a strategy named without that suffix; `options` names
    the solver settings it takes as keyword arguments."""
    def register(function: F) -> F:
        name = function.__name__.removesuffix("_programs")
        if name in STRATEGIES:
            raise ValueError(f"strategy {name!r} registered twice")
        doc = (function.__doc__ or "").strip().splitlines()[0] if function.__doc__ else ""
        STRATEGIES[name] = Strategy(name, function, order, share, doc, tentative, options)
        return function
    return register


def ordered_strategies(shares: dict[str, Any] | None = None) -> list[Strategy]:
    """The registered strategies in run order, with any share overridden by `shares[name]`."""
    out = []
    for found in sorted(STRATEGIES.values(), key=lambda s: s.order):
        if shares and found.name in shares and found.share is not None:
            found = dataclasses.replace(found, share=float(shares[found.name]))
        out.append(found)
    return out
