"""Determinism guard: the enumerator's trace on a few training tasks matches a checked-in fixture.

The fixture was written by the enumerator before its speed work (commit 4805e09) and rewritten when
the background became black wherever a grid holds it (session 5); after a primitive rename
(`arclab.dsl.ALIASES`) its costs and hashes carry the new names (the trace was checked equal with
programs printed under the former names first); any change to
what the enumerator tries, in which order, or to any primitive's values shows up as a different
hash. The primitive costs are pinned from the fixture, so a change of the registry's costs (a
learned prior) does not break this test; a change of the enumeration order or of a primitive's
values does, on purpose. To rewrite the fixture after an intended change:

    PYTHONPATH=src .venv/bin/python tests/search/test_search_enumerate_trace.py --write
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from arclab.datasets import load_tasks
from arclab.dsl import COLOUR, GRID, PRIMITIVES, value_key
from arclab.search import Enumerator

FIXTURE = Path(__file__).parent / "data" / "enumerate_trace.json"
DATASET = "arc-agi-1/training"
TASK_INDICES = (3, 57, 141, 262)
"""Tasks (by index among the dataset's sorted ids) the trace is taken on."""
EVALUATED = 20_000
"""The trace stops at the first new candidate after this many primitive applications."""


def _colours(grids: list[np.ndarray]) -> list[int]:
    return sorted(set(np.unique(np.concatenate([g.ravel() for g in grids])).tolist()))


def trace(index: int, costs: dict[str, int]) -> dict[str, Any]:
    """The enumerator's trace on one task: hashes of what it yields and keeps, and its count."""
    task = sorted(load_tasks(DATASET).tasks, key=lambda t: t.id)[index]
    inputs = [ex.input.array for ex in task.train] + [ex.input.array for ex in task.test]
    outputs = [ex.output.array for ex in task.train if ex.output is not None]
    prims = [dataclasses.replace(PRIMITIVES[name], cost=cost) for name, cost in costs.items()]
    enum = Enumerator(inputs, _colours(inputs + outputs), primitives=prims)
    yielded = hashlib.sha256()
    count = 0
    for cand in enum.candidates(12, frozenset([GRID, COLOUR])):
        yielded.update(repr((str(cand.expr), cand.cost, [value_key(v) for v in cand.values])).encode())
        count += 1
        if enum.evaluated >= EVALUATED:
            break
    kept = hashlib.sha256()
    for type_ in sorted(enum.pools):
        for cost in sorted(enum.pools[type_]):
            for cand in enum.pools[type_][cost]:
                kept.update(repr((type_, str(cand.expr), [value_key(v) for v in cand.values])).encode())
    return {"task": task.id, "yielded": count, "evaluated": enum.evaluated,
            "yielded_sha256": yielded.hexdigest(), "kept_sha256": kept.hexdigest()}


def _fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text())
    return data


@pytest.mark.parametrize("position", range(len(TASK_INDICES)))
def test_enumeration_trace_matches_the_fixture(position: int) -> None:
    fixture = _fixture()
    expected = fixture["traces"][position]
    assert trace(TASK_INDICES[position], fixture["costs"]) == expected


def _write() -> None:
    costs = {p.name: p.cost for p in PRIMITIVES.values() if p.search}
    traces = [trace(index, costs) for index in TASK_INDICES]
    FIXTURE.parent.mkdir(exist_ok=True)
    FIXTURE.write_text(json.dumps({"costs": costs, "traces": traces}, indent=1) + "\n")


def test_a_small_memo_changes_nothing_but_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    from arclab.search import _enumerate

    costs = _fixture()["costs"]
    full = trace(TASK_INDICES[0], costs)
    monkeypatch.setattr(_enumerate, "MEMO_ENTRIES", 50)
    assert trace(TASK_INDICES[0], costs) == full


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    _write()
