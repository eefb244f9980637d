"""Size: scaling, tiling, halves and concatenation.

Names tell what happens to the size: `concat_<direction>` and `concat_mirror_<direction>` grow the
grid (by a second grid, or by its own mirror image); `flip_*` (geometry) gives the mirror image at
the same size; `complete_symmetry_*` (symmetry) fills a picture in place so that it is symmetric.
"""

from __future__ import annotations

import numpy as np

from ._registry import grid_family, primitive
from ._types import COLOUR, GRID, INT
from ._util import background, rearranged


@primitive(GRID, INT, returns=GRID)
def scale_up(g: np.ndarray, k: int) -> np.ndarray:
    """Scale each cell up to a k x k block."""
    if not 2 <= k <= 10:
        raise ValueError("bad factor")
    return rearranged(np.kron(g, np.ones((k, k), dtype=np.uint8)))


@primitive(GRID, INT, returns=GRID)
def scale_down(g: np.ndarray, k: int) -> np.ndarray:
    """Shrink k x k blocks to one cell (defined only when every block is one colour)."""
    h, w = g.shape
    if not 2 <= k <= 10 or h % k or w % k:
        raise ValueError("bad factor")
    small = g[::k, ::k]
    if not np.array_equal(np.kron(small, np.ones((k, k), dtype=np.uint8)), g):
        raise ValueError("blocks are not uniform")
    return rearranged(small)


@primitive(GRID, INT, returns=GRID)
def canvas(g: np.ndarray, k: int) -> np.ndarray:
    """The grid in the top-left corner of a background grid k times as high and wide."""
    if not 2 <= k <= 10:
        raise ValueError("bad factor")
    h, w = g.shape
    out = np.full((h * k, w * k), background(g), dtype=np.uint8)
    out[:h, :w] = g
    return rearranged(out)


@primitive(GRID, INT, INT, returns=GRID, cost=2)
def tile(g: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Repeat the grid rows x cols times."""
    if not (1 <= rows <= 10 and 1 <= cols <= 10) or rows * cols == 1:
        raise ValueError("bad tiling")
    return rearranged(np.tile(g, (rows, cols)))


def concat_mirror(g: np.ndarray, direction: str) -> np.ndarray:
    """The grid grown by its mirror image: to the right ("right"), below ("down"), or both ("both": a
    2x2 of [g, flip_h g; flip_v g, rot180 g])."""
    if direction not in ("right", "down", "both"):
        raise ValueError(f"direction {direction!r}: right, down or both")
    out = g
    if direction in ("right", "both"):
        out = np.hstack([out, out[:, ::-1]])
    if direction in ("down", "both"):
        out = np.vstack([out, out[::-1, :]])
    return rearranged(out)


CONCAT_MIRRORS = (
    ("both", "mirror_tile", "A 2x2 of mirror images: [g, flip_h g; flip_v g, rot180 g] (twice as high and wide)."),
    ("right", "mirror_right", "The grid followed by its left-right mirror image (twice as wide)."),
    ("down", "mirror_down", "The grid above its top-bottom mirror image (twice as high)."),
)
"""(direction, former name, doc) of each `concat_mirror_<direction>` primitive, in enumeration order."""


grid_family(globals(), concat_mirror, "concat_mirror", CONCAT_MIRRORS)


def reflect(g: np.ndarray, direction: str) -> np.ndarray:
    """The grid grown by its mirror image across its last column ("right") or last row ("down"),
    that line shared, not repeated (2w - 1 wide, or 2h - 1 high)."""
    if direction not in ("right", "down"):
        raise ValueError(f"direction {direction!r}: right or down")
    if g.shape[1 if direction == "right" else 0] == 1:
        raise ValueError("one line: nothing to reflect")
    if direction == "right":
        return rearranged(np.hstack([g, g[:, -2::-1]]))
    return rearranged(np.vstack([g, g[-2::-1, :]]))


REFLECTIONS = (
    ("right", "", "The grid and its mirror image across its last column, that column shared (2w - 1 wide)."),
    ("down", "", "The grid and its mirror image across its last row, that row shared (2h - 1 high)."),
)
"""(direction, former name, doc) of each `reflect_<direction>` primitive, in enumeration order."""


grid_family(globals(), reflect, "reflect", REFLECTIONS)


@primitive(GRID, GRID, returns=GRID, formerly=["hconcat"])
def concat_right(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Two grids of equal height side by side: b to the right of a."""
    if a.shape[0] != b.shape[0]:
        raise ValueError("heights differ")
    return rearranged(np.hstack([a, b]))


@primitive(GRID, GRID, returns=GRID, formerly=["vconcat"])
def concat_down(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Two grids of equal width one above the other: b below a."""
    if a.shape[1] != b.shape[1]:
        raise ValueError("widths differ")
    return rearranged(np.vstack([a, b]))


@primitive(GRID, returns=GRID)
def left_half(g: np.ndarray) -> np.ndarray:
    """The left half (the middle column of an odd width is dropped)."""
    w = g.shape[1] // 2
    if w == 0:
        raise ValueError("too narrow")
    return rearranged(g[:, :w])


@primitive(GRID, returns=GRID)
def right_half(g: np.ndarray) -> np.ndarray:
    """The right half (the middle column of an odd width is dropped)."""
    w = g.shape[1] // 2
    if w == 0:
        raise ValueError("too narrow")
    return rearranged(g[:, g.shape[1] - w:])


@primitive(GRID, returns=GRID)
def top_half(g: np.ndarray) -> np.ndarray:
    """The top half (the middle row of an odd height is dropped)."""
    h = g.shape[0] // 2
    if h == 0:
        raise ValueError("too short")
    return rearranged(g[:h])


@primitive(GRID, returns=GRID)
def bottom_half(g: np.ndarray) -> np.ndarray:
    """The bottom half (the middle row of an odd height is dropped)."""
    h = g.shape[0] // 2
    if h == 0:
        raise ValueError("too short")
    return rearranged(g[g.shape[0] - h:])


@primitive(GRID, returns=GRID)
def dedup_lines(g: np.ndarray) -> np.ndarray:
    """Collapse runs of identical adjacent rows and of identical adjacent columns."""
    keep_rows = np.ones(g.shape[0], dtype=bool)
    keep_rows[1:] = (g[1:] != g[:-1]).any(axis=1)
    g = g[keep_rows]
    keep_cols = np.ones(g.shape[1], dtype=bool)
    keep_cols[1:] = (g[:, 1:] != g[:, :-1]).any(axis=0)
    return rearranged(g[:, keep_cols])


@primitive(GRID, returns=GRID)
def fractal(g: np.ndarray) -> np.ndarray:
    """Replace each non-background cell by a copy of the whole grid, each background cell by background."""
    bg = background(g)
    h, w = g.shape
    if h * h > 30 or w * w > 30:
        raise ValueError("too large")
    out = np.full((h * h, w * w), bg, dtype=np.uint8)
    for y, x in zip(*np.nonzero(g != bg)):
        out[y * h:(y + 1) * h, x * w:(x + 1) * w] = g
    return rearranged(out)


@primitive(GRID, returns=GRID)
def trim(g: np.ndarray) -> np.ndarray:
    """Remove the outermost ring of cells."""
    if g.shape[0] < 3 or g.shape[1] < 3:
        raise ValueError("too small")
    return rearranged(g[1:-1, 1:-1])


@primitive(GRID, INT, returns=GRID)
def block_majority(g: np.ndarray, k: int) -> np.ndarray:
    """Shrink k x k blocks to one cell of the block's most common colour (noise-tolerant scale_down)."""
    h, w = g.shape
    if not 2 <= k <= 10 or h % k or w % k:
        raise ValueError("bad factor")
    blocks = g.reshape(h // k, k, w // k, k).transpose(0, 2, 1, 3).reshape(h // k, w // k, k * k)
    counts = (blocks[..., None] == np.arange(10)).sum(axis=2)
    return rearranged(counts.argmax(axis=-1).astype(np.uint8, copy=False))


def _copies_where(g: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """A copy of g in the block of each masked cell, 0 in the others."""
    h, w = g.shape
    if h * h > 30 or w * w > 30:
        raise ValueError("too large")
    return rearranged(np.kron(mask.astype(np.uint8), np.ones_like(g)) * np.tile(g, (h, w)))


@primitive(GRID, COLOUR, returns=GRID)
def fractal_of(g: np.ndarray, c: int) -> np.ndarray:
    """Replace each cell of colour c by a copy of the whole grid and every other cell by a block of 0."""
    return _copies_where(g, g == c)


@primitive(GRID, returns=GRID)
def fractal_nonzero(g: np.ndarray) -> np.ndarray:
    """Replace each non-zero cell by a copy of the whole grid and each 0 by a block of 0."""
    return _copies_where(g, g != 0)


@primitive(GRID, returns=GRID)
def pad_edges(g: np.ndarray) -> np.ndarray:
    """The grid framed by a copy of each edge row and column next to it (the four corners 0)."""
    h, w = g.shape
    out = np.zeros((h + 2, w + 2), dtype=np.uint8)
    out[1:-1, 1:-1] = g
    out[0, 1:-1], out[-1, 1:-1] = g[0], g[-1]
    out[1:-1, 0], out[1:-1, -1] = g[:, 0], g[:, -1]
    return rearranged(out)
