"""Small helpers shared by the primitive modules."""

from __future__ import annotations

import numpy as np

from ._types import MAX_SIDE, frozen


def background(grid: np.ndarray) -> int:
    """The most frequent colour (ties: the lowest); ARC's background in almost every task."""
    counts = np.bincount(grid.ravel(), minlength=10)
    return int(counts.argmax())


def checked(grid: np.ndarray) -> np.ndarray:
    """A valid result grid (1..30 per side, uint8, read-only) or ValueError."""
    if grid.ndim != 2 or not (1 <= grid.shape[0] <= MAX_SIDE and 1 <= grid.shape[1] <= MAX_SIDE):
        raise ValueError("grid size out of range")
    if grid.dtype != np.uint8:
        if grid.size and (grid.min() < 0 or grid.max() > 9):
            raise ValueError("colour out of range")
        grid = grid.astype(np.uint8)
    elif grid.size and grid.max() > 9:
        raise ValueError("colour out of range")
    elif grid.flags.writeable:
        grid = np.ascontiguousarray(grid)
    return frozen(grid)


def bbox(mask: np.ndarray) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) of the True cells, bottom/right exclusive; ValueError if none."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        raise ValueError("empty mask")
    cols = np.flatnonzero(mask.any(axis=0))
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def symmetries(a: np.ndarray) -> int:
    """Bit 0: the picture is left-right mirror symmetric; bit 1: up-down; bit 2: about the diagonal."""
    square = a.shape[0] == a.shape[1]
    return (int(np.array_equal(a, a[:, ::-1])) | int(np.array_equal(a, a[::-1])) << 1
            | int(square and np.array_equal(a, a.T)) << 2)
