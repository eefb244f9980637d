"""Views of a task: symmetries and colour renamings, and their inverses."""

import numpy as np
import pytest

from arclab.task import SYMMETRIES, Example, Grid, Task, View, colour_renaming, task_views

GRID = Grid([[1, 2, 3], [4, 5, 6]])


def _task() -> Task:
    train = (Example(Grid([[0, 0, 3], [3, 3, 3]]), Grid([[3]])),)
    return Task("t", train, (Example(Grid([[7, 0], [0, 0]])),))


@pytest.mark.parametrize("symmetry", SYMMETRIES)
def test_restore_undoes_apply(symmetry: str) -> None:
    view = View(symmetry, (3, 1, 4, 0, 5, 9, 2, 6, 8, 7))
    assert view.restore(view.apply(GRID)) == GRID


def test_hand_worked_symmetries() -> None:
    assert View("rot90").apply(GRID) == Grid([[3, 6], [2, 5], [1, 4]])
    assert View("flip_h").apply(GRID) == Grid([[3, 2, 1], [6, 5, 4]])
    assert View("flip_v").apply(GRID) == Grid([[4, 5, 6], [1, 2, 3]])
    assert View("transpose").apply(GRID) == Grid([[1, 4], [2, 5], [3, 6]])
    assert View("antitranspose").apply(GRID) == Grid([[6, 3], [5, 2], [4, 1]])


def test_colour_renaming_by_frequency_and_first() -> None:
    task = _task()
    by_frequency = colour_renaming(task, "frequency")
    assert by_frequency[0] == 0 and by_frequency[3] == 1 and by_frequency[7] == 2
    by_first = colour_renaming(task, "first")
    assert by_first[0] == 0 and by_first[3] == 1 and by_first[7] == 2
    assert sorted(by_first) == list(range(10))
    assert colour_renaming(task, "none") == tuple(range(10))


def test_task_views_identity_first_and_distinct() -> None:
    views = task_views(_task(), colour_orders=("none", "frequency"))
    assert views[0].is_identity
    assert len(views) == len(set(views)) == 16


def test_apply_task_keeps_withheld_outputs() -> None:
    seen = View("rot90").apply_task(_task())
    assert seen.test[0].output is None
    assert seen.train[0].input.shape == (3, 2)
    assert np.array_equal(seen.test[0].input.array, np.rot90(_task().test[0].input.array))


def test_bad_views_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown symmetry"):
        View("spin")
    with pytest.raises(ValueError, match="permutation"):
        View("identity", (0,) * 10)
