"""Symmetry and pattern: complete symmetric pictures in place (`complete_symmetry_*`, same size), continue
periodic ones, remove noise."""

from __future__ import annotations

import functools

import numpy as np

from ._registry import grid_family, primitive
from ._types import COLOUR, GRID, INT, frozen
from ._util import background, bbox, checked, memo, rearranged


def _fill_from(g: np.ndarray, hole: int, images: list[np.ndarray]) -> np.ndarray:
    """Each `hole` cell takes its colour from the first image that has a colour there."""
    if len(images) == 1:  # one mirror image: the same cells, without stacking
        image = images[0]
        take = (image != hole) & (g == hole)
        if not take.any():
            raise ValueError("nothing to complete")
        out = g.copy()
        out[take] = image[take]
        return out
    stack = np.stack(images)
    known = stack != hole
    take = known.any(axis=0) & (g == hole)
    if not take.any():
        raise ValueError("nothing to complete")
    out = g.copy()
    out[take] = stack[known.argmax(axis=0)[take], take]
    return out


@primitive(GRID, COLOUR, returns=GRID, formerly=["symmetrize"])
def complete_symmetry_hole(g: np.ndarray, hole: int) -> np.ndarray:
    """Fill cells of colour `hole` from the grid's mirror images (left-right, top-bottom, both)."""
    images = [g[:, ::-1], g[::-1, :], g[::-1, ::-1]]
    if g.shape[0] == g.shape[1]:
        images += [g.T, g[::-1, ::-1].T]
    return checked(_fill_from(g, hole, images))


def complete_symmetry(g: np.ndarray, axes: str) -> np.ndarray:
    """The picture made symmetric in place: its background cells take the colour of their mirror
    cell across the middle column ("lr"), the middle row ("ud"), or both axes, and the diagonals and
    quarter turns when square ("all")."""
    if axes == "lr":
        images = [g[:, ::-1]]
    elif axes == "ud":
        images = [g[::-1, :]]
    elif axes == "all":
        images = [g[:, ::-1], g[::-1, :], g[::-1, ::-1]]
        if g.shape[0] == g.shape[1]:
            images += [g.T, g[::-1, ::-1].T, np.rot90(g), np.rot90(g, 3)]
    else:
        raise ValueError(f"axes {axes!r}: lr, ud or all")
    return checked(_fill_from(g, background(g), images))


COMPLETE_SYMMETRIES = (
    ("lr", "mirror_lr", "Make the picture left-right symmetric: background cells take their mirror cell's colour."),
    ("ud", "mirror_ud", "Make the picture top-bottom symmetric: background cells take their mirror cell's colour."),
    ("all", "mirror_all", "Make the picture symmetric in both axes (and the diagonals when square)."),
)
"""(axes, former name, doc) of each `complete_symmetry_<axes>` primitive, in enumeration order."""


grid_family(globals(), complete_symmetry, "complete_symmetry", COMPLETE_SYMMETRIES)


def _in_phase(n: int, start: int, extent: int) -> np.ndarray:
    """For each of n positions, the position in [start, start + extent) at the same phase: a run
    repeated along a line so that its own cells stay where they are."""
    index: np.ndarray = start + (np.arange(n) - start) % extent
    return index


def repeat_band(g: np.ndarray, lines: str) -> np.ndarray:
    """The band of rows ("rows") or columns ("cols") that holds the picture, repeated in place over
    the whole grid: every line copies the band's line whose distance from the band's start is the
    same modulo the band's extent."""
    if lines not in ("rows", "cols"):
        raise ValueError(f"lines {lines!r}: rows or cols")
    axis = 0 if lines == "rows" else 1
    used = np.flatnonzero((g != background(g)).any(axis=1 - axis))
    n = g.shape[axis]
    if used.size == 0 or used[-1] - used[0] + 1 == n:
        raise ValueError("no band to repeat")
    start, extent = int(used[0]), int(used[-1] - used[0] + 1)
    source = _in_phase(n, start, extent)
    return rearranged(g[source] if axis == 0 else g[:, source])


REPEAT_BANDS = (
    ("rows", "", "Repeat the band of rows that holds the picture up and down over the whole grid, in place."),
    ("cols", "", "Repeat the band of columns that holds the picture left and right over the whole grid, in place."),
)
"""(lines, former name, doc) of each `repeat_band_<lines>` primitive, in enumeration order."""

grid_family(globals(), repeat_band, "repeat_band", REPEAT_BANDS)


def _line_runs(line: np.ndarray, bg: int) -> list[tuple[int, int]]:
    """(start, length) of each run of two or more consecutive non-background cells of a line."""
    runs, start = [], None
    for i, filled in enumerate((line != bg).tolist() + [False]):
        if filled and start is None:
            start = i
        elif not filled and start is not None:
            if i - start >= 2:
                runs.append((start, i - start))
            start = None
    return runs


@primitive(GRID, returns=GRID)
def continue_runs(g: np.ndarray) -> np.ndarray:
    """Each line holding one run of two or more cells repeats it along the line over the background.

    Rows and columns alike; the repeated run keeps its phase (its own cells stay where they are)."""
    bg, out = background(g), g.copy()
    for lines, target in ((g, out), (g.T, out.T)):
        for line, written in zip(lines, target):
            runs = _line_runs(line, bg)
            if len(runs) != 1:
                continue
            pattern = line[_in_phase(len(line), *runs[0])]
            free = written == bg
            written[free] = pattern[free]
    if np.array_equal(out, g):
        raise ValueError("no run to continue")
    return checked(out)


def _period(g: np.ndarray, hole: int | None, axis: int) -> int:
    """The least p such that the grid repeats every p rows (axis 0) or columns (axis 1), cells of
    colour `hole` (if any) left out of the comparison."""
    n: int = g.shape[axis]
    for p in range(1, n):
        a, b = (g[:n - p], g[p:]) if axis == 0 else (g[:, :n - p], g[:, p:])
        if hole is None:
            if np.array_equal(a, b):
                return p
            continue
        known = (a != hole) & (b != hole)
        if np.array_equal(a[known], b[known]):
            return p
    return n


@primitive(GRID, COLOUR, returns=GRID)
def continue_pattern(g: np.ndarray, hole: int) -> np.ndarray:
    """Fill cells of colour `hole` by the smallest row and column periods of the rest."""
    if not (g == hole).any():
        raise ValueError("no holes")
    py, px = _period(g, hole, 0), _period(g, hole, 1)
    out = g.copy()
    h, w = g.shape
    for y0 in range(min(py, h)):
        for x0 in range(min(px, w)):
            cells = g[y0::py, x0::px]
            known = cells[cells != hole]
            if known.size == 0:
                raise ValueError("a residue class is all holes")
            out[y0::py, x0::px] = np.bincount(known, minlength=10).argmax()
    return checked(out)


@primitive(GRID, returns=GRID)
def denoise(g: np.ndarray) -> np.ndarray:
    """Replace each cell that differs from all four neighbours by its neighbours' majority colour."""
    padded = np.pad(g, 1, mode="edge")
    neighbours = np.stack([padded[:-2, 1:-1], padded[2:, 1:-1], padded[1:-1, :-2], padded[1:-1, 2:]])
    lonely = (neighbours != g).all(axis=0)
    if not lonely.any():
        raise ValueError("no noise")
    near = neighbours[:, lonely]
    # the commonest neighbour colour, ties to the lowest (as bincount's argmax)
    votes = (near[None] == _COLOURS[:, None, None]).sum(axis=1)
    out = g.copy()
    out[lonely] = votes.argmax(axis=0)
    return checked(out)


_COLOURS = np.arange(10, dtype=np.uint8)


@primitive(GRID, INT, INT, returns=GRID, search=False)
def repeat_to(g: np.ndarray, height: int, width: int) -> np.ndarray:
    """Continue the grid's own repetition (its least row and column periods) to height x width."""
    if not (1 <= height <= 30 and 1 <= width <= 30):
        raise ValueError("size out of range")
    py, px = _period(g, None, 0), _period(g, None, 1)
    tile = g[:py, :px]
    reps = (-(-height // py), -(-width // px))
    return checked(np.tile(tile, reps)[:height, :width])


@primitive(GRID, INT, INT, returns=GRID)
def repeat_scaled(g: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Continue the grid's own repetition to `rows` times its height and `cols` times its width."""
    if rows == cols == 1:
        raise ValueError("nothing to continue")
    out: np.ndarray = repeat_to(g, rows * g.shape[0], cols * g.shape[1])
    return out


def _mirror_images(h: int, w: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Cell maps of every mirror and diagonal reflection of an h x w grid, axes anywhere near the middle."""
    ys, xs = np.indices((h, w))
    maps = [(ys, s - xs) for s in range(max(1, w // 2), 2 * w - 1 - w // 2)]
    maps += [(s - ys, xs) for s in range(max(1, h // 2), 2 * h - 1 - h // 2)]
    span = min(h, w) // 3
    maps += [(xs + d, ys - d) for d in range(-span, span + 1)]
    maps += [(s - xs, s2 - ys) for s, s2 in [(w - 1 + d, h - 1 + d) for d in range(-span, span + 1)]]
    return maps


@functools.lru_cache(maxsize=64)
def _mirror_sources(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """For each mirror map (rows, in `_mirror_images` order) the flat index of each cell's image
    (0 where it falls outside the grid), and where it falls inside."""
    maps = _mirror_images(h, w)
    yy = np.stack([m[0].ravel() for m in maps])
    xx = np.stack([m[1].ravel() for m in maps])
    inside = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
    return frozen(np.where(inside, yy * w + xx, 0)), frozen(inside)


@memo
def _repair(g: np.ndarray, hole: int) -> np.ndarray:
    """`complete_symmetry_any_axis` (memoised: `repaired_hole` asks for the same repair)."""
    h, w = g.shape
    flat = g.ravel()
    known = flat != hole
    if known.all() or not known.any():
        raise ValueError("nothing to repair")
    source, inside = _mirror_sources(h, w)
    image = flat[source]
    seen = inside & known[source]
    both = seen & known
    # a map is a symmetry of the picture when it agrees wherever both cells are known, on at
    # least half of the known cells; each hole takes its colour from the first such map that sees it
    agree = (both.sum(axis=1) >= 0.5 * known.sum()) & ~(both & (image != flat)).any(axis=1)
    seen = seen[agree]
    fills = seen.any(axis=0) & ~known
    if not fills.any():
        raise ValueError("no symmetry fills a hole")
    cells = np.flatnonzero(fills)
    out = flat.copy()
    out[cells] = image[agree][seen[:, cells].argmax(axis=0), cells]
    return rearranged(out.reshape(h, w))


@primitive(GRID, COLOUR, returns=GRID, formerly=["repair_symmetry"])
def complete_symmetry_any_axis(g: np.ndarray, hole: int) -> np.ndarray:
    """Fill cells of colour `hole` from every mirror symmetry the rest of the picture has, wherever its axis."""
    return _repair(g, hole)


@primitive(GRID, COLOUR, returns=GRID)
def repaired_hole(g: np.ndarray, hole: int) -> np.ndarray:
    """What the symmetric picture shows under the cells of colour `hole` (their bounding box, repaired)."""
    top, left, bottom, right = bbox(g == hole)
    return rearranged(_repair(g, hole)[top:bottom, left:right])
