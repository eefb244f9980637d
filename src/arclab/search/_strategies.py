"""Task-level strategies that enumeration cannot reach in time: rules learned from the pairs.

Each returns candidate programs; the synthesizer keeps those exact on every train pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

import numpy as np

from ..dsl import (
    CELL_FEATURES, COLOUR, GRID_SCALARS, LAYOUTS, LOCAL_FEATURES, OBJECT_EXTRACTORS, OBJECT_PROPERTIES, Call, Const,
    Expr, Object, Var,
)
from ..dsl.local_rules import cell_keys
from ._registry import strategy

RECOLOUR_EXTRACTORS = ("objects4", "objects8", "blobs")
"""The object extractors a per-object recolouring (by a property, or an adopted colour) is tried with, in order."""
MAP_EXTRACTORS = ("blobs", "objects8", "objects4")
"""The object extractors a grid primitive is lifted over, in order."""
SELECT_EXTRACTORS = ("objects8", "objects4", "blobs", "colour_sets")
"""The object extractors an output object is chosen among (before each layout's parts), in order."""


def _object_targets(extract: Callable[[np.ndarray], tuple[Object, ...]], g: np.ndarray,
                    out: np.ndarray) -> tuple[tuple[Object, ...], list[int]] | None:
    """Each object of g with the single colour it has in `out`, or None if the change is not per-object."""
    try:
        objs = extract(g)
    except ValueError:
        return None
    covered = np.zeros(g.shape, dtype=bool)
    targets = []
    for o in objs:
        region = out[o.top:o.top + o.height, o.left:o.left + o.width][o.mask]
        first = int(region[0])
        if not (region == first).all():
            return None
        targets.append(first)
        covered[o.top:o.top + o.height, o.left:o.left + o.width] |= o.mask
    if not np.array_equal(g[~covered], out[~covered]):
        return None
    return objs, targets


@strategy(order=70)
def object_recolour_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                             test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Programs `recolour_by(x, objects(x), prop, table)` whose table is read off the train pairs."""
    if any(i.shape != o.shape for i, o in zip(train_in, train_out)):
        return
    for name in RECOLOUR_EXTRACTORS:
        extract = OBJECT_EXTRACTORS.function(name)
        targets_or_none = [_object_targets(extract, i, o) for i, o in zip(train_in, train_out)]
        found = [f for f in targets_or_none if f is not None]
        if len(found) != len(targets_or_none):
            continue
        try:
            test_objs = [extract(g) for g in test_in]
        except ValueError:
            continue
        for rank, (prop, entry) in enumerate(OBJECT_PROPERTIES.items()):
            fn = entry.function
            table: dict[int, int] = {}
            ok = True
            for g, (objs, targets) in zip(train_in, found):
                for o, target in zip(objs, targets):
                    v = fn(o, objs, g)
                    if table.setdefault(v, target) != target:
                        ok = False
                        break
                if not ok:
                    break
            if not ok or not all(fn(o, objs, g) in table for g, objs in zip(test_in, test_objs) for o in objs):
                continue
            objects_expr = Call(name, (Var(),))
            expr = Call("recolour_by", (Var(), objects_expr, Const(prop), Const(tuple(sorted(table.items())))))
            yield expr, 5.0 + 0.2 * rank + 0.1 * len(table)


@strategy(order=75)
def object_adopt_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                          test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Programs `adopt_colour(x, objects(x), feature)`: objects take the colour their cells see."""
    if any(i.shape != o.shape for i, o in zip(train_in, train_out)):
        return
    features = sorted(set(CELL_FEATURES.names(returns=COLOUR)) - {"colour"})
    for k, name in enumerate(RECOLOUR_EXTRACTORS):
        for rank, feature in enumerate(features):
            yield Call("adopt_colour", (Var(), Call(name, (Var(),)), Const(feature))), 5.0 + 0.1 * k + 0.02 * rank


@strategy(order=90, tentative=True)
def local_rule_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                        test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Programs `local_rule(x, feature, table)`: each cell's new colour from its neighbourhood."""
    if any(i.shape != o.shape for i, o in zip(train_in, train_out)):
        return
    for rank, feature in enumerate(LOCAL_FEATURES):
        table: dict[tuple[int, ...], int] = {}
        ok = True
        for g, out in zip(train_in, train_out):
            for key, colour in zip(cell_keys(g, feature), out.ravel().tolist()):
                if table.setdefault(key, colour) != colour:
                    ok = False
                    break
            if not ok:
                break
        if not ok:
            continue
        changes = tuple(sorted((k, c) for k, c in table.items() if k[0] != c))
        if not changes:
            continue
        unseen = sum(1 for g in test_in for key in cell_keys(g, feature) if key not in table)
        cost = 7.0 + rank + 0.02 * len(changes) + (3.0 if unseen else 0.0)
        yield Call("local_rule", (Var(), Const(feature), Const(changes))), cost


def _unary_grid_primitives() -> list[str]:
    from ..dsl import GRID, PRIMITIVES

    return [p.name for p in PRIMITIVES.values() if p.search and p.arg_types == (GRID,) and p.result_type == GRID]


@strategy(order=80)
def object_map_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                        test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Programs `map_objects(x, objects(x), f)`: a grid primitive lifted over every object."""
    if any(i.shape != o.shape for i, o in zip(train_in, train_out)):
        return
    for name in MAP_EXTRACTORS:
        for transform in _unary_grid_primitives():
            yield Call("map_objects", (Var(), Call(name, (Var(),)), Const(transform))), 6.0


BLOCK_TRANSFORMS = ("x", "flip_h", "flip_v", "rot180", "transpose", "antitranspose", "rot90", "rot270")


def _block_expr(name: str) -> Expr:
    return Var() if name == "x" else Call(name, (Var(),))


def _fold(op: str, exprs: list[Expr]) -> Expr:
    out = exprs[0]
    for e in exprs[1:]:
        out = Call(op, (out, e))
    return out


@strategy(order=10)
def block_layout_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                          test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Outputs made of input-sized blocks, each a rotation or mirror image of the input."""
    from ..dsl import PRIMITIVES

    factors = {(o.shape[0] // i.shape[0], o.shape[1] // i.shape[1]) for i, o in zip(train_in, train_out)}
    if len(factors) != 1:
        return
    rows, cols = factors.pop()
    if rows * cols <= 1 or rows > 5 or cols > 5:
        return
    if any(o.shape != (i.shape[0] * rows, i.shape[1] * cols) for i, o in zip(train_in, train_out)):
        return
    images = []
    for g in train_in:
        found = {}
        for name in BLOCK_TRANSFORMS:
            try:
                found[name] = g if name == "x" else PRIMITIVES[name].function(g)
            except ValueError:
                continue
        images.append(found)
    layout: list[list[Expr]] = []
    for r in range(rows):
        row: list[Expr] = []
        for c in range(cols):
            for name in BLOCK_TRANSFORMS:
                ok = True
                for g, out, found in zip(train_in, train_out, images):
                    h, w = g.shape
                    block = out[r * h:(r + 1) * h, c * w:(c + 1) * w]
                    image = found.get(name)
                    if image is None or image.shape != block.shape or not np.array_equal(image, block):
                        ok = False
                        break
                if ok:
                    row.append(_block_expr(name))
                    break
            else:
                return
        layout.append(row)
    yield _fold("concat_down", [_fold("concat_right", row) for row in layout]), 4.0 + rows * cols * 0.5


def _selectable() -> dict[str, tuple[Callable[[np.ndarray], Any], Expr]]:
    """Ways to cut a grid into candidate objects: components, colour sets, and the parts of each layout."""
    from ..dsl.partition import parts_of

    found: dict[str, tuple[Callable[[np.ndarray], Any], Expr]] = {
        name: (OBJECT_EXTRACTORS.function(name), Call(name, (Var(),))) for name in SELECT_EXTRACTORS}
    for layout in LAYOUTS:
        found[f"parts:{layout}"] = (partial(parts_of, layout=layout), Call("parts_of", (Var(), Const(layout))))
    return found


def _image(view: str, g: np.ndarray, o: Object) -> np.ndarray | None:
    """What an object shows in a view: its own cells, the grid under its box, or inside its box."""
    from ..dsl.objects import crop_inside, crop_to, object_grid

    try:
        image: np.ndarray = object_grid(o) if view == "object_grid" else \
            crop_to(g, o) if view == "crop_to" else crop_inside(g, o)
    except ValueError:
        return None
    return image


@strategy(order=60)
def object_selection_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                              test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Outputs that are one object, chosen by a property learned from the pairs (equal to v, max, min)."""
    if any(o.size >= i.size for i, o in zip(train_in, train_out)):
        return
    for name, (extract, objs_expr) in _selectable().items():
        try:
            all_objs = [extract(g) for g in train_in]
        except ValueError:
            continue
        for view in ("object_grid", "crop_to", "crop_inside"):
            chosen = []
            for g, out, objs in zip(train_in, train_out, all_objs):
                hits = []
                for k, o in enumerate(objs):
                    image = _image(view, g, o)
                    if image is not None and image.shape == out.shape and np.array_equal(image, out):
                        hits.append(k)
                if not hits:
                    break
                chosen.append(hits)
            if len(chosen) != len(train_in):
                continue
            for rank, (prop, entry) in enumerate(OBJECT_PROPERTIES.items()):
                fn = entry.function
                values = [[fn(o, objs, g) for o in objs] for g, objs in zip(train_in, all_objs)]
                selectors: list[Expr] = []
                if all(len([v for v in vs if v == max(vs)]) == 1 and vs.index(max(vs)) in hits
                       for vs, hits in zip(values, chosen)):
                    selectors.append(Call("select_max", (Var(), objs_expr, Const(prop))))
                if all(len([v for v in vs if v == min(vs)]) == 1 and vs.index(min(vs)) in hits
                       for vs, hits in zip(values, chosen)):
                    selectors.append(Call("select_min", (Var(), objs_expr, Const(prop))))
                shared = set.intersection(*({vs[k] for k in hits} for vs, hits in zip(values, chosen)))
                for v in sorted(shared):
                    if all(vs.count(v) == 1 for vs in values):
                        selectors.append(Call("select_where", (Var(), objs_expr, Const(prop), Const(v))))
                for selector in selectors:
                    if view == "object_grid":
                        yield Call("object_grid", (selector,)), 5.0 + 0.1 * rank
                    else:
                        yield Call(view, (Var(), selector)), 5.0 + 0.1 * rank


def _occurrences(g: np.ndarray, pattern: np.ndarray) -> list[tuple[int, int]]:
    """Every (top, left) where `pattern` appears in g."""
    h, w = pattern.shape
    if h > g.shape[0] or w > g.shape[1]:
        return []
    windows = np.lib.stride_tricks.sliding_window_view(g, (h, w))
    hits = (windows == pattern).all(axis=(2, 3))
    return [(int(y), int(x)) for y, x in zip(*np.nonzero(hits))]


@strategy(order=30)
def fixed_crop_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                        test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Outputs that are the same window of every input, counted from one of its corners."""
    shapes = {o.shape for o in train_out}
    if len(shapes) != 1 or any(o.size >= i.size for i, o in zip(train_in, train_out)):
        return
    h, w = shapes.pop()
    common: set[tuple[int, int]] | None = None
    for g, out in zip(train_in, train_out):
        gh, gw = g.shape
        anchored = set()
        for y, x in _occurrences(g, out):
            anchored.update({(y, x), (y - gh, x), (y, x - gw), (y - gh, x - gw)})
        common = anchored if common is None else common & anchored
        if not common:
            return
    for y, x in sorted(common or (), key=lambda p: (p[0] < 0, p[1] < 0, abs(p[0]) + abs(p[1]))):
        yield Call("crop_at", (Var(), Const(y), Const(x), Const(h), Const(w))), 5.0


@strategy(order=40)
def lookup_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                    test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Outputs drawn from a few fixed grids, chosen by one whole-grid fact (main colour, count...).

    Only when some output repeats across pairs (otherwise the table only memorises) and every
    test input's fact was seen in training.
    """
    keys = [o.tobytes() + bytes(o.shape) for o in train_out]
    if len(set(keys)) == len(keys):
        return
    for rank, (name, scalar) in enumerate(GRID_SCALARS.items()):
        fn = scalar.function
        try:
            values = [fn(g) for g in train_in]
            test_values = [fn(g) for g in test_in]
        except ValueError:
            continue
        table: dict[int, np.ndarray] = {}
        if any(not np.array_equal(table.setdefault(v, o), o) for v, o in zip(values, train_out)):
            continue
        if len(table) < 2 or len(table) != len(set(keys)) or any(v not in table for v in test_values):
            continue  # one value per distinct output, or the fact is not what picks the output
        rows = tuple(sorted((int(v), tuple(tuple(int(c) for c in row) for row in o)) for v, o in table.items()))
        yield Call("lookup", (Var(), Const(name), Const(rows))), 6.0 + 0.1 * rank


@strategy(order=50)
def periodic_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                      test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Outputs of one fixed shape that continue the input's own repetition."""
    shapes = {o.shape for o in train_out}
    if len(shapes) != 1 or all(i.shape == o.shape for i, o in zip(train_in, train_out)):
        return
    h, w = shapes.pop()
    yield Call("repeat_to", (Var(), Const(h), Const(w))), 5.0
