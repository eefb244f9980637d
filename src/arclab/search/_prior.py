"""A learned prior over programs: how often each primitive, strategy and small constant appears in
programs that solved tasks, as costs in bits (-log2 of a smoothed probability).

The prior is cross-fitted: tasks fall into K folds by a hash of their train pairs (never their id),
and the table for fold k is fitted only on tasks of the other folds. A task is searched and ranked
with its own fold's table, so a program the fitting saw for a task never favours that same task.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dsl import PRIMITIVES, Call, Const, Expr, Primitive, Var, resolve
from ..task import ArclabError, Task, View
from ._registry import STRATEGIES

PRIOR_FORMAT = "arclab-prior"
PRIOR_VERSION = 1
"""The version of the prior file this arclab writes and reads."""
PRIOR_FILE = Path(__file__).with_name("prior.json")
"""The prior shipped with arclab (fitted on synth's solutions to arc-agi-1/training)."""
DEFAULT_FOLDS = 5
"""Folds of the cross-fitting."""
SMOOTHING = 1.0
"""Pseudo-count added to every primitive, strategy and small constant (so none is impossible)."""
SMALL_INTS = range(0, 10)
"""Integer constants whose frequency is fitted per (primitive, argument position)."""
ATOM_BITS = math.log2(10)
"""Bits of one atom (an int or a name) of a constant the prior has no distribution for."""
LEVEL_BITS = 4.0
"""In the enumeration, a primitive this many bits dearer than the likeliest one costs one level more.
Measured on arc-agi-1/training (cross-fitted): at 3 bits the shipped prior put every primitive its
fold never saw one level up and lost outputs; at 4 bits all stay at level 1 and the prior orders
the primitives within each level (likeliest first), which did not lose."""
MAX_LEVEL = 3
"""The dearest a primitive may be in the enumeration (its cost level)."""
SEARCH_LABELS = ("enumerate", "colour-map", "role-map", "cellwise", "uniform", "cell-rule", "stack")
"""Where the synthesizer's own solutions come from (besides the registered strategies)."""


class PriorError(ArclabError):
    """A prior file cannot be read, or a run cannot be fitted."""


def task_fold(task: Task, folds: int) -> int:
    """The task's fold: a stable hash of its train pairs (shapes and cells), never of its id."""
    digest = hashlib.sha256()
    for example in task.train:
        for grid in (example.input, example.output):
            if grid is not None:
                digest.update(bytes(grid.array.shape) + grid.array.astype("uint8").tobytes() + b"|")
    return int.from_bytes(digest.digest()[:8], "big") % folds


@dataclass(frozen=True)
class Counts:
    """What the fitting saw: how often each primitive, strategy and small int argument appears."""

    primitives: Mapping[str, int]
    strategies: Mapping[str, int]
    ints: Mapping[str, Mapping[int, int]]
    """Per 'primitive/position', how often each small int stood there."""
    programs: int = 0
    tasks: int = 0

    def to_json(self) -> dict[str, Any]:
        """The counts as JSON values."""
        return {"tasks": self.tasks, "programs": self.programs, "primitives": dict(sorted(self.primitives.items())),
                "strategies": dict(sorted(self.strategies.items())),
                "ints": {k: {str(v): n for v, n in sorted(c.items())} for k, c in sorted(self.ints.items())}}


@dataclass(frozen=True)
class PriorTable:
    """Costs in bits fitted on one set of programs; a name it never saw gets the smoothed cost."""

    counts: Counts
    smoothing: float = SMOOTHING

    @functools.cached_property
    def _primitive_total(self) -> float:
        names = set(PRIMITIVES) | set(self.counts.primitives)
        return sum(self.counts.primitives.values()) + self.smoothing * len(names)

    @functools.cached_property
    def _strategy_total(self) -> float:
        names = set(STRATEGIES) | set(SEARCH_LABELS) | set(self.counts.strategies)
        return sum(self.counts.strategies.values()) + self.smoothing * len(names)

    def primitive_bits(self, name: str) -> float:
        """-log2 P(primitive): how surprising a call of `name` is."""
        return -math.log2((self.counts.primitives.get(name, 0) + self.smoothing) / self._primitive_total)

    def strategy_bits(self, name: str) -> float:
        """-log2 P(strategy) among the solutions that were right."""
        return -math.log2((self.counts.strategies.get(name, 0) + self.smoothing) / self._strategy_total)

    def const_bits(self, op: str, position: int, value: Any) -> float:
        """Bits of a constant argument: fitted for small ints, else `ATOM_BITS` per atom it holds."""
        if type(value) is int and value in SMALL_INTS:
            seen = self.counts.ints.get(f"{op}/{position}", {})
            total = sum(seen.values()) + self.smoothing * len(SMALL_INTS)
            return -math.log2((seen.get(value, 0) + self.smoothing) / total)
        return ATOM_BITS * _atoms(value)

    def program_bits(self, expr: Expr) -> float:
        """The program's cost: the bits of every call and constant in it (the input costs nothing)."""
        if not isinstance(expr, Call):
            return 0.0 if isinstance(expr, Var) else ATOM_BITS * _atoms(expr.value)
        bits = self.primitive_bits(expr.op)
        for position, arg in enumerate(expr.args):
            bits += self.const_bits(expr.op, position, arg.value) if isinstance(arg, Const) else self.program_bits(arg)
        return bits

    def solution_bits(self, expr: Expr, strategy: str) -> float:
        """What a solution costs when ranking answers: its strategy's bits and its program's."""
        return self.strategy_bits(strategy) + self.program_bits(expr)

    def search_primitives(self, level_bits: float = LEVEL_BITS, max_level: int = MAX_LEVEL) -> list[Primitive]:
        """The enumerator's primitives, likeliest first, each costing 1 + its bits above the likeliest
        one's in steps of `level_bits` (at most `max_level`), so the enumeration keeps integer levels."""
        chosen = [p for p in PRIMITIVES.values() if p.search]
        bits = {p.name: self.primitive_bits(p.name) for p in chosen}
        least = min(bits.values(), default=0.0)
        chosen.sort(key=lambda p: bits[p.name])
        return [dataclasses.replace(p, cost=min(max_level, 1 + int((bits[p.name] - least) / level_bits)))
                for p in chosen]


def _atoms(value: Any) -> int:
    if isinstance(value, tuple):
        return sum(_atoms(v) for v in value)
    return 1


@dataclass(frozen=True)
class Prior:
    """One table per fold, each fitted on the other folds' tasks; what it was fitted on."""

    tables: tuple[PriorTable, ...]
    dataset: str = ""
    tasks: int = 0
    programs: int = 0

    def table(self, task: Task) -> PriorTable:
        """The table that ranks and orders the search for `task` (fitted without its fold)."""
        return self.tables[task_fold(task, len(self.tables))]

    def to_json(self) -> dict[str, Any]:
        """The prior as the JSON its file holds."""
        return {"format": PRIOR_FORMAT, "version": PRIOR_VERSION, "dataset": self.dataset, "tasks": self.tasks,
                "programs": self.programs, "folds": len(self.tables),
                "smoothing": self.tables[0].smoothing if self.tables else SMOOTHING,
                "tables": [t.counts.to_json() for t in self.tables]}


@dataclass(frozen=True, slots=True)
class PriorSample:
    """A program that solved a task, with the strategy that found it."""

    task: Task
    program: Expr
    strategy: str


def fit_prior(samples: Iterable[PriorSample], folds: int = DEFAULT_FOLDS, dataset: str = "",
              smoothing: float = SMOOTHING) -> Prior:
    """Cross-fit a prior: table k counts the samples of every task outside fold k.

    A task counts once per distinct program (repeats of one program for it are dropped).
    """
    if folds < 2:
        raise PriorError(f"folds: need at least 2 for cross-fitting, got {folds}")
    unique: dict[tuple[int, str], tuple[int, PriorSample]] = {}
    for sample in samples:
        fold = task_fold(sample.task, folds)
        unique.setdefault((id(sample.task), str(sample.program)), (fold, sample))
    tables = tuple(PriorTable(_count([s for f, s in unique.values() if f != k]), smoothing) for k in range(folds))
    tasks = len({key[0] for key in unique})
    return Prior(tables, dataset, tasks, len(unique))


def _count(samples: Sequence[PriorSample]) -> Counts:
    primitives: Counter[str] = Counter()
    ints: dict[str, Counter[int]] = {}

    def walk(expr: Expr) -> None:
        if isinstance(expr, Call):
            primitives[expr.op] += 1
            for position, arg in enumerate(expr.args):
                if isinstance(arg, Const) and type(arg.value) is int and arg.value in SMALL_INTS:
                    ints.setdefault(f"{expr.op}/{position}", Counter())[arg.value] += 1
                walk(arg)

    for sample in samples:
        walk(sample.program)
    strategies = Counter(s.strategy for s in samples)
    return Counts(dict(primitives), dict(strategies), {k: dict(c) for k, c in ints.items()},
                  len(samples), len({id(s.task) for s in samples}))


def prior_from_json(raw: Any, source: str = "prior") -> Prior:
    """The prior a file holds (`source` names it in errors)."""
    if not isinstance(raw, dict) or raw.get("format") != PRIOR_FORMAT:
        raise PriorError(f"{source}: not an arclab prior (no format {PRIOR_FORMAT!r})")
    if raw.get("version") != PRIOR_VERSION:
        raise PriorError(f"{source}: version: {raw.get('version')!r}, this arclab reads {PRIOR_VERSION}")
    try:
        smoothing = float(raw.get("smoothing", SMOOTHING))
        tables = tuple(PriorTable(_counts_from_json(t), smoothing) for t in raw["tables"])
        prior = Prior(tables, str(raw.get("dataset", "")), int(raw.get("tasks", 0)), int(raw.get("programs", 0)))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise PriorError(f"{source}: tables: malformed ({type(error).__name__}: {error})") from None
    if len(tables) < 2:
        raise PriorError(f"{source}: tables: need one per fold (at least 2), got {len(tables)}")
    return prior


def _counts_from_json(raw: Mapping[str, Any]) -> Counts:
    """The counts a table holds; a primitive renamed since the file was written counts under its new name."""
    ints: dict[str, dict[int, int]] = {}
    for key, seen in raw["ints"].items():
        op, _, position = str(key).rpartition("/")
        into = ints.setdefault(f"{resolve(op)}/{position}", {})
        for v, n in seen.items():
            into[int(v)] = into.get(int(v), 0) + int(n)
    primitives: Counter[str] = Counter()
    for name, n in raw["primitives"].items():
        primitives[resolve(str(name))] += int(n)
    return Counts(dict(primitives), {str(k): int(n) for k, n in raw["strategies"].items()}, ints,
                  int(raw.get("programs", 0)), int(raw.get("tasks", 0)))


def load_prior(path: str | Path | None = None) -> Prior:
    """The prior in `path` (default: the one shipped with arclab), read once per process."""
    return _load(str(Path(path).resolve()) if path is not None else str(PRIOR_FILE))


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Prior:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise PriorError(f"{path}: cannot read: {error.strerror}") from None
    except ValueError as error:
        raise PriorError(f"{path}: not JSON: {error}") from None
    return prior_from_json(raw, path)


def out_of_view(program: Expr, view_label: str) -> Expr:
    """The program as found in the view `view_label` (undoes `in_view`); unchanged when it does not fit."""
    view = _view(view_label)
    if view is None or view.is_identity:
        return program
    inverse = {"rot90": "rot270", "rot270": "rot90"}.get(view.symmetry, view.symmetry)
    body = program
    if view.symmetry != "identity":
        if not (isinstance(body, Call) and body.op == inverse):
            return program
        body = body.args[0]
    forward = tuple((old, new) for old, new in enumerate(view.colours) if old != new)
    seen: Expr = Var() if view.symmetry == "identity" else Call(view.symmetry, (Var(),))
    if forward:
        if not (isinstance(body, Call) and body.op == "map_colours"):
            return program
        body = body.args[0]
        seen = Call("map_colours", (seen, Const(forward)))
    return _replace(body, seen)


def _replace(expr: Expr, seen: Expr) -> Expr:
    if expr == seen:
        return Var()
    if isinstance(expr, Call):
        return Call(expr.op, tuple(_replace(a, seen) for a in expr.args))
    return expr


def _view(label: str) -> View | None:
    symmetry, _, colours = label.partition("+colours:")
    try:
        return View(symmetry, tuple(int(c) for c in colours) if colours else tuple(range(10)))
    except ValueError:
        return None
