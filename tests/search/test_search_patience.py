"""A patient search: tentative programs (learned cell tables) neither stop it nor outrank the rest;
full enumeration levels still finish their small families."""

import itertools
import time

import numpy as np
import pytest

from arclab.dsl import Call, Var
from arclab.search import STRATEGIES
from arclab.search import _enumerate
from arclab.search._enumerate import Enumerator
from arclab.search._solve import Solution, Synthesizer
from arclab.search._views import VotedAnswer, _settled
from arclab.task import Example, Grid, Task


def _task(pairs, test_in):
    train = tuple(Example(Grid(i), Grid(o)) for i, o in pairs)
    return Task("t", train, (Example(Grid(test_in)),))


def test_the_cell_table_learners_are_tentative_and_the_others_are_not() -> None:
    tentative = {name for name, found in STRATEGIES.items() if found.tentative}
    assert tentative == {"cell_rule", "rule_list", "local_rule"}


def test_a_patient_search_ranks_a_trusted_program_above_a_cheaper_tentative_one() -> None:
    grid = np.zeros((1, 1), dtype=np.uint8)
    cheap = Solution(Var(), (grid,), 2.0, "cell_rule", tentative=True)
    dear = Solution(Call("rot90", (Var(),)), (grid,), 5.0, "enumerate")
    assert sorted([cheap, dear], key=lambda s: s.rank_key(True))[0] is dear
    assert sorted([cheap, dear], key=lambda s: s.rank_key(False))[0] is cheap


def test_voted_answers_backed_by_a_trusted_program_come_first() -> None:
    grid = np.zeros((1, 1), dtype=np.uint8)
    tentative = VotedAnswer(grid, {"identity"}, [(1.0, Var(), "cell_rule", "identity")], trusted=False)
    trusted = VotedAnswer(grid, {"identity"}, [(9.0, Var(), "enumerate", "identity")], trusted=True)
    assert sorted([tentative, trusted], key=VotedAnswer.rank_key)[0] is trusted


def test_other_views_still_run_while_every_answer_is_tentative() -> None:
    grid = np.zeros((1, 1), dtype=np.uint8)
    two = {b"a": VotedAnswer(grid, trusted=False), b"b": VotedAnswer(grid, trusted=False)}
    assert not _settled([two], patient=True)
    assert _settled([two], patient=False)
    two[b"b"].trusted = True
    assert _settled([two], patient=True)


def test_a_tentative_solution_does_not_stop_the_enumeration() -> None:
    # Every output is the input turned a quarter; a learned table found first must not end the
    # search before the enumeration reaches rot90 and ranks it first.
    pairs = [([[1, 2, 0], [0, 3, 0], [4, 0, 5]], None), ([[0, 6, 6], [7, 0, 0], [0, 0, 8]], None),
             ([[2, 0, 0], [0, 0, 9], [1, 1, 0]], None)]
    pairs = [(i, np.rot90(np.array(i, dtype=np.uint8)).tolist()) for i, _ in pairs]
    synth = Synthesizer(_task(pairs, [[5, 0, 1], [0, 2, 0], [3, 0, 0]]), time.monotonic() + 20,
                        extra_cost=0)
    synth.solutions.append(Solution(Var(), (np.zeros((3, 3), dtype=np.uint8),), 1.0, "cell_rule",
                                    tentative=True))
    synth.strategies = []
    solutions = synth.run()
    assert str(solutions[0].program) == "rot90(x)"
    assert any(s.strategy == "cell_rule" for s in solutions)


@pytest.mark.parametrize("complete, found", [(0, False), (10_000, True)])
def test_a_full_level_still_finishes_its_small_families(monkeypatch, complete, found) -> None:
    monkeypatch.setattr(_enumerate, "MAX_POOL", 3)
    grids = [np.array([[1, 2], [3, 0]], dtype=np.uint8), np.array([[0, 5], [5, 6]], dtype=np.uint8)]
    enum = Enumerator(grids, [0, 1, 2, 3, 5, 6], complete=complete)
    texts = [str(c.expr) for c in enum.candidates(max_cost=3)]
    assert ("concat_right(x, x)" in texts) is found
    assert all(len(enum.pool("Grid", cost)) <= 4 for cost in (2, 3))  # checked, not kept


def test_the_enumeration_pauses_at_its_deadline_and_goes_on_where_it_stopped() -> None:
    grids = [np.array([[1, 2], [3, 0]], dtype=np.uint8), np.array([[0, 5], [5, 6]], dtype=np.uint8)]
    whole = [str(c.expr) for c in Enumerator(grids, [0, 1, 2]).candidates(max_cost=3) if c is not None]
    enum = Enumerator(grids, [0, 1, 2], deadline=time.monotonic() - 1)
    stream = enum.candidates(max_cost=3)
    first = [str(c.expr) for c in itertools.takewhile(lambda c: c is not None, stream)]
    enum.deadline = None
    rest = [str(c.expr) for c in stream if c is not None]
    assert first == ["x"] and first + rest == whole


def test_the_timed_learners_run_apart_from_the_other_strategies(monkeypatch) -> None:
    calls = []
    real = Synthesizer.run_strategies

    def spy(self, timed=None):
        calls.append(timed)
        return real(self, timed)

    monkeypatch.setattr(Synthesizer, "run_strategies", spy)
    task = _task([([[1, 2], [3, 4]], [[2, 4], [1, 3]])], [[7, 8], [9, 1]])
    solutions = Synthesizer(task, time.monotonic() + 1, enumerate_first=0.5).run()
    assert calls == [False, True]
    assert str(solutions[0].program) == "rot90(x)"


@pytest.mark.parametrize("cap, taken", [(0, [True] * 4), (2, [True, True, False, True])])
def test_cell_rule_bases_are_limited_per_primitive(cap, taken) -> None:
    grid = [[1, 0], [0, 2]]
    synth = Synthesizer(_task([(grid, grid)], grid), time.monotonic() + 5, bases_per_op=cap)
    bases = [Call("rot90", (Var(),)), Call("flip_h", (Call("rot90", (Var(),)),)),
             Call("rot90", (Call("flip_v", (Var(),)),)), Call("flip_v", (Var(),))]
    assert [synth._fresh_base(b) for b in bases] == taken
