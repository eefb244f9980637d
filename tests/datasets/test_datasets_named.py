"""The public datasets, read offline: counts, versions, and no problems."""

from __future__ import annotations

import pytest

from arclab.datasets import DEFAULT_DATASET, NAMED_DATASETS, load_tasks
from arclab.datasets._named import raw_named_dataset
from arclab.task import task_to_json

EXPECTED = {
    "arc-agi-1/training": (400, 416),
    "arc-agi-1/evaluation": (400, 419),
    "arc-agi-2/training": (1000, 1076),
    "arc-agi-2/evaluation": (120, 167),
}


def test_the_four_named_datasets() -> None:
    assert set(NAMED_DATASETS) == set(EXPECTED) and DEFAULT_DATASET in NAMED_DATASETS


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_dataset_counts(name: str) -> None:
    tasks = load_tasks(name, strict=True)
    assert (len(tasks), tasks.num_test_outputs) == EXPECTED[name]
    assert not tasks.problems and tasks.has_solutions
    assert tasks.version == NAMED_DATASETS[name].version
    assert list(tasks.ids) == sorted(tasks.ids)
    assert all(len(task.id) == 8 for task in tasks)


def test_named_datasets_are_parsed_once() -> None:
    assert load_tasks("arc-agi-1/evaluation") is load_tasks("arc-agi-1/evaluation")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_tasks_round_trip_to_their_json(name: str) -> None:
    dataset, raw = raw_named_dataset(name)
    tasks = load_tasks(name)
    assert set(raw) == set(tasks.ids)
    for task in tasks:
        assert task_to_json(task) == raw[task.id], task.id
