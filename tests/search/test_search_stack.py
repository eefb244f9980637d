"""Stacking: programs right on part of the output, painted over a base, make the whole output."""

import numpy as np

from arclab.dsl import Call, Var, evaluate
from arclab.search._enumerate import Candidate, Enumerator
from arclab.search._stack import Stacker


def _grid(rows):
    return np.array(rows, dtype=np.uint8)


def _cand(name, value, cost=2):
    return Candidate(Call(name, (Var(),)), "Grid", (value,), cost)


def test_a_base_repaired_by_two_pieces_becomes_one_stacked_program() -> None:
    out = _grid([[1, 0, 2], [0, 0, 0], [3, 0, 0]])
    stacker = Stacker([out], max_pieces=2)
    stacker.add(_cand("base", _grid([[1, 0, 0], [0, 0, 0], [0, 0, 0]]), 1), [_grid([[1, 0, 0], [0, 0, 0], [0, 0, 0]])])
    for name, value in [("twos", [[0, 0, 2], [0, 0, 0], [0, 0, 0]]), ("threes", [[0, 0, 0], [0, 0, 0], [3, 0, 0]]),
                        ("wrong", [[0, 0, 0], [0, 4, 0], [3, 0, 0]])]:
        stacker.add(_cand(name, _grid(value)), [_grid(value)])
    programs = list(stacker.programs())
    assert [str(expr) for expr, _ in programs] == ["overlay(overlay(base(x), twos(x)), threes(x))"]
    assert programs[0][1] == 1 + 2 + 1 + 2 + 1


def test_no_stack_when_the_pieces_cannot_repair_the_base() -> None:
    out = _grid([[1, 2], [0, 0]])
    stacker = Stacker([out], max_pieces=3)
    stacker.add(_cand("base", _grid([[1, 0], [0, 0]])), [_grid([[1, 0], [0, 0]])])
    stacker.add(_cand("other", _grid([[0, 0], [0, 5]])), [_grid([[0, 0], [0, 5]])])
    assert list(stacker.programs()) == []


def test_stacks_of_enumerated_programs_rerun_from_their_text() -> None:
    rng = np.random.default_rng(3)
    inputs = []
    for _ in range(3):
        g = np.zeros((5, 5), dtype=np.uint8)
        g[rng.integers(0, 5, 5), rng.integers(0, 5, 5)] = rng.integers(1, 4, 5)
        inputs.append(g)
    outputs = [np.where(np.fliplr(g) != 0, np.fliplr(g), np.flipud(g)).astype(np.uint8) for g in inputs]
    stacker = Stacker(outputs, max_pieces=2)
    enum = Enumerator(inputs, [0, 1, 2, 3])
    for cand in enum.candidates(max_cost=3):
        if cand is not None and all(v.shape == o.shape for v, o in zip(cand.values, outputs)):
            stacker.add(cand, cand.values)
    programs = [expr for expr, _ in stacker.programs()]
    assert programs
    for expr in programs:
        for g, out in zip(inputs, outputs):
            assert np.array_equal(evaluate(expr, g), out), str(expr)
