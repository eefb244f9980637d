"""Drawing and physics: enclosed fills, outlines, rays, gravity, overlays."""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from ._registry import primitive
from ._types import COLOUR, GRID, frozen
from ._util import background, checked, memo

_FOUR = ndimage.generate_binary_structure(2, 1)


@primitive(GRID, COLOUR, returns=GRID)
def fill_enclosed(g: np.ndarray, c: int) -> np.ndarray:
    """Paint colour c into background regions that do not touch the border."""
    bg = background(g)
    labels, n = ndimage.label(g == bg, _FOUR)
    if n == 0:
        raise ValueError("no background")
    open_ = np.zeros(n + 1, dtype=bool)
    open_[0] = True  # label 0: not background
    open_[labels[[0, -1], :]] = True
    open_[labels[:, [0, -1]]] = True
    enclosed = ~open_[labels]
    if not enclosed.any():
        raise ValueError("nothing enclosed")
    return checked(np.where(enclosed, c, g).astype(np.uint8, copy=False))


@primitive(GRID, COLOUR, returns=GRID)
def outline(g: np.ndarray, c: int) -> np.ndarray:
    """Paint colour c on background cells 8-adjacent to any non-background cell."""
    bg = background(g)
    fg = g != bg
    return checked(np.where(_grown(fg) & ~fg, c, g).astype(np.uint8, copy=False))


def _grown(mask: np.ndarray) -> np.ndarray:
    """The mask and every cell 8-adjacent to it (a 3x3 dilation)."""
    h, w = mask.shape
    padded = np.zeros((h + 2, w + 2), dtype=bool)
    padded[1:-1, 1:-1] = mask
    rows = padded[:-2] | padded[1:-1] | padded[2:]
    grown: np.ndarray = rows[:, :-2] | rows[:, 1:-1] | rows[:, 2:]
    return grown


@primitive(GRID, COLOUR, returns=GRID)
def inner_cells(g: np.ndarray, c: int) -> np.ndarray:
    """Paint colour c on non-background cells whose four neighbours are all non-background."""
    bg = background(g)
    fg = g != bg
    inner = ndimage.binary_erosion(fg, _FOUR, border_value=0)
    if not inner.any():
        raise ValueError("no inner cells")
    return checked(np.where(inner, c, g).astype(np.uint8, copy=False))


@memo
def _fall(g: np.ndarray) -> np.ndarray:
    """Cells drop to the bottom of their column, keeping their order (read-only; memoised by
    content: gravity_up of a grid is gravity_down of its flip)."""
    # a stable sort on "is foreground" moves background cells up and keeps the others' order
    order = np.argsort(g != background(g), axis=0, kind="stable")
    return frozen(g[order, np.arange(g.shape[1])])


@primitive(GRID, returns=GRID)
def gravity_down(g: np.ndarray) -> np.ndarray:
    """Every non-background cell falls to the bottom of its column."""
    return checked(_fall(g))


@primitive(GRID, returns=GRID)
def gravity_up(g: np.ndarray) -> np.ndarray:
    """Every non-background cell rises to the top of its column."""
    return checked(_fall(g[::-1])[::-1])


@primitive(GRID, returns=GRID)
def gravity_left(g: np.ndarray) -> np.ndarray:
    """Every non-background cell slides to the left end of its row."""
    return checked(_fall(g.T[::-1])[::-1].T)


@primitive(GRID, returns=GRID)
def gravity_right(g: np.ndarray) -> np.ndarray:
    """Every non-background cell slides to the right end of its row."""
    return checked(_fall(g.T).T)


def _rays(g: np.ndarray, directions: tuple[tuple[int, int], ...]) -> np.ndarray:
    bg = background(g)
    h, w = g.shape
    ys, xs = np.nonzero(g != bg)
    if ys.size == 0 or ys.size > 40:
        raise ValueError("no seeds or too many")
    rows = g.tolist()  # cell by cell, Python lists are far cheaper to index than an array
    out = g.tolist()
    for y, x in zip(ys.tolist(), xs.tolist()):
        c = rows[y][x]
        for dy, dx in directions:
            yy, xx = y + dy, x + dx
            while 0 <= yy < h and 0 <= xx < w and rows[yy][xx] == bg:
                out[yy][xx] = c
                yy += dy
                xx += dx
    return np.array(out, dtype=g.dtype)


@primitive(GRID, returns=GRID)
def extend_rows(g: np.ndarray) -> np.ndarray:
    """Extend every non-background cell left and right along its row until something is hit."""
    return checked(_rays(g, ((0, 1), (0, -1))))


@primitive(GRID, returns=GRID)
def extend_cols(g: np.ndarray) -> np.ndarray:
    """Extend every non-background cell up and down its column until something is hit."""
    return checked(_rays(g, ((1, 0), (-1, 0))))


@primitive(GRID, returns=GRID)
def extend_cross(g: np.ndarray) -> np.ndarray:
    """Extend every non-background cell in the four axis directions until something is hit."""
    return checked(_rays(g, ((0, 1), (0, -1), (1, 0), (-1, 0))))


@primitive(GRID, returns=GRID)
def extend_diagonals(g: np.ndarray) -> np.ndarray:
    """Extend every non-background cell along both diagonals until something is hit."""
    return checked(_rays(g, ((1, 1), (-1, -1), (1, -1), (-1, 1))))


@primitive(GRID, returns=GRID)
def extend_down(g: np.ndarray) -> np.ndarray:
    """Extend every non-background cell downwards until something is hit."""
    return checked(_rays(g, ((1, 0),)))


@primitive(GRID, returns=GRID)
def extend_right(g: np.ndarray) -> np.ndarray:
    """Extend every non-background cell to the right until something is hit."""
    return checked(_rays(g, ((0, 1),)))


@primitive(GRID, GRID, returns=GRID)
def overlay(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Paint b's non-background cells over a (grids of one shape)."""
    if a.shape != b.shape:
        raise ValueError("shapes differ")
    bg = background(b)
    return checked(np.where(b != bg, b, a).astype(np.uint8, copy=False))


@primitive(GRID, returns=GRID)
def connect(g: np.ndarray) -> np.ndarray:
    """Draw a line between every two cells of one colour that share a row or column (over background)."""
    bg = background(g)
    counts = np.bincount(g.ravel(), minlength=10)
    colours = np.array([c for c in range(10) if c != bg and 0 < counts[c] <= 30], dtype=np.uint8)
    layers = g[None] == colours[:, None, None]
    # a cell lies on a line of colour c when c is on both sides of it in its row, or in its column;
    # lower colours draw first, so a cell between lines of two colours takes the lower one
    between = _both_sides(layers, 2) | _both_sides(layers, 1)
    between &= g == bg
    drawn = between.any(axis=0)
    if not drawn.any():
        raise ValueError("nothing to connect")
    return checked(np.where(drawn, colours[between.argmax(axis=0)], g))


def _both_sides(layers: np.ndarray, axis: int) -> np.ndarray:
    """Cells with a True at or before them and at or after them along `axis`."""
    before = np.logical_or.accumulate(layers, axis=axis)
    after = np.flip(np.logical_or.accumulate(np.flip(layers, axis), axis=axis), axis)
    return before & after


@primitive(GRID, COLOUR, returns=GRID)
def border(g: np.ndarray, c: int) -> np.ndarray:
    """Paint the grid's outermost ring of cells with colour c."""
    out = g.copy()
    out[0, :] = out[-1, :] = c
    out[:, 0] = out[:, -1] = c
    return checked(out)
