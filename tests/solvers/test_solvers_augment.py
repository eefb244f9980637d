"""Views of a task for test-time augmentation, and votes over answers mapped back from them."""

from __future__ import annotations

from arclab.solvers._augment import LabelledView, labelled_views, vote
from arclab.task import SYMMETRIES, Example, Grid, Task, View

G = Grid([[1, 2], [3, 4]])
SWAP_1_2 = (0, 2, 1, 3, 4, 5, 6, 7, 8, 9)


def test_answers_agree_once_restored() -> None:
    identity = LabelledView(View(), "identity")
    rot90 = LabelledView(View("rot90"), "rot90")
    recoloured = LabelledView(View("flip_h", SWAP_1_2), "flip_h+swap")
    transpose = LabelledView(View("transpose"), "transpose")
    answers = [
        (transpose, Grid([[9]])),            # an outlier
        (identity, G),
        (rot90, Grid([[2, 4], [1, 3]])),     # G turned a quarter anticlockwise
        (recoloured, Grid([[1, 2], [4, 3]])),  # G mirrored, then 1 and 2 swapped
        (transpose, Grid([[1, 3], [2, 4]])),  # G transposed
    ]
    first, second = vote(answers)
    assert first.grid == G and first.votes == 4
    assert first.views == ("identity", "rot90", "flip_h+swap", "transpose")
    assert second.grid == Grid([[9]]) and second.views == ("transpose",)


def test_ties_go_to_the_first_proposed() -> None:
    identity, flip = LabelledView(View(), "identity"), LabelledView(View("flip_v"), "flip_v")
    ranked = vote([(identity, Grid([[1]])), (flip, Grid([[2]])), (flip, Grid([[2]])), (identity, Grid([[1]]))])
    assert [c.grid for c in ranked] == [Grid([[1]]), Grid([[2]])]
    assert vote([]) == ()


def test_labelled_views_identity_first_distinct_and_capped() -> None:
    task = Task("t", (Example(Grid([[3, 3], [3, 5]]), Grid([[5]])),), (Example(Grid([[3]])),))
    views = labelled_views(task, SYMMETRIES, ("none", "frequency", "first"), limit=100)
    assert views[0].label == "identity" and views[0].view.is_identity
    # 'first' renames exactly as 'frequency' does here (3 then 5), so its views are not repeated
    assert len(views) == len({v.view for v in views}) == 16
    assert [v.label for v in views[8:10]] == ["identity+frequency", "rot90+frequency"]
    assert [v.label for v in labelled_views(task, ("rot90", "identity"), ("none",), limit=1)] == ["identity"]
