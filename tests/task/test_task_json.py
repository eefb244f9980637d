"""The ARC task JSON format: round trips, and errors that name the task and the field."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from arclab.task import Example, Grid, Task, TaskFormatError, task_from_json, task_to_json

GOOD: dict[str, Any] = {
    "train": [
        {"input": [[1, 0], [0, 1]], "output": [[2, 0], [0, 2]]},
        {"input": [[3]], "output": [[4]]},
    ],
    "test": [
        {"input": [[5, 5, 5]], "output": [[6, 6, 6]]},
        {"input": [[7], [7]], "output": [[8], [8]]},
    ],
}


def test_json_task_json_round_trip() -> None:
    task = task_from_json(GOOD, "abc", file="abc.json")
    assert (task.id, task.source, len(task.train), len(task.test)) == ("abc", "abc.json", 2, 2)
    assert task.train[1] == Example(Grid([[3]]), Grid([[4]]))
    assert task_to_json(task) == GOOD
    assert json.loads(json.dumps(task_to_json(task))) == GOOD
    assert task_from_json(task_to_json(task), "abc") == task


def test_withheld_test_outputs_round_trip() -> None:
    raw = copy.deepcopy(GOOD)
    for pair in raw["test"]:
        del pair["output"]
    task = task_from_json(raw, "abc")
    assert not task.has_solutions and task.test_outputs == (None, None)
    assert task_to_json(task) == raw
    full = task.with_test_outputs((Grid([[6, 6, 6]]), Grid([[8], [8]])))
    assert full.has_solutions and task_to_json(full) == GOOD


def test_solver_view_hides_test_outputs() -> None:
    task = task_from_json(GOOD, "abc")
    hidden = task.without_test_outputs()
    assert hidden.test_outputs == (None, None) and hidden.test_inputs == task.test_inputs
    assert hidden.train == task.train


def test_task_equality_ignores_where_it_was_read() -> None:
    assert task_from_json(GOOD, "abc", file="a.json") == task_from_json(GOOD, "abc", file="b.json")
    assert hash(task_from_json(GOOD, "abc")) == hash(task_from_json(GOOD, "abc"))


def _broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    raw = copy.deepcopy(GOOD)
    target = raw
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return raw


_DELETE = object()


@pytest.mark.parametrize("path, value, field, message", [
    (("train",), _DELETE, "train", "missing 'train'"),
    (("test",), _DELETE, "test", "missing 'test'"),
    (("train",), [], "train", "'train' is empty"),
    (("test",), [], "test", "'test' is empty"),
    (("train",), {"a": 1}, "train", "expected a list"),
    (("train", 0), [[1]], "train[0]", "expected an object"),
    (("train", 1, "input"), _DELETE, "train[1]", "missing 'input'"),
    (("train", 1, "output"), _DELETE, "train[1]", "missing 'output'"),
    (("train", 0, "input"), [[1, 0], [0]], "train[0].input[1]", "ragged"),
    (("train", 0, "output", 1, 0), 1.5, "train[0].output[1][0]", "integer"),
    (("train", 0, "output", 1, 0), "2", "train[0].output[1][0]", "integer"),
    (("train", 0, "output", 1, 0), True, "train[0].output[1][0]", "integer"),
    (("test", 1, "input", 0, 0), 10, "test[1].input[0][0]", "outside 0-9"),
    (("test", 0, "output", 0, 2), -1, "test[0].output[0][2]", "outside 0-9"),
    (("test", 0, "input"), [[0] * 31], "test[0].input[0]", "width 31"),
    (("test", 0, "input"), [[0]] * 31, "test[0].input", "height 31"),
    (("test", 0, "input"), [], "test[0].input", "height 0"),
    (("test", 0, "input"), [[]], "test[0].input[0]", "width 0"),
])
def test_errors_name_task_and_field(path: tuple[Any, ...], value: Any, field: str, message: str) -> None:
    with pytest.raises(TaskFormatError) as caught:
        task_from_json(_broken(path, value), "t1", file="dir/t1.json")
    error = caught.value
    assert (error.file, error.task_id, error.field) == ("dir/t1.json", "t1", field)
    assert message in error.message
    assert str(error).startswith(f"dir/t1.json: task t1: field {field}: ")


def test_not_an_object() -> None:
    with pytest.raises(TaskFormatError, match="f.json: task t: expected a task object, got list"):
        task_from_json([1], "t", file="f.json")


def test_task_dataclasses_are_frozen() -> None:
    task = task_from_json(GOOD, "abc")
    with pytest.raises(AttributeError):
        task.id = "x"  # type: ignore[misc]
    assert isinstance(task, Task) and isinstance(task.train, tuple)
