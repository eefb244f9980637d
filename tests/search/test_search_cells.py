"""The cell-rule learner finds small feature tables exact on the train pairs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from arclab.dsl import evaluate, kernels_compiled, parse
from arclab.search import _cells
from arclab.search._cells import CellData, cell_rule_programs


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


def test_parts_rule_learns_how_parts_combine() -> None:
    from arclab.search._parts import parts_rule_programs

    # two halves split by a column of 5; output 2 where exactly one half is set
    def task(left: list[list[int]], right: list[list[int]]) -> np.ndarray:
        return np.hstack([a(left), np.full((2, 1), 5, np.uint8), a(right)])

    train_in = [task([[1, 0], [0, 0]], [[1, 1], [0, 0]]), task([[0, 1], [1, 1]], [[0, 0], [1, 0]])]
    train_out = [a([[0, 2], [0, 0]]), a([[0, 2], [0, 2]])]
    test_in = [task([[1, 1], [0, 1]], [[0, 1], [1, 1]])]
    expr, _ = next(parts_rule_programs(train_in, train_out, test_in))
    assert parse(str(expr)) == expr
    assert evaluate(expr, test_in[0]).tolist() == [[2, 0], [2, 0]]


def test_rule_lists_generalise_to_unseen_combinations() -> None:
    from arclab.search._rules import rule_list_programs

    # rows holding a 1 turn 1, then columns holding a 2 turn 2: the test mixes them in a new way
    def g(ones: list[int], twos: list[int]) -> np.ndarray:
        out = np.zeros((5, 5), np.uint8)
        for r in ones:
            out[r, 0] = 1
        for c in twos:
            out[0, c] = 2
        return out

    def painted(ones: list[int], twos: list[int]) -> np.ndarray:
        out = np.zeros((5, 5), np.uint8)
        out[:, twos] = 2
        out[ones, :] = 1
        return out

    train = [([2], [3]), ([4], [1]), ([3], [2, 4])]
    train_in = [g(o, t) for o, t in train]
    train_out = [painted(o, t) for o, t in train]
    test_in = [g([1, 3], [2])]
    expr, _ = next(rule_list_programs(train_in, train_out, test_in))
    assert parse(str(expr)) == expr
    assert np.array_equal(evaluate(expr, test_in[0]), painted([1, 3], [2]))


def test_a_specialised_rule_list_leaves_colours_it_never_changed() -> None:
    from arclab.search._rules import rule_list_programs

    # the top row turns 3; every train cell there is 1, the test's top row also holds a 2 and a 0
    train_in = [np.array([[1, 1], [0, 1]], np.uint8), np.array([[1, 1, 1], [1, 0, 0]], np.uint8)]
    train_out = [np.array([[3, 3], [0, 1]], np.uint8), np.array([[3, 3, 3], [1, 0, 0]], np.uint8)]
    test_in = [np.array([[2, 1, 0], [1, 0, 1]], np.uint8)]
    plain = list(rule_list_programs(train_in, train_out, test_in))
    both = list(rule_list_programs(train_in, train_out, test_in, specialise=True))
    answers = [evaluate(e, test_in[0]).tolist() for e, _ in both]
    assert answers[0] == evaluate(plain[0][0], test_in[0]).tolist() != [[2, 3, 0], [1, 0, 1]]
    assert [[2, 3, 0], [1, 0, 1]] in answers[1:]
    assert all(parse(str(e)) == e for e, _ in both)
    assert both[0][1] < both[answers.index([[2, 3, 0], [1, 0, 1]])][1]


def test_rule_lists_test_number_features_at_least_a_value() -> None:
    from arclab.search._rules import rule_list_programs

    # every column but the middle one is cleared; the test is wider than any train grid
    def grid(w: int, seed: int) -> np.ndarray:
        return np.random.default_rng(seed).integers(1, 10, size=(3, w)).astype(np.uint8)

    def cleared(g: np.ndarray) -> np.ndarray:
        out = np.zeros_like(g)
        out[:, g.shape[1] // 2] = g[:, g.shape[1] // 2]
        return out

    train_in = [grid(3, 1), grid(5, 2), grid(5, 3)]
    test_in = [grid(7, 4)]
    found = [e for e, _ in rule_list_programs(train_in, [cleared(g) for g in train_in], test_in)]
    assert any(">=" in str(e) for e in found)
    assert np.array_equal(evaluate(found[0], test_in[0]), cleared(test_in[0]))
    assert parse(str(found[0])) == found[0]
    plain = [e for e, _ in rule_list_programs(train_in, [cleared(g) for g in train_in], test_in, at_least=False)]
    assert not any(np.array_equal(evaluate(e, test_in[0]), cleared(test_in[0])) for e in plain)


def _random_data(seed: int) -> CellData:
    """Cell data of a random same-shape task: a few pairs whose outputs recolour some cells."""
    rng = np.random.default_rng(seed)
    h, w = (int(x) for x in rng.integers(3, 9, size=2))
    train_in = [rng.choice(4, size=(h, w)).astype(np.uint8) for _ in range(int(rng.integers(2, 4)))]
    train_out = [np.where(g == 1, int(rng.integers(0, 4)), g).astype(np.uint8) for g in train_in]
    for out in train_out:
        out[rng.random(out.shape) < 0.05] = 5
    return CellData(train_in, train_out, [rng.choice(4, size=(h, w)).astype(np.uint8)])


@pytest.mark.skipif(not kernels_compiled(), reason="numba is not installed or ARCLAB_NUMBA=0")
@pytest.mark.parametrize("scratch", [_cells.SCRATCH, 1])
def test_the_compiled_scan_keeps_the_subsets_the_tables_keep(monkeypatch: pytest.MonkeyPatch, scratch: int) -> None:
    # scratch 1 sends every subset of more than one key down the compiled scan's sorting path
    monkeypatch.setattr(_cells, "SCRATCH", scratch)
    kept = 0
    for seed in range(12):
        data = _random_data(seed)
        for size in (1, 2, 3):
            tables = [s for s in itertools.combinations(range(len(data.names)), size) if data.table(s) is not None]
            assert list(data.consistent(size)) == tables, (seed, size)
            kept += len(tables)
    assert kept > 0  # some subsets are consistent, so both answers were exercised


def test_without_the_kernels_the_scan_is_the_tables_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_cells, "kernels_compiled", lambda: False)
    data = _random_data(0)
    assert list(data.consistent(2)) == [s for s in itertools.combinations(range(len(data.names)), 2)
                                        if data.table(s) is not None]
    assert list(data.consistent(2, deadline=0.0)) == []
