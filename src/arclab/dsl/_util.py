"""Small helpers shared by the primitive modules."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import numpy as np
from scipy import ndimage

from ._types import MAX_SIDE, frozen

T = TypeVar("T")

_max = np.maximum.reduce

MEMO_SIZE = 512
"""Entries a memo keeps before it starts afresh (a bound on memory, not on correctness)."""


def grid_key(grid: np.ndarray) -> Hashable:
    """A key equal exactly when two arrays have equal shape, dtype and cells (cheap for ARC sizes)."""
    return (grid.shape, grid.dtype.char, grid.tobytes())


class _Failure:
    """A memoised ValueError: its message (a fresh exception is raised at each hit)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def memo(function: Callable[..., T]) -> Callable[..., T]:
    """Cache a pure function of arrays and hashables by content (arrays by `grid_key`).

    Keys hold the cells themselves, never ids, so a cache hit is always the value the function
    would compute (or its ValueError again); the cached value is shared, so it must be immutable
    (read-only arrays, tuples of them).
    """
    cache: dict[Hashable, T | _Failure] = {}

    ndarray = np.ndarray

    def cached(*args: Any) -> T:
        key = tuple([(a.shape, a.dtype.char, a.tobytes()) if isinstance(a, ndarray) else a for a in args])
        found = cache.get(key)
        if found is None:
            found = _computed(function, args)
            if len(cache) >= MEMO_SIZE:
                cache.clear()
            cache[key] = found
        if isinstance(found, _Failure):
            raise ValueError(found.message)
        return found

    cached.__doc__ = function.__doc__
    cached.__name__ = function.__name__
    cached.__wrapped__ = function  # type: ignore[attr-defined]  # as functools.wraps sets it
    return cached


def _computed(function: Callable[..., T], args: tuple[Any, ...]) -> T | _Failure:
    try:
        return function(*args)
    except ValueError as error:
        return _Failure(str(error))


_BACKGROUNDS: dict[Hashable, int] = {}
"""Grid key -> its background: nearly every primitive asks for the background of the grid it is
given, and the search hands each grid to dozens of primitives."""


def background(grid: np.ndarray) -> int:
    """Black (0) wherever the grid holds it, else its most frequent colour (ties: the lowest).

    ARC's background is black in most tasks even where shapes cover most of the grid; a task whose
    background is another colour rarely holds black at all. (The colour view that renames colours
    by frequency makes the commonest colour 0, so a search there sees it as the background.)
    Remembered by content: the search hands each grid to dozens of primitives.
    """
    key = (grid.shape, grid.dtype.char, grid.tobytes())
    found = _BACKGROUNDS.get(key)
    if found is None:
        counts = np.bincount(grid.ravel(), minlength=10)
        found = 0 if counts[0] else int(counts.argmax())
        if len(_BACKGROUNDS) >= 8 * MEMO_SIZE:
            _BACKGROUNDS.clear()
        _BACKGROUNDS[key] = found
    return found


def fg_counts(grid: np.ndarray) -> np.ndarray:
    """Cells of each colour 0-9, the background's count set to 0."""
    counts = np.bincount(grid.ravel(), minlength=10)
    counts[background(grid)] = 0
    return counts


def checked(grid: np.ndarray) -> np.ndarray:
    """A valid result grid (1..30 per side, uint8, read-only) or ValueError."""
    shape = grid.shape
    if len(shape) != 2 or not (1 <= shape[0] <= MAX_SIDE and 1 <= shape[1] <= MAX_SIDE):
        raise ValueError("grid size out of range")
    if grid.dtype != np.uint8:
        if grid.min() < 0 or grid.max() > 9:
            raise ValueError("colour out of range")
        grid = grid.astype(np.uint8)
    elif _max(grid, None) > 9:  # grid.max() without its Python wrapper
        raise ValueError("colour out of range")
    elif grid.flags.writeable:
        grid = np.ascontiguousarray(grid)
    grid.setflags(write=False)  # frozen(grid), without the call: nearly every primitive ends here
    return grid


def rearranged(grid: np.ndarray) -> np.ndarray:
    """`checked` for a result whose cells all come from valid DSL grids (a rotation, a crop, a
    tiling): only the size can be wrong, so the colour scan is skipped."""
    shape = grid.shape
    if len(shape) != 2 or not (1 <= shape[0] <= MAX_SIDE and 1 <= shape[1] <= MAX_SIDE):
        raise ValueError("grid size out of range")
    if grid.dtype != np.uint8:
        return checked(grid)
    if grid.flags.writeable:
        grid = np.ascontiguousarray(grid)
    return frozen(grid)


def holes(mask: np.ndarray) -> int:
    """Cells outside the mask that no 4-connected path of such cells joins to the box's edge
    (what `scipy.ndimage.binary_fill_holes` would fill)."""
    if mask.shape[0] < 3 or mask.shape[1] < 3:  # every cell is on the box's edge: no holes
        return 0
    labels, n = ndimage.label(~mask)
    if n == 0:
        return 0
    sizes = np.bincount(labels.ravel(), minlength=n + 1)
    outside = np.zeros(n + 1, dtype=bool)
    outside[labels[[0, -1], :]] = True
    outside[labels[:, [0, -1]]] = True
    outside[0] = True
    return int(sizes[~outside].sum())


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
