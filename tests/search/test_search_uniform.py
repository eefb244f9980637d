"""One-colour outputs: filled(h, w, colour) built from the cheapest parts right on every pair."""

import numpy as np

from arclab.dsl import COLOUR, Const, parse
from arclab.search._enumerate import Candidate
from arclab.search._uniform import ALTERNATIVES, Uniform


def _colour(text: str, cost: int, values: tuple[int, ...]) -> Candidate:
    return Candidate(parse(text), COLOUR, values, cost)


def test_a_cheaper_part_met_later_takes_the_place_of_a_dearer_one() -> None:
    outputs = [np.full((1, 1), 3, dtype=np.uint8), np.full((1, 1), 5, dtype=np.uint8)]
    uniform = Uniform.of(outputs, num_tests=1)
    assert uniform is not None
    dear = [_colour("least_common(x)", 7, (3, 5, 4)), _colour("most_common(x)", 8, (3, 5, 6))]
    for cand in dear:
        assert uniform.add(cand, cand.values[:2], cand.values[2:])
    assert not uniform.add(_colour("most_common_fg(x)", 9, (3, 5, 8)), (3, 5), (8,)), "dearer than both"
    cheap = _colour("most_common_fg(x)", 3, (3, 5, 8))
    [(expr, cost, answers)] = uniform.add(cheap, (3, 5), (8,))
    assert str(expr) == "filled(1, 1, most_common_fg(x))" and cost == 5 and answers[0].tolist() == [[8]]
    kept = uniform.parts["colour"]
    assert len(kept) == ALTERNATIVES and [p[1] for p in kept] == [7.0, 3.0]
    assert uniform.add(_colour("least_common(flip_h(x))", 2, (3, 5, 4)), (3, 5), (4,)), "cheaper for the same answer"
    assert sorted(p[1] for p in uniform.parts["colour"]) == [2.0, 3.0]
    assert not uniform.add(_colour("most_common(x)", 1, (3, 4, 4)), (3, 4), (4,)), "wrong on a pair"
    assert isinstance(uniform.parts["height"][0][0], Const)
