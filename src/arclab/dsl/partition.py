"""Partitions: grids split by separator lines (or in equal halves), and cell-wise logic of the parts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._registry import primitive
from ._types import COLOUR, GRID
from ._util import background, checked


def _separators(g: np.ndarray, axis: int) -> list[int]:
    """Indices of full rows (axis 0) or columns (axis 1) of one non-background colour."""
    lines = g if axis == 0 else g.T
    bg = background(g)
    return [i for i, line in enumerate(lines) if line[0] != bg and (line == line[0]).all()]


def split_parts(g: np.ndarray) -> list[np.ndarray]:
    """The cells of a grid divided by uniform separator lines, else its two equal halves."""
    h, w = g.shape
    for axis in (1, 0):
        seps = _separators(g, axis)
        colours = {int((g if axis == 0 else g.T)[i][0]) for i in seps}
        if seps and len(colours) == 1 and len(seps) < (h if axis == 0 else w) // 2:
            bounds = [-1] + seps + [h if axis == 0 else w]
            parts = [g[a + 1:b] if axis == 0 else g[:, a + 1:b] for a, b in zip(bounds, bounds[1:]) if b - a > 1]
            if len(parts) >= 2 and len({p.shape for p in parts}) == 1:
                return parts
    if w % 2 == 0 and w >= 2:
        return [g[:, : w // 2], g[:, w // 2:]]
    if h % 2 == 0 and h >= 2:
        return [g[: h // 2], g[h // 2:]]
    raise ValueError("no partition")


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
    return checked(np.where(out, c, 0).astype(np.uint8))


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
    return checked(out.astype(np.uint8))


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
