"""Compiled kernels (numba) for the DSL's hottest loops, with the numpy/scipy code as the fallback.

Object extraction labels tiny grids tens of thousands of times a second; scipy's labelling is fast
in C but costs tens of microseconds of Python around each call. One compiled pass labels a grid,
finds each part's box and cuts every part's mask and colours into two flat buffers.

Set ARCLAB_NUMBA=0 to run without numba (the fallback gives the same objects in the same order;
tests/dsl compares the two). Compiled code is cached on disk (`cache=True`), so only the first
process on a machine pays the compile time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np

ENABLED: bool = os.environ.get("ARCLAB_NUMBA", "1") != "0"
"""Whether the compiled kernels run (numba importable and not turned off by ARCLAB_NUMBA=0)."""

Parts = tuple[int, np.ndarray, np.ndarray, np.ndarray]
"""(parts found, their boxes as rows of top, left, bottom, right, label; the flat masks; the flat
colours). Connected parts come in reading order of their boxes' top-left corners, colour sets in
colour order."""

F = TypeVar("F", bound=Callable[..., Any])


def _numba_jit() -> Callable[[F], F] | None:
    """numba's compiler (cached on disk, no GIL held), or None without numba or when turned off."""
    if not ENABLED:
        return None
    try:
        import numba
    except ImportError:
        return None
    # a compiled function is called as the plain one (numba types it as a Dispatcher)
    return cast(Callable[[F], F], numba.njit(cache=True, nogil=True))


_JIT = _numba_jit()
COMPILED: bool = _JIT is not None
"""Whether the kernels below are compiled (else `parts` returns None and callers use numpy/scipy)."""


def kernel(function: F) -> F:
    """Compile a kernel when numba is on; the plain function otherwise (never called then)."""
    return _JIT(function) if _JIT is not None else function


def kernels_compiled() -> bool:
    """Whether compiled kernels run now (callers outside this module read it per call)."""
    return COMPILED


_WARMERS: list[Callable[[], object]] = []


def on_warm(warmer: Callable[[], object]) -> None:
    """Have `warm_kernels` also run `warmer`, which calls another layer's kernels once."""
    _WARMERS.append(warmer)


@kernel
def _neighbours(connectivity: int) -> np.ndarray:
    """Row and column steps to a cell's neighbours (4: edges; 8: edges and corners)."""
    steps = np.array([-1, 0, 0, -1, 0, 1, 1, 0, -1, -1, -1, 1, 1, -1, 1, 1], dtype=np.int64).reshape(8, 2)
    return steps if connectivity == 8 else steps[:4]


@kernel
def _label(g: np.ndarray, bg: int, connectivity: int, by_colour: bool, labels: np.ndarray) -> int:
    """Number the parts of g in `labels` (1, 2, ...; 0 for the background) and return how many.

    Connectivity 0: one part per colour (by_colour) or one of every non-background cell. Else
    connected components, of one colour (by_colour: colour after colour, ascending) or of any
    non-background colours, each colour's parts numbered in reading order of their first cell
    (as scipy's labelling of a stack of colour layers numbers them).
    """
    h, w = g.shape
    steps = _neighbours(connectivity)
    stack = np.empty(h * w, dtype=np.int64)
    n = 0
    for colour in range(10 if by_colour else 1):
        if by_colour and (colour == bg or not (g == colour).any()):
            continue
        opened = False  # connectivity 0: this colour's part is numbered at its first cell
        for r in range(h):
            for c in range(w):
                v = g[r, c]
                if labels[r, c] or v == bg or (by_colour and v != colour):
                    continue
                if connectivity == 0:
                    if not opened:
                        n, opened = n + 1, True
                    labels[r, c] = n
                    continue
                n += 1
                labels[r, c] = n
                top = 0
                stack[0] = r * w + c
                while top >= 0:
                    cell = stack[top]
                    top -= 1
                    cr, cc = cell // w, cell % w
                    for k in range(steps.shape[0]):
                        nr, nc = cr + steps[k, 0], cc + steps[k, 1]
                        if 0 <= nr < h and 0 <= nc < w and not labels[nr, nc]:
                            u = g[nr, nc]
                            if u != bg and (not by_colour or u == colour):
                                labels[nr, nc] = n
                                top += 1
                                stack[top] = nr * w + nc
    return n


@kernel
def _cut(g: np.ndarray, labels: np.ndarray, n: int, by_box: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each part's box (top, left, bottom, right; exclusive ends) and label, and its mask and
    colours over its box, flattened one part after another into two buffers (in label order, or
    `by_box` in reading order of the boxes' top-left corners)."""
    h, w = g.shape
    boxes = np.empty((n, 5), dtype=np.int64)
    boxes[:, 4] = np.arange(1, n + 1)
    boxes[:, 0] = h
    boxes[:, 1] = w
    boxes[:, 2] = 0
    boxes[:, 3] = 0
    for r in range(h):
        for c in range(w):
            i = labels[r, c] - 1
            if i >= 0:
                boxes[i, 0] = min(boxes[i, 0], r)
                boxes[i, 1] = min(boxes[i, 1], c)
                boxes[i, 2] = max(boxes[i, 2], r + 1)
                boxes[i, 3] = max(boxes[i, 3], c + 1)
    if by_box:  # reading order of the boxes' top-left corners; ties keep the labelling's order
        boxes = boxes[np.argsort(boxes[:, 0] * 64 + boxes[:, 1], kind="mergesort")]
    total = 0
    for i in range(n):
        total += (boxes[i, 2] - boxes[i, 0]) * (boxes[i, 3] - boxes[i, 1])
    masks = np.zeros(total, dtype=np.bool_)
    colours = np.zeros(total, dtype=np.uint8)
    at = 0
    for i in range(n):
        for r in range(boxes[i, 0], boxes[i, 2]):
            for c in range(boxes[i, 1], boxes[i, 3]):
                if labels[r, c] == boxes[i, 4]:
                    masks[at] = True
                    colours[at] = g[r, c]
                at += 1
    return boxes, masks, colours


@kernel
def _parts(g: np.ndarray, bg: int, connectivity: int, by_colour: bool, most: int) -> tuple[
        int, np.ndarray, np.ndarray, np.ndarray]:
    """_label then _cut, or only the count when there are none or over `most`."""
    labels = np.zeros(g.shape, dtype=np.int32)
    n = _label(g, bg, connectivity, by_colour, labels)
    if n == 0 or n > most:
        empty = np.zeros(0, dtype=np.uint8)
        return n, np.zeros((0, 5), dtype=np.int64), empty.astype(np.bool_), empty
    boxes, masks, colours = _cut(g, labels, n, connectivity != 0)
    return n, boxes, masks, colours


@kernel
def _rays(g: np.ndarray, bg: int, steps: np.ndarray) -> np.ndarray:
    """g with every non-background cell's colour carried along each step until a non-background
    cell or the edge (cells painted by an earlier ray stay free for later ones, as in drawing._rays)."""
    h, w = g.shape
    out = g.copy()
    for y in range(h):
        for x in range(w):
            c = g[y, x]
            if c == bg:
                continue
            for k in range(steps.shape[0]):
                dy, dx = steps[k, 0], steps[k, 1]
                yy, xx = y + dy, x + dx
                while 0 <= yy < h and 0 <= xx < w and g[yy, xx] == bg:
                    out[yy, xx] = c
                    yy += dy
                    xx += dx
    return out


def rays(g: np.ndarray, bg: int, steps: np.ndarray) -> np.ndarray | None:
    """drawing._rays' painting of a uint8 grid by the compiled kernel (steps: rows of dy, dx), or
    None when the kernels are off."""
    if not COMPILED:
        return None
    result: np.ndarray = _rays(np.ascontiguousarray(g, dtype=np.uint8), bg, steps)
    return result


def parts(g: np.ndarray, bg: int, connectivity: int, by_colour: bool, most: int) -> Parts | None:
    """The parts of a uint8 grid (see `_label`), or None when the kernels are off (the caller
    then runs its numpy/scipy code). bg -1: no background."""
    if not COMPILED:
        return None
    n, boxes, masks, colours = _parts(np.ascontiguousarray(g, dtype=np.uint8), bg, connectivity, by_colour, most)
    return int(n), boxes, masks, colours


def warm_kernels() -> None:
    """Compile the kernels now (or load them from numba's on-disk cache: a fraction of a second),
    so the first task a worker solves does not pay for it; harmless when the kernels are off.
    numba compiles one version for writable arrays and another for read-only ones (the search's
    grids are read-only), so both are warmed: a version first met inside a task is compiled there,
    which took 19 s past a task's deadline on a fresh checkout."""
    writable = np.array([[0, 1], [2, 0]], dtype=np.uint8)
    read_only = writable.copy()
    read_only.flags.writeable = False
    for g in (writable, read_only):
        parts(g, 0, 4, True, 60)
        rays(g, 0, np.array([[0, 1]], dtype=np.int64))
    for warmer in _WARMERS:
        warmer()
