"""Every grid-returning primitive, on seeded random grids: a read-only uint8 grid of 1..30 per side, or ValueError.

The grids come from a few recipes (noise on a background, upscaled blocks, parts between separator
lines, mirror images with holes, uniform, large) so that most primitives are defined on some of them.
"""

from __future__ import annotations

import importlib
import zlib
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from arclab.dsl import COLOUR, COLOURMAP, GRID, INT, OBJECT, OBJECTS, PRIMITIVES, VOCABULARIES, background

Rng = np.random.Generator
GRID_PRIMITIVES = sorted(n for n, p in PRIMITIVES.items() if p.result_type == GRID)
INPUTS = 60
"""Random inputs per primitive."""



def _vocabulary_names(kind: str, leave_out: tuple[str, ...] = ()) -> Callable[[], list[str]]:
    def names() -> list[str]:
        return [n for n in VOCABULARIES[kind] if n not in leave_out]
    return names


def _grid_transforms() -> list[str]:
    return [p.name for p in PRIMITIVES.values() if p.search and p.arg_types == (GRID,) and p.result_type == GRID]


NAME_DOMAINS: dict[str, Callable[[], list[str]]] = {
    "local_rule": _vocabulary_names("local_features"),
    # touches_border raises TypeError: see test_recolour_by_touches_border in test_dsl_primitives.
    "recolour_by": _vocabulary_names("object_properties", ("touches_border",)),
    "map_objects": _grid_transforms,  # the transforms the search lifts over objects
    "cell_rule": _vocabulary_names("cell_features"),
    "adopt_colour": lambda: [n for n in VOCABULARIES["cell_features"].names(returns=COLOUR) if n != "colour"],
    "lookup": _vocabulary_names("grid_scalars"),
    "parts_rule": _vocabulary_names("layouts"),
    "parts_rule:2": lambda: ["fg", "colours"],
}
"""The valid names of each Name-taking primitive (known-bad names left out); "name:i" for its i-th argument."""


def noise(rng: Rng) -> np.ndarray:
    h, w = rng.integers(1, 9, 2)
    g = np.full((h, w), rng.integers(0, 10), dtype=np.uint8)
    spots = rng.random((h, w)) < rng.uniform(0.05, 0.5)
    g[spots] = rng.integers(0, 10, spots.sum())
    return g


def upscaled(rng: Rng) -> np.ndarray:
    k = int(rng.integers(2, 4))
    return np.kron(noise(rng)[:5, :5], np.ones((k, k), dtype=np.uint8))


def parted(rng: Rng) -> np.ndarray:
    part = noise(rng)[:4, :4]
    n = int(rng.integers(2, 4))
    parts = [part.copy() for _ in range(n)]
    parts[-1][rng.integers(part.shape[0]), rng.integers(part.shape[1])] = rng.integers(0, 10)
    line = np.full((part.shape[0], 1), rng.integers(0, 10), dtype=np.uint8)
    pieces: list[np.ndarray] = []
    for p in parts:
        pieces += [p, line]
    g = np.hstack(pieces[:-1])
    return g.T if rng.random() < 0.5 else g


def mirrored(rng: Rng) -> np.ndarray:
    half = noise(rng)[:5, :4]
    g = np.hstack([half, half[:, ::-1]])
    g = np.vstack([g, g[::-1]]) if rng.random() < 0.5 else g
    holes = rng.random(g.shape) < 0.15
    g[holes] = background(g) if rng.random() < 0.5 else rng.integers(0, 10)
    return g


def uniform(rng: Rng) -> np.ndarray:
    return np.full(tuple(rng.integers(1, 5, 2)), rng.integers(0, 10), dtype=np.uint8)


def large(rng: Rng) -> np.ndarray:
    g = noise(rng)
    h, w = rng.integers(12, 31, 2)
    return np.resize(g, (h, w))


def sparse(rng: Rng) -> np.ndarray:
    """A few single cells on a background (markers, points to join)."""
    h, w = rng.integers(2, 12, 2)
    g = np.zeros((h, w), dtype=np.uint8)
    for _ in range(int(rng.integers(1, 5))):
        g[rng.integers(h), rng.integers(w)] = rng.integers(1, 10)
    return g


RECIPES: tuple[Callable[[Rng], np.ndarray], ...] = (noise, noise, noise, upscaled, parted, mirrored, uniform, large,
                                                    sparse, sparse)


def random_grid(rng: Rng) -> np.ndarray:
    g = np.ascontiguousarray(RECIPES[rng.integers(len(RECIPES))](rng), dtype=np.uint8)
    g.setflags(write=False)
    return g


def names(primitive: str, position: int = 0) -> list[str]:
    if f"{primitive}:{position}" in NAME_DOMAINS:
        return NAME_DOMAINS[f"{primitive}:{position}"]()
    if primitive not in NAME_DOMAINS:
        pytest.fail(f"{primitive} takes a Name: add where its valid names live to NAME_DOMAINS")
    return NAME_DOMAINS[primitive]()


def arguments(name: str, g: np.ndarray, rng: Rng) -> tuple[Any, ...] | None:
    """Well-typed arguments for a primitive whose first grid is g; None if the grid has no objects."""
    args: list[Any] = []
    present = np.unique(g).tolist()
    for i, t in enumerate(PRIMITIVES[name].arg_types):
        if t == GRID:
            args.append(g if i == 0 or rng.random() < 0.5 else random_grid(rng))
        elif t == COLOUR:
            args.append(int(rng.choice(present)) if rng.random() < 0.7 else int(rng.integers(0, 10)))
        elif t == INT:
            args.append(int(rng.integers(-2, 6)))
        elif t in (OBJECTS, OBJECT):
            finder = ("objects4", "objects8", "blobs", "colour_sets")[rng.integers(4)]
            try:
                objs = PRIMITIVES[finder].function(g)
            except ValueError:
                return None
            args.append(objs if t == OBJECTS else objs[rng.integers(len(objs))])
        elif t == "Name":
            options = names(name, i)
            args.append(options[rng.integers(len(options))])
        elif t == COLOURMAP:
            args.append(table(name, args, g, rng))
        else:
            pytest.fail(f"no random arguments of type {t} (for {name}): add them to arguments()")
    return tuple(args)


def table(name: str, args: list[Any], g: np.ndarray, rng: Rng) -> tuple[tuple[Any, int], ...]:
    """A small table: colour to colour, or (for local_rule) from some of the grid's own cell keys."""
    if name == "local_rule":
        keys: list[Any] = importlib.import_module("arclab.dsl.local_rules").cell_keys(g, args[1])
    elif name == "parts_rule":
        keys = [tuple(int(v) for v in rng.integers(0, 2, 2)) for _ in range(4)]
        return tuple(sorted({k: "part0" if rng.random() < 0.3 else int(rng.integers(0, 10)) for k in keys}.items()))
    elif name == "lookup":
        try:
            fact = VOCABULARIES["grid_scalars"].function(args[1])(g)
        except ValueError:  # no objects to count: lookup is undefined there too
            return ()
        return ((int(fact), ((1, 2), (3, 4))),) if rng.random() < 0.5 else ()
    elif name == "cell_rules":
        features = list(VOCABULARIES["cell_features"])
        return tuple((k, (features[int(rng.integers(len(features)))], int(rng.integers(0, 4)),
                          "ray_up" if rng.random() < 0.3 else int(rng.integers(0, 10)))) for k in range(3))
    elif name == "cell_rule":
        values = VOCABULARIES["cell_features"].function(args[1])(g)
        keys = sorted({(int(v),) for v in np.asarray(values).ravel()})
        if rng.random() < 0.3:  # a copy target instead of a colour
            return tuple((k, "ray_up") for k in keys[:2])
    else:
        keys = list(range(6)) if name == "recolour_by" else list(range(10))
        if name == "cellwise":
            keys = [(a, b) for a in range(10) for b in range(10)]
    chosen = rng.choice(len(keys), size=min(len(keys), int(rng.integers(0, 7))), replace=False)
    return tuple(sorted({keys[i]: int(rng.integers(0, 10)) for i in chosen}.items()))


@pytest.mark.parametrize("name", GRID_PRIMITIVES)
def test_results_are_valid_grids(name: str) -> None:
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    function = PRIMITIVES[name].function
    defined = 0
    for _ in range(INPUTS):
        g = random_grid(rng)
        args = arguments(name, g, rng)
        if args is None:
            continue
        try:
            result = function(*args)
        except ValueError:
            continue
        except Exception as error:  # noqa: BLE001 - the point: nothing but ValueError may escape
            pytest.fail(f"{name}{args!r} raised {type(error).__name__}: {error}")
        defined += 1
        assert isinstance(result, np.ndarray) and result.ndim == 2, (name, args)
        assert result.dtype == np.uint8 and not result.flags.writeable, (name, args)
        assert 1 <= result.shape[0] <= 30 and 1 <= result.shape[1] <= 30, (name, args, result.shape)
        assert int(result.max()) <= 9, (name, args)
    assert defined, f"{name} was undefined on all {INPUTS} random inputs, so nothing was checked"
