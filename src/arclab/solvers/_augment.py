"""Test-time augmentation votes: answers given on views of a task, mapped back and counted.

A model asked the same question on a rotated, mirrored or recoloured copy of a task gives answers
in that copy's frame; `View.restore` maps each back to the task's own frame, where answers from
different views can agree. The grid most views agree on is the best guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..task import ColourOrder, Grid, Task, View, colour_renaming


@dataclass(frozen=True, slots=True)
class LabelledView:
    """A view of a task with a short, unique label for the run's record."""

    view: View
    """The symmetry and colour renaming."""
    label: str
    """E.g. 'identity', 'rot90' or 'flip_h+frequency' (the symmetry, then the colour order)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One distinct answer grid (in the task's own frame) and the views that proposed it."""

    grid: Grid
    """The answer, restored to the task's orientation and colours."""
    views: tuple[str, ...]
    """Labels of the views whose replies gave this grid, one per vote, in the order asked."""

    @property
    def votes(self) -> int:
        """How many replies gave this grid."""
        return len(self.views)


def labelled_views(task: Task, symmetries: Sequence[str], colour_orders: Sequence[ColourOrder],
                   limit: int) -> tuple[LabelledView, ...]:
    """At most `limit` distinct views: for each colour order, each symmetry; identity first.

    A colour order that renames nothing on this task repeats an earlier view and is skipped.
    """
    views: dict[View, str] = {}
    for order in colour_orders:
        colours = colour_renaming(task, order)
        for symmetry in symmetries:
            label = symmetry if order == "none" else f"{symmetry}+{order}"
            views.setdefault(View(symmetry, colours), label)
    ordered = sorted(views.items(), key=lambda item: not item[0].is_identity)
    return tuple(LabelledView(view, label) for view, label in ordered[:limit])


def vote(answers: Iterable[tuple[LabelledView, Grid]]) -> tuple[Candidate, ...]:
    """Restore each (view, answer in the view's frame) and rank the distinct grids by votes.

    Ties keep the order in which the grids were first proposed (so the identity view, asked
    first, breaks them).
    """
    proposers: dict[Grid, list[str]] = {}
    for labelled, answer in answers:
        proposers.setdefault(labelled.view.restore(answer), []).append(labelled.label)
    ranked = sorted(proposers.items(), key=lambda item: -len(item[1]))  # stable: first proposed wins ties
    return tuple(Candidate(grid, tuple(views)) for grid, views in ranked)
