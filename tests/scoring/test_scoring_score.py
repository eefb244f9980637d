"""Official scoring: two attempts, exact match with shape, always against the task set."""

from __future__ import annotations

from pathlib import Path

import pytest

from arclab.datasets import NAMED_DATASETS, TaskSet, load_tasks
from arclab.scoring import MAX_ATTEMPTS, read_submission, score, score_task, write_submission
from arclab.task import Example, Grid, Task

A, B, C = Grid([[1, 2]]), Grid([[3]]), Grid([[4, 4], [4, 4]])


def task(task_id: str, *outputs: Grid) -> Task:
    return Task(task_id, (Example(Grid([[0]]), Grid([[1]])),), tuple(Example(Grid([[0]]), o) for o in outputs))


TASKS = TaskSet("toy", (task("one", A), task("two", A, B, C)))


def test_two_attempts_per_test_output() -> None:
    assert MAX_ATTEMPTS == 2
    assert score_task(task("t", A), [[B, A]]).solved == (True,)
    assert score_task(task("t", A), [[None, A]]).solved == (True,)
    assert score_task(task("t", A), [[B, C, A]]).solved == (False,)  # a third attempt never counts


def test_exact_match_includes_shape() -> None:
    assert score_task(task("t", Grid([[1], [2]])), [[A]]).solved == (False,)
    assert score_task(task("t", Grid([[1, 2, 0]])), [[A]]).solved == (False,)


def test_several_test_inputs_score_separately() -> None:
    result = score_task(task("t", A, B, C), [[A], [C, None], [B, C]])
    assert result.solved == (True, False, True)
    assert result.fraction == pytest.approx(2 / 3) and not result.fully_solved
    assert score_task(task("t", A, B), [[A]]).solved == (True, False)  # fewer entries than test inputs


def test_task_set_figures_missing_and_extra() -> None:
    result = score(TASKS, {"two": [[A], [B], [C]], "ghost": [[A]], "other": []})
    assert (result.outputs_solved, result.num_outputs, result.per_output) == (3, 4, 0.75)
    assert result.per_task == pytest.approx(0.5)  # one: 0 (missing), two: 1
    assert (result.tasks_solved, result.num_tasks) == (1, 2)
    assert result.missing == ("one",) and result.extra == ("ghost", "other")
    assert "fully solved 1/2" in result.summary()


def test_empty_predictions_score_zero() -> None:
    result = score(TASKS, {})
    assert (result.per_output, result.per_task, result.tasks_solved) == (0.0, 0.0, 0)
    assert result.missing == ("one", "two")


def test_unknown_test_output_cannot_be_scored() -> None:
    hidden = Task("h", (Example(A, A),), (Example(A),))
    with pytest.raises(ValueError, match="no known output"):
        score_task(hidden, [[A]])


@pytest.mark.parametrize("name", sorted(NAMED_DATASETS))
def test_perfect_first_attempts_score_one(name: str, tmp_path: Path) -> None:
    tasks = load_tasks(name)
    write_submission({t.id: [(output,) for output in t.test_outputs] for t in tasks}, tmp_path / "s.json")
    perfect, problems = read_submission(tmp_path / "s.json")
    assert not problems and all(entry[1] == Grid([[0]]) for t in perfect.values() for entry in t)
    result = score(tasks, perfect)
    assert (result.per_output, result.per_task, result.tasks_solved) == (1.0, 1.0, len(tasks))
    assert not result.missing and not result.extra
