"""Counting: outputs whose size or colours come from a count."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from ._registry import primitive
from ._types import COLOUR, COLOURMAP, GRID, INT, NAME
from ._util import background, checked, fg_counts, symmetries
from ._vocabulary import Vocabulary, vocabulary


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
    counts = fg_counts(g)
    order = _commonest_first(counts)
    if not order:
        raise ValueError("no colours")
    height = int(counts[order[0]])
    out = np.full((height, len(order)), background(g), dtype=np.uint8)
    for x, c in enumerate(order):
        out[height - counts[c]:, x] = c
    return checked(out)


@primitive(GRID, INT, returns=GRID)
def colours_by_count(g: np.ndarray, skip: int) -> np.ndarray:
    """A column of the non-background colours, commonest first (ties: lower colour first), after the skip commonest."""
    order = _commonest_first(fg_counts(g))
    if skip < 0 or skip >= len(order):
        raise ValueError("no colours left")
    return checked(np.array(order[skip:], dtype=np.uint8).reshape(-1, 1))


def _commonest_first(counts: np.ndarray) -> list[int]:
    """The colours that occur, commonest first (ties: lower colour first)."""
    return [int(c) for c in np.argsort(-counts, kind="stable") if counts[c] > 0]


def _main_colour(g: np.ndarray) -> int:
    counts = fg_counts(g)
    return int(counts.argmax()) if counts.any() else -1


def _shape_count(g: np.ndarray) -> int:
    """How many distinct shapes the grid's single-colour 8-connected objects have."""
    from .objects import OBJECT_EXTRACTORS  # imported late: objects' primitives register after these

    return len({(o.mask.shape, o.mask.tobytes()) for o in OBJECT_EXTRACTORS.function("objects8")(g)})


def _object_count(extractor: str, g: np.ndarray) -> int:
    """How many objects an extractor (named in the object_extractors vocabulary) finds."""
    from .objects import OBJECT_EXTRACTORS

    return len(OBJECT_EXTRACTORS.function(extractor)(g))


GRID_SCALARS: Vocabulary[Callable[[np.ndarray], int]] = vocabulary(
    "grid_scalars", "grid scalar", [INT], doc="f(grid) -> int: whole-grid facts that can pick an output from a table.")
"""Whole-grid facts that can pick an output from a table."""

for _name, _function, _doc in (
    ("main_colour", _main_colour, "The most common non-background colour (-1 if none)."),
    ("background", background, ""),
    ("colours", lambda g: len(np.unique(g)), "How many colours the grid has."),
    ("colour_set", lambda g: int(sum(1 << int(c) for c in np.unique(g))), "The grid's colours as a bitmask."),
    ("fg_cells", lambda g: int((g != background(g)).sum()), "How many cells are not background."),
    ("objects8", partial(_object_count, "objects8"), "How many objects objects8 finds."),
    ("objects4", partial(_object_count, "objects4"), "How many objects objects4 finds."),
    ("shapes", _shape_count, ""),
    ("symmetries", symmetries, ""),
    ("height", lambda g: g.shape[0], "The grid's height."),
    ("width", lambda g: g.shape[1], "The grid's width."),
):
    GRID_SCALARS.add(_name, _function, returns=INT, doc=_doc)


@primitive(GRID, NAME, COLOURMAP, returns=GRID, search=False)
def lookup(g: np.ndarray, scalar: str, table: tuple[tuple[int, tuple[tuple[int, ...], ...]], ...]) -> np.ndarray:
    """The output grid the table gives for one whole-grid fact about g (its main colour, object count...)."""
    rows = dict(table).get(GRID_SCALARS.function(scalar)(g))
    if rows is None:
        raise ValueError("no output for this value")
    return checked(np.array(rows, dtype=np.uint8))
