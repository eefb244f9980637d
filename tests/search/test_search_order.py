"""Guided enumeration: within a family, grid arguments closest to the train outputs come first."""

import numpy as np

from arclab.search._enumerate import Enumerator


def _grids():
    return [np.array([[1, 2, 0], [0, 3, 0], [0, 0, 4]], dtype=np.uint8),
            np.array([[0, 5, 5], [6, 0, 0], [0, 7, 0]], dtype=np.uint8)]


def test_guided_arguments_put_the_grids_closest_to_the_outputs_first() -> None:
    inputs = _grids()
    targets = [np.rot90(g) for g in inputs[:1]]
    plain = Enumerator(inputs, [0, 1, 2], targets=())
    guided = Enumerator(inputs, [0, 1, 2], targets=targets)
    for enum in (plain, guided):
        list(enum.candidates(max_cost=2))
    assert plain.arguments("Grid", 2) == plain.pool("Grid", 2)
    ordered = guided.arguments("Grid", 2)
    assert sorted(map(id, ordered)) == sorted(map(id, guided.pool("Grid", 2)))
    assert str(ordered[0].expr) == "rot90(x)"
    distances = [guided._distance(c) for c in ordered]
    assert distances == sorted(distances)
