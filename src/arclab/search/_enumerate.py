"""Bottom-up typed enumeration, in order of cost, with observational equivalence.

Every candidate is evaluated on all inputs of a task at once (train and test inputs); two
candidates of one type whose values agree on every input are one candidate, and only the
cheaper is kept. The enumerator is a generator of new grid candidates, so the caller decides
when to stop (anytime search).
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..dsl import COLOUR, GRID, INT, PRIMITIVES, Call, Const, Expr, Primitive, Var, value_key

MAX_POOL = 4000
"""Most candidates kept per type and cost level (beyond this the level is cut short)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A program with its value on every input of the task (train inputs first, then test)."""

    expr: Expr
    type: str
    values: tuple[Any, ...]
    cost: int


def _size(pools: Sequence[Sequence[Candidate]]) -> int:
    """How many argument tuples the pools make."""
    size = 1
    for pool in pools:
        size *= len(pool)
    return size


def _compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Ways to write `total` as an ordered sum of `parts` positive integers."""
    if parts == 1:
        if total >= 1:
            yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            yield (first,) + rest


class Enumerator:
    """Enumerates typed programs over the task's inputs in increasing cost."""

    def __init__(self, inputs: Sequence[np.ndarray], colours: Sequence[int], ints: Sequence[int] = (1, 2, 3),
                 primitives: Sequence[Primitive] | None = None, deadline: float | None = None,
                 fair: bool = True, complete: int = 0, targets: Sequence[np.ndarray] = ()) -> None:
        self.inputs = tuple(inputs)
        self.targets = tuple(targets)
        """The train outputs (for the first inputs): when given, grid arguments closest to them are
        tried first within each family (else in the order they were found)."""
        self._ordered: dict[int, list[Candidate]] = {}
        self.fair = fair
        """Primitives take turns within a cost level (else each runs through all its arguments)."""
        self.complete = complete
        """Once a level's pool is full, families (a primitive with one split of argument costs) of
        at most this many argument tuples still run to the end, their grids checked, not kept."""
        self.deadline = deadline
        self.primitives = [p for p in (primitives or PRIMITIVES.values()) if p.search]
        self.pools: dict[str, dict[int, list[Candidate]]] = {}
        self.seen: dict[str, set[Any]] = {}
        self.evaluated = 0
        n = len(self.inputs)
        self._add(Candidate(Var(), GRID, self.inputs, 1))
        for c in colours:
            self._add(Candidate(Const(int(c)), COLOUR, (int(c),) * n, 1))
        for k in ints:
            self._add(Candidate(Const(int(k)), INT, (int(k),) * n, 1 if k in (1, 2, 3) else 2))

    def _add(self, cand: Candidate, keep: bool = True) -> bool:
        key = tuple(value_key(v) for v in cand.values)
        seen = self.seen.setdefault(cand.type, set())
        if key in seen:
            return False
        seen.add(key)
        if keep:
            self.pools.setdefault(cand.type, {}).setdefault(cand.cost, []).append(cand)
        return True

    def pool(self, type_: str, cost: int) -> list[Candidate]:
        return self.pools.get(type_, {}).get(cost, [])

    def arguments(self, type_: str, cost: int) -> list[Candidate]:
        """A finished pool in the order arguments are tried: grids closest to the targets first."""
        if not self.targets or type_ != GRID:
            return self.pool(type_, cost)
        if cost not in self._ordered:
            self._ordered[cost] = sorted(self.pool(GRID, cost), key=self._distance)
        return self._ordered[cost]

    def _distance(self, cand: Candidate) -> float:
        """1 minus the mean share of target cells the candidate's values get right (0 per pair of
        another shape)."""
        right = 0.0
        for value, target in zip(cand.values, self.targets):
            if value.shape == target.shape:
                right += float(np.count_nonzero(value == target)) / target.size
        return 1.0 - right / len(self.targets)

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    def candidates(self, max_cost: int = 12,
                   types: frozenset[str] = frozenset([GRID])) -> Iterator[Candidate | None]:
        """New candidates of the given types (grids unless told), cheapest first (the input itself
        first). None when the deadline has passed: the caller may stop, or move the deadline and go on."""
        yield self.pool(GRID, 1)[0]
        for t in types - {GRID}:
            yield from self.pool(t, 1)
        for cost in range(2, max_cost + 1):
            if self.fair:
                found = self._level_fair(cost, types)
            else:
                found = self._level_in_order(cost, types)
            yield from found

    def _level_in_order(self, cost: int, types: frozenset[str]) -> Iterator[Candidate | None]:
        """One cost level, primitive after primitive (a full level starves the later ones)."""
        for prim in self.primitives:
            for split in self._splits(prim, cost):
                pools = [self.pool(t, c) for t, c in zip(prim.arg_types, split)]
                for args in itertools.product(*pools):
                    if self.out_of_time():
                        yield None
                    cand = self._new(prim, args, cost, types)
                    if cand is not None:
                        yield cand
                    if len(self.pool(prim.result_type, cost)) > MAX_POOL:
                        break

    def _level_fair(self, cost: int, types: frozenset[str]) -> Iterator[Candidate | None]:
        """One cost level, the primitives taking turns (one argument tuple each), so when the level
        fills up every primitive has had its share."""
        turns: deque[tuple[Primitive, Iterator[tuple[Candidate, ...]], bool]] = deque(
            (prim, itertools.product(*pools), prim.result_type in types and _size(pools) <= self.complete)
            for prim in self.primitives for split in self._splits(prim, cost)
            for pools in [[self.arguments(t, c) for t, c in zip(prim.arg_types, split)]])
        while turns:
            prim, arguments, small = turns.popleft()
            full = len(self.pool(prim.result_type, cost)) > MAX_POOL
            if full and not small:
                continue
            args = next(arguments, None)
            if args is None:
                continue
            turns.append((prim, arguments, small))
            if self.out_of_time():
                yield None
            cand = self._new(prim, args, cost, types, keep=not full)
            if cand is not None:
                yield cand

    def _new(self, prim: Primitive, args: tuple[Candidate, ...], cost: int,
             types: frozenset[str], keep: bool = True) -> Candidate | None:
        """`prim(args)` when it is defined, new and of a wanted type (kept in its pool when `keep`,
        else only seen); else None."""
        cand = self._apply(prim, args, cost)
        return cand if cand is not None and self._add(cand, keep) and cand.type in types else None

    def _splits(self, prim: Primitive, cost: int) -> Iterator[tuple[int, ...]]:
        """The argument costs that make `prim` cost `cost`, where every argument pool is non-empty."""
        budget = cost - prim.cost
        if budget < len(prim.arg_types):
            return
        for split in _compositions(budget, len(prim.arg_types)):
            if all(self.pool(t, c) for t, c in zip(prim.arg_types, split)):
                yield split

    def _apply(self, prim: Primitive, args: tuple[Candidate, ...], cost: int) -> Candidate | None:
        self.evaluated += 1
        function = prim.function
        values = []
        try:
            for i in range(len(self.inputs)):
                value = function(*(a.values[i] for a in args))
                if value is None:
                    return None
                values.append(value)
        except (ValueError, IndexError, ZeroDivisionError, MemoryError):
            return None
        return Candidate(Call(prim.name, tuple(a.expr for a in args)), prim.result_type, tuple(values), cost)
