"""The ARC grid: an immutable 2-D array of colours 0-9, 1x1 to 30x30."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from ._errors import GridError

MIN_SIZE = 1
MAX_SIZE = 30
NUM_COLOURS = 10
_INT_ONLY = {int}


def _brief(value: Any, limit: int = 40) -> str:
    """A value's repr for an error message, cut to `limit` characters."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):
        text = f"a {type(value).__name__}"
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _check_nested(rows: Any) -> tuple[int, int]:
    """Validate a nested list of rows without numpy, so errors can name the exact cell."""
    if not isinstance(rows, (list, tuple)):
        raise GridError(f"expected a list of rows, got {type(rows).__name__}")
    height = len(rows)
    if not MIN_SIZE <= height <= MAX_SIZE:
        raise GridError(f"height {height} outside {MIN_SIZE}-{MAX_SIZE}")
    width = -1
    for r, row in enumerate(rows):
        if not isinstance(row, (list, tuple)):
            raise GridError(f"expected a list of cells, got {type(row).__name__}", f"[{r}]")
        if width < 0:
            width = len(row)
            if not MIN_SIZE <= width <= MAX_SIZE:
                raise GridError(f"width {width} outside {MIN_SIZE}-{MAX_SIZE}", f"[{r}]")
        elif len(row) != width:
            raise GridError(f"ragged rows: row {r} has {len(row)} cells, row 0 has {width}", f"[{r}]")
        # Fast path in C builtins (JSON rows are plain ints); the loop below names the bad cell.
        if set(map(type, row)) == _INT_ONLY and min(row) >= 0 and max(row) < NUM_COLOURS:
            continue
        for c, cell in enumerate(row):
            if type(cell) is not int:  # bool and float are not colours
                if isinstance(cell, (int, np.integer)) and not isinstance(cell, bool):
                    cell = int(cell)
                else:
                    raise GridError(f"colour must be an integer, got {_brief(cell)}", f"[{r}][{c}]")
            if not 0 <= cell < NUM_COLOURS:
                raise GridError(f"colour {_brief(cell)} outside 0-9", f"[{r}][{c}]")
    return height, width


class Grid:
    """An immutable grid of colours; hashable, equal by value (shape included).

    Holds a read-only uint8 numpy array, so conversion to numpy is free and values can be
    hashed by their bytes (used everywhere for deduplication).
    """

    __slots__ = ("_array", "_hash")

    _array: np.ndarray
    _hash: int | None

    def __init__(self, rows: Sequence[Sequence[int]] | np.ndarray) -> None:
        if isinstance(rows, np.ndarray):
            array = _checked_array(rows)
        else:
            _check_nested(rows)
            array = np.array(rows, dtype=np.uint8)
        array.setflags(write=False)
        object.__setattr__(self, "_array", array)
        object.__setattr__(self, "_hash", None)

    @classmethod
    def from_numpy(cls, array: np.ndarray) -> Grid:
        """A grid holding a copy of `array` (validated)."""
        return cls(np.asarray(array))

    @classmethod
    def _trusted(cls, array: np.ndarray) -> Grid:
        """Wrap a uint8 array already known to be valid; no copy, no checks (hot paths)."""
        grid = cls.__new__(cls)
        if array.flags.writeable:
            array = array.copy()
            array.setflags(write=False)
        object.__setattr__(grid, "_array", array)
        object.__setattr__(grid, "_hash", None)
        return grid

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Grid is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Grid is immutable")

    @property
    def array(self) -> np.ndarray:
        """The grid as a read-only uint8 array (a view: no copy, and it cannot be made writable)."""
        return self._array.view()

    def to_numpy(self) -> np.ndarray:
        """A writable copy as a numpy array."""
        return self._array.copy()

    def to_list(self) -> list[list[int]]:
        """Nested lists of ints, as in the ARC JSON format."""
        rows: list[list[int]] = self._array.tolist()
        return rows

    @property
    def shape(self) -> tuple[int, int]:
        """(height, width)."""
        return self._array.shape

    @property
    def height(self) -> int:
        """Number of rows."""
        return int(self._array.shape[0])

    @property
    def width(self) -> int:
        """Number of columns."""
        return int(self._array.shape[1])

    def __getitem__(self, index: tuple[int, int]) -> int:
        return int(self._array[index])

    def __iter__(self) -> Iterator[tuple[int, ...]]:
        for row in self._array:
            yield tuple(int(v) for v in row)

    def __len__(self) -> int:
        return self.height

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Grid):
            return NotImplemented
        a, b = self._array, other._array
        return a.shape == b.shape and a.tobytes() == b.tobytes()

    def __hash__(self) -> int:
        value = self._hash
        if value is None:
            value = hash((self._array.shape, self._array.tobytes()))
            object.__setattr__(self, "_hash", value)
        return value

    def __repr__(self) -> str:
        rows = "/".join("".join(str(v) for v in row) for row in self._array)
        return f"Grid({self.height}x{self.width} {rows})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Grid._trusted, (self._array.copy(),))


def check_grid(value: Any) -> Grid:
    """`value` as a valid Grid, or a GridError saying what is wrong with it.

    A Grid made without checks (`Grid._trusted`, or unpickled from another process) may hold any
    array; this is the check at a boundary where grids come from code we do not trust (a solver,
    a worker process). A valid Grid is returned as is; nested lists or an array are converted.
    """
    if not isinstance(value, Grid):
        return Grid(value)
    array = object.__getattribute__(value, "_array")
    if not isinstance(array, np.ndarray):
        raise GridError(f"expected a 2-D array of colours, got {type(array).__name__}")
    if (array.dtype == np.uint8 and array.ndim == 2 and MIN_SIZE <= array.shape[0] <= MAX_SIZE
            and MIN_SIZE <= array.shape[1] <= MAX_SIZE and int(array.max()) < NUM_COLOURS):
        return value
    return Grid(array)


def _checked_array(array: np.ndarray) -> np.ndarray:
    if array.dtype == object:  # ragged rows, or values that are not numbers
        return _checked_array(np.array(Grid(array.tolist()).array))
    if array.ndim != 2:
        raise GridError(f"expected a 2-D array, got {array.ndim}-D")
    h, w = array.shape
    if not (MIN_SIZE <= h <= MAX_SIZE and MIN_SIZE <= w <= MAX_SIZE):
        raise GridError(f"size {h}x{w} outside {MIN_SIZE}-{MAX_SIZE}")
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise GridError(f"colours must be integers, got dtype {array.dtype}")
    if array.size and (array.min() < 0 or array.max() >= NUM_COLOURS):
        bad = array[(array < 0) | (array >= NUM_COLOURS)].flat[0]
        raise GridError(f"colour {bad} outside 0-9")
    return np.array(array, dtype=np.uint8)
