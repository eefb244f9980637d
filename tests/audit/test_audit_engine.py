"""The audit: identical tasks, shared test pairs and overlap, on small sources and the real datasets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from arclab.audit import Count, audit, audit_sources, task_key
from arclab.datasets import SourceError, TaskSet, load_tasks
from arclab.task import Example, Grid, Task


def pair(a: int, b: int) -> dict[str, Any]:
    return {"input": [[a]], "output": [[b, b]]}


def task(train: list[tuple[int, int]], test: list[tuple[int, int]]) -> dict[str, Any]:
    return {"train": [pair(*p) for p in train], "test": [pair(*p) for p in test]}


P1, P2, P3, P4, P5, P6 = (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6)
Q1, Q2, Q3, Q4 = (2, 1), (2, 2), (2, 3), (2, 4)


@pytest.fixture
def sources(tmp_path: Path) -> tuple[str, str]:
    folder = tmp_path / "A"
    folder.mkdir()
    for name, value in {
        "a1": task([P1, P2], [Q1]),
        "a2": task([P3], [Q2]),
        "a3": task([P4], [Q3]),
        "a4": task([P4], [Q3]),  # the same as a3, inside the same source
    }.items():
        (folder / f"{name}.json").write_text(json.dumps(value))
    mapping = tmp_path / "B.json"
    mapping.write_text(json.dumps({
        "b1": task([P2, P1], [Q1]),  # a1 with its train pairs swapped
        "b2": task([P5], [Q2]),  # shares a2's test pair, otherwise different
        "b3": task([P6, P6], [Q4]),  # a pair repeated inside one task is not a duplicate
    }))
    return str(folder), str(mapping)


def test_identical_tasks_in_any_order(sources: tuple[str, str]) -> None:
    a, b = sources
    report = audit_sources([a, b])
    groups = {frozenset((m.source, m.task_id) for m in g.members): g for g in report.identical_tasks}
    assert set(groups) == {frozenset({(a, "a1"), (b, "b1")}), frozenset({(a, "a3"), (a, "a4")})}
    swapped = groups[frozenset({(a, "a1"), (b, "b1")})]
    assert not swapped.exact and len(swapped.same_order) == 2
    assert groups[frozenset({(a, "a3"), (a, "a4")})].exact


def test_shared_test_pairs_skip_identical_tasks(sources: tuple[str, str]) -> None:
    a, b = sources
    report = audit_sources([a, b])
    assert [[(m.source, m.task_id, m.index) for m in g.members] for g in report.shared_test_pairs] == [
        [(a, "a2", 0), (b, "b2", 0)]
    ]


def test_overlap_counts_and_percentages(sources: tuple[str, str]) -> None:
    a, b = sources
    report = audit_sources([a, b])
    assert len(report.overlaps) == 4
    a_in_b = report.overlap(a, b)
    assert (a_in_b.tasks, a_in_b.train_pairs, a_in_b.test_pairs) == (Count(1, 4), Count(2, 5), Count(2, 4))
    assert a_in_b.tasks.percent == 25.0 and str(a_in_b.train_pairs) == "2/5 (40.0%)"
    b_in_a = report.overlap(b, a)
    assert (b_in_a.tasks, b_in_a.train_pairs, b_in_a.test_pairs) == (Count(1, 3), Count(2, 5), Count(2, 3))
    a_in_a = report.overlap(a, a)
    assert (a_in_a.tasks, a_in_a.train_pairs, a_in_a.test_pairs) == (Count(2, 4), Count(2, 5), Count(2, 4))
    b_in_b = report.overlap(b, b)
    assert (b_in_b.tasks.count, b_in_b.train_pairs.count, b_in_b.test_pairs.count) == (0, 0, 0)
    with pytest.raises(KeyError):
        report.overlap(a, "elsewhere")


def test_summaries_and_json(sources: tuple[str, str]) -> None:
    a, b = sources
    report = audit_sources([a, b])
    assert [(s.name, s.num_tasks, s.num_train_pairs, s.num_test_pairs) for s in report.sources] == [
        (a, 4, 5, 4), (b, 3, 5, 3)]
    raw = json.loads(json.dumps(report.to_json()))
    assert raw["schema"] == "arclab.audit/1"
    assert len(raw["identical_tasks"]) == 2 and len(raw["shared_test_pairs"]) == 1
    first = raw["overlaps"][1]
    assert (first["source"], first["other"], first["tasks"]) == (a, b, {"count": 1, "total": 4, "percent": 25.0})


def test_task_key_ignores_order_and_id() -> None:
    x, y = Example(Grid([[1]]), Grid([[2]])), Example(Grid([[3]]), Grid([[4]]))
    assert task_key(Task("p", (x, y), (x,))) == task_key(Task("q", (y, x), (x,)))
    assert task_key(Task("p", (x, y), (x,))) != task_key(Task("p", (x, x, y), (x,)))
    assert task_key(Task("p", (x,), (y,))) != task_key(Task("p", (y,), (x,)))


def test_a_source_given_twice_or_none(sources: tuple[str, str]) -> None:
    with pytest.raises(SourceError, match="more than once"):
        audit_sources([sources[0], sources[0]])
    with pytest.raises(SourceError, match="at least one"):
        audit_sources([])


def test_bad_tasks_are_skipped_and_listed(tmp_path: Path, sources: tuple[str, str]) -> None:
    (Path(sources[0]) / "broken.json").write_text("{")
    report = audit([load_tasks(sources[0])])
    assert report.sources[0].num_tasks == 4 and "broken.json" in report.sources[0].problems[0]


def test_known_duplicate_between_arc_agi_1_training_and_evaluation() -> None:
    report = audit([load_tasks("arc-agi-1/training"), load_tasks("arc-agi-1/evaluation")])
    assert [[(m.source, m.task_id) for m in g.members] for g in report.identical_tasks] == [
        [("arc-agi-1/training", "40853293"), ("arc-agi-1/evaluation", "070dd51e")]]
    assert report.identical_tasks[0].exact
    assert report.overlap("arc-agi-1/training", "arc-agi-1/evaluation").tasks == Count(1, 400)
    assert report.overlap("arc-agi-1/evaluation", "arc-agi-1/evaluation").tasks == Count(0, 400)


def test_arc_agi_2_evaluation_shares_test_pairs_with_arc_agi_1_evaluation() -> None:
    sets = [load_tasks("arc-agi-1/evaluation"), load_tasks("arc-agi-2/evaluation")]
    report = audit(sets)
    overlap = report.overlap("arc-agi-2/evaluation", "arc-agi-1/evaluation")
    assert overlap.test_pairs.count > 0 and overlap.tasks.count > 0
    assert overlap.test_pairs.total == 167


def test_empty_task_set() -> None:
    report = audit([TaskSet("empty", ())])
    assert report.overlap("empty", "empty").tasks == Count(0, 0) and Count(0, 0).percent == 0.0
