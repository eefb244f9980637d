"""Partitions: grids split by separator lines (or in equal halves), and cell-wise logic of the parts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._registry import primitive
from ._types import COLOUR, COLOURMAP, GRID, NAME, OBJECTS, Object, frozen
from ._util import background, checked, memo


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


LAYOUTS = ("lines", "squares", "rows2", "rows3", "rows4", "cols2", "cols3", "cols4", "grid2", "grid3")
"""How `parts_by` splits a grid: by separator lines, into squares along its long side, or into n equal
strips (rows, columns) or n x n blocks."""


def part_boxes(g: np.ndarray, layout: str) -> list[tuple[int, int, int, int]]:
    """(top, left, height, width) of each part of g under a named layout (ValueError if g does not split so)."""
    h, w = g.shape
    if layout == "lines":
        for axis in (1, 0):
            boxes = _separated_boxes(g, axis)
            if boxes is not None:
                return boxes
        raise ValueError("no separator lines")
    if layout == "squares":
        side = min(h, w)
        if max(h, w) % side or h == w:
            raise ValueError("not a row of squares")
        return [(k * side, 0, side, side) if h > w else (0, k * side, side, side) for k in range(max(h, w) // side)]
    if layout not in LAYOUTS:
        raise ValueError(f"no layout {layout!r}")
    n = int(layout[-1])
    rows = n if layout.startswith(("rows", "grid")) else 1
    cols = n if layout.startswith(("cols", "grid")) else 1
    # equal strips, with or without one-cell separators between them
    ph, pw = _strip(h, rows), _strip(w, cols)
    if ph is None or pw is None:
        raise ValueError(f"{h}x{w} does not split as {layout}")
    gap_h, gap_w = (h - ph * rows) // max(1, rows - 1), (w - pw * cols) // max(1, cols - 1)
    return [(r * (ph + gap_h), c * (pw + gap_w), ph, pw) for r in range(rows) for c in range(cols)]


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
