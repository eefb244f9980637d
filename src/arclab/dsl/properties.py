"""Integer properties of objects, by name: what per-object rules are conditioned on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np

from ._registry import primitive
from ._types import COLOUR, COLOURMAP, GRID, INT, NAME, OBJECT, OBJECTS, Object
from ._util import background, checked, holes, symmetries
from ._vocabulary import Vocabulary, vocabulary
from .objects import box_of

Objects = tuple[Object, ...]


def _holes(o: Object) -> int:
    return holes(o.mask)


def _shape_key(o: Object) -> tuple[tuple[int, ...], bytes]:
    return (o.mask.shape, o.mask.tobytes())


def _colour(o: Object) -> int:
    return int(np.bincount(o.colours[o.mask], minlength=10).argmax())


def _rank(values: list[int], v: int) -> int:
    """1 for the largest value, 2 for the next distinct one, ..."""
    return sorted(set(values), reverse=True).index(v) + 1


def _touches_border(o: Object, objs: Objects, g: np.ndarray) -> int:
    h, w = g.shape
    return int(o.top == 0 or o.left == 0 or o.top + o.height == h or o.left + o.width == w)


def _minor_cells(o: Object) -> int:
    """Cells of the object not of its main colour."""
    return o.size - int(np.bincount(o.colours[o.mask], minlength=10).max())


def _contacts(o: Object, g: np.ndarray) -> int:
    """Cells around the object (8-neighbours) of another colour than the background and not its own."""
    h, w = g.shape
    top, left = max(0, o.top - 1), max(0, o.left - 1)
    bottom, right = min(h, o.top + o.height + 1), min(w, o.left + o.width + 1)
    mask = np.zeros((bottom - top, right - left), dtype=bool)
    mask[o.top - top:o.top - top + o.height, o.left - left:o.left - left + o.width] = o.mask
    padded = np.pad(mask, 1)
    grown = np.zeros_like(mask)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            grown |= padded[dy:dy + mask.shape[0], dx:dx + mask.shape[1]]
    ring = grown & ~mask
    around = g[top:bottom, left:right][ring]
    own = set(np.unique(o.colours[o.mask]).tolist())
    return int(sum(1 for v in around.tolist() if v != background(g) and v not in own))


PropertyFn = Callable[[Object, Objects, np.ndarray], int]

OBJECT_PROPERTIES: Vocabulary[PropertyFn] = vocabulary(
    "object_properties", "object property", [INT],
    doc="f(object, all objects of the grid, grid) -> int: what per-object rules are conditioned on.")
"""Property name -> f(object, all objects of the grid, grid) -> int. Order: simplest first."""

for _name, _function, _doc in (
    ("colour", lambda o, objs, g: _colour(o), "Its most frequent colour."),
    ("size", lambda o, objs, g: o.size, "Its cell count."),
    ("height", lambda o, objs, g: o.height, "Its bounding box's height."),
    ("width", lambda o, objs, g: o.width, "Its bounding box's width."),
    ("is_largest", lambda o, objs, g: int(o.size == max(p.size for p in objs)), "1 if no object has more cells."),
    ("is_smallest", lambda o, objs, g: int(o.size == min(p.size for p in objs)), "1 if no object has fewer cells."),
    ("size_rank", lambda o, objs, g: _rank([p.size for p in objs], o.size), "1 for the largest size, 2 the next..."),
    ("holes", lambda o, objs, g: _holes(o), "How many background cells it encloses."),
    ("has_holes", lambda o, objs, g: int(_holes(o) > 0), "1 if it encloses a background cell."),
    ("touches_border", _touches_border, "1 if its box touches the grid's border."),
    ("is_rectangle", lambda o, objs, g: int(bool(o.mask.all())), "1 if it fills its bounding box."),
    ("is_symmetric", lambda o, objs, g: int(np.array_equal(o.mask, o.mask[:, ::-1])
                                            and np.array_equal(o.colours, o.colours[:, ::-1])),
     "1 if it is left-right symmetric."),
    ("symmetric_colours", lambda o, objs, g: int(symmetries(o.colours) != 0), "1 if its box has any symmetry."),
    ("n_colours", lambda o, objs, g: int(len(np.unique(o.colours[o.mask]))), "How many colours it has."),
    ("shape_count", lambda o, objs, g: Counter(_shape_key(p) for p in objs)[_shape_key(o)],
     "How many objects have its shape."),
    ("colour_count", lambda o, objs, g: sum(_colour(p) == _colour(o) for p in objs),
     "How many objects have its main colour."),
    ("is_line", lambda o, objs, g: int(o.height == 1 or o.width == 1), "1 if it is one cell high or wide."),
    ("minor_cells", lambda o, objs, g: _minor_cells(o), "Its cells not of its main colour."),
    ("contacts", lambda o, objs, g: _contacts(o, g), "Cells around it of another object's colour."),
):
    OBJECT_PROPERTIES.add(_name, _function, returns=INT, doc=_doc)


def _lookup(table: tuple[tuple[int, int], ...], v: int) -> int | None:
    for key, value in table:
        if key == v:
            return value
    return None


@primitive(GRID, OBJECTS, NAME, COLOURMAP, returns=GRID, search=False)
def recolour_by(g: np.ndarray, objs: Objects, prop: str, table: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Paint each object the colour its property value maps to in a table learned from the train pairs."""
    fn = OBJECT_PROPERTIES.function(prop)
    out = g.copy()
    for o in objs:
        colour = _lookup(table, fn(o, objs, g))
        if colour is None:
            raise ValueError(f"no rule for {prop}={fn(o, objs, g)}")
        box_of(out, o)[o.mask] = colour
    return checked(out)


@primitive(GRID, OBJECTS, NAME, returns=GRID, search=False)
def adopt_colour(g: np.ndarray, objs: Objects, feature: str) -> np.ndarray:
    """Paint each object the one colour its cells see through a colour-valued cell feature (a ray, an edge, a neighbour), its own colours and the background aside; an object that sees none or several keeps its colours."""
    from .cell_features import CELL_FEATURES, NONE

    entry = CELL_FEATURES.get(feature)
    if entry is None or entry.returns != COLOUR or feature == "colour":
        raise ValueError(f"no colour feature {feature!r}")
    seen_through = np.asarray(entry.function(g))
    out, bg, changed = g.copy(), background(g), False
    for o in objs:
        ys, xs = np.nonzero(o.mask)
        ys, xs = ys + o.top, xs + o.left
        seen = set(seen_through[ys, xs].tolist()) - {NONE, bg} - set(g[ys, xs].tolist())
        if len(seen) == 1:
            out[ys, xs] = seen.pop()
            changed = True
    if not changed:
        raise ValueError("no object sees one colour")
    return checked(out)


def _select(objs: Objects, g: np.ndarray, prop: str, pick: Callable[[list[int]], list[int]]) -> Object:
    fn = OBJECT_PROPERTIES.function(prop)
    values = [fn(o, objs, g) for o in objs]
    chosen = pick(values)
    if len(chosen) != 1:
        raise ValueError("no single object")
    return objs[chosen[0]]


@primitive(GRID, OBJECTS, NAME, INT, returns=OBJECT, search=False)
def select_where(g: np.ndarray, objs: Objects, prop: str, value: int) -> Object:
    """The one object whose property equals `value` (learned from the train pairs)."""
    return _select(objs, g, prop, lambda vs: [i for i, v in enumerate(vs) if v == value])


@primitive(GRID, OBJECTS, NAME, returns=OBJECT, search=False)
def select_max(g: np.ndarray, objs: Objects, prop: str) -> Object:
    """The one object with the largest value of the property."""
    return _select(objs, g, prop, lambda vs: [i for i, v in enumerate(vs) if v == max(vs)])


@primitive(GRID, OBJECTS, NAME, returns=OBJECT, search=False)
def select_min(g: np.ndarray, objs: Objects, prop: str) -> Object:
    """The one object with the smallest value of the property."""
    return _select(objs, g, prop, lambda vs: [i for i, v in enumerate(vs) if v == min(vs)])
