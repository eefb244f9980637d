"""Equivalence guard: every search primitive and cell feature gives the values the pre-speed-work code gave.

For each primitive the enumerator uses, a digest of its results (or of the kind of error it
raised) on seeded random grids and on real training inputs, with arguments drawn from the grids,
is compared with a fixture written by the code before the speed work (commit 4805e09) and rewritten
once since, when the background became black wherever a grid holds it (session 5); its keys follow
primitive renames (`arclab.dsl.ALIASES`; a renamed primitive's digest was checked equal under its
former name before its key changed). A faster
implementation must give identical values on every input. To rewrite the fixture after an
intended change of a primitive's values:

    PYTHONPATH=src .venv/bin/python tests/dsl/test_dsl_values_fixture.py --write
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from arclab.datasets import load_tasks
from arclab.dsl import PRIMITIVES, value_key
from arclab.dsl import CELL_FEATURES
from arclab.dsl.objects import blobs, colour_sets, objects4

FIXTURE = Path(__file__).parent / "data" / "primitive_values.json"
SEED = 20261130


def _random_grid(rng: np.random.Generator) -> np.ndarray:
    """A grid with a background and sparse shapes (or, sometimes, dense noise)."""
    h, w = int(rng.integers(1, 16)), int(rng.integers(1, 16))
    bg = int(rng.integers(0, 10)) if rng.random() < 0.3 else 0
    grid = np.full((h, w), bg, dtype=np.uint8)
    density = rng.choice([0.1, 0.3, 0.6, 1.0])
    colours = rng.choice(10, size=int(rng.integers(1, 5)), replace=False)
    paint = rng.random((h, w)) < density
    grid[paint] = rng.choice(colours, size=int(paint.sum()))
    if rng.random() < 0.3:  # a mirror symmetry, sometimes with holes, sometimes lines
        grid[:, w - w // 2:] = grid[:, : w // 2][:, ::-1]
    if rng.random() < 0.2 and h > 2:
        grid[h // 2, :] = colours[0]
    grid.setflags(write=False)
    return grid


@functools.lru_cache(maxsize=1)
def grids() -> list[np.ndarray]:
    """Seeded random grids, then the train inputs of every 20th training task."""
    rng = np.random.default_rng(SEED)
    out = [_random_grid(rng) for _ in range(240)]
    tasks = sorted(load_tasks("arc-agi-1/training").tasks, key=lambda t: t.id)[::20]
    out += [ex.input.array for task in tasks for ex in task.train]
    return out


def _objects_of(g: np.ndarray) -> list[Any]:
    found: list[Any] = []
    for extract in (objects4, blobs, colour_sets):
        try:
            found.append(extract(g))
        except ValueError:
            pass
    return found


def _arguments(arg_type: str, g: np.ndarray, other: np.ndarray, rng: np.random.Generator) -> list[Any]:
    if arg_type == "Grid":
        return [g, other]
    if arg_type == "Colour":
        return [int(c) for c in rng.choice(10, size=3, replace=False)]
    if arg_type == "Int":
        return [1, 2, 3, int(rng.integers(-2, 5))]
    objects = _objects_of(g)
    if arg_type == "Objects":
        return objects
    if arg_type == "Object":
        return [o for objs in objects for o in objs[:3]]
    raise AssertionError(f"no test arguments for {arg_type}")


def calls(name: str) -> Iterator[tuple[Any, ...]]:
    """The argument tuples a primitive is tried on (the first argument is always a test grid)."""
    prim = PRIMITIVES[name]
    rng = np.random.default_rng([SEED, sum(name.encode())])
    all_grids = grids()
    for i, g in enumerate(all_grids):
        other = g[::-1] if i % 2 else all_grids[(i * 7 + 3) % len(all_grids)]
        options = [_arguments(t, g, other, rng) for t in prim.arg_types]
        if prim.arg_types[0] == "Grid":
            options[0] = [g]
        combos = list(itertools.product(*options))
        if len(combos) > 8:
            picks = rng.choice(len(combos), size=8, replace=False)
            combos = [combos[int(k)] for k in sorted(picks)]
        yield from combos


def digest(name: str) -> str:
    """A hash of the primitive's results (or error kinds) on all its test calls."""
    function = PRIMITIVES[name].function
    out = hashlib.sha256()
    for args in calls(name):
        try:
            result: Any = ("value", value_key(function(*args)))
        except (ValueError, IndexError, ZeroDivisionError, MemoryError) as error:
            result = ("error", type(error).__name__)
        out.update(repr(result).encode())
    return out.hexdigest()


def feature_digest(name: str) -> str:
    """A hash of a cell feature's values (or error kinds) on every test grid."""
    out = hashlib.sha256()
    for g in grids():
        try:
            values = np.asarray(CELL_FEATURES[name].function(g))
            result: Any = ("value", values.shape, values.astype(np.int64).tobytes())
        except (ValueError, IndexError) as error:
            result = ("error", type(error).__name__)
        out.update(repr(result).encode())
    return out.hexdigest()


def _names(part: str) -> list[str]:
    return sorted(json.loads(FIXTURE.read_text()).get(part, {})) if FIXTURE.exists() else []


@pytest.mark.parametrize("name", _names("primitives"))
def test_primitive_values_match_the_fixture(name: str) -> None:
    assert digest(name) == json.loads(FIXTURE.read_text())["primitives"][name]


@pytest.mark.parametrize("name", _names("cell_features"))
def test_cell_feature_values_match_the_fixture(name: str) -> None:
    assert feature_digest(name) == json.loads(FIXTURE.read_text())["cell_features"][name]


def _write() -> None:
    names = sorted(p.name for p in PRIMITIVES.values() if p.search)
    FIXTURE.parent.mkdir(exist_ok=True)
    fixture = {"primitives": {name: digest(name) for name in names},
               "cell_features": {name: feature_digest(name) for name in CELL_FEATURES}}
    FIXTURE.write_text(json.dumps(fixture, indent=1) + "\n")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    _write()
