"""Colour: frequencies, background, recolouring, palette swaps and learned colour maps."""

from __future__ import annotations

import numpy as np

from ._registry import primitive
from ._types import COLOUR, COLOURMAP, GRID
from ._util import background, checked, fg_counts


@primitive(GRID, returns=COLOUR)
def most_common(g: np.ndarray) -> int:
    """The most frequent colour (ties: the lowest)."""
    return background(g)


@primitive(GRID, returns=COLOUR)
def least_common(g: np.ndarray) -> int:
    """The least frequent colour present (ties: the lowest)."""
    counts = np.bincount(g.ravel(), minlength=10).astype(np.int64)
    counts[counts == 0] = 1 << 30
    return int(counts.argmin())


@primitive(GRID, returns=COLOUR)
def most_common_fg(g: np.ndarray) -> int:
    """The most frequent colour other than the background."""
    counts = fg_counts(g)
    if not counts.any():
        raise ValueError("no foreground")
    return int(counts.argmax())


@primitive(GRID, COLOUR, COLOUR, returns=GRID, cost=2)
def recolour(g: np.ndarray, a: int, b: int) -> np.ndarray:
    """Paint every cell of colour a with colour b."""
    if a == b or not (g == a).any() or not 0 <= b <= 9:
        raise ValueError("no-op or colour out of range")
    out = g.copy()
    out[g == a] = b
    return checked(out)


@primitive(GRID, COLOUR, COLOUR, returns=GRID, cost=2)
def swap_colours(g: np.ndarray, a: int, b: int) -> np.ndarray:
    """Exchange colours a and b."""
    if a >= b:
        raise ValueError("canonical order only")
    out = g.copy()
    out[g == a] = b
    out[g == b] = a
    return checked(out)


@primitive(GRID, COLOUR, returns=GRID)
def keep_colour(g: np.ndarray, c: int) -> np.ndarray:
    """Keep only the cells of colour c; the rest becomes background."""
    bg = background(g)
    if c == bg:
        raise ValueError("keeping the background")
    return checked(np.where(g == c, g, bg).astype(np.uint8, copy=False))


@primitive(GRID, COLOUR, returns=GRID)
def erase_colour(g: np.ndarray, c: int) -> np.ndarray:
    """Turn every cell of colour c into background."""
    bg = background(g)
    if c == bg or not (g == c).any():
        raise ValueError("no-op")
    return checked(np.where(g == c, bg, g).astype(np.uint8, copy=False))


@primitive(GRID, COLOUR, returns=GRID)
def fg_to_colour(g: np.ndarray, c: int) -> np.ndarray:
    """Paint every non-background cell with colour c."""
    bg = background(g)
    return checked(np.where(g != bg, c, g).astype(np.uint8, copy=False))


@primitive(GRID, COLOURMAP, returns=GRID, search=False)
def map_colours(g: np.ndarray, mapping: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Recolour cell by cell with a colour map learned from the train pairs (other colours stay)."""
    table = np.arange(10, dtype=np.uint8)
    for a, b in mapping:
        table[a] = b
    return checked(table[g])


ROLE = 10
"""In a role map, code ROLE + r names the colour of rank r in the reference grid; 0-9 are colours."""


def colour_roles(ref: np.ndarray) -> list[int]:
    """The reference grid's colours, commonest first (ties: lower colour first): rank r is role r."""
    counts = np.bincount(ref.ravel(), minlength=10)
    present = np.nonzero(counts)[0]
    return [int(c) for c in sorted(present.tolist(), key=lambda c: (-counts[c], c))]


def role_code(colour: int, roles: list[int]) -> int:
    """A colour's code in a role map: its role if the reference has it, else the colour itself."""
    return ROLE + roles.index(colour) if colour in roles else colour


@primitive(GRID, GRID, COLOURMAP, returns=GRID, search=False)
def map_roles(g: np.ndarray, ref: np.ndarray, mapping: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Recolour by colour roles learned from the pairs: codes 10+r are ref's r-th commonest colour."""
    roles = colour_roles(ref)

    def colour(code: int) -> int:
        if code < ROLE:
            return code
        if code - ROLE >= len(roles):
            raise ValueError("the reference has no colour of that rank")
        return roles[code - ROLE]

    table = np.arange(10, dtype=np.uint8)
    for key, target in mapping:
        if key >= ROLE and key - ROLE >= len(roles):
            continue  # a rank this reference lacks names no colour here (as the map was learned)
        source = colour(key)
        if key < ROLE and source in roles:
            continue  # a literal key stands for a colour the reference doesn't have
        if target - ROLE >= len(roles) and not (g == source).any():
            continue  # a rank this reference lacks, for a colour g lacks: it changes nothing (as learned)
        table[source] = colour(target)
    return checked(table[g])


@primitive(GRID, GRID, COLOURMAP, returns=GRID, search=False)
def cellwise(a: np.ndarray, b: np.ndarray, table: tuple[tuple[tuple[int, int], int], ...]) -> np.ndarray:
    """Each cell's colour from the pair (a's colour, b's colour) by a learned table; unlisted pairs keep a's."""
    if a.shape != b.shape:
        raise ValueError("shapes differ")
    lookup = np.arange(100, dtype=np.int16) // 10
    for key, c in table:
        if not (isinstance(key, tuple) and len(key) == 2 and all(0 <= k <= 9 for k in key) and 0 <= c <= 9):
            raise ValueError(f"bad table entry {key!r}: {c!r}")
        lookup[key[0] * 10 + key[1]] = c
    return checked(lookup[a.astype(np.int16) * 10 + b].astype(np.uint8))
