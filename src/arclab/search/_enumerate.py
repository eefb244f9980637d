"""Bottom-up typed enumeration, in order of cost, with observational equivalence.

Every candidate is evaluated on all inputs of a task at once (train and test inputs); two
candidates of one type whose values agree on every input are one candidate, and only the
cheaper is kept. The enumerator is a generator of new grid candidates, so the caller decides
when to stop (anytime search).
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..dsl import COLOUR, GRID, INT, PRIMITIVES, Call, Const, Expr, Primitive, Var, value_key

MAX_POOL = 4000
"""Most candidates kept per type and cost level (beyond this the level is cut short)."""
MEMO_ENTRIES = 100_000
"""Most per-input primitive results the enumerator remembers (then it starts afresh): a bound on
memory; results are remembered only to skip recomputing a value already known."""
PROBE_OTHER_COST = 2
"""In the first sweep (see Enumerator.probe), arguments other than grids come from levels up to this cost."""
_FAILED: Any = object()
"""A remembered result: the primitive is undefined on these arguments."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A program with its value on every input of the task (train inputs first, then test)."""

    expr: Expr
    type: str
    values: tuple[Any, ...]
    cost: int
    classes: tuple[int, ...] = field(default=(), compare=False, repr=False)
    """The value class of each value (equal values share one; set by the enumerator)."""


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
                 fair: bool = True, complete: int = 0, targets: Sequence[np.ndarray] = (),
                 guided: bool = True, probe: int = 0) -> None:
        self.inputs = tuple(inputs)
        self.targets = tuple(targets)
        self._target_colours = [set(np.unique(t).tolist()) for t in self.targets]
        """The train outputs (for the first inputs): when given (and `guided`), grid arguments closest
        to them are tried first within each family (else in the order they were found)."""
        self.probe = probe
        """When positive, a first sweep through every cost level takes, in each family, only grid
        arguments among the `probe` closest to the targets of their level (other arguments: the
        cheapest levels', up to PROBE_OTHER_COST), so promising programs deep in the levels are met
        early; then the levels run in full."""
        self.probing = False
        """True while the first sweep runs."""
        self._swept: set[tuple[Any, ...]] = set()
        """(primitive, ids of its arguments) of every tuple the first sweep evaluated."""
        self._sweep_found: dict[tuple[str, tuple[int, ...]], Candidate] = {}
        """(type, value classes) -> the candidate the first sweep met them with: a full level that
        meets the same values at a lower cost takes them over (see _take_over)."""
        self._retired: list[Candidate] = []
        """Sweep candidates taken over (held so the ids of their values stay theirs)."""
        self.guided = guided
        """With targets, whether the full levels try the grids closest to them first (the sweep always does)."""
        self._ordered: dict[int, list[Candidate]] = {}
        self.fair = fair
        """Primitives take turns within a cost level (else each runs through all its arguments)."""
        self.complete = complete
        """Once a level's pool is full, families (a primitive with one split of argument costs) of
        at most this many argument tuples still run to the end, their grids checked, not kept."""
        self.deadline = deadline
        self.primitives = [p for p in (primitives or PRIMITIVES.values()) if p.search]
        self.pools: dict[str, dict[int, list[Candidate]]] = {}
        self.seen: dict[str, set[tuple[int, ...]]] = {}
        """Per type, the value classes (one per input) of every candidate met so far."""
        self.evaluated = 0
        self._classes: dict[Any, int] = {}
        """Value key -> a number shared by all equal values (of candidates met so far)."""
        self._class_of: dict[int, int] = {}
        """id() of each value a kept candidate holds -> its class (kept values live as long as self,
        so an id found here is that value's: no other live object has it)."""
        self._results: dict[tuple[Any, ...], Any] = {}
        """(primitive, argument classes) -> the result on one input, or _FAILED."""
        n = len(self.inputs)
        self._add(Candidate(Var(), GRID, self.inputs, 1))
        for c in colours:
            self._add(Candidate(Const(int(c)), COLOUR, (int(c),) * n, 1))
        for k in ints:
            self._add(Candidate(Const(int(k)), INT, (int(k),) * n, 1 if k in (1, 2, 3) else 2))

    def _add(self, cand: Candidate, keep: bool = True) -> bool:
        """Keep (or when not `keep`, only see) a candidate unless one of equal values was met."""
        classes = self.classes_of(cand.type, cand.values)
        seen = self.seen.setdefault(cand.type, set())
        if classes in seen:
            return False
        seen.add(classes)
        if keep:
            self._keep(dataclasses.replace(cand, classes=classes))
        return True

    def classes_of(self, type_: str, values: tuple[Any, ...]) -> tuple[int, ...]:
        """The class of each value: known at once for a value some kept candidate holds, else
        found by its key (equal exactly when the values are equal)."""
        class_of, classes = self._class_of, self._classes
        out = []
        grid = type_ == GRID
        for v in values:
            cls = class_of.get(id(v))
            if cls is None:  # a grid's value_key, without the type dispatch
                key = (v.shape, v.tobytes()) if grid else value_key(v)
                cls = classes.get(key)
                if cls is None:
                    cls = classes[key] = len(classes)
            out.append(cls)
        return tuple(out)

    def _keep(self, cand: Candidate) -> None:
        """Put a new candidate in its pool (it is then an argument of dearer ones)."""
        class_of = self._class_of
        for value, cls in zip(cand.values, cand.classes):
            class_of[id(value)] = cls
        self.pools.setdefault(cand.type, {}).setdefault(cand.cost, []).append(cand)

    def pool(self, type_: str, cost: int) -> list[Candidate]:
        return self.pools.get(type_, {}).get(cost, [])

    def arguments(self, type_: str, cost: int) -> list[Candidate]:
        """A finished pool in the order arguments are tried: grids closest to the targets first
        (when guided); while probing, only the closest few grids and the cheapest other values."""
        if self.probing:
            if type_ != GRID:
                return self.pool(type_, cost) if cost <= PROBE_OTHER_COST else []
            return self._sorted(cost)[:self.probe]
        if not self.targets or not self.guided or type_ != GRID:
            return self.pool(type_, cost)
        return self._sorted(cost)

    def _sorted(self, cost: int) -> list[Candidate]:
        """The grids of one cost, closest to the targets first (found order without targets)."""
        if cost not in self._ordered:
            pool = self.pool(GRID, cost)
            self._ordered[cost] = sorted(pool, key=self._distance) if self.targets else list(pool)
        return self._ordered[cost]

    def _distance(self, cand: Candidate) -> float:
        """1 minus a mean score per pair: a value of the target's shape scores a half plus half the
        share of cells it gets right; one of another shape half the overlap of its colour set with
        the target's (so any value of the right shape comes first)."""
        right = 0.0
        for value, target, theirs in zip(cand.values, self.targets, self._target_colours):
            if value.shape == target.shape:
                right += 0.5 + 0.5 * float(np.count_nonzero(value == target)) / target.size
            else:
                ours = set(np.unique(value).tolist())
                right += 0.5 * len(ours & theirs) / len(ours | theirs)
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
        if self.probe > 0 and self.fair:
            self.probing = True
            for cost in range(2, max_cost + 1):
                yield from self._level_fair(cost, types)
            self.probing = False
            self._ordered.clear()  # the full levels sort their whole pools again
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
        turns: deque[tuple[Primitive, Iterator[tuple[Candidate, ...]], bool, list[Candidate]]] = deque(
            (prim, itertools.product(*pools), prim.result_type in types and _size(pools) <= self.complete,
             self._level_pool(prim.result_type, cost))
            for prim in self.primitives for split in self._splits(prim, cost)
            for pools in [[self.arguments(t, c) for t, c in zip(prim.arg_types, split)]])
        popleft, append, new, clock = turns.popleft, turns.append, self._new, time.monotonic
        swept = self._swept if self.probe > 0 else None
        while turns:
            turn = popleft()
            full = len(turn[3]) > MAX_POOL
            if full and not turn[2]:
                continue
            args = next(turn[1], None)
            if args is None:
                continue
            append(turn)
            if swept is not None and self._swept_before(swept, turn[0], args):
                continue
            deadline = self.deadline  # read each turn: the caller may move it between candidates
            if deadline is not None and clock() > deadline:
                yield None
            cand = new(turn[0], args, cost, types, not full)
            if cand is not None:
                yield cand

    def _swept_before(self, swept: set[tuple[Any, ...]], prim: Primitive, args: tuple[Candidate, ...]) -> bool:
        """While probing, remember the argument tuple; in the full levels, whether the first sweep
        already evaluated it (so it is neither evaluated nor counted twice)."""
        key = (prim.name, *map(id, args))  # the arguments are kept candidates: their ids stay theirs
        if self.probing:
            swept.add(key)
            return False
        return key in swept

    def _level_pool(self, type_: str, cost: int) -> list[Candidate]:
        """The pool of one type and cost, made empty if there is none yet (so it can be held)."""
        return self.pools.setdefault(type_, {}).setdefault(cost, [])

    def _new(self, prim: Primitive, args: tuple[Candidate, ...], cost: int,
             types: frozenset[str], keep: bool = True) -> Candidate | None:
        """`prim(args)` when it is defined, new and of a wanted type (kept in its pool when `keep`,
        else only seen); else None."""
        values = self._apply(prim, args)
        if values is None:
            return None
        type_ = prim.result_type
        classes = self.classes_of(type_, values)
        seen = self.seen.get(type_)
        if seen is None:
            seen = self.seen[type_] = set()
        if classes in seen:
            if not self._sweep_found or self.probing or not self._take_over(type_, classes, cost):
                return None
        else:
            seen.add(classes)
        cand = Candidate(Call(prim.name, tuple([a.expr for a in args])), type_, values, cost, classes)
        if self.probing:
            self._sweep_found[(type_, classes)] = cand
        if keep:
            self._keep(cand)
        return cand if type_ in types else None

    def _take_over(self, type_: str, classes: tuple[int, ...], cost: int) -> bool:
        """Whether values met again in a full level were the first sweep's at a higher cost; if so
        the sweep's candidate leaves its pool, for the cheaper program to take its place (else a
        deep program found early would stand for those values, and every program built on them
        would be dearer than it is)."""
        old = self._sweep_found.get((type_, classes))
        if old is None or old.cost <= cost:
            return False
        del self._sweep_found[(type_, classes)]
        pool = self.pool(type_, old.cost)
        for i, held in enumerate(pool):
            if held is old:
                del pool[i]
                self._retired.append(old)
                break
        return True

    def _splits(self, prim: Primitive, cost: int) -> Iterator[tuple[int, ...]]:
        """The argument costs that make `prim` cost `cost`, where every argument pool is non-empty."""
        budget = cost - prim.cost
        if budget < len(prim.arg_types):
            return
        for split in _compositions(budget, len(prim.arg_types)):
            if all(self.pool(t, c) for t, c in zip(prim.arg_types, split)):
                yield split

    def _apply(self, prim: Primitive, args: tuple[Candidate, ...]) -> tuple[Any, ...] | None:
        """`prim`'s values on every input (one evaluated candidate), or None where it is undefined
        on one.

        Arguments that are different candidates may still hold equal values on some input; the
        primitive's result there is then remembered, not computed again.
        """
        self.evaluated += 1
        function, name, results = prim.function, prim.name, self._results
        values = []
        if len(args) == 1:  # most primitives take one argument: no tuples to pack and unpack
            return _apply_one(function, name, args[0], results)
        if args:
            rows = zip(zip(*[a.classes for a in args]), zip(*[a.values for a in args]))
        else:
            rows = zip([()] * len(self.inputs), [()] * len(self.inputs))
        for classes, arguments in rows:
            key = (name, classes)
            value = results.get(key)
            if value is None:
                try:
                    value = function(*arguments)
                except (ValueError, IndexError, ZeroDivisionError, MemoryError):
                    value = _FAILED
                if value is None:
                    value = _FAILED
                if len(results) >= MEMO_ENTRIES:
                    results.clear()
                results[key] = value
            if value is _FAILED:
                return None
            values.append(value)
        return tuple(values)


def _apply_one(function: Callable[[Any], Any], name: str, arg: Candidate,
               results: dict[tuple[Any, ...], Any]) -> tuple[Any, ...] | None:
    """Enumerator._apply for a primitive of one argument (the same results, remembered alike)."""
    values = []
    for cls, argument in zip(arg.classes, arg.values):
        key = (name, cls)
        value = results.get(key)
        if value is None:
            try:
                value = function(argument)
            except (ValueError, IndexError, ZeroDivisionError, MemoryError):
                value = _FAILED
            if value is None:
                value = _FAILED
            if len(results) >= MEMO_ENTRIES:
                results.clear()
            results[key] = value
        if value is _FAILED:
            return None
        values.append(value)
    return tuple(values)
