"""Cell features: named per-cell facts about a grid, for rules learned cell by cell.

Every feature maps a grid to an (h, w) array of small integers. A learned rule picks a few
features and a table from their values to the output colour; `cell_rule` applies it. Values
are colours 0-9 with 10 meaning "none" (beyond the border, or nothing found), or small counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

import numpy as np
from scipy import ndimage

from ._registry import primitive
from ._types import COLOUR, COLOURMAP, GRID, INT, MAX_SIDE, NAME, frozen
from ._util import background, checked, holes, memo
from ._vocabulary import COLOUR_SET, Vocabulary, vocabulary

NONE = 10
"""The value of a colour feature where there is no colour (beyond the border, nothing hit)."""

EIGHT = np.ones((3, 3), dtype=bool)
DIRECTIONS = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1),
              "up_left": (-1, -1), "up_right": (-1, 1), "down_left": (1, -1), "down_right": (1, 1)}


def _neighbour(g: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """The colour of the cell at offset (dy, dx) from each cell, NONE beyond the border."""
    h, w = g.shape
    p = _padded(g)
    return p[1 + dy:1 + dy + h, 1 + dx:1 + dx + w]


@memo
def _padded(g: np.ndarray) -> np.ndarray:
    """The grid as int16 in a ring of NONE (read-only; memoised: every neighbour feature reads it)."""
    return frozen(np.pad(g.astype(np.int16), 1, constant_values=NONE))


@memo
def _ray(g: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """`_ray_hits` read-only, memoised by content (the between and ray features share rays)."""
    return frozen(_ray_hits(g, dy, dx))


def _ray_hits(g: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """The first non-background colour seen from each cell going (dy, dx), the cell excluded."""
    if dy == 0:
        return _row_hits(g, dx)[0]
    bg = background(g)
    h, w = g.shape
    out = np.full((h, w), NONE, dtype=np.int16)
    src = np.where(g == bg, NONE, g).astype(np.int16)
    # Walk away from the direction of travel so each step reuses the cell one step ahead.
    for r in (range(h) if dy < 0 else range(h - 1, -1, -1)):
        pr = r + dy
        if 0 <= pr < h:
            ahead_src = _shifted_row(src[pr], dx)
            ahead_out = _shifted_row(out[pr], dx)
            out[r] = np.where(ahead_src != NONE, ahead_src, ahead_out)
    return out


@memo
def _row_hits(g: np.ndarray, dx: int) -> tuple[np.ndarray, np.ndarray]:
    """`_hits_along_rows` read-only, memoised by content (rays and nearest hits share them)."""
    colour, distance = _hits_along_rows(g, dx)
    return frozen(colour), frozen(distance)


def _hits_along_rows(g: np.ndarray, dx: int) -> tuple[np.ndarray, np.ndarray]:
    """Along rows towards dx (+1 or -1): the first non-background colour seen and how far it is."""
    bg = background(g)
    h, w = g.shape
    colour = np.full((h, w), NONE, dtype=np.int16)
    distance = np.full((h, w), 99, dtype=np.int16)
    src = np.where(g == bg, NONE, g).astype(np.int16)
    for c in (range(w) if dx < 0 else range(w - 1, -1, -1)):
        pc = c + dx
        if 0 <= pc < w:
            hit = src[:, pc] != NONE
            colour[:, c] = np.where(hit, src[:, pc], colour[:, pc])
            distance[:, c] = np.where(hit, 1, distance[:, pc] + 1)
    return colour, distance


def _nearest(g: np.ndarray, axis: int) -> np.ndarray:
    """The colour of the nearer of the two first hits along the row (axis 1) or column (axis 0); NONE on a tie."""
    grid = g if axis == 1 else g.T
    (left, dl), (right, dr) = _row_hits(grid, -1), _row_hits(grid, 1)
    out = np.where(dl < dr, left, np.where(dr < dl, right, NONE))
    return out if axis == 1 else out.T


def _shifted_row(row: np.ndarray, dx: int) -> np.ndarray:
    """row[c + dx] for each c, NONE beyond the ends."""
    if dx == 0:
        return row
    out = np.full_like(row, NONE)
    if dx > 0:
        out[:-dx] = row[dx:]
    else:
        out[-dx:] = row[:dx]
    return out


def _between(g: np.ndarray, a: str, b: str) -> np.ndarray:
    """The colour hit in both opposite directions when it is the same colour, else NONE."""
    first, second = _ray(g, *DIRECTIONS[a]), _ray(g, *DIRECTIONS[b])
    return np.where(first == second, first, NONE)


def _count_neighbours(g: np.ndarray, offsets: list[tuple[int, int]], same: bool) -> np.ndarray:
    bg = background(g)
    total = np.zeros(g.shape, dtype=np.int16)
    for dy, dx in offsets:
        n = _neighbour(g, dy, dx)
        total += (n == g) if same else ((n != bg) & (n != NONE))
    return total


CROSS = [(-1, 0), (1, 0), (0, -1), (0, 1)]
RING = CROSS + [(-1, -1), (-1, 1), (1, -1), (1, 1)]


def _line_colours(g: np.ndarray, axis: int) -> np.ndarray:
    """A bitmask of the non-background colours in each cell's row (axis 1) or column (axis 0)."""
    bg = background(g)
    bits = np.where(g != bg, 1 << g.astype(np.int32), 0)
    reduced = np.bitwise_or.reduce(bits, axis=axis, keepdims=True)
    return np.broadcast_to(reduced, g.shape).astype(np.int32)


def _line_end(g: np.ndarray, axis: int, last: bool) -> np.ndarray:
    """The colour at the first (or last) cell of each cell's row (axis 1) or column (axis 0): the
    marker an edge of the grid holds for its line."""
    end = -1 if last else 0
    ends = g[:, end:][:, :1] if axis == 1 else g[end:, :][:1, :]
    return np.broadcast_to(ends, g.shape).astype(np.int16)


def _nearest_edge(g: np.ndarray) -> np.ndarray:
    """The colour of the nearest of the four edge cells in the cell's row and column that are not
    background and not the cell itself (NONE when none is, or when two nearest ones differ)."""
    h, w = g.shape
    bg = background(g)
    ys, xs = np.indices((h, w))
    ends = [(np.broadcast_to(g[:, :1], g.shape), xs), (np.broadcast_to(g[:, -1:], g.shape), w - 1 - xs),
            (np.broadcast_to(g[:1, :], g.shape), ys), (np.broadcast_to(g[-1:, :], g.shape), h - 1 - ys)]
    colours = np.stack([c for c, _ in ends]).astype(np.int16)
    far = np.stack([np.where((c != bg) & (d > 0), d, MAX_SIDE) for c, d in ends])
    nearest = far.min(axis=0)
    at = far == nearest
    chosen = np.where(at, colours, -1)
    top, low = chosen.max(axis=0), np.where(at, colours, 99).min(axis=0)
    out: np.ndarray = np.where((nearest < MAX_SIDE) & (top == low), top, NONE).astype(np.int16)
    return out


def _enclosed(g: np.ndarray) -> np.ndarray:
    """1 for background cells that cannot reach the border through background cells."""
    bg = background(g)
    labels, n = ndimage.label(g == bg)
    open_ = np.zeros(n + 1, dtype=bool)
    open_[0] = True  # label 0: not background
    open_[labels[[0, -1], :]] = True
    open_[labels[:, [0, -1]]] = True
    enclosed: np.ndarray = ~open_[labels]
    return enclosed.astype(np.int16)


@memo
def _components(g: np.ndarray, multicolour: bool) -> tuple[np.ndarray, int]:
    """`_labelled` read-only, memoised by content (seven object features label the same grid)."""
    labels, n = _labelled(g, multicolour)
    return frozen(labels), n


def _labelled(g: np.ndarray, multicolour: bool) -> tuple[np.ndarray, int]:
    """Labels of 8-connected non-background components (one colour each unless multicolour)."""
    bg = background(g)
    if multicolour:
        found: tuple[np.ndarray, int] = ndimage.label(g != bg, structure=EIGHT)
        return found
    labels = np.zeros(g.shape, dtype=np.int32)
    count = 0
    for colour in np.unique(g):
        if colour == bg:
            continue
        lab, n = ndimage.label(g == colour, structure=EIGHT)
        labels[lab > 0] = lab[lab > 0] + count
        count += n
    return labels, count


def _object_size(g: np.ndarray, multicolour: bool = False) -> np.ndarray:
    """The size of each cell's object (0 on the background), capped at 30."""
    labels, _ = _components(g, multicolour)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    capped: np.ndarray = np.minimum(sizes[labels], 30)
    return capped.astype(np.int16)


def _size_rank(g: np.ndarray) -> np.ndarray:
    """1 on the largest object(s), 2 on the smallest, 3 on others, 0 on the background."""
    labels, n = _components(g, False)
    if n == 0:
        return np.zeros(g.shape, dtype=np.int16)
    sizes = np.bincount(labels.ravel())[1:]
    rank = np.where(sizes == sizes.max(), 1, np.where(sizes == sizes.min(), 2, 3))
    ranks: np.ndarray = np.concatenate([[0], rank])[labels]
    return ranks.astype(np.int16)


def _touches_border(g: np.ndarray) -> np.ndarray:
    """1 on objects that touch the grid's border, 0 elsewhere (multicolour components)."""
    labels, _ = _components(g, True)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return ((labels > 0) & np.isin(labels, edge)).astype(np.int16)


def _object_colours(g: np.ndarray) -> np.ndarray:
    """How many colours each cell's multicolour object has (0 on the background)."""
    labels, n = _components(g, True)
    out = np.zeros(n + 1, dtype=np.int16)
    for k in range(1, n + 1):
        out[k] = len(np.unique(g[labels == k]))
    per_cell: np.ndarray = out[labels]
    return per_cell


def _object_boxes(g: np.ndarray) -> tuple[np.ndarray, list[tuple[slice, slice] | None]]:
    labels, _ = _components(g, False)
    return labels, ndimage.find_objects(labels)


def _object_shape_feature(g: np.ndarray, what: str) -> np.ndarray:
    """Per cell, a fact about its object's bounding box: height, width, or whether it is a full box."""
    labels, boxes = _object_boxes(g)
    values = np.zeros(len(boxes) + 1, dtype=np.int16)
    for k, box in enumerate(boxes, start=1):
        if box is None:
            continue
        rows, cols = box
        if what == "height":
            values[k] = rows.stop - rows.start
        elif what == "width":
            values[k] = cols.stop - cols.start
        elif what == "is_box":
            values[k] = int((labels[box] == k).all())
        else:  # has_hole: background cells enclosed by the object within its box
            values[k] = int(holes(labels[box] == k) > 0)
    per_cell: np.ndarray = values[labels]
    return per_cell


def _shape_count(g: np.ndarray) -> np.ndarray:
    """How many one-colour objects have the cell's object's shape (its cells in its box, whatever
    their colour), capped at 30; 0 on the background."""
    labels, boxes = _object_boxes(g)
    masks = [None if box is None else labels[box] == k for k, box in enumerate(boxes, start=1)]
    keys = [None if m is None else (m.shape, m.tobytes()) for m in masks]
    counts = Counter(keys)
    values = np.zeros(len(boxes) + 1, dtype=np.int16)
    for k, key in enumerate(keys, start=1):
        values[k] = min(counts[key], 30)
    per_cell: np.ndarray = values[labels]
    return per_cell


def _object_half(g: np.ndarray, axis: int) -> np.ndarray:
    """Where the cell lies along one axis of its object's box: 1 in the first half (rows above or
    columns left of the middle), 2 on the middle line of an odd extent, 3 in the second half; 0 on
    the background."""
    labels, boxes = _object_boxes(g)
    out = np.zeros(g.shape, dtype=np.int16)
    index = np.indices(g.shape)[axis]
    for k, box in enumerate(boxes, start=1):
        if box is None:
            continue
        span = box[axis]
        extent = span.stop - span.start
        at = index[box] - span.start
        own = labels[box] == k
        part = np.where(at < extent // 2, 1, np.where(at >= extent - extent // 2, 3, 2))
        out[box][own] = part[own]
    return out


def _in_box(g: np.ndarray) -> np.ndarray:
    """The colour of the object whose bounding box holds the cell, off the object itself; NONE if none."""
    labels, boxes = _object_boxes(g)
    out = np.full(g.shape, NONE, dtype=np.int16)
    for k, box in enumerate(boxes, start=1):
        if box is None:
            continue
        region = out[box]
        free = (labels[box] != k) & (region == NONE)
        colour = int(g[box][labels[box] == k][0])
        region[free] = colour
    return out


def _in_colour_box(g: np.ndarray) -> np.ndarray:
    """The colour whose cells' bounding box (all its cells, connected or not) holds the cell, off
    that colour's own cells: the smallest such box (the lower colour on equal areas); NONE if none."""
    bg = background(g)
    out = np.full(g.shape, NONE, dtype=np.int16)
    area = np.full(g.shape, g.size + 1, dtype=np.int32)
    for c in np.unique(g).tolist():
        if c == bg:
            continue
        ys, xs = np.nonzero(g == c)
        box = (slice(int(ys.min()), int(ys.max()) + 1), slice(int(xs.min()), int(xs.max()) + 1))
        size = (box[0].stop - box[0].start) * (box[1].stop - box[1].start)
        better = (g[box] != c) & (area[box] > size)
        out[box][better] = c
        area[box][better] = size
    return out


def _neighbour_colours(g: np.ndarray, offsets: list[tuple[int, int]]) -> np.ndarray:
    """A bitmask of the colours among the cell's neighbours (beyond the border counts as none)."""
    bits = np.zeros(g.shape, dtype=np.int32)
    for dy, dx in offsets:
        n = _neighbour(g, dy, dx).astype(np.int32)
        bits |= np.where(n == NONE, 0, 1 << np.minimum(n, 9))
    return bits


def _uniform_line(g: np.ndarray, axis: int) -> np.ndarray:
    """1 where the cell's whole row (axis 1) or column (axis 0) is one colour."""
    same = (g == g.take([0], axis=axis)).all(axis=axis, keepdims=True)
    return np.broadcast_to(same, g.shape).astype(np.int16)


def _global_colour(g: np.ndarray, which: str) -> np.ndarray:
    """The grid's least common colour, or its most common non-background colour, in every cell."""
    counts = np.bincount(g.ravel(), minlength=10)
    present = [c for c in range(10) if counts[c]]
    bg = background(g)
    if which == "least":
        colour = min(present, key=lambda c: (counts[c], c))
    else:
        rest = [c for c in present if c != bg]
        colour = max(rest, key=lambda c: (counts[c], -c)) if rest else NONE
    return np.full(g.shape, colour, dtype=np.int16)


def _from_centre(g: np.ndarray, axis: int) -> np.ndarray:
    """Twice the distance from the grid's middle line along an axis (0 on the middle of an odd side)."""
    n = g.shape[axis]
    d = np.abs(2 * np.arange(n) - (n - 1))
    shape = (n, 1) if axis == 0 else (1, n)
    return np.broadcast_to(d.reshape(shape), g.shape).astype(np.int16)


def _diagonal(g: np.ndarray, anti: bool) -> np.ndarray:
    h, w = g.shape
    r, c = np.indices((h, w))
    on_line: np.ndarray = (r + c == w - 1) if anti else (r == c)
    return on_line.astype(np.int16)


def _colour_rank(g: np.ndarray) -> np.ndarray:
    """Each cell's colour by its frequency rank in the grid: 0 the most common, 1 the next..."""
    counts = np.bincount(g.ravel(), minlength=10)
    order = sorted(range(10), key=lambda c: (-counts[c], c))
    rank = np.zeros(10, dtype=np.int16)
    rank[order] = np.arange(10)
    per_cell: np.ndarray = rank[g]
    return per_cell


def _mirror(g: np.ndarray, how: str) -> np.ndarray:
    if how == "h":
        return g[:, ::-1].astype(np.int16)
    if how == "v":
        return g[::-1, :].astype(np.int16)
    if how == "hv":
        return g[::-1, ::-1].astype(np.int16)
    if g.shape[0] != g.shape[1]:
        return np.full(g.shape, NONE, dtype=np.int16)
    return g.T.astype(np.int16)


def _index(g: np.ndarray, axis: int, modulo: int = 0, reverse: bool = False) -> np.ndarray:
    n = g.shape[axis]
    idx = np.arange(n)[::-1] if reverse else np.arange(n)
    if modulo:
        idx = idx % modulo
    shape = (n, 1) if axis == 0 else (1, n)
    return np.broadcast_to(idx.reshape(shape), g.shape).astype(np.int16)


def _is_background(g: np.ndarray) -> np.ndarray:
    is_bg: np.ndarray = g == background(g)
    return is_bg.astype(np.int16)


Feature = Callable[[np.ndarray], np.ndarray]


def _at_offset(feature: Callable[[np.ndarray, int, int], np.ndarray], d: tuple[int, int],
               g: np.ndarray) -> np.ndarray:
    """A feature taken along one direction (a neighbour or a ray)."""
    return feature(g, *d)

CELL_FEATURES: Vocabulary[Feature] = vocabulary(
    "cell_features", "cell feature", [COLOUR, INT, COLOUR_SET],
    doc="f(grid) -> (h, w) small integers: per-cell facts that learned cell rules are keyed on.")
"""Feature name -> f(grid) -> (h, w) small integers. A feature of type Colour holds colours (NONE for
none): a rule may copy it to the output; one of type ColourSet holds a bitmask of colours: a rule
tests it for "has this colour"."""

_DEFINITIONS: tuple[tuple[str, Feature, str], ...] = (
    ("colour", lambda g: g.astype(np.int16), COLOUR),
    ("is_bg", _is_background, INT),
    ("colour_rank", _colour_rank, INT),
    *((name, partial(_at_offset, _neighbour, d), COLOUR) for name, d in DIRECTIONS.items()),
    *((f"ray_{name}", partial(_at_offset, _ray, d), COLOUR) for name, d in DIRECTIONS.items()),
    ("nearest_h", lambda g: _nearest(g, 1), COLOUR),
    ("nearest_v", lambda g: _nearest(g, 0), COLOUR),
    ("between_h", lambda g: _between(g, "left", "right"), COLOUR),
    ("between_v", lambda g: _between(g, "up", "down"), COLOUR),
    ("between_d", lambda g: _between(g, "up_left", "down_right"), COLOUR),
    ("between_a", lambda g: _between(g, "up_right", "down_left"), COLOUR),
    ("fg_neighbours4", lambda g: _count_neighbours(g, CROSS, False), INT),
    ("fg_neighbours8", lambda g: _count_neighbours(g, RING, False), INT),
    ("same_neighbours4", lambda g: _count_neighbours(g, CROSS, True), INT),
    ("same_neighbours8", lambda g: _count_neighbours(g, RING, True), INT),
    ("neighbour_colours4", lambda g: _neighbour_colours(g, CROSS), COLOUR_SET),
    ("neighbour_colours8", lambda g: _neighbour_colours(g, RING), COLOUR_SET),
    ("row_uniform", lambda g: _uniform_line(g, 1), INT),
    ("col_uniform", lambda g: _uniform_line(g, 0), INT),
    ("least_colour", lambda g: _global_colour(g, "least"), COLOUR),
    ("main_colour", lambda g: _global_colour(g, "main"), COLOUR),
    ("grid_colours", lambda g: np.full(g.shape, len(np.unique(g)), dtype=np.int16), INT),
    ("row_colours", lambda g: _line_colours(g, 1), COLOUR_SET),
    ("col_colours", lambda g: _line_colours(g, 0), COLOUR_SET),
    ("row_first", lambda g: _line_end(g, 1, False), COLOUR),
    ("row_last", lambda g: _line_end(g, 1, True), COLOUR),
    ("col_first", lambda g: _line_end(g, 0, False), COLOUR),
    ("col_last", lambda g: _line_end(g, 0, True), COLOUR),
    ("nearest_edge", _nearest_edge, COLOUR),
    ("enclosed", _enclosed, INT),
    ("object_size", _object_size, INT),
    ("blob_size", lambda g: _object_size(g, True), INT),
    ("size_rank", _size_rank, INT),
    ("touches_border", _touches_border, INT),
    ("object_height", lambda g: _object_shape_feature(g, "height"), INT),
    ("object_width", lambda g: _object_shape_feature(g, "width"), INT),
    ("object_is_box", lambda g: _object_shape_feature(g, "is_box"), INT),
    ("object_has_hole", lambda g: _object_shape_feature(g, "has_hole"), INT),
    ("shape_count", _shape_count, INT),
    ("object_half_v", lambda g: _object_half(g, 0), INT),
    ("object_half_h", lambda g: _object_half(g, 1), INT),
    ("in_box", _in_box, COLOUR),
    ("in_colour_box", _in_colour_box, COLOUR),
    ("object_colours", _object_colours, INT),
    ("mirror_h", lambda g: _mirror(g, "h"), COLOUR),
    ("mirror_v", lambda g: _mirror(g, "v"), COLOUR),
    ("mirror_hv", lambda g: _mirror(g, "hv"), COLOUR),
    ("mirror_t", lambda g: _mirror(g, "t"), COLOUR),
    ("row", lambda g: _index(g, 0), INT),
    ("col", lambda g: _index(g, 1), INT),
    ("row_from_end", lambda g: _index(g, 0, reverse=True), INT),
    ("col_from_end", lambda g: _index(g, 1, reverse=True), INT),
    ("row_from_centre", lambda g: _from_centre(g, 0), INT),
    ("col_from_centre", lambda g: _from_centre(g, 1), INT),
    ("on_diagonal", lambda g: _diagonal(g, False), INT),
    ("on_antidiagonal", lambda g: _diagonal(g, True), INT),
    ("row_mod2", lambda g: _index(g, 0, 2), INT),
    ("col_mod2", lambda g: _index(g, 1, 2), INT),
    ("row_mod3", lambda g: _index(g, 0, 3), INT),
    ("col_mod3", lambda g: _index(g, 1, 3), INT),
    ("row_from_end_mod2", lambda g: _index(g, 0, 2, reverse=True), INT),
    ("col_from_end_mod2", lambda g: _index(g, 1, 2, reverse=True), INT),
)
"""(name, f(grid), value type) of each cell feature, in the order rules try them."""

for _name, _function, _returns in _DEFINITIONS:
    CELL_FEATURES.add(_name, _function, returns=_returns)


def feature_names(spec: str) -> list[str]:
    """The feature names of a comma-separated spec, checked."""
    names = spec.split(",")
    for name in names:
        CELL_FEATURES.get_entry(name)
    return names


def table_keys(g: np.ndarray, features: str) -> list[tuple[int, ...]]:
    """Each cell's values of the named features (comma-separated), row by row: a cell table's keys."""
    names = feature_names(features)
    keys: list[tuple[int, ...]] = list(map(tuple, np.stack([CELL_FEATURES[n].function(g) for n in names], axis=-1)
                                           .reshape(-1, len(names)).tolist()))
    return keys


@primitive(GRID, NAME, COLOURMAP, returns=GRID, search=False)
def cell_rule(g: np.ndarray, features: str, table: tuple[tuple[tuple[int, ...], int | str], ...]) -> np.ndarray:
    """Recolour each cell by a table from its feature values to a colour or a colour feature's value."""
    columns = table_keys(g, features)
    copied = {v for _, v in table if isinstance(v, str)}
    copies = {n: CELL_FEATURES[n].function(g).ravel() for n in feature_names(",".join(sorted(copied)))} if copied else {}
    lookup = dict(table)
    flat = g.ravel().copy()
    for i, key in enumerate(columns):
        target = lookup.get(key)
        if target is None:
            continue
        value = copies[target][i] if isinstance(target, str) else target
        if value != NONE:
            flat[i] = value
    return checked(flat.reshape(g.shape))


ANY_COLOUR = -1
"""The value a rule tests a colour feature against to mean "is some colour" (not NONE)."""


AT_LEAST = ">="
"""A rule's test on a number feature whose name has this suffix holds where the feature is at least
the value (so it reaches values the train pairs never showed)."""


def holds(values: np.ndarray, feature: str, value: int) -> np.ndarray:
    """Where the test "feature is value" (for colour sets, "has colour value"; ANY_COLOUR: not NONE;
    a name ending in AT_LEAST: "feature is at least value") holds."""
    result: np.ndarray
    if feature.endswith(AT_LEAST):
        result = values >= value
    elif CELL_FEATURES.get_entry(feature).returns == COLOUR_SET:
        result = (values >> value) & 1 == 1
    elif value == ANY_COLOUR:
        result = values != NONE
    else:
        result = values == value
    return result


Rules = tuple[tuple[int, tuple[int | str, ...]], ...]


def deciding_rule(g: np.ndarray, rules: Rules, feature: Callable[[str], np.ndarray] | None = None) -> np.ndarray:
    """Per cell, the position of the first rule of `cell_rules` that matches it (-1: none does).
    `feature(name)` gives a feature's values on `g` (computed here when not given)."""
    feature = feature or _feature_cache(g)
    which = np.full(g.shape, -1, dtype=np.int16)
    for i, (_, rule) in enumerate(rules):
        if (not isinstance(rule, tuple) or len(rule) not in (3, 5)
                or not all(isinstance(v, int) for v in rule[1:-1:2])
                or not all(isinstance(n, str) for n in rule[:-1:2]) or not isinstance(rule[-1], (int, str))):
            raise ValueError(f"malformed rule {rule!r}")
        where = which < 0
        for name, value in zip(rule[:-1:2], rule[1:-1:2]):
            where &= holds(feature(str(name)), str(name), int(value))
        which[where] = i
    return which


def _feature_cache(g: np.ndarray) -> Callable[[str], np.ndarray]:
    """feature(name) -> the values of a cell feature (or its "at least" test's feature) on g, each computed once."""
    cache: dict[str, np.ndarray] = {}

    def feature(name: str) -> np.ndarray:
        name = name.removesuffix(AT_LEAST)
        if name not in cache:
            feature_names(name)
            cache[name] = np.asarray(CELL_FEATURES[name].function(g))
        return cache[name]

    return feature


@primitive(GRID, COLOURMAP, returns=GRID, search=False)
def cell_rules(g: np.ndarray, rules: Rules) -> np.ndarray:
    """Recolour cells by an ordered list of rules: (feature, value, [feature, value,] target); first match wins."""
    out = g.copy()
    feature = _feature_cache(g)
    which = deciding_rule(g, rules, feature)
    for i, (_, rule) in enumerate(rules):
        where = which == i  # a copy of "no colour" keeps the cell, and decides it
        target = rule[-1]
        if isinstance(target, str):
            copied = feature(target)
            where &= copied != NONE
            out[where] = copied[where]
        else:
            if not 0 <= target <= 9:
                raise ValueError("colour out of range")
            out[where] = target
    return checked(out)
