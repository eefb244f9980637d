"""Geometry: rotations, flips, transposes, crops and shifts of whole grids."""

from __future__ import annotations

import numpy as np

from ._registry import primitive
from ._types import GRID, INT
from ._util import background, bbox, rearranged


@primitive(GRID, returns=GRID)
def rot90(g: np.ndarray) -> np.ndarray:
    """Rotate a quarter turn anticlockwise."""
    return rearranged(g[:, ::-1].T)


@primitive(GRID, returns=GRID)
def rot180(g: np.ndarray) -> np.ndarray:
    """Rotate half a turn."""
    return rearranged(g[::-1, ::-1])


@primitive(GRID, returns=GRID)
def rot270(g: np.ndarray) -> np.ndarray:
    """Rotate a quarter turn clockwise."""
    return rearranged(g.T[:, ::-1])


@primitive(GRID, returns=GRID)
def flip_h(g: np.ndarray) -> np.ndarray:
    """Mirror left to right."""
    return rearranged(g[:, ::-1])


@primitive(GRID, returns=GRID)
def flip_v(g: np.ndarray) -> np.ndarray:
    """Mirror top to bottom."""
    return rearranged(g[::-1, :])


@primitive(GRID, returns=GRID)
def transpose(g: np.ndarray) -> np.ndarray:
    """Mirror along the main diagonal."""
    return rearranged(g.T)


@primitive(GRID, returns=GRID)
def antitranspose(g: np.ndarray) -> np.ndarray:
    """Mirror along the anti-diagonal."""
    return rearranged(g[::-1, ::-1].T)


@primitive(GRID, returns=GRID)
def crop_content(g: np.ndarray) -> np.ndarray:
    """Crop to the bounding box of every non-background cell."""
    top, left, bottom, right = bbox(g != background(g))
    return rearranged(g[top:bottom, left:right])


@primitive(GRID, INT, INT, returns=GRID, cost=2)
def shift(g: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Move the whole picture by (dy, dx), filling the vacated cells with background."""
    h, w = g.shape
    if abs(dy) >= h or abs(dx) >= w:
        raise ValueError("shifted out of the grid")
    out = np.full_like(g, background(g))
    src = g[max(0, -dy):h - max(0, dy), max(0, -dx):w - max(0, dx)]
    out[max(0, dy):max(0, dy) + src.shape[0], max(0, dx):max(0, dx) + src.shape[1]] = src
    return rearranged(out)


@primitive(GRID, INT, INT, INT, INT, returns=GRID, search=False)
def crop_at(g: np.ndarray, top: int, left: int, height: int, width: int) -> np.ndarray:
    """The height x width window at (top, left); a negative top or left counts from the far edge."""
    h, w = g.shape
    y = top if top >= 0 else h + top
    x = left if left >= 0 else w + left
    if height < 1 or width < 1 or y < 0 or x < 0 or y + height > h or x + width > w:
        raise ValueError("window outside the grid")
    return rearranged(g[y:y + height, x:x + width])
