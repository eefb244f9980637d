"""Local rules: each output cell is a function of a small neighbourhood of the input cell."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._registry import primitive
from ._types import COLOURMAP, GRID, NAME
from ._util import background, checked
from ._vocabulary import INTS, Vocabulary, vocabulary

OUTSIDE = 10
"""The colour code of cells beyond the border."""


def _padded(g: np.ndarray, r: int) -> np.ndarray:
    return np.pad(g.astype(np.int16), r, constant_values=OUTSIDE)


def _cross(g: np.ndarray) -> np.ndarray:
    p = _padded(g, 1)
    return np.stack([g, p[:-2, 1:-1], p[2:, 1:-1], p[1:-1, :-2], p[1:-1, 2:]], axis=-1)


def _box(g: np.ndarray) -> np.ndarray:
    p = _padded(g, 1)
    h, w = g.shape
    order = [(1, 1)] + [(dy, dx) for dy in range(3) for dx in range(3) if (dy, dx) != (1, 1)]
    return np.stack([p[dy:dy + h, dx:dx + w] for dy, dx in order], axis=-1)


def _lines(g: np.ndarray) -> np.ndarray:
    """The cell's colour and the sets (bitmasks) of non-background colours in its row and column."""
    bg = background(g)
    bits = np.where(g != bg, 1 << g.astype(np.int64), 0)
    rows = np.bitwise_or.reduce(bits, axis=1)
    cols = np.bitwise_or.reduce(bits, axis=0)
    h, w = g.shape
    return np.stack([g.astype(np.int64), np.repeat(rows[:, None], w, 1), np.repeat(cols[None, :], h, 0)], axis=-1)


def _neighbour_count(g: np.ndarray) -> np.ndarray:
    """The cell's colour and how many of its 8 neighbours are non-background."""
    bg = background(g)
    p = np.pad((g != bg).astype(np.int16), 1)
    h, w = g.shape
    total = sum(p[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3)) - (g != bg)
    return np.stack([g.astype(np.int16), total], axis=-1)


LOCAL_FEATURES: Vocabulary[Callable[[np.ndarray], np.ndarray]] = vocabulary(
    "local_features", "local feature", [INTS],
    doc="f(grid) -> (h, w, k) integers per cell, the cell's own colour first: what local rules are keyed on.")
"""Feature name -> f(grid) -> (h, w, k) integer features per cell, the cell's own colour first."""

LOCAL_FEATURES.add("neighbour_count", _neighbour_count, returns=INTS)
LOCAL_FEATURES.add("cross", _cross, returns=INTS, doc="The cell's colour and its four neighbours' (10 beyond the border).")
LOCAL_FEATURES.add("lines", _lines, returns=INTS)
LOCAL_FEATURES.add("box", _box, returns=INTS, doc="The cell's colour and its eight neighbours' (10 beyond the border).")


def cell_keys(g: np.ndarray, feature: str) -> list[tuple[int, ...]]:
    """The feature tuple of every cell, row by row."""
    values = LOCAL_FEATURES.function(feature)(g)
    return [tuple(row) for row in values.reshape(-1, values.shape[-1]).tolist()]


@primitive(GRID, NAME, COLOURMAP, returns=GRID, search=False)
def local_rule(g: np.ndarray, feature: str, table: tuple[tuple[tuple[int, ...], int], ...]) -> np.ndarray:
    """Recolour each cell by a table from its neighbourhood features to a colour; unlisted cells stay."""
    lookup = dict(table)
    keys = cell_keys(g, feature)
    flat = g.ravel().copy()
    for i, key in enumerate(keys):
        colour = lookup.get(key)
        if colour is not None:
            flat[i] = colour
    return checked(flat.reshape(g.shape))
