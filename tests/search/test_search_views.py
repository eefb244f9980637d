"""Search under views: answers mapped back, programs that run on the task's own input, votes."""

import time

import numpy as np
import pytest

from arclab.dsl import Call, Var, evaluate, parse
from arclab.search import ViewSettings, in_view, search_views
from arclab.solvers import SolveContext, make_solver
from arclab.task import SYMMETRIES, Example, Grid, Task, View


def _task(pairs, test_in) -> Task:
    train = tuple(Example(Grid(i), Grid(o)) for i, o in pairs)
    return Task("t", train, (Example(Grid(test_in)),))


GRAVITY = _task([([[1, 0], [0, 0]], [[0, 0], [1, 0]]), ([[0, 2, 0], [0, 0, 3], [0, 0, 0]],
                                                        [[0, 0, 0], [0, 0, 0], [0, 2, 3]])],
                [[4, 0], [0, 0], [0, 5]])


@pytest.mark.parametrize("symmetry", SYMMETRIES)
def test_a_program_found_in_a_view_runs_on_the_task_itself(symmetry: str) -> None:
    view = View(symmetry, (0, 2, 1, 3, 4, 5, 6, 7, 8, 9))
    program = Call("gravity_down", (Var(),))
    grid = np.array([[1, 0, 0], [0, 2, 0]], dtype=np.uint8)
    seen = view.apply(Grid(grid))
    expected = view.restore(Grid(evaluate(program, seen.array))).array
    wrapped = in_view(program, view)
    assert np.array_equal(evaluate(parse(str(wrapped)), grid), expected)


def test_views_find_the_rule_and_vote_for_it() -> None:
    views = (View(), View("transpose"), View("rot90"))
    found = search_views(GRAVITY, time.monotonic() + 20, ViewSettings(views, first_seconds=0.0))
    best = found.answers[0][0]
    assert best.grid.tolist() == [[0, 0], [0, 0], [4, 5]]
    assert best.views >= {"identity"}
    for cost, program, strategy, view in best.programs:
        assert np.array_equal(evaluate(program, GRAVITY.test[0].input.array), best.grid), (program, view)


def test_other_views_run_only_while_answers_are_missing() -> None:
    views = (View(), View("transpose"), View("flip_h"))
    found = search_views(GRAVITY, time.monotonic() + 20, ViewSettings(views, first_seconds=0.0))
    if len(found.answers[0]) >= 2 and found.views_run == ["identity"]:
        return  # two answers from the task's own view: nothing left to look for
    assert len(found.views_run) == 3


def test_synth_records_views_and_votes_in_attempts() -> None:
    solver = make_solver("synth", budget=8.0, symmetries="transpose", colour_orders="none,frequency")
    attempts = solver.solve(GRAVITY.without_test_outputs(), SolveContext(seed=0, deadline=None, time_limit=None))
    first = attempts[0][0]
    assert first.grid == Grid([[0, 0], [0, 0], [4, 5]])
    assert first.metadata["votes"] >= 1 and first.metadata["view"]
    assert np.array_equal(evaluate(parse(first.metadata["program"]), GRAVITY.test[0].input.array),
                          first.grid.array)


def test_synth_refuses_unknown_view_names() -> None:
    with pytest.raises(Exception, match="unknown symmetry spin"):
        make_solver("synth", symmetries="spin")
    with pytest.raises(Exception, match="unknown colour order"):
        make_solver("synth", colour_orders="rainbow")
