"""The cell-rule learner finds small feature tables exact on the train pairs."""

from __future__ import annotations

import numpy as np

from arclab.dsl import evaluate, parse
from arclab.search._cells import cell_rule_programs


def a(rows: list[list[int]]) -> np.ndarray:
    return np.array(rows, dtype=np.uint8)


def test_learns_to_fill_enclosed_cells() -> None:
    ring = [[0, 0, 0, 0, 0], [0, 1, 1, 1, 0], [0, 1, 0, 1, 0], [0, 1, 1, 1, 0], [0, 0, 0, 0, 0]]
    big = [[2, 2, 2, 2, 0, 0], [2, 0, 0, 2, 0, 0], [2, 0, 0, 2, 0, 0], [2, 2, 2, 2, 0, 0], [0, 0, 0, 0, 0, 0]]
    train_in = [a(ring), a(big)]
    train_out = [a(ring), a(big)]
    train_out[0][2, 2] = 4
    train_out[1][1:3, 1:3] = 4
    test_in = [a([[3, 3, 3, 0], [3, 0, 3, 0], [3, 3, 3, 0], [0, 0, 0, 0]])]
    programs = sorted(cell_rule_programs(train_in, train_out, test_in), key=lambda p: p[1])
    best = programs[0][0]
    assert str(best) == "cell_rule(x, 'enclosed', {(1,): 4})"
    assert evaluate(best, test_in[0]).tolist() == [[3, 3, 3, 0], [3, 4, 3, 0], [3, 3, 3, 0], [0, 0, 0, 0]]


def test_learns_to_copy_a_colour_feature_and_parses_back() -> None:
    # every background cell right of a coloured cell takes that colour (whatever the colour)
    train_in = [a([[5, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]), a([[0, 0, 0, 0], [0, 7, 0, 0], [0, 0, 0, 0]]),
                a([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 2, 0]])]
    train_out = [a([[5, 5, 5, 5], [0, 0, 0, 0], [0, 0, 0, 0]]), a([[0, 0, 0, 0], [0, 7, 7, 7], [0, 0, 0, 0]]),
                 a([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 2, 2]])]
    test_in = [a([[0, 3, 0, 0], [0, 0, 0, 0]])]
    programs = sorted(cell_rule_programs(train_in, train_out, test_in), key=lambda p: p[1])
    for expr, _ in programs:
        assert parse(str(expr)) == expr
        for g, out in zip(train_in, train_out):
            assert np.array_equal(evaluate(expr, g), out)
    assert evaluate(programs[0][0], test_in[0]).tolist() == [[0, 3, 3, 3], [0, 0, 0, 0]]


def test_nothing_for_tasks_that_change_shape_or_nothing() -> None:
    g = a([[1, 0], [0, 1]])
    assert list(cell_rule_programs([g], [a([[1]])], [g])) == []
    assert list(cell_rule_programs([g], [g], [g])) == []
