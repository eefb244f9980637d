"""The audit engine: identical tasks, shared pairs and overlap within and across task sources.

Everything is hashed by value (Grid hashes its bytes and shape), so auditing every named
dataset is one pass over their pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..datasets import SourceError, TaskSet, load_tasks
from ..task import Example, Task

SCHEMA = "arclab.audit/1"
"""Names the layout of `AuditReport.to_json()`; bumped when that layout changes."""


@dataclass(frozen=True, slots=True)
class TaskRef:
    """A task in one of the audited sources."""

    source: str
    task_id: str


@dataclass(frozen=True, slots=True)
class PairRef:
    """A test pair (`index` into the task's test list) in one of the audited sources."""

    source: str
    task_id: str
    index: int


@dataclass(frozen=True, slots=True)
class IdenticalTasks:
    """Tasks with the same train pairs and the same test pairs."""

    members: tuple[TaskRef, ...]
    same_order: tuple[tuple[TaskRef, ...], ...]
    """The members grouped by pair order: tasks in one group have the very same task JSON."""

    @property
    def exact(self) -> bool:
        """True when every member also has its pairs in the same order."""
        return len(self.same_order) == 1


@dataclass(frozen=True, slots=True)
class SharedTestPair:
    """One test pair (input and output) that occurs in tasks which are not themselves identical."""

    members: tuple[PairRef, ...]


@dataclass(frozen=True, slots=True)
class Count:
    """`count` of `total` items; `percent` of them."""

    count: int
    total: int

    @property
    def percent(self) -> float:
        """100 * count / total (0 for an empty total)."""
        return 100.0 * self.count / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.count}/{self.total} ({self.percent:.1f}%)"


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much of `source` is found in `other`.

    When `other == source` this counts duplicates inside the source: items whose value occurs
    in another task of the same source.
    """

    source: str
    other: str
    tasks: Count
    """Tasks of `source` identical to a task of `other` (pair order ignored)."""
    train_pairs: Count
    """Train pairs of `source` (input and output) that occur in `other`."""
    test_pairs: Count
    """Test pairs of `source` (input and output as loaded) that occur in `other`."""


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """What was audited in one source."""

    name: str
    version: str
    num_tasks: int
    num_train_pairs: int
    num_test_pairs: int
    problems: tuple[str, ...]
    """Bad tasks that were skipped while loading (see `load_tasks`)."""


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The result of `audit`: identical tasks, shared test pairs, and overlap per pair of sources."""

    sources: tuple[SourceSummary, ...]
    identical_tasks: tuple[IdenticalTasks, ...]
    shared_test_pairs: tuple[SharedTestPair, ...]
    overlaps: tuple[Overlap, ...]
    """One per ordered pair of sources, the source with itself included."""

    def overlap(self, source: str, other: str) -> Overlap:
        """How much of `source` is found in `other`."""
        for item in self.overlaps:
            if item.source == source and item.other == other:
                return item
        raise KeyError(f"no overlap of {source!r} with {other!r} in this audit")

    def to_json(self) -> dict[str, Any]:
        """A plain JSON object of the whole report (layout named by `SCHEMA`)."""

        def count(c: Count) -> dict[str, Any]:
            return {"count": c.count, "total": c.total, "percent": round(c.percent, 3)}

        return {
            "schema": SCHEMA,
            "sources": [
                {"name": s.name, "version": s.version, "tasks": s.num_tasks, "train_pairs": s.num_train_pairs,
                 "test_pairs": s.num_test_pairs, "problems": list(s.problems)}
                for s in self.sources
            ],
            "identical_tasks": [
                {"exact": g.exact,
                 "members": [{"source": m.source, "task_id": m.task_id} for m in g.members],
                 "same_order": [[{"source": m.source, "task_id": m.task_id} for m in same] for same in g.same_order]}
                for g in self.identical_tasks
            ],
            "shared_test_pairs": [
                {"members": [{"source": m.source, "task_id": m.task_id, "index": m.index} for m in g.members]}
                for g in self.shared_test_pairs
            ],
            "overlaps": [
                {"source": o.source, "other": o.other, "tasks": count(o.tasks),
                 "train_pairs": count(o.train_pairs), "test_pairs": count(o.test_pairs)}
                for o in self.overlaps
            ],
        }


def task_key(task: Task) -> Hashable:
    """A task's content with pair order ignored: equal keys mean the same puzzle, the same answers."""
    return (frozenset(Counter(task.train).items()), frozenset(Counter(task.test).items()))


def _count_found(items: dict[str, list[tuple[str, Hashable]]], names: Sequence[str]) -> dict[tuple[str, str], int]:
    """For each (source, other): how many of the source's items have a value that occurs in other.

    `items[source]` lists (task id, value). Within a source an item counts when its value occurs
    in a different task of that source.
    """
    where: dict[Hashable, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name in names:
        for task_id, value in items[name]:
            where[value][name].add(task_id)
    found: Counter[tuple[str, str]] = Counter()
    for name in names:
        for task_id, value in items[name]:
            for other, task_ids in where[value].items():
                if other != name or len(task_ids) > 1 or task_id not in task_ids:
                    found[name, other] += 1
    return found


def _pairs(tasks: TaskSet, which: str) -> list[tuple[str, Hashable]]:
    return [(task.id, pair) for task in tasks for pair in getattr(task, which)]


def audit(tasksets: Sequence[TaskSet]) -> AuditReport:
    """Audit loaded task sets against themselves and each other (each must have its own name)."""
    names = [t.name for t in tasksets]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise SourceError(f"{repeated[0]}: source given more than once")

    keys = {(t.name, task.id): task_key(task) for t in tasksets for task in t}
    by_key: dict[Hashable, list[TaskRef]] = defaultdict(list)
    for (name, task_id), key in keys.items():
        by_key[key].append(TaskRef(name, task_id))
    tasks_by_ref = {(t.name, task.id): task for t in tasksets for task in t}

    identical = []
    for members in by_key.values():
        if len(members) > 1:
            layouts: dict[tuple[Any, ...], list[TaskRef]] = defaultdict(list)
            for m in members:
                task = tasks_by_ref[m.source, m.task_id]
                layouts[task.train, task.test].append(m)
            identical.append(IdenticalTasks(tuple(members), tuple(tuple(g) for g in layouts.values())))

    test_refs: dict[Example, list[PairRef]] = defaultdict(list)
    for t in tasksets:
        for task in t:
            for index, pair in enumerate(task.test):
                test_refs[pair].append(PairRef(t.name, task.id, index))
    shared = []
    for refs in test_refs.values():
        if len({keys[r.source, r.task_id] for r in refs}) > 1:
            shared.append(SharedTestPair(tuple(refs)))

    task_items = {t.name: [(task.id, keys[t.name, task.id]) for task in t] for t in tasksets}
    train_items = {t.name: _pairs(t, "train") for t in tasksets}
    test_items = {t.name: _pairs(t, "test") for t in tasksets}
    found_tasks = _count_found(task_items, names)
    found_train = _count_found(train_items, names)
    found_test = _count_found(test_items, names)
    overlaps = tuple(
        Overlap(a, b,
                tasks=Count(found_tasks[a, b], len(task_items[a])),
                train_pairs=Count(found_train[a, b], len(train_items[a])),
                test_pairs=Count(found_test[a, b], len(test_items[a])))
        for a in names for b in names
    )
    summaries = tuple(
        SourceSummary(t.name, t.version, len(t), len(train_items[t.name]), len(test_items[t.name]),
                      tuple(str(p) for p in t.problems))
        for t in tasksets
    )
    return AuditReport(summaries, tuple(identical), tuple(shared), overlaps)


def audit_sources(sources: Sequence[str | Path], *, strict: bool = False) -> AuditReport:
    """Load each source (dataset name, directory or JSON file; see `load_tasks`) and audit them."""
    if not sources:
        raise SourceError("give at least one task source to audit")
    return audit([load_tasks(source, strict=strict) for source in sources])
