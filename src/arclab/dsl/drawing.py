"""Drawing and physics: enclosed fills, outlines, rays, gravity, overlays."""

from __future__ import annotations

import itertools

import numpy as np
from scipy import ndimage

from ._kernels import rays as kernel_rays
from ._registry import derived, primitive
from .cell_features import CELL_FEATURES
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


def gravity(g: np.ndarray, direction: str) -> np.ndarray:
    """Every non-background cell moved as far as it goes towards one side ("down", "up", "left",
    "right") along its column or row, the cells keeping their order."""
    if direction == "down":
        return checked(_fall(g))
    if direction == "up":
        return checked(_fall(g[::-1])[::-1])
    if direction == "left":
        return checked(_fall(g.T[::-1])[::-1].T)
    if direction == "right":
        return checked(_fall(g.T).T)
    raise ValueError(f"direction {direction!r}: down, up, left or right")


GRAVITIES = (
    ("down", "Every non-background cell falls to the bottom of its column."),
    ("up", "Every non-background cell rises to the top of its column."),
    ("left", "Every non-background cell slides to the left end of its row."),
    ("right", "Every non-background cell slides to the right end of its row."),
)
"""(direction, doc) of each `gravity_<direction>` primitive, in enumeration order."""


def _gravity_primitive(direction: str, doc: str) -> None:
    def moved(g: np.ndarray) -> np.ndarray:
        return gravity(g, direction)

    called = f"gravity_{direction}"
    primitive(GRID, returns=GRID, name=called)(derived(globals(), called, moved, doc))


for _direction, _doc in GRAVITIES:
    _gravity_primitive(_direction, _doc)


_STEPS: dict[tuple[tuple[int, int], ...], np.ndarray] = {}


def _steps(directions: tuple[tuple[int, int], ...]) -> np.ndarray:
    """The directions as an int64 array of rows (dy, dx), made once per set of directions."""
    found = _STEPS.get(directions)
    if found is None:
        found = _STEPS[directions] = np.array(directions, dtype=np.int64).reshape(-1, 2)
    return found


def _rays(g: np.ndarray, directions: tuple[tuple[int, int], ...]) -> np.ndarray:
    bg = background(g)
    h, w = g.shape
    ys, xs = np.nonzero(g != bg)
    if ys.size == 0 or ys.size > 40:
        raise ValueError("no seeds or too many")
    painted = kernel_rays(g, bg, _steps(directions))
    if painted is not None:
        return painted
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


def extend(g: np.ndarray, directions: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Every non-background cell extended along each (dy, dx) direction until something is hit."""
    return checked(_rays(g, directions))


EXTENSIONS = (
    ("rows", ((0, 1), (0, -1)), "Extend every non-background cell left and right along its row until something is hit."),
    ("cols", ((1, 0), (-1, 0)), "Extend every non-background cell up and down its column until something is hit."),
    ("cross", ((0, 1), (0, -1), (1, 0), (-1, 0)),
     "Extend every non-background cell in the four axis directions until something is hit."),
    ("diagonals", ((1, 1), (-1, -1), (1, -1), (-1, 1)),
     "Extend every non-background cell along both diagonals until something is hit."),
    ("down", ((1, 0),), "Extend every non-background cell downwards until something is hit."),
    ("right", ((0, 1),), "Extend every non-background cell to the right until something is hit."),
)
"""(name, directions, doc) of each `extend_<name>` primitive, in enumeration order."""


def _extend_primitive(name: str, directions: tuple[tuple[int, int], ...], doc: str) -> None:
    def extended(g: np.ndarray) -> np.ndarray:
        return extend(g, directions)

    called = f"extend_{name}"
    primitive(GRID, returns=GRID, name=called)(derived(globals(), called, extended, doc))


for _name, _directions, _doc in EXTENSIONS:
    _extend_primitive(_name, _directions, _doc)


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


@primitive(GRID, returns=GRID)
def connect_diagonal(g: np.ndarray) -> np.ndarray:
    """Draw a diagonal line between every two cells of one colour that share a diagonal (over background)."""
    bg = background(g)
    out = g.copy()
    for c in np.unique(g).tolist():
        cells = np.argwhere(g == c)
        if c == bg or len(cells) > 30:
            continue
        for (y0, x0), (y1, x1) in itertools.combinations(cells.tolist(), 2):
            steps = abs(y1 - y0)
            if steps < 2 or steps != abs(x1 - x0):
                continue
            ys = np.arange(y0, y1 + np.sign(y1 - y0), np.sign(y1 - y0))
            xs = np.arange(x0, x1 + np.sign(x1 - x0), np.sign(x1 - x0))
            line = out[ys, xs]
            out[ys, xs] = np.where(g[ys, xs] == bg, c, line)
    if np.array_equal(out, g):
        raise ValueError("nothing to connect")
    return checked(out)


@primitive(GRID, COLOUR, COLOUR, returns=GRID)
def elbow(g: np.ndarray, a: int, c: int) -> np.ndarray:
    """Join the one a-coloured cell to the one other cell by a c-coloured L along a's row, then the other's column."""
    bg = background(g)
    start = np.argwhere(g == a)
    others = np.argwhere((g != bg) & (g != a))
    if a == bg or len(start) != 1 or len(others) != 1:
        raise ValueError("needs one cell of colour a and one other")
    (y0, x0), (y1, x1) = start[0].tolist(), others[0].tolist()
    if y0 == y1 or x0 == x1:
        raise ValueError("in line: no elbow")
    out = g.copy()
    row = out[y0, min(x0, x1):max(x0, x1) + 1]
    row[row == bg] = c
    col = out[min(y0, y1):max(y0, y1) + 1, x1]
    col[col == bg] = c
    return checked(out)


@primitive(GRID, returns=GRID)
def extend_tips(g: np.ndarray) -> np.ndarray:
    """Extend every cell with one non-background neighbour (of 8) away from it until something is hit."""
    bg = background(g)
    fg = g != bg
    padded = np.pad(fg, 1)
    h, w = g.shape
    tips = np.argwhere(fg & (CELL_FEATURES["fg_neighbours8"].function(g) == 1))
    if len(tips) == 0 or len(tips) > 40:
        raise ValueError("no tips or too many")
    out = g.copy()
    for y, x in tips.tolist():
        window = padded[y:y + 3, x:x + 3].copy()
        window[1, 1] = False
        (ny, nx), = np.argwhere(window).tolist()
        dy, dx = 1 - ny, 1 - nx
        yy, xx = y + dy, x + dx
        while 0 <= yy < h and 0 <= xx < w and g[yy, xx] == bg:
            out[yy, xx] = g[y, x]
            yy += dy
            xx += dx
    if np.array_equal(out, g):
        raise ValueError("nothing extended")
    return checked(out)


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
