"""Views of a task: the same task seen rotated, mirrored or with its colours renamed.

A solver that answers a view maps each answer back with `View.restore`. Views are invertible by
construction: a symmetry of the square has an inverse, and a colour renaming is a permutation.
Used by test-time augmentation (language models) and by the search's votes across views.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from ._grid import NUM_COLOURS, Grid
from ._task import Example, Task

SYMMETRIES: tuple[str, ...] = (
    "identity", "rot90", "rot180", "rot270", "flip_h", "flip_v", "transpose", "antitranspose",
)
"""The eight symmetries of the square, by name (flip_h mirrors left-right, flip_v top-bottom)."""

_FORWARD: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "identity": lambda a: a,
    "rot90": lambda a: np.rot90(a, 1),
    "rot180": lambda a: np.rot90(a, 2),
    "rot270": lambda a: np.rot90(a, 3),
    "flip_h": lambda a: a[:, ::-1],
    "flip_v": lambda a: a[::-1, :],
    "transpose": lambda a: a.T,
    "antitranspose": lambda a: np.rot90(a, 2).T,
}
_INVERSE = {"rot90": "rot270", "rot270": "rot90"}

ColourOrder = Literal["none", "frequency", "first"]
"""How a view renames colours: not at all, by how often each appears, or by first appearance."""

_IDENTITY_COLOURS = tuple(range(NUM_COLOURS))


@dataclass(frozen=True, slots=True)
class View:
    """A symmetry of the square followed by a colour renaming (`colours[c]` is c's new name)."""

    symmetry: str = "identity"
    colours: tuple[int, ...] = _IDENTITY_COLOURS

    def __post_init__(self) -> None:
        if self.symmetry not in _FORWARD:
            raise ValueError(f"unknown symmetry {self.symmetry!r}; known: {', '.join(SYMMETRIES)}")
        if sorted(self.colours) != list(_IDENTITY_COLOURS):
            raise ValueError(f"colours must be a permutation of 0-9, got {self.colours}")

    @property
    def is_identity(self) -> bool:
        """True when the view changes nothing."""
        return self.symmetry == "identity" and self.colours == _IDENTITY_COLOURS

    def describe(self) -> str:
        """A short label, e.g. 'rot90', or 'flip_h+colours:1023456789' (each colour's new name)."""
        if self.colours == _IDENTITY_COLOURS:
            return self.symmetry
        return f"{self.symmetry}+colours:{''.join(map(str, self.colours))}"

    def apply(self, grid: Grid) -> Grid:
        """The grid as this view sees it."""
        array = _FORWARD[self.symmetry](grid.array)
        return Grid._trusted(np.ascontiguousarray(np.asarray(self.colours, np.uint8)[array]))

    def restore(self, grid: Grid) -> Grid:
        """Map a grid seen in this view back to the task's own orientation and colours."""
        inverse_colours = np.argsort(np.asarray(self.colours)).astype(np.uint8)
        array = inverse_colours[grid.array]
        undo = _FORWARD[_INVERSE.get(self.symmetry, self.symmetry)]
        return Grid._trusted(np.ascontiguousarray(undo(array)))

    def apply_task(self, task: Task) -> Task:
        """The whole task as this view sees it (withheld outputs stay withheld)."""
        def pair(example: Example) -> Example:
            output = None if example.output is None else self.apply(example.output)
            return Example(self.apply(example.input), output)
        return replace(task, train=tuple(map(pair, task.train)), test=tuple(map(pair, task.test)))


def colour_renaming(task: Task, order: ColourOrder) -> tuple[int, ...]:
    """A permutation of 0-9 naming the task's colours by `order` (0 for the commonest/first).

    Counts come from the train pairs and test inputs only (never a test output). Colours the task
    doesn't use keep their relative order after the used ones.
    """
    if order == "none":
        return _IDENTITY_COLOURS
    grids = [g for ex in task.train for g in (ex.input, ex.output) if g is not None]
    grids += [ex.input for ex in task.test]
    ranked = _ranked_colours(grids, order)
    ranked += [c for c in _IDENTITY_COLOURS if c not in ranked]
    colours = [0] * NUM_COLOURS
    for new, old in enumerate(ranked):
        colours[old] = new
    return tuple(colours)


def _ranked_colours(grids: Sequence[Grid], order: ColourOrder) -> list[int]:
    if order == "frequency":
        counts: Counter[int] = Counter()
        for grid in grids:
            values, numbers = np.unique(grid.array, return_counts=True)
            counts.update(dict(zip(values.tolist(), numbers.tolist())))
        return [c for c, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    seen: dict[int, None] = {}
    for grid in grids:
        for value in grid.array.ravel().tolist():
            seen.setdefault(value, None)
    return list(seen)


def task_views(task: Task, symmetries: Iterable[str] = SYMMETRIES,
               colour_orders: Iterable[ColourOrder] = ("none",)) -> tuple[View, ...]:
    """Every (symmetry, colour order) view of `task`, identity first, without repeats; each
    symmetry in every colour order before the next symmetry."""
    renamings = [colour_renaming(task, order) for order in colour_orders]
    views: dict[View, None] = {}
    for symmetry in symmetries:
        for colours in renamings:
            views.setdefault(View(symmetry, colours), None)
    return tuple(sorted(views, key=lambda v: not v.is_identity))
