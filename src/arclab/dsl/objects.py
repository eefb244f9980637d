"""Objects: connected components and what can be asked of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable

import numpy as np
from scipy import ndimage

from ._kernels import Parts, parts
from ._registry import derived, grid_family, primitive, resolve
from ._types import COLOUR, GRID, INT, NAME, OBJECT, OBJECTS, Object, frozen
from ._util import background, bbox, checked, holes, memo
from ._vocabulary import Vocabulary, vocabulary

_FOUR = ndimage.generate_binary_structure(2, 1)
_EIGHT = ndimage.generate_binary_structure(2, 2)


def extract_objects(g: np.ndarray, connectivity: int, by_colour: bool,
                    with_background: bool = False) -> tuple[Object, ...]:
    """The objects of g: connected components (connectivity 4 or 8) in reading order of their boxes'
    top-left corners, or at connectivity 0 every cell of a colour as one object, in colour order.

    Each object holds one colour (`by_colour`) or every colour touching it; the background's
    cells are left out unless `with_background`. A ValueError when there are none or over 60.
    """
    if connectivity not in (0, 4, 8):
        raise ValueError(f"connectivity {connectivity}: 0, 4 or 8")
    if connectivity == 0:
        return _colour_sets(g, by_colour, with_background)
    return _components(g, connectivity, by_colour, with_background)


def _colour_sets(g: np.ndarray, by_colour: bool, with_background: bool) -> tuple[Object, ...]:
    cut = parts(g, -1 if with_background else background(g), 0, by_colour, 60)
    if cut is not None:
        if cut[0] == 0:
            raise ValueError("no objects")
        return tuple(_cut_objects(cut))
    bg = None if with_background else background(g)
    if by_colour:
        found = tuple(_make(g, g == c) for c in np.unique(g) if c != bg)
    else:
        found = (_make(g, g != bg),) if (g != bg).any() else ()
    if not found:
        raise ValueError("no objects")
    return found


def _make(g: np.ndarray, mask: np.ndarray) -> Object:
    top, left, bottom, right = bbox(mask)
    m = mask[top:bottom, left:right]
    colours = np.where(m, g[top:bottom, left:right], 0).astype(np.uint8, copy=False)
    return Object(top, left, frozen(m.copy()), frozen(colours))


@memo
def _components(g: np.ndarray, connectivity: int, by_colour: bool, with_background: bool) -> tuple[Object, ...]:
    """Components of (non-background) cells (memoised by content: physics and counting ask again)."""
    cut = parts(g, -1 if with_background else background(g), connectivity, by_colour, 60)
    if cut is not None:  # the compiled kernel: the same objects as the scipy code below
        _count_ok(cut[0])
        return tuple(_cut_objects(cut))
    return _components_scipy(g, connectivity, by_colour, with_background)


def _components_scipy(g: np.ndarray, connectivity: int, by_colour: bool,
                      with_background: bool) -> tuple[Object, ...]:
    """_components by scipy's labelling (without the compiled kernels)."""
    structure = _EIGHT if connectivity == 8 else _FOUR
    bg = None if with_background else background(g)
    if by_colour:
        colours = [c for c in np.flatnonzero(np.bincount(g.ravel(), minlength=10)).tolist() if c != bg]
        _count_ok(len(colours))
        # one labelling of a stack of colour layers: a component never crosses layers, and labels
        # run layer by layer in colour order, as labelling each colour in turn would number them
        layers = g[None] == np.array(colours, dtype=g.dtype)[:, None, None]
        labels, n = ndimage.label(layers, _LAYERED[connectivity])
        _count_ok(n)
        paints = [np.uint8(c) for c in colours]
        found = [_layer_component(labels, sl, i, paints[sl[0].start])
                 for i, sl in enumerate(ndimage.find_objects(labels), 1)]
    else:
        labels, n = ndimage.label(g != bg, structure)
        _count_ok(n)
        found = [_component(g, labels, sl, i) for sl, i in zip(ndimage.find_objects(labels), range(1, n + 1))]
    found.sort(key=lambda o: (o.top, o.left))
    return tuple(found)


def _cut_objects(cut: Parts) -> list[Object]:
    """Objects of a kernel's parts: views of its flat buffers (read-only), in the kernel's order."""
    _, boxes, masks, colours = cut
    masks.setflags(write=False)
    colours.setflags(write=False)
    found = []
    at = 0
    for top, left, bottom, right, _ in boxes.tolist():
        shape = (bottom - top, right - left)
        end = at + shape[0] * shape[1]
        found.append(Object(top, left, masks[at:end].reshape(shape), colours[at:end].reshape(shape)))
        at = end
    return found


def _count_ok(n: int) -> None:
    if n == 0 or n > 60:
        raise ValueError("no objects or too many")


def _layered(structure: np.ndarray) -> np.ndarray:
    """A 3-d structure that connects cells as `structure` does within a layer, never across layers."""
    out = np.zeros((3, 3, 3), dtype=bool)
    out[1] = structure
    return out


_LAYERED = {4: _layered(_FOUR), 8: _layered(_EIGHT)}


def _layer_component(labels: np.ndarray, sl: tuple[slice, ...], i: int, colour: np.uint8) -> Object:
    """Component `i` of a stack of colour layers, `sl` its box (layer, rows, columns)."""
    rows, cols = sl[1], sl[2]
    mask = labels[sl[0].start, rows, cols] == i
    mask.setflags(write=False)
    colours = mask.view(np.uint8) * colour
    colours.setflags(write=False)
    return Object(rows.start, cols.start, mask, colours)


def _component(g: np.ndarray, labels: np.ndarray, sl: tuple[slice, ...], i: int) -> Object:
    mask = labels[sl] == i
    colours = np.where(mask, g[sl], 0).astype(np.uint8, copy=False)
    return Object(sl[0].start, sl[1].start, frozen(mask), frozen(colours))


Extractor = Callable[[np.ndarray], tuple[Object, ...]]

OBJECT_EXTRACTORS: Vocabulary[Extractor] = vocabulary(
    "object_extractors", "object extractor", [OBJECTS], flags=["connected"],
    doc="Ways to cut a grid into objects; each is also a primitive Grid -> Objects.")
"""Members of the `extract_objects` family the DSL names (each is a primitive of the same name)."""

EXTRACTOR_GRID = (
    ("objects4", 4, True, "Single-colour 4-connected components of non-background cells."),
    ("objects8", 8, True, "Single-colour 8-connected components of non-background cells."),
    ("blobs", 8, False, "Multi-colour 8-connected components of non-background cells."),
    ("colour_sets", 0, True, "One object per non-background colour: all its cells, connected or not."),
)
"""(name, connectivity, by_colour, doc) of each named extractor, in the order the enumerator tries them."""


def _extractor(name: str, connectivity: int, by_colour: bool, doc: str) -> Extractor:
    def extract(g: np.ndarray) -> tuple[Object, ...]:
        return extract_objects(g, connectivity, by_colour)

    function = derived(globals(), name, extract, doc)
    primitive(GRID, returns=OBJECTS, name=name)(function)
    params = (("connectivity", connectivity), ("by_colour", by_colour), ("with_background", False))
    return OBJECT_EXTRACTORS.add(name, function, returns=OBJECTS, flags=["connected"] if connectivity else [],
                                 params=params)


for _name, _connectivity, _by_colour, _doc in EXTRACTOR_GRID:
    _extractor(_name, _connectivity, _by_colour, _doc)

objects4: Extractor = OBJECT_EXTRACTORS.function("objects4")
objects8: Extractor = OBJECT_EXTRACTORS.function("objects8")
blobs: Extractor = OBJECT_EXTRACTORS.function("blobs")
colour_sets: Extractor = OBJECT_EXTRACTORS.function("colour_sets")


def _unique_by(objs: tuple[Object, ...], key: Callable[[Object], Hashable]) -> Object:
    keys = [key(o) for o in objs]
    counts = Counter(keys)
    singles = [o for o, k in zip(objs, keys) if counts[k] == 1]
    if len(singles) != 1:
        raise ValueError("no unique object")
    return singles[0]


def _only_max(objs: tuple[Object, ...], key: Callable[[Object], int]) -> Object:
    values = [key(o) for o in objs]
    best = max(values)
    if values.count(best) != 1:
        raise ValueError("tie")
    return objs[values.index(best)]


@primitive(OBJECTS, returns=OBJECT)
def largest(objs: tuple[Object, ...]) -> Object:
    """The object with the most cells (defined when there is no tie)."""
    return _only_max(objs, lambda o: o.size)


@primitive(OBJECTS, returns=OBJECT)
def smallest(objs: tuple[Object, ...]) -> Object:
    """The object with the fewest cells (defined when there is no tie)."""
    return _only_max(objs, lambda o: -o.size)


@primitive(OBJECTS, returns=OBJECT)
def largest_box(objs: tuple[Object, ...]) -> Object:
    """The object with the largest bounding box (defined when there is no tie)."""
    return _only_max(objs, lambda o: o.height * o.width)


@primitive(OBJECTS, returns=OBJECT)
def most_colourful(objs: tuple[Object, ...]) -> Object:
    """The object with the most distinct colours (defined when there is no tie)."""
    return _only_max(objs, lambda o: len(np.unique(o.colours[o.mask])))


@primitive(OBJECTS, returns=OBJECT)
def unique_colour(objs: tuple[Object, ...]) -> Object:
    """The one object whose colour set no other object has."""
    return _unique_by(objs, lambda o: tuple(np.unique(o.colours[o.mask])))


@primitive(OBJECTS, returns=OBJECT)
def unique_shape(objs: tuple[Object, ...]) -> Object:
    """The one object whose shape (mask) no other object has."""
    return _unique_by(objs, lambda o: (o.mask.shape, o.mask.tobytes()))


@primitive(OBJECTS, returns=OBJECT)
def unique_size(objs: tuple[Object, ...]) -> Object:
    """The one object whose cell count no other object has."""
    return _unique_by(objs, lambda o: o.size)


def _mirror_symmetric(o: Object) -> bool:
    return bool(np.array_equal(o.mask, o.mask[:, ::-1]) and np.array_equal(o.colours, o.colours[:, ::-1]))


def box_of(g: np.ndarray, o: Object) -> np.ndarray:
    """The grid cells under the object's bounding box; ValueError if the box leaves the grid."""
    if o.top + o.height > g.shape[0] or o.left + o.width > g.shape[1]:
        raise ValueError("object outside the grid")
    return g[o.top:o.top + o.height, o.left:o.left + o.width]


@primitive(OBJECTS, returns=OBJECT)
def asymmetric(objs: tuple[Object, ...]) -> Object:
    """The one object that is not left-right symmetric."""
    odd = [o for o in objs if not _mirror_symmetric(o)]
    if len(odd) != 1:
        raise ValueError("not exactly one")
    return odd[0]


@primitive(OBJECTS, returns=OBJECT)
def symmetric(objs: tuple[Object, ...]) -> Object:
    """The one object that is left-right symmetric."""
    even = [o for o in objs if _mirror_symmetric(o)]
    if len(even) != 1:
        raise ValueError("not exactly one")
    return even[0]


@primitive(OBJECTS, returns=INT)
def count(objs: tuple[Object, ...]) -> int:
    """How many objects there are."""
    return len(objs)


@primitive(OBJECT, returns=GRID)
def object_grid(o: Object) -> np.ndarray:
    """The object alone, cropped to its bounding box (cells outside it are 0)."""
    return checked(o.colours.copy())


@primitive(GRID, OBJECT, returns=GRID)
def crop_to(g: np.ndarray, o: Object) -> np.ndarray:
    """The part of the grid under the object's bounding box."""
    return checked(g[o.top:o.top + o.height, o.left:o.left + o.width])


@primitive(GRID, OBJECT, returns=GRID, search=False)
def crop_inside(g: np.ndarray, o: Object) -> np.ndarray:
    """The part of the grid inside the object's bounding box (its outermost rows and columns left out)."""
    if o.height < 3 or o.width < 3:
        raise ValueError("the box has no inside")
    return checked(g[o.top + 1:o.top + o.height - 1, o.left + 1:o.left + o.width - 1])


@primitive(GRID, OBJECT, returns=GRID)
def erase_object(g: np.ndarray, o: Object) -> np.ndarray:
    """The grid with the object's cells turned to background."""
    out = g.copy()
    region = box_of(out, o)
    region[o.mask] = background(g)
    return checked(out)


@primitive(GRID, OBJECT, returns=GRID)
def keep_object(g: np.ndarray, o: Object) -> np.ndarray:
    """Only the object's cells on a background-filled grid of the same size."""
    out = np.full_like(g, background(g))
    region = box_of(out, o)
    region[o.mask] = o.colours[o.mask]
    return checked(out)


@primitive(OBJECT, returns=COLOUR)
def colour_of(o: Object) -> int:
    """The object's most frequent colour."""
    return int(np.bincount(o.colours[o.mask], minlength=10).argmax())


def _paint_sized(g: np.ndarray, objs: tuple[Object, ...], c: int, size: int) -> np.ndarray:
    """The grid with colour c painted over every object of exactly `size` cells."""
    out = g.copy()
    hit = False
    for o in objs:
        if o.size == size:
            box_of(out, o)[o.mask] = c
            hit = True
    if not hit:
        raise ValueError("no object of that size")
    return checked(out)


@primitive(GRID, OBJECTS, COLOUR, INT, returns=GRID, cost=2)
def recolour_size(g: np.ndarray, objs: tuple[Object, ...], c: int, n: int) -> np.ndarray:
    """Paint colour c over every object with exactly n cells."""
    return _paint_sized(g, objs, c, n)


@primitive(GRID, OBJECTS, COLOUR, returns=GRID)
def recolour_largest(g: np.ndarray, objs: tuple[Object, ...], c: int) -> np.ndarray:
    """Paint colour c over every object with the largest cell count."""
    return _paint_sized(g, objs, c, max(o.size for o in objs))


@primitive(GRID, OBJECTS, COLOUR, returns=GRID)
def recolour_smallest(g: np.ndarray, objs: tuple[Object, ...], c: int) -> np.ndarray:
    """Paint colour c over every object with the smallest cell count."""
    return _paint_sized(g, objs, c, min(o.size for o in objs))


@primitive(OBJECTS, returns=OBJECT)
def topmost(objs: tuple[Object, ...]) -> Object:
    """The object whose top edge is highest (defined when there is no tie)."""
    return _only_max(objs, lambda o: -o.top)


@primitive(OBJECTS, returns=OBJECT)
def bottommost(objs: tuple[Object, ...]) -> Object:
    """The object whose bottom edge is lowest (defined when there is no tie)."""
    return _only_max(objs, lambda o: o.top + o.height)


@primitive(OBJECTS, returns=OBJECT)
def leftmost(objs: tuple[Object, ...]) -> Object:
    """The object whose left edge is furthest left (defined when there is no tie)."""
    return _only_max(objs, lambda o: -o.left)


@primitive(OBJECTS, returns=OBJECT)
def rightmost(objs: tuple[Object, ...]) -> Object:
    """The object whose right edge is furthest right (defined when there is no tie)."""
    return _only_max(objs, lambda o: o.left + o.width)


@primitive(OBJECTS, COLOUR, returns=OBJECT)
def with_colour(objs: tuple[Object, ...], c: int) -> Object:
    """The one object that has a cell of colour c."""
    hits = [o for o in objs if (o.colours[o.mask] == c).any()]
    if len(hits) != 1:
        raise ValueError("not exactly one")
    return hits[0]


def _cells(o: Object, c: int | None = None) -> set[tuple[int, int]]:
    """The grid positions of an object's cells (only those of colour c, when given)."""
    where = o.mask if c is None else o.mask & (o.colours == c)
    return {(o.top + int(r), o.left + int(q)) for r, q in zip(*np.nonzero(where))}


@primitive(OBJECTS, COLOUR, returns=OBJECT)
def touching(objs: tuple[Object, ...], c: int) -> Object:
    """The one object without colour c that touches (8 ways) a cell of colour c of another object."""
    marks = set().union(*(_cells(o, c) for o in objs))
    near = {(r + dr, q + dq) for r, q in marks for dr in (-1, 0, 1) for dq in (-1, 0, 1)}
    hits = [o for o in objs if not (o.colours[o.mask] == c).any() and not near.isdisjoint(_cells(o))]
    if len(hits) != 1:
        raise ValueError("not exactly one")
    return hits[0]


@primitive(OBJECTS, returns=OBJECT)
def most_holes(objs: tuple[Object, ...]) -> Object:
    """The object enclosing the most background cells (defined when there is no tie)."""
    return _only_max(objs, lambda o: holes(o.mask))


@primitive(GRID, OBJECTS, NAME, returns=GRID, search=False)
def map_objects(g: np.ndarray, objs: tuple[Object, ...], transform: str) -> np.ndarray:
    """Apply a shape-keeping grid primitive to the box of each object and paste the results back."""
    from ._registry import PRIMITIVES

    prim = PRIMITIVES.get(resolve(transform))
    if prim is None or prim.arg_types != (GRID,) or prim.result_type != GRID:
        raise ValueError(f"{transform!r} is not a grid-to-grid primitive")
    function = prim.function
    out = g.copy()
    for o in objs:
        box = box_of(g, o)
        new = function(box)
        if new.shape != box.shape:
            raise ValueError("the transform changed the shape")
        region = box_of(out, o)
        bg = background(g)
        region[o.mask] = bg
        changed = new != bg
        region[changed] = new[changed]
    return checked(out)


def _anchor(template: Object, colour: int) -> tuple[int, int]:
    """Where a marker of `colour` sits in the template: its one cell of that colour, else its centre."""
    ys, xs = np.nonzero(template.mask & (template.colours == colour))
    if len(ys) == 1:
        return int(ys[0]), int(xs[0])
    return template.height // 2, template.width // 2


@primitive(GRID, returns=GRID)
def stamp_at_markers(g: np.ndarray) -> np.ndarray:
    """Copy the largest object onto every single-cell marker (its cell of the marker's colour on it, else its centre)."""
    objs = extract_objects(g, 8, False)  # blobs
    sizes = [o.size for o in objs]
    if len(objs) < 2 or sizes.count(max(sizes)) != 1 or max(sizes) < 2:
        raise ValueError("no single largest object")
    template = objs[sizes.index(max(sizes))]
    markers = [o for o in objs if o.size == 1]
    if not markers:
        raise ValueError("no markers")
    out = g.copy()
    h, w = g.shape
    for marker in markers:
        colour = int(g[marker.top, marker.left])
        out[marker.top, marker.left] = background(g)
        ay, ax = _anchor(template, colour)
        for y, x in zip(*np.nonzero(template.mask)):
            ty, tx = marker.top - ay + int(y), marker.left - ax + int(x)
            if 0 <= ty < h and 0 <= tx < w:
                out[ty, tx] = template.colours[y, x]
    return checked(out)


def _heading(d: np.ndarray) -> tuple[int, int]:
    """The nearest of the eight directions to the vector d = (dy, dx): an axis unless the other
    component is at least half as large."""
    dy, dx = float(d[0]), float(d[1])
    sy, sx = int(np.sign(dy)), int(np.sign(dx))
    if abs(dy) >= 2 * abs(dx):
        return sy, 0
    if abs(dx) >= 2 * abs(dy):
        return 0, sx
    return sy, sx


def shoot(g: np.ndarray, way: str) -> np.ndarray:
    """Rays from the marker of each two-coloured object (its rarer colour), in that colour, over the
    background to the border: pointing from the body out through the marker ("out"), or from the
    marker through the body and beyond ("through")."""
    if way not in ("out", "through"):
        raise ValueError(f"way {way!r}: out or through")
    bg, out, h, w = background(g), g.copy(), g.shape[0], g.shape[1]
    for o in extract_objects(g, 8, False):
        counts = np.bincount(o.colours[o.mask], minlength=10)
        present = np.flatnonzero(counts)
        if len(present) != 2 or counts[present[0]] == counts[present[1]]:
            continue
        marker = int(present[np.argmin(counts[present])])
        cells = np.argwhere(o.mask & (o.colours == marker)) + (o.top, o.left)
        body = np.argwhere(o.mask & (o.colours != marker)) + (o.top, o.left)
        dy, dx = _heading(cells.mean(axis=0) - body.mean(axis=0))
        if dy == dx == 0:  # the marker sits at the body's centre: no direction
            continue
        if way == "through":
            dy, dx = -dy, -dx
        for y, x in cells.tolist():
            y, x = y + dy, x + dx
            while 0 <= y < h and 0 <= x < w:
                if g[y, x] == bg:
                    out[y, x] = marker
                y, x = y + dy, x + dx
    if np.array_equal(out, g):
        raise ValueError("nothing to shoot")
    return checked(out)


SHOTS = (
    ("out", "", "Rays from each two-coloured object's marker (its rarer colour) away from its body, to the border."),
    ("through", "", "Rays from each two-coloured object's marker (its rarer colour) through its body and beyond."),
)
"""(way, former name, doc) of each `shoot_<way>` primitive, in enumeration order."""

grid_family(globals(), shoot, "shoot", SHOTS)
