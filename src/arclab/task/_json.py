"""Read and write the ARC task JSON format, with errors that name the field."""

from __future__ import annotations

from typing import Any

from ._errors import GridError, TaskFormatError
from ._grid import Grid
from ._task import Example, Task


def grid_from_json(value: Any, field: str = "") -> Grid:
    """A grid from nested lists; a GridError located at `field` otherwise."""
    try:
        return Grid(value)
    except GridError as error:
        raise error.at(field) if field else error


def _example(raw: Any, field: str, need_output: bool) -> Example:
    if not isinstance(raw, dict):
        raise TaskFormatError(f"expected an object with 'input' and 'output', got {type(raw).__name__}",
                              field=field)
    if "input" not in raw:
        raise TaskFormatError("missing 'input'", field=field)
    try:
        grid_in = grid_from_json(raw["input"], f"{field}.input")
        grid_out = None
        if "output" in raw and raw["output"] is not None:
            grid_out = grid_from_json(raw["output"], f"{field}.output")
        elif need_output:
            raise TaskFormatError("missing 'output'", field=field)
    except GridError as error:
        raise TaskFormatError(error.message, field=error.field) from None
    return Example(grid_in, grid_out)


def task_from_json(raw: Any, task_id: str, *, file: str | None = None) -> Task:
    """A task from its parsed JSON object; raises TaskFormatError naming file, task and field."""
    try:
        if not isinstance(raw, dict):
            raise TaskFormatError(f"expected a task object, got {type(raw).__name__}")
        for key in ("train", "test"):
            if key not in raw:
                raise TaskFormatError(f"missing '{key}'", field=key)
            if not isinstance(raw[key], list):
                raise TaskFormatError(f"expected a list, got {type(raw[key]).__name__}", field=key)
            if not raw[key]:
                raise TaskFormatError(f"'{key}' is empty", field=key)
        train = tuple(_example(ex, f"train[{i}]", True) for i, ex in enumerate(raw["train"]))
        test = tuple(_example(ex, f"test[{i}]", False) for i, ex in enumerate(raw["test"]))
    except TaskFormatError as error:
        raise error.located(file=file, task_id=task_id) from None
    return Task(task_id, train, test, source=file or "")


def _example_to_json(example: Example) -> dict[str, Any]:
    out: dict[str, Any] = {"input": example.input.to_list()}
    if example.output is not None:
        out["output"] = example.output.to_list()
    return out


def task_to_json(task: Task) -> dict[str, Any]:
    """The ARC JSON object of a task (test outputs included where known)."""
    return {
        "train": [_example_to_json(ex) for ex in task.train],
        "test": [_example_to_json(ex) for ex in task.test],
    }
