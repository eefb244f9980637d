"""One entry point for every kind of task source: a dataset name, a directory, or a JSON file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..task import ArclabError, Grid, GridError, Task, TaskFormatError, grid_from_json, task_from_json
from ._named import NAMED_DATASETS, raw_named_dataset, suggest_dataset
from ._taskset import TaskSet


class SourceError(ArclabError):
    """The source itself cannot be used: it does not exist, or it is not a task source."""


class TaskSetError(ArclabError):
    """Loading with strict=True found problems; `problems` lists every one."""

    def __init__(self, source: str, problems: Iterable[TaskFormatError]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else "?"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{first}{more}")
        self.source = source


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def read_json_file(path: Path) -> Any:
    """Parse a JSON file; TaskFormatError names the file and the line on failure."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as error:
        raise TaskFormatError(f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}",
                              file=str(path)) from None
    except UnicodeDecodeError as error:
        raise TaskFormatError(f"not UTF-8 text: {error.reason}", file=str(path)) from None
    except _DuplicateKey as error:
        raise TaskFormatError(f"duplicate key {error.key!r}", file=str(path),
                              task_id=error.key if len(error.key) < 64 else None) from None
    except OSError as error:
        raise TaskFormatError(f"cannot read: {error.strerror}", file=str(path)) from None


def _is_single_task(raw: Any) -> bool:
    return isinstance(raw, dict) and "train" in raw and "test" in raw


def _tasks_from_mapping(raw: Any, file: str, problems: list[TaskFormatError]) -> list[Task]:
    if not isinstance(raw, dict):
        problems.append(TaskFormatError(
            f"expected a task object or an object mapping ids to tasks, got {type(raw).__name__}", file=file))
        return []
    tasks = []
    for task_id, raw_task in raw.items():
        try:
            tasks.append(task_from_json(raw_task, task_id, file=file))
        except TaskFormatError as error:
            problems.append(error)
    return tasks


def _solutions_for(path: Path) -> Path | None:
    """The Kaggle layout pairs `X_challenges.json` with `X_solutions.json` in the same folder."""
    if "challenges" in path.name:
        candidate = path.with_name(path.name.replace("challenges", "solutions"))
        if candidate.is_file():
            return candidate
    return None


def _attach_solutions(tasks: list[Task], path: Path, problems: list[TaskFormatError]) -> list[Task]:
    """Set test outputs from a Kaggle solutions file ({id: [grid, ...]}); report any mismatch."""
    file = str(path)
    try:
        raw = read_json_file(path)
    except TaskFormatError as error:
        problems.append(error)
        return tasks
    if not isinstance(raw, dict):
        problems.append(TaskFormatError(f"expected an object mapping ids to lists of grids, got "
                                        f"{type(raw).__name__}", file=file))
        return tasks
    by_id = {task.id: task for task in tasks}
    for extra in sorted(set(raw) - set(by_id)):
        problems.append(TaskFormatError("solutions for a task that is not in the task file",
                                        file=file, task_id=extra))
    out = []
    for task in tasks:
        if task.id not in raw:
            problems.append(TaskFormatError("no solutions for this task", file=file, task_id=task.id))
            continue
        grids = raw[task.id]
        if not isinstance(grids, list) or len(grids) != len(task.test):
            count = len(grids) if isinstance(grids, list) else type(grids).__name__
            problems.append(TaskFormatError(f"expected {len(task.test)} output grids, got {count}",
                                            file=file, task_id=task.id, field="solutions"))
            continue
        try:
            outputs = tuple(grid_from_json(g, f"solutions[{i}]") for i, g in enumerate(grids))
        except GridError as error:
            problems.append(TaskFormatError(error.message, file=file, task_id=task.id, field=error.field))
            continue
        out.append(task.with_test_outputs(outputs))
    return out


def _load_directory(root: Path, problems: list[TaskFormatError]) -> list[Task]:
    tasks: dict[str, Task] = {}
    for path in sorted(root.rglob("*.json")):
        if not path.is_file():
            continue
        task_id = path.stem
        try:
            raw = read_json_file(path)
            task = task_from_json(raw, task_id, file=str(path))
        except TaskFormatError as error:
            problems.append(error)
            continue
        if task_id in tasks:
            problems.append(TaskFormatError(f"duplicate task id, also in {tasks[task_id].source}",
                                            file=str(path), task_id=task_id))
            continue
        tasks[task_id] = task
    if not tasks and not problems:
        raise SourceError(f"{root}: no task JSON files found")
    return list(tasks.values())


def _load_file(path: Path, solutions: Path | None, problems: list[TaskFormatError]) -> list[Task]:
    try:
        raw = read_json_file(path)
    except TaskFormatError as error:
        problems.append(error)
        return []
    if _is_single_task(raw):
        try:
            tasks = [task_from_json(raw, path.stem, file=str(path))]
        except TaskFormatError as error:
            problems.append(error)
            tasks = []
    else:
        tasks = _tasks_from_mapping(raw, str(path), problems)
    solutions = solutions or _solutions_for(path)
    if solutions is not None:
        tasks = _attach_solutions(tasks, solutions, problems)
    return tasks


def load_tasks(source: str | Path, *, solutions: str | Path | None = None, strict: bool = False) -> TaskSet:
    """Load tasks from a dataset name, a directory of task files, a task file or a Kaggle file.

    Bad tasks are skipped and listed in `TaskSet.problems`; with strict=True any problem raises
    TaskSetError instead. `solutions` names a Kaggle solutions file for a challenges file (found
    automatically when it sits beside it as `*_solutions.json`).
    """
    problems: list[TaskFormatError] = []
    name = str(source)
    version = ""
    if name in NAMED_DATASETS and not Path(name).exists():
        dataset, raw = raw_named_dataset(name)
        version = dataset.version
        tasks = _tasks_from_mapping(raw, f"{dataset.file}[{dataset.split}]", problems)
    else:
        path = Path(source)
        if path.is_dir():
            if solutions is not None:
                raise SourceError(f"{path}: a solutions file goes with a JSON file of tasks, not a directory")
            tasks = _load_directory(path, problems)
        elif path.is_file():
            tasks = _load_file(path, Path(solutions) if solutions else None, problems)
        else:
            hint = suggest_dataset(name)
            known = ", ".join(NAMED_DATASETS)
            raise SourceError(f"{name}: no such dataset, directory or file{hint}; datasets: {known}")
    if strict and problems:
        raise TaskSetError(name, problems)
    tasks.sort(key=lambda task: task.id)
    return TaskSet(name=name, tasks=tuple(tasks), version=version, problems=tuple(problems))


def load_task(task_id: str, dataset: str | Path | None = None) -> Task:
    """One task by id, from `dataset` or else from the first named dataset that has it."""
    names = [dataset] if dataset is not None else list(NAMED_DATASETS)
    for name in names:
        task = load_tasks(name).get(task_id)
        if task is not None:
            return task
    where = dataset if dataset is not None else "any named dataset"
    raise SourceError(f"no task {task_id!r} in {where}")


def read_grid_file(path: Path) -> Grid:
    """A single grid from a JSON file of nested lists."""
    try:
        return grid_from_json(read_json_file(path))
    except GridError as error:
        raise TaskFormatError(error.message, file=str(path), field=error.field or None) from None
