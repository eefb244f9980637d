"""Partitions: grids split by separator lines (or in equal halves), and cell-wise logic of the parts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from ._registry import primitive
from ._types import COLOUR, COLOURMAP, GRID, NAME, OBJECTS, Object, frozen
from ._util import background, checked, memo
from ._vocabulary import BOXES, Vocabulary, vocabulary


def _separators(g: np.ndarray, axis: int) -> list[int]:
    """Indices of full rows (axis 0) or columns (axis 1) of one non-background colour."""
    lines = g if axis == 0 else g.T
    uniform = (lines == lines[:, :1]).all(axis=1) & (lines[:, 0] != background(g))
    return np.flatnonzero(uniform).tolist()


def _separated_boxes(g: np.ndarray, axis: int) -> list[tuple[int, int, int, int]] | None:
    """(top, left, height, width) of equal cells between full lines of one colour along `axis`, or None.

    Lines of each colour are tried in turn, so a uniform row of content is not mistaken for a
    separator of another colour.
    """
    lines = g if axis == 0 else g.T
    seps = _separators(g, axis)
    for colour in sorted({int(lines[i][0]) for i in seps}):
        mine = [i for i in seps if lines[i][0] == colour]
        if len(mine) >= len(lines) // 2:
            continue
        bounds = [-1] + mine + [len(lines)]
        spans = [(a + 1, b - a - 1) for a, b in zip(bounds, bounds[1:]) if b - a > 1]
        if len(spans) >= 2 and len({n for _, n in spans}) == 1:
            if axis == 0:
                return [(start, 0, n, g.shape[1]) for start, n in spans]
            return [(0, start, g.shape[0], n) for start, n in spans]
    return None


def split_parts(g: np.ndarray) -> list[np.ndarray]:
    """The cells of a grid divided by uniform separator lines, else its two equal halves."""
    return list(_split_parts(g))


@memo
def _split_parts(g: np.ndarray) -> tuple[np.ndarray, ...]:
    """`split_parts` as read-only copies, memoised by content (nine primitives split the same grid)."""
    return tuple(frozen(p.copy()) for p in _split(g))


def _split(g: np.ndarray) -> list[np.ndarray]:
    h, w = g.shape
    try:
        return parts_by(g, "lines")
    except ValueError:
        pass
    if w % 2 == 0 and w >= 2:
        return [g[:, : w // 2], g[:, w // 2:]]
    if h % 2 == 0 and h >= 2:
        return [g[: h // 2], g[h // 2:]]
    raise ValueError("no partition")


def _line_boxes(g: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The cells between full separator lines of one colour (columns tried first, then rows)."""
    for axis in (1, 0):
        boxes = _separated_boxes(g, axis)
        if boxes is not None:
            return boxes
    raise ValueError("no separator lines")


def _square_boxes(g: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Squares along the grid's long side (a grid n times as long as it is wide)."""
    h, w = g.shape
    side = min(h, w)
    if max(h, w) % side or h == w:
        raise ValueError("not a row of squares")
    return [(k * side, 0, side, side) if h > w else (0, k * side, side, side) for k in range(max(h, w) // side)]


def strip_boxes(g: np.ndarray, rows: int, cols: int) -> list[tuple[int, int, int, int]]:
    """rows x cols equal blocks, with or without one-cell separators between them."""
    h, w = g.shape
    ph, pw = _strip(h, rows), _strip(w, cols)
    if ph is None or pw is None:
        raise ValueError(f"{h}x{w} does not split into {rows}x{cols} parts")
    gap_h, gap_w = (h - ph * rows) // max(1, rows - 1), (w - pw * cols) // max(1, cols - 1)
    return [(r * (ph + gap_h), c * (pw + gap_w), ph, pw) for r in range(rows) for c in range(cols)]


LAYOUTS: Vocabulary[Callable[[np.ndarray], list[tuple[int, int, int, int]]]] = vocabulary(
    "layouts", "layout", [BOXES], doc="f(grid) -> the (top, left, height, width) of each part: how a grid splits.")
"""How `parts_by` splits a grid: by separator lines, into squares along its long side, or into n equal
strips (rows, columns) or n x n blocks."""

LAYOUTS.add("lines", _line_boxes, returns=BOXES)
LAYOUTS.add("squares", _square_boxes, returns=BOXES)
for _name, _rows, _cols in (("rows2", 2, 1), ("rows3", 3, 1), ("rows4", 4, 1), ("cols2", 1, 2), ("cols3", 1, 3),
                            ("cols4", 1, 4), ("grid2", 2, 2), ("grid3", 3, 3)):
    LAYOUTS.add(_name, partial(strip_boxes, rows=_rows, cols=_cols), returns=BOXES,
                doc=f"{_rows} x {_cols} equal blocks, with or without one-cell separators.",
                params=(("rows", _rows), ("cols", _cols)))


def part_boxes(g: np.ndarray, layout: str) -> list[tuple[int, int, int, int]]:
    """(top, left, height, width) of each part of g under a named layout (ValueError if g does not split so)."""
    return LAYOUTS.function(layout)(g)


def parts_by(g: np.ndarray, layout: str) -> list[np.ndarray]:
    """The parts of g under a named layout (ValueError when g does not split that way)."""
    return [g[t:t + h, l:l + w] for t, l, h, w in part_boxes(g, layout)]


def _strip(length: int, n: int) -> int | None:
    """The length of each of n equal strips of `length`, allowing one-cell gaps between them."""
    if length % n == 0:
        return length // n
    if n > 1 and (length - (n - 1)) % n == 0 and length - (n - 1) > 0:
        return (length - (n - 1)) // n
    return None


def parts_background(parts: list[np.ndarray]) -> int:
    """The background of a partition: the most common colour over its parts (separators left out)."""
    return background(np.concatenate(parts))


def part_keys(parts: list[np.ndarray], keys: str, bg: int) -> np.ndarray:
    """Per cell, a key from the parts' colours there: the colours themselves, or which parts are not bg."""
    stack = np.stack([p.astype(np.int64) for p in parts], axis=-1)
    if keys == "fg":
        stack = (stack != bg).astype(np.int64)
    elif keys != "colours":
        raise ValueError(f"no part keys {keys!r}")
    return stack.reshape(-1, len(parts))


@primitive(GRID, NAME, NAME, COLOURMAP, returns=GRID, search=False)
def parts_rule(g: np.ndarray, layout: str, keys: str, table: tuple[tuple[tuple[int, ...], int | str], ...]) -> np.ndarray:
    """Combine the parts cell by cell: a table from the parts' colours (or fg flags) to a colour or 'partK'."""
    parts = parts_by(g, layout)
    lookup = dict(table)
    bg = parts_background(parts)
    flat_parts = [p.ravel() for p in parts]
    out = np.full(parts[0].size, bg, dtype=np.uint8)
    for i, key in enumerate(part_keys(parts, keys, bg).tolist()):
        target = lookup.get(tuple(key))
        if target is None:
            raise ValueError(f"no rule for parts {tuple(key)}")
        if isinstance(target, str):
            k = int(target.removeprefix("part"))
            target = int(flat_parts[k][i])
        out[i] = target
    return checked(out.reshape(parts[0].shape))


def _masks(g: np.ndarray) -> list[np.ndarray]:
    parts = split_parts(g)
    return [p != background(p) if (p != 0).all() else p != 0 for p in parts]


def _logic(g: np.ndarray, c: int, op: str) -> np.ndarray:
    masks = _masks(g)
    if op == "and":
        out = np.logical_and.reduce(masks)
    elif op == "or":
        out = np.logical_or.reduce(masks)
    elif op == "xor":
        out = np.logical_xor.reduce(masks)
    elif op == "nor":
        out = ~np.logical_or.reduce(masks)
    else:
        out = masks[0] & ~np.logical_or.reduce(masks[1:])
    return checked(np.where(out, c, 0).astype(np.uint8, copy=False))


@primitive(GRID, COLOUR, returns=GRID)
def parts_and(g: np.ndarray, c: int) -> np.ndarray:
    """Colour c where every part of the partition has a non-background cell, else 0."""
    return _logic(g, c, "and")


@primitive(GRID, COLOUR, returns=GRID)
def parts_or(g: np.ndarray, c: int) -> np.ndarray:
    """Colour c where any part of the partition has a non-background cell, else 0."""
    return _logic(g, c, "or")


@primitive(GRID, COLOUR, returns=GRID)
def parts_xor(g: np.ndarray, c: int) -> np.ndarray:
    """Colour c where an odd number of parts have a non-background cell, else 0."""
    return _logic(g, c, "xor")


@primitive(GRID, COLOUR, returns=GRID)
def parts_nor(g: np.ndarray, c: int) -> np.ndarray:
    """Colour c where no part has a non-background cell, else 0."""
    return _logic(g, c, "nor")


@primitive(GRID, COLOUR, returns=GRID)
def parts_diff(g: np.ndarray, c: int) -> np.ndarray:
    """Colour c where the first part has a cell and no other part does, else 0."""
    return _logic(g, c, "diff")


@primitive(GRID, returns=GRID)
def parts_overlay(g: np.ndarray) -> np.ndarray:
    """Stack the parts: later parts' non-background cells paint over earlier ones."""
    parts = split_parts(g)
    bg = background(g)
    out = parts[0].copy()
    for p in parts[1:]:
        out = np.where(p != bg, p, out)
    return checked(out.astype(np.uint8, copy=False))


@primitive(GRID, returns=GRID)
def odd_part(g: np.ndarray) -> np.ndarray:
    """The one part of the partition that differs from all the others."""
    parts = split_parts(g)
    keys = [p.tobytes() for p in parts]
    odd = [p for p, k in zip(parts, keys) if keys.count(k) == 1]
    if len(odd) != 1 or len(parts) < 3:
        raise ValueError("no odd part")
    return checked(odd[0].copy())


def _part_by_count(g: np.ndarray, pick: Callable[[list[int]], int]) -> np.ndarray:
    """The one part whose count of non-background cells is `pick` (max or min) of all parts'."""
    parts = split_parts(g)
    bg = background(g)
    counts = [int((p != bg).sum()) for p in parts]
    if counts.count(pick(counts)) != 1:
        raise ValueError("tie")
    return checked(parts[counts.index(pick(counts))].copy())


@primitive(GRID, returns=GRID)
def densest_part(g: np.ndarray) -> np.ndarray:
    """The part with the most non-background cells (defined when there is no tie)."""
    return _part_by_count(g, max)


@primitive(GRID, returns=GRID)
def sparsest_part(g: np.ndarray) -> np.ndarray:
    """The part with the fewest non-background cells (defined when there is no tie)."""
    return _part_by_count(g, min)


def _bands(separator: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of lines that are not separators."""
    bands, start = [], None
    for i, sep in enumerate(separator.tolist() + [True]):
        if not sep and start is None:
            start = i
        elif sep and start is not None:
            bands.append((start, i))
            start = None
    return bands


def _grid_lines(g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which rows and columns are separators: full lines of one non-background colour, the colour
    whose lines cross both ways preferred (then the most lines, then the lowest colour)."""
    bg = background(g)
    rows = np.where((g == g[:, :1]).all(axis=1), g[:, 0].astype(int), -1)
    cols = np.where((g == g[:1, :]).all(axis=0), g[0, :].astype(int), -1)
    best: tuple[int, int, int] | None = None
    for c in set(rows.tolist() + cols.tolist()) - {-1, bg}:
        nr, nc = int((rows == c).sum()), int((cols == c).sum())
        if nr < g.shape[0] and nc < g.shape[1]:
            key = (int(nr > 0 and nc > 0), nr + nc, -c)
            best = key if best is None or key > best else best
    if best is None:
        raise ValueError("no separator lines")
    return rows == -best[2], cols == -best[2]


@primitive(GRID, returns=GRID)
def part_colours(g: np.ndarray) -> np.ndarray:
    """The cells between separator lines, each shrunk to one cell of its most common colour.

    The separators are full rows and columns of one non-background colour (see `_grid_lines`); the
    cells may differ in size. The result has one row per band of rows and one column per band of
    columns.
    """
    sep_rows, sep_cols = _grid_lines(g)
    row_bands, col_bands = _bands(sep_rows), _bands(sep_cols)
    if len(row_bands) * len(col_bands) < 2:
        raise ValueError("one cell")
    out = np.zeros((len(row_bands), len(col_bands)), dtype=np.uint8)
    for i, (r0, r1) in enumerate(row_bands):
        for j, (c0, c1) in enumerate(col_bands):
            out[i, j] = np.bincount(g[r0:r1, c0:c1].ravel(), minlength=10).argmax()
    return checked(out)


@primitive(GRID, returns=GRID)
def parts_spread(g: np.ndarray) -> np.ndarray:
    """Every cell between separator lines becomes the overlay of all the cells (separators kept).

    The cells must be of one size; a cell's non-background colours paint over earlier cells'.
    """
    sep_rows, sep_cols = _grid_lines(g)
    boxes = [(r0, c0) for r0, r1 in _bands(sep_rows) for c0, c1 in _bands(sep_cols)]
    sizes = {(r1 - r0, c1 - c0) for r0, r1 in _bands(sep_rows) for c0, c1 in _bands(sep_cols)}
    if len(boxes) < 2 or len(sizes) != 1:
        raise ValueError("cells of different sizes")
    (h, w), bg = sizes.pop(), background(g)
    merged = g[boxes[0][0]:boxes[0][0] + h, boxes[0][1]:boxes[0][1] + w].copy()
    for r0, c0 in boxes[1:]:
        cell = g[r0:r0 + h, c0:c0 + w]
        merged = np.where(cell != bg, cell, merged)
    out = g.copy()
    for r0, c0 in boxes:
        out[r0:r0 + h, c0:c0 + w] = merged
    return checked(out)


@primitive(GRID, NAME, returns=OBJECTS, search=False)
def parts_of(g: np.ndarray, layout: str) -> tuple[Object, ...]:
    """The parts of a layout as objects: each spans its part, its cells the part's non-background ones."""
    boxes = part_boxes(g, layout)
    parts = [g[t:t + h, l:l + w] for t, l, h, w in boxes]
    bg = parts_background(parts)
    out = []
    for (top, left, _, _), p in zip(boxes, parts):
        mask = p != bg
        out.append(Object(top, left, frozen(mask), frozen(np.where(mask, p, 0).astype(np.uint8, copy=False))))
    return tuple(out)
