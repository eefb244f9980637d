"""Counting: outputs whose size or colours come from a count."""

from __future__ import annotations

import numpy as np

from ._registry import primitive
from ._types import COLOUR, GRID, INT
from ._util import background, checked


@primitive(GRID, returns=INT)
def colour_count(g: np.ndarray) -> int:
    """How many distinct non-background colours the grid has."""
    return int(len(np.unique(g))) - 1


@primitive(GRID, COLOUR, returns=INT)
def cells_of(g: np.ndarray, c: int) -> int:
    """How many cells have colour c."""
    return int((g == c).sum())


@primitive(INT, INT, COLOUR, returns=GRID, cost=2)
def filled(h: int, w: int, c: int) -> np.ndarray:
    """A new h x w grid of colour c."""
    return checked(np.full((h, w), c, dtype=np.uint8))


@primitive(GRID, returns=GRID)
def colour_histogram(g: np.ndarray) -> np.ndarray:
    """One column per non-background colour, most frequent first, as tall as its cell count."""
    bg = background(g)
    counts = np.bincount(g.ravel(), minlength=10)
    counts[bg] = 0
    order = [c for c in np.argsort(-counts, kind="stable") if counts[c] > 0]
    if not order:
        raise ValueError("no colours")
    height = int(counts[order[0]])
    out = np.full((height, len(order)), bg, dtype=np.uint8)
    for x, c in enumerate(order):
        out[height - counts[c]:, x] = c
    return checked(out)
