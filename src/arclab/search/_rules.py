"""Learn an ordered list of cell rules ("if the cell is enclosed, paint it 4; if ...") greedily.

A table over feature values (see _cells) cannot generalise to combinations the train pairs never
showed; a short decision list can. Each rule tests one feature value, or a colour and one feature
value, and sets a target (a colour, or a copy of a colour feature). The learner repeatedly takes
the rule that is right on every still-undecided cell it fires on and fixes the most changed cells.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

import numpy as np

from ..dsl import CELL_FEATURES, COLOUR, COLOUR_SET, INT, Call, Const, Expr, Var
from ..dsl.cell_features import ANY_COLOUR, AT_LEAST, NONE, holds
from ._cells import COPY_BIT, KEEP_BIT, CellData, cell_data
from ._registry import strategy

MAX_RULES = 8
MAX_VALUES = 30
"""Features with more distinct values than this are not tested value by value."""


class Predicates:
    """Every simple test on a cell (feature = value; colour = c and feature = value; with
    `at_least`, number feature >= value), as columns."""

    def __init__(self, data: CellData, at_least: bool = True) -> None:
        n = data.n_train
        singles: list[tuple[tuple[str, int], ...]] = []
        columns: list[np.ndarray] = []
        seen: set[bytes] = set()

        def add(test: tuple[tuple[str, int], ...], column: np.ndarray) -> None:
            if not column.any() or column.all():
                return
            key = np.packbits(column).tobytes()
            if key in seen:
                return
            seen.add(key)
            singles.append(test)
            columns.append(column)

        by_feature: dict[str, list[tuple[int, np.ndarray]]] = {}
        for name in data.names:
            raw = data.raw[name][:n]
            returns = CELL_FEATURES[name].returns
            if returns == COLOUR_SET:
                values = [c for c in range(10) if ((raw >> c) & 1).any()]
            else:
                values = np.unique(raw).tolist()
                if len(values) > MAX_VALUES:
                    continue
                if returns == COLOUR and NONE in values:
                    values.append(ANY_COLOUR)
            for v in values:
                column = holds(raw, name, int(v))
                by_feature.setdefault(name, []).append((int(v), column))
                add(((name, int(v)),), column)
            if returns == INT and at_least:
                for v in values[1:-1]:  # at least the least holds everywhere, at least the most is "equals"
                    add(((name + AT_LEAST, int(v)),), holds(raw, name + AT_LEAST, int(v)))
        for c, colour_column in by_feature.get("colour", []):
            for name, tests in by_feature.items():
                if name == "colour":
                    continue
                for v, column in tests:
                    add((("colour", c), (name, v)), colour_column & column)
        self.tests = singles
        self.matrix = np.array(columns, dtype=np.float32).T if columns else np.zeros((n, 0), np.float32)


def _fits(data: CellData) -> np.ndarray:
    """(cells, targets) 0/1: target 0 keeps the cell, 1-10 paint colours 0-9, 11.. copy features."""
    bits = COPY_BIT + len(data.copyable)
    fits: np.ndarray = ((data.targets[:, None] >> np.arange(bits)) & 1).astype(np.float32)
    return fits


def learn_rules(data: CellData, preds: Predicates, prefer_copy: bool,
                deadline: float | None = None) -> list[tuple[tuple[tuple[str, int], ...], int]] | None:
    """An ordered rule list (tests, target bit) exact on every train cell, or None.

    The counts over still-undecided cells (where each test fires on a misfit of each target, its
    gain, its coverage) are made once and lessened by the cells each rule decides: the same
    integers as counting afresh each round (exact in float32 at ARC's sizes), at one product's cost.
    """
    remaining = np.ones(data.n_train, dtype=bool)
    rules: list[tuple[tuple[tuple[str, int], ...], int]] = []
    if not data.changed.any():
        return rules
    misfits = 1.0 - _fits(data)
    matrix = preds.matrix
    wrong = matrix.T @ misfits  # (tests, targets): undecided cells where the test fires and the target misfits
    gain = matrix[data.changed].sum(axis=0)
    cover = matrix.sum(axis=0)
    for _ in range(MAX_RULES):
        if not (remaining & data.changed).any():
            return rules
        if deadline is not None and time.monotonic() > deadline:
            return None
        rule = _next_rule(wrong == 0, gain, cover, prefer_copy)  # valid: never wrong where it fires
        if rule is None:
            return None
        best = rule[0]
        rules.append((preds.tests[best], rule[1]))
        decided = remaining & (matrix[:, best] != 0)
        remaining &= ~decided
        rows = matrix[decided]
        wrong -= rows.T @ misfits[decided]
        gain -= matrix[decided & data.changed].sum(axis=0)
        cover -= rows.sum(axis=0)
    return rules if not (remaining & data.changed).any() else None


def _next_rule(valid: np.ndarray, gain: np.ndarray, cover: np.ndarray, prefer_copy: bool) -> tuple[int, int] | None:
    """(test, target bit) of the next rule: the valid painting rule that fixes the most changed
    cells, else the valid keeping rule that covers the most cells; None when there is neither."""
    change = valid[:, 1:] & (gain[:, None] > 0)
    if change.any():
        score = np.where(change.any(axis=1), gain, -1)
        best = int(score.argmax())
        options = np.flatnonzero(change[best]) + 1
        literal = [b for b in options if b < COPY_BIT]
        copies = [b for b in options if b >= COPY_BIT]
        first, second = (copies, literal) if prefer_copy else (literal, copies)
        return best, int((first or second)[0])
    keep = valid[:, 0]
    if not keep.any():
        return None
    coverage = np.where(keep, cover, -1)
    return int(coverage.argmax()), 0


@strategy(order=100, share=0.2, tentative=True, options=("specialise", "at_least"))
def rule_list_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                       test_in: Sequence[np.ndarray], deadline: float | None = None, *,
                       source: Expr = Var(), data: CellData | None = None,
                       specialise: bool = False, at_least: bool = True) -> Iterator[tuple[Expr, float]]:
    """Programs `cell_rules(source, rules)` exact on the train pairs: literal colours first, then copies.

    With `specialise`, each list is followed by its `specialised` reading where that differs; with
    `at_least`, rules may also test "a number feature is at least v" (see Predicates).

    `train_in` and `test_in` are the values of `source` (the input itself unless given); `data`,
    when the caller already has it, is their `cell_data`.
    """
    data = data or cell_data(train_in, train_out, test_in)
    if data is None:
        return
    preds = Predicates(data, at_least)
    seen: set[str] = set()
    for prefer_copy in (False, True):
        rules = learn_rules(data, preds, prefer_copy, deadline)
        if rules is None:
            continue
        conjunctions = sum(1 for tests, _ in rules if len(tests) > 1)
        cost = 6.5 + 0.7 * len(rules) + 0.3 * conjunctions + (0.2 if prefer_copy else 0.0)
        variants = [rules, specialised(rules, data, preds)] if specialise else [rules]
        for k, variant in enumerate(variants):
            expr = _program(variant, data.copyable, source)
            if str(expr) not in seen:
                seen.add(str(expr))
                yield expr, cost + 0.1 * k


def specialised(rules: list[tuple[tuple[tuple[str, int], ...], int]], data: CellData,
                preds: Predicates) -> list[tuple[tuple[tuple[str, int], ...], int]]:
    """The rules with a colour test added to each painting rule that, on the train cells, fired on
    one colour only: exact on the train pairs as before, but it leaves alone the test cells of a
    colour the rule never changed (a narrower reading of the same pairs)."""
    if "colour" not in data.raw:
        return rules
    colour = data.raw["colour"][: data.n_train]
    remaining = np.ones(data.n_train, dtype=bool)
    out = []
    for tests, target in rules:
        fired = remaining & (preds.matrix[:, preds.tests.index(tests)] > 0)
        remaining &= ~fired
        colours = np.unique(colour[fired])
        if target != KEEP_BIT and len(colours) == 1 and all(name != "colour" for name, _ in tests):
            tests = (("colour", int(colours[0])),) + tests
        out.append((tests, target))
    return out


def _program(rules: list[tuple[tuple[tuple[str, int], ...], int]], copyable: list[str], source: Expr) -> Expr:
    table = []
    for k, (tests, bit) in enumerate(rules):
        target: int | str = "colour" if bit == KEEP_BIT else bit - 1 if bit < COPY_BIT else copyable[bit - COPY_BIT]
        flat: list[int | str] = [part for test in tests for part in test]
        table.append((k, tuple(flat + [target])))
    return Call("cell_rules", (source, Const(tuple(table))))
