"""How a predicted grid differs from the expected one: shape, and which cells."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..task import Grid


@dataclass(frozen=True, slots=True)
class GridDiff:
    """A prediction compared with the expected output; `wrong` lists differing (row, col) cells."""

    expected_shape: tuple[int, int]
    actual_shape: tuple[int, int]
    wrong: tuple[tuple[int, int], ...]
    """Cells that differ, row-major; empty when the shapes differ (no cell-wise comparison)."""

    @property
    def same_shape(self) -> bool:
        """Whether the prediction has the expected height and width."""
        return self.expected_shape == self.actual_shape

    @property
    def correct(self) -> bool:
        """Exactly right: same shape and every cell equal."""
        return self.same_shape and not self.wrong

    @property
    def summary(self) -> str:
        """One short line: 'correct', 'N wrong cells' or the shape mismatch."""
        if not self.same_shape:
            (eh, ew), (ah, aw) = self.expected_shape, self.actual_shape
            return f"shape {ah}x{aw}, expected {eh}x{ew}"
        if not self.wrong:
            return "correct"
        n = len(self.wrong)
        return f"{n} wrong cell{'s' if n != 1 else ''}"


def diff_grids(expected: Grid, actual: Grid) -> GridDiff:
    """Compare `actual` with `expected` cell by cell (when their shapes agree)."""
    wrong: tuple[tuple[int, int], ...] = ()
    if expected.shape == actual.shape:
        cells = np.argwhere(expected.array != actual.array)
        wrong = tuple((int(r), int(c)) for r, c in cells)
    return GridDiff(expected.shape, actual.shape, wrong)
