"""The compiled kernels (numba) against the numpy/scipy code they stand in for: the same objects in the
same order, the same ray paintings, and ARCLAB_NUMBA=0 turning them off."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from arclab.dsl import _kernels, drawing, objects

pytestmark = pytest.mark.skipif(not _kernels.COMPILED, reason="numba is not installed or ARCLAB_NUMBA=0")


def _grids(seed: int, count: int) -> Iterator[np.ndarray]:
    """Small random grids of a few colours, some mostly black, some with another background."""
    rng = np.random.default_rng(seed)
    for i in range(count):
        h, w = (int(x) for x in rng.integers(1, 13, size=2))
        palette = rng.choice(10, size=int(rng.integers(1, 5)), replace=False)
        g = rng.choice(palette, size=(h, w)).astype(np.uint8)
        if i % 3 == 0:
            g[rng.random((h, w)) < 0.6] = 0
        elif i % 3 == 1:
            g[rng.random((h, w)) < 0.7] = g[0, 0]
        yield g


def _outcome(function: Callable[[], Any]) -> Any:
    """What a call gives: objects by key, a grid by dtype, shape and cells, or its ValueError's text."""
    try:
        value = function()
    except ValueError as error:
        return str(error)
    if isinstance(value, np.ndarray):
        return value.dtype, value.shape, value.tobytes(), value.flags.writeable
    return [(o.key(), o.mask.dtype, o.colours.dtype, o.mask.flags.writeable, o.colours.flags.writeable)
            for o in value]


def _without_kernels(monkeypatch: pytest.MonkeyPatch, function: Callable[[], Any]) -> Any:
    with monkeypatch.context() as m:
        m.setattr(_kernels, "COMPILED", False)
        return _outcome(function)


def test_components_match_scipy_labelling(monkeypatch: pytest.MonkeyPatch) -> None:
    components = objects._components.__wrapped__  # type: ignore[attr-defined]  # memo keeps the plain function
    for g in _grids(3, 400):
        for connectivity in (4, 8):
            for by_colour in (True, False):
                for with_background in (False, True):
                    args = (g, connectivity, by_colour, with_background)
                    compiled = _outcome(lambda: components(*args))
                    assert compiled == _without_kernels(monkeypatch, lambda: components(*args)), (g, args)


def test_colour_sets_match_the_numpy_code(monkeypatch: pytest.MonkeyPatch) -> None:
    for g in _grids(4, 300):
        for by_colour in (True, False):
            for with_background in (False, True):
                def run() -> Any:
                    return objects.extract_objects(g, 0, by_colour, with_background)
                assert _outcome(run) == _without_kernels(monkeypatch, run), (g, by_colour, with_background)


def test_equal_top_left_corners_keep_the_labelling_order(monkeypatch: pytest.MonkeyPatch) -> None:
    g = np.array([[1, 0, 1], [0, 0, 1], [1, 1, 1]], dtype=np.uint8)  # a cell and an L, both boxed from (0, 0)
    found = objects.extract_objects(g, 4, True)
    assert [(o.top, o.left, o.size) for o in found] == [(0, 0, 1), (0, 0, 5)]
    assert _outcome(lambda: objects.extract_objects(g, 4, True)) == _without_kernels(
        monkeypatch, lambda: objects._components_scipy(g, 4, True, False))


def test_rays_match_the_python_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    for g in _grids(5, 300):
        for _, directions, _ in drawing.EXTENSIONS:
            def run() -> Any:
                return drawing.extend(g, directions)
            assert _outcome(run) == _without_kernels(monkeypatch, run), (g, directions)


def test_arclab_numba_0_turns_the_kernels_off() -> None:
    code = "from arclab.dsl import _kernels; print(_kernels.COMPILED, _kernels.parts(__import__('numpy').zeros((2, 2), 'uint8'), 0, 4, True, 60))"
    env = {**os.environ, "ARCLAB_NUMBA": "0"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "None"]
