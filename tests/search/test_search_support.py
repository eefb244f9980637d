"""A learned table's entries that only one train pair backs make it dearer (memorised_cost)."""

import time

import numpy as np

from arclab.dsl import Call, Const, Var, evaluate
from arclab.search._solve import Solution, Synthesizer
from arclab.search._support import memorised
from arclab.task import Example, Grid, Task

# Pair 1 turns its 1s into 5s and its 3 into 7; pair 2 turns its 1s into 5s and its 2 into 8.
IN1 = np.array([[1, 0, 3], [0, 1, 0]], dtype=np.uint8)
OUT1 = np.array([[5, 0, 7], [0, 5, 0]], dtype=np.uint8)
IN2 = np.array([[0, 1, 2], [1, 0, 0]], dtype=np.uint8)
OUT2 = np.array([[0, 5, 8], [5, 0, 0]], dtype=np.uint8)
RULES = Call("cell_rules", (Var(), Const(((0, ("colour", 1, 5)), (1, ("colour", 3, 7)), (2, ("colour", 2, 8))))))
TABLE = Call("cell_rule", (Var(), Const("colour"), Const((((1,), 5), ((2,), 8), ((3,), 7)))))


def test_the_learned_programs_are_exact_on_both_pairs() -> None:
    for program in (RULES, TABLE):
        assert np.array_equal(evaluate(program, IN1), OUT1) and np.array_equal(evaluate(program, IN2), OUT2)


def test_entries_that_change_cells_in_one_pair_only_are_counted() -> None:
    assert memorised(RULES, [IN1, IN2], [OUT1, OUT2]) == 2  # "3 -> 7" and "2 -> 8"; "1 -> 5" both pairs show
    assert memorised(TABLE, [IN1, IN2], [OUT1, OUT2]) == 2
    shared = Call("cell_rules", (Var(), Const(((0, ("colour", 1, 5)),))))
    assert memorised(shared, [IN1 * (IN1 == 1), IN2 * (IN2 == 1)], [OUT1 * (IN1 == 1), OUT2 * (IN2 == 1)]) == 0


def test_one_pair_or_a_program_without_a_table_counts_nothing() -> None:
    assert memorised(RULES, [IN1], [OUT1]) == 0
    assert memorised(Call("rot90", (Var(),)), [IN1, IN2], [OUT1, OUT2]) == 0


def test_the_setting_makes_a_memorising_table_dearer() -> None:
    task = Task("t", (Example(Grid(IN1), Grid(OUT1)), Example(Grid(IN2), Grid(OUT2))), (Example(Grid(IN1)),))
    found = Solution(RULES, (OUT1,), 8.0, "rule_list", tentative=True)
    for cost, expected in ((1.0, 10.0), (0.5, 9.0)):
        assert Synthesizer(task, time.monotonic() + 1, memorised_cost=cost)._backed(found).cost == expected
