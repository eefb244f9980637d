"""Physics: objects that fall as rigid bodies, and objects that move until they touch another."""

from __future__ import annotations

import numpy as np

from ._registry import derived, primitive
from ._types import GRID, Object, frozen
from ._util import background, checked, memo
from .objects import blobs


def _paint(out: np.ndarray, o: Object, dy: int, dx: int) -> None:
    region = out[o.top + dy:o.top + dy + o.height, o.left + dx:o.left + dx + o.width]
    region[o.mask] = o.colours[o.mask]


def _fits(occupied: np.ndarray, o: Object, dy: int, dx: int) -> bool:
    h, w = occupied.shape
    top, left = o.top + dy, o.left + dx
    if top < 0 or left < 0 or top + o.height > h or left + o.width > w:
        return False
    return not (occupied[top:top + o.height, left:left + o.width] & o.mask).any()


@memo
def _fall_down(g: np.ndarray) -> np.ndarray:
    """Objects fallen down, read-only (memoised by content: drop_up of a grid is drop_down of its
    flip, and both are enumerated)."""
    bg = background(g)
    objs = sorted(blobs(g), key=lambda o: -(o.top + o.height))
    out = np.full_like(g, bg)
    occupied = np.zeros(g.shape, dtype=bool)
    moved = False
    for o in objs:
        dy = 0
        while _fits(occupied, o, dy + 1, 0):
            dy += 1
        moved |= dy > 0
        _paint(out, o, dy, 0)
        occupied[o.top + dy:o.top + dy + o.height, o.left:o.left + o.width] |= o.mask
    if not moved:
        raise ValueError("nothing falls")
    return frozen(out)


def drop(g: np.ndarray, direction: str) -> np.ndarray:
    """Each object (multi-colour, 8-connected) moved as a rigid body towards one side ("down", "up",
    "left", "right") until it rests against the edge or another object."""
    if direction == "down":
        return checked(_fall_down(g))
    if direction == "up":
        return checked(_fall_down(g[::-1])[::-1])
    if direction == "left":
        return checked(np.rot90(_fall_down(np.rot90(g, 1)), 3))
    if direction == "right":
        return checked(np.rot90(_fall_down(np.rot90(g, 3)), 1))
    raise ValueError(f"direction {direction!r}: down, up, left or right")


DROPS = (
    ("down", "Each object (multi-colour, 8-connected) falls as a rigid body until it rests on the floor or another."),
    ("up", "Each object rises as a rigid body until it rests against the top or another object."),
    ("left", "Each object slides left as a rigid body until it rests against the edge or another object."),
    ("right", "Each object slides right as a rigid body until it rests against the edge or another object."),
)
"""(direction, doc) of each `drop_<direction>` primitive, in enumeration order."""


def _drop_primitive(direction: str, doc: str) -> None:
    def dropped(g: np.ndarray) -> np.ndarray:
        return drop(g, direction)

    called = f"drop_{direction}"
    primitive(GRID, returns=GRID, cost=2, name=called)(derived(globals(), called, dropped, doc))


for _direction, _doc in DROPS:
    _drop_primitive(_direction, _doc)


@primitive(GRID, returns=GRID, cost=2)
def attract(g: np.ndarray) -> np.ndarray:
    """Every object moves straight toward the largest object until it touches it."""
    return _attract(g, largest=True)


@primitive(GRID, returns=GRID, cost=2)
def attract_smallest(g: np.ndarray) -> np.ndarray:
    """Every object moves straight toward the smallest object until it touches it."""
    return _attract(g, largest=False)


def _attract(g: np.ndarray, largest: bool) -> np.ndarray:
    """Every object moves straight toward the largest (or smallest) object until it touches it."""
    objs = blobs(g)
    if len(objs) < 2:
        raise ValueError("one object")
    anchor = (max if largest else min)(objs, key=lambda o: o.size)
    if sum(o.size == anchor.size for o in objs) != 1:
        raise ValueError("no single anchor object")
    bg = background(g)
    out = np.full_like(g, bg)
    occupied = np.zeros(g.shape, dtype=bool)
    _paint(out, anchor, 0, 0)
    occupied[anchor.top:anchor.top + anchor.height, anchor.left:anchor.left + anchor.width] |= anchor.mask
    moved = False
    for o in objs:
        if o is anchor:
            continue
        rows_overlap = o.top < anchor.top + anchor.height and anchor.top < o.top + o.height
        cols_overlap = o.left < anchor.left + anchor.width and anchor.left < o.left + o.width
        if rows_overlap == cols_overlap:
            step = (0, 0)
        elif rows_overlap:
            step = (0, 1 if o.left < anchor.left else -1)
        else:
            step = (1 if o.top < anchor.top else -1, 0)
        dy = dx = 0
        if step != (0, 0):
            while _fits(occupied, o, dy + step[0], dx + step[1]):
                dy, dx = dy + step[0], dx + step[1]
                if abs(dy) + abs(dx) > 30:
                    break
        moved |= (dy, dx) != (0, 0)
        _paint(out, o, dy, dx)
        occupied[o.top + dy:o.top + dy + o.height, o.left + dx:o.left + dx + o.width] |= o.mask
    if not moved:
        raise ValueError("nothing moves")
    return checked(out)
