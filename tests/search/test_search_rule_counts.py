"""learn_rules keeps its counts over undecided cells by subtracting the cells each rule decides: it
must learn the very lists that counting afresh every round learns."""

from __future__ import annotations

import numpy as np

from arclab.search._cells import CellData, cell_data
from arclab.search._rules import MAX_RULES, Predicates, _fits, _next_rule, learn_rules

Rules = list[tuple[tuple[tuple[str, int], ...], int]]


def _afresh(data: CellData, preds: Predicates, prefer_copy: bool) -> Rules | None:
    """The rule list with every count made again over the undecided cells each round."""
    misfits = 1.0 - _fits(data)
    remaining = np.ones(data.n_train, dtype=bool)
    rules: Rules = []
    for _ in range(MAX_RULES):
        if not (remaining & data.changed).any():
            return rules
        fire = preds.matrix[remaining]
        wrong = fire.T @ misfits[remaining]
        rule = _next_rule(wrong == 0, fire[data.changed[remaining]].sum(axis=0), fire.sum(axis=0), prefer_copy)
        if rule is None:
            return None
        rules.append((preds.tests[rule[0]], rule[1]))
        remaining &= preds.matrix[:, rule[0]] == 0
    return rules if not (remaining & data.changed).any() else None


def _task(rng: np.random.Generator) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Random grids and outputs that recolour some cells by colour and a random per-task choice."""
    inputs = [rng.choice([0, 0, 0, 1, 2, 3], size=(int(rng.integers(4, 9)), int(rng.integers(4, 9)))).astype(np.uint8)
              for _ in range(4)]
    source, paint = (int(c) for c in rng.choice([1, 2, 3], size=2, replace=False))
    outputs = []
    for g in inputs:
        out = g.copy()
        out[g == source] = paint
        out[1:, :][(g[:-1, :] == paint) & (g[1:, :] == 0)] = 4 if rng.random() < 0.8 else 5  # below a cell
        outputs.append(out)
    return inputs[:3], outputs[:3], inputs[3:]


def test_the_incremental_counts_learn_the_lists_counting_afresh_learns() -> None:
    rng = np.random.default_rng(11)
    compared = learned = 0
    for _ in range(40):
        train_in, train_out, test_in = _task(rng)
        data = cell_data(train_in, train_out, test_in)
        if data is None:
            continue
        preds = Predicates(data)
        for prefer_copy in (False, True):
            expected = _afresh(data, preds, prefer_copy)
            assert learn_rules(data, preds, prefer_copy) == expected
            compared += 1
            learned += expected is not None and len(expected) > 1
    assert compared >= 40 and learned >= 5  # the lists compared are real ones, of several rules
