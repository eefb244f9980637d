"""Learn a cell rule: a few cell features whose values decide every output cell's colour.

For same-shape tasks, each output cell is often a function of a handful of facts about the
input cell (its colour, a neighbour, the colour a ray hits, whether it is enclosed...). The
learner tries feature sets in increasing size and keeps those whose table, read off the train
pairs, is consistent: every cell with the same feature values gets the same target, where a
target is "keep the colour", a literal colour, or "copy this colour feature".
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator, Sequence

import numpy as np

from ..dsl import CELL_FEATURES, COLOUR, Call, Const, Expr, Var, kernel, kernels_compiled, on_warm
from ..dsl.cell_features import NONE
from ._learn import most_shared
from ._registry import strategy

MAX_FEATURES = 3
MAX_UNSHARED = 0.5
"""Rules whose changed cells mostly have keys seen in one train pair only are memorising: dropped."""
ENOUGH = 6
"""Stop adding features once this many rules are found."""
KEEP_BIT = 0
"""Bit 0 of a cell's target mask: the output keeps the input colour; bits 1-10 are colours 0-9;
bits COPY_BIT.. copy a colour feature."""
COPY_BIT = 11
SCRATCH = 1 << 16
"""The compiled scan groups cells through a direct table when a subset's keys span at most this
many values, and by sorting otherwise."""
BATCH = 4096
"""Feature subsets the compiled scan checks between two looks at the deadline."""


class CellData:
    """The features of every train and test cell, coded densely, and each train cell's targets."""

    def __init__(self, train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                 test_in: Sequence[np.ndarray]) -> None:
        grids = list(train_in) + list(test_in)
        self.n_train = sum(g.size for g in train_in)
        self.pair_of = np.concatenate([np.full(g.size, k) for k, g in enumerate(train_in)])
        self.n_pairs = len(train_in)
        self.names: list[str] = []
        self.raw: dict[str, np.ndarray] = {}
        self.values: list[np.ndarray] = []
        """Per kept feature, its distinct raw values: dense code k stands for values[i][k]."""
        codes = []
        for name, feature in CELL_FEATURES.items():
            try:
                column = np.concatenate([np.asarray(feature.function(g)).ravel() for g in grids]).astype(np.int64)
            except (ValueError, IndexError):
                continue
            values, inverse = np.unique(column, return_inverse=True)
            if len(values) == 1:
                continue  # constant everywhere: decides nothing
            self.names.append(name)
            self.raw[name] = column
            self.values.append(values)
            codes.append(inverse.astype(np.int64))
        self.codes = codes
        self.cardinality = [len(v) for v in self.values]
        y = np.concatenate([o.ravel() for o in train_out]).astype(np.int64)
        colour = np.concatenate([g.ravel() for g in train_in]).astype(np.int64)
        self.copyable = [n for n in self.names if CELL_FEATURES[n].returns == COLOUR and n != "colour"]
        mask = (y == colour).astype(np.int64) << KEEP_BIT
        mask |= np.int64(1) << (y + 1)
        for k, name in enumerate(self.copyable):
            value = self.raw[name][: self.n_train]
            # copying "no colour" leaves the cell as it is
            fits = (value == y) | ((value == NONE) & (y == colour))
            mask |= fits.astype(np.int64) << (COPY_BIT + k)
        self.targets = mask
        self.changed = y != colour
        self._train_codes: np.ndarray | None = None

    def consistent(self, size: int, deadline: float | None = None) -> Iterator[tuple[int, ...]]:
        """The feature subsets of `size` (in `itertools.combinations` order) that have a `table`,
        until the deadline: checked in compiled batches, or one by one without the kernels."""
        subsets = itertools.combinations(range(len(self.names)), size)
        if not kernels_compiled():
            for subset in subsets:
                if deadline is not None and time.monotonic() > deadline:
                    return
                if self.table(subset) is not None:
                    yield subset
            return
        if self._train_codes is None:
            self._train_codes = np.ascontiguousarray(np.stack(self.codes)[:, : self.n_train])
        cardinality = np.array(self.cardinality, dtype=np.int64)
        while batch := list(itertools.islice(subsets, BATCH)):
            if deadline is not None and time.monotonic() > deadline:
                return
            rows = np.array(batch, dtype=np.int64)
            found = _consistent(self._train_codes, cardinality, self.targets, rows, SCRATCH)
            yield from itertools.compress(batch, found.tolist())

    def unshared(self, subset: Sequence[int]) -> tuple[float, float]:
        """Leave one pair out: the share of changed cells, and of all cells, whose key no other pair has.

        A rule that memorises positions or shapes of one pair shows up here as keys that only that
        pair has; a rule that generalises sees each pair's keys in the others.
        """
        if self.n_pairs < 2:
            return 0.0, 0.0
        code = self.key(subset)[: self.n_train]
        alone = np.zeros(self.n_train, dtype=bool)
        for k in range(self.n_pairs):
            mine = self.pair_of == k
            alone[mine] = ~np.isin(code[mine], code[~mine])
        changed = int(self.changed.sum())
        return (float(alone[self.changed].sum()) / max(1, changed), float(alone.mean()))

    def key(self, subset: Sequence[int]) -> np.ndarray:
        """One integer per cell (train then test) for the values of the features in `subset`."""
        code = np.zeros_like(self.codes[0])
        for i in subset:
            code = code * self.cardinality[i] + self.codes[i]
        return code

    def table(self, subset: Sequence[int]) -> tuple[dict[int, int], int] | None:
        """Per key group, the AND of its cells' target masks; None if a group has no common target.

        Also returns how many test cells have a key never seen in training.
        """
        code = self.key(subset)
        train, test = code[: self.n_train], code[self.n_train:]
        order = np.argsort(train, kind="stable")
        sorted_codes = train[order]
        new_key = np.ones(len(sorted_codes), dtype=bool)
        new_key[1:] = sorted_codes[1:] != sorted_codes[:-1]
        starts = np.flatnonzero(new_key)
        common = np.bitwise_and.reduceat(self.targets[order], starts)
        if (common == 0).any():
            return None
        keys = sorted_codes[starts]
        unseen = int((~np.isin(test, keys)).sum())
        return dict(zip(keys.tolist(), common.tolist())), unseen


def cell_data(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
              test_in: Sequence[np.ndarray]) -> CellData | None:
    """The cell data of a task whose pairs keep their shape and change something, else None."""
    if any(i.shape != o.shape for i, o in zip(train_in, train_out)):
        return None
    if all(np.array_equal(i, o) for i, o in zip(train_in, train_out)):
        return None
    data = CellData(train_in, train_out, test_in)
    return data if data.names else None


def _targets(masks: list[int], copyable: list[str]) -> list[int | str | None]:
    """A target per group: keep (None) where allowed, else the target most groups allow."""
    chosen = most_shared(masks, range(1, COPY_BIT + len(copyable)))
    return [None if m >> KEEP_BIT & 1 else b - 1 if b < COPY_BIT else copyable[b - COPY_BIT]
            for m, b in zip(masks, chosen)]


@strategy(order=110, share=0.4, tentative=True)
def cell_rule_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                       test_in: Sequence[np.ndarray], deadline: float | None = None, *,
                       source: Expr = Var(), max_features: int = MAX_FEATURES,
                       data: CellData | None = None) -> Iterator[tuple[Expr, float]]:
    """Programs `cell_rule(source, features, table)` consistent with the train pairs, simplest first.

    `train_in` and `test_in` are the values of `source` (the input itself unless given); `data`,
    when the caller already has it, is their `cell_data`.
    """
    data = data or cell_data(train_in, train_out, test_in)
    if data is None:
        return
    found: list[tuple[float, int, Call]] = []
    for size in range(1, max_features + 1):
        for subset in data.consistent(size, deadline):
            result = data.table(subset)
            if result is None:
                continue
            groups, unseen = result
            changed_alone, cells_alone = data.unshared(subset)
            if changed_alone > MAX_UNSHARED:
                continue
            expr = _program(data, subset, groups, source)
            if expr is None:
                continue
            table = expr.args[2]
            entries = len(table.value) if isinstance(table, Const) else 0
            cost = 6.0 + size + 0.05 * entries + (4.0 if unseen else 0.0) + 4 * changed_alone + 2 * cells_alone
            found.append((cost, len(found), expr))
        if len(found) >= ENOUGH:
            break
    for cost, _, expr in sorted(found):
        yield expr, cost


def _program(data: CellData, subset: Sequence[int], groups: dict[int, int], source: Expr) -> Call | None:
    names = [data.names[i] for i in subset]
    table = []
    for code, target in zip(groups, _targets(list(groups.values()), data.copyable)):
        if target is not None:
            table.append((_decode(data, subset, code), target))
    if not table:
        return None
    return Call("cell_rule", (source, Const(",".join(names)), Const(tuple(sorted(table)))))


def _decode(data: CellData, subset: Sequence[int], code: int) -> tuple[int, ...]:
    """The raw feature values behind a combined dense code."""
    values = []
    for i in reversed(subset):
        values.append(int(data.values[i][code % data.cardinality[i]]))
        code //= data.cardinality[i]
    return tuple(reversed(values))


@kernel
def _consistent(codes: np.ndarray, cardinality: np.ndarray, targets: np.ndarray, subsets: np.ndarray,
                scratch: int) -> np.ndarray:
    """Per row of `subsets` (feature indices), whether the train cells that share those features'
    codes have a common target in every group: `CellData.table` is not None, without the table."""
    count, size = subsets.shape
    n = targets.shape[0]
    out = np.zeros(count, dtype=np.bool_)
    acc = np.zeros(scratch, dtype=np.int64)
    stamp = np.full(scratch, -1, dtype=np.int64)
    key = np.empty(n, dtype=np.int64)
    for s in range(count):
        span = 1
        for j in range(size):
            span *= cardinality[subsets[s, j]]
        for i in range(n):
            k = 0
            for j in range(size):
                f = subsets[s, j]
                k = k * cardinality[f] + codes[f, i]
            key[i] = k
        ok = True
        if span <= scratch:  # stamp says whether a key's group has been opened in this subset
            for i in range(n):
                k = key[i]
                if stamp[k] != s:
                    stamp[k] = s
                    acc[k] = targets[i]
                else:
                    acc[k] &= targets[i]
                    if acc[k] == 0:
                        ok = False
                        break
        elif n > 0:
            order = np.argsort(key)
            common = targets[order[0]]
            for i in range(1, n):
                if key[order[i]] != key[order[i - 1]]:
                    common = targets[order[i]]
                else:
                    common &= targets[order[i]]
                    if common == 0:
                        ok = False
                        break
        out[s] = ok
    return out


def _warm() -> None:
    """Compile (or load) the scan on a tiny table."""
    one = np.zeros((1, 1), dtype=np.int64)
    _consistent(one, np.ones(1, dtype=np.int64), np.ones(1, dtype=np.int64), one, 4)


on_warm(_warm)
