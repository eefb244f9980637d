"""One entry point for every kind of task source: a dataset name, a directory, or a JSON file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
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


@dataclass(frozen=True, slots=True)
class _Duplicate:
    """A key repeated in one JSON object: `path` leads from the top level to that object."""

    path: tuple[str | int, ...]
    key: str

    def field(self, skip: int = 0) -> str:
        """The repeated key as a field name, e.g. `train[0].input`, leaving out `skip` leading steps."""
        out = ""
        for step in (*self.path[skip:], self.key):
            out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
        return out


def _parse_json(path: Path) -> tuple[Any, list[_Duplicate]]:
    """Parse a JSON file, keeping the first value of a repeated key and listing every repetition."""
    repeated: list[tuple[int, str]] = []

    def first_wins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                repeated.append((id(seen), key))
            else:
                seen[key] = value
        return seen

    try:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle, object_pairs_hook=first_wins)
    except json.JSONDecodeError as error:
        raise TaskFormatError(f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}",
                              file=str(path)) from None
    except UnicodeDecodeError as error:
        raise TaskFormatError(f"not UTF-8 text: {error.reason}", file=str(path)) from None
    except OSError as error:
        raise TaskFormatError(f"cannot read: {error.strerror}", file=str(path)) from None
    except RecursionError:
        raise TaskFormatError("invalid JSON: nested too deeply to read", file=str(path)) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise TaskFormatError(f"invalid JSON: {str(error).split(':')[0]}", file=str(path)) from None
    if not repeated:
        return raw, []
    try:
        paths = dict(_object_paths(raw, ()))  # every parsed object is alive in `raw`, so ids are unique
    except RecursionError:
        raise TaskFormatError("invalid JSON: nested too deeply to read", file=str(path)) from None
    return raw, [_Duplicate(paths[object_id], key) for object_id, key in repeated]


def _object_paths(value: Any, path: tuple[str | int, ...]) -> Iterable[tuple[int, tuple[str | int, ...]]]:
    if isinstance(value, dict):
        yield id(value), path
        for key, item in value.items():
            yield from _object_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _object_paths(item, (*path, index))


def read_json_file(path: str | Path, *, allow_duplicates: bool = False) -> Any:
    """Parse a JSON file; TaskFormatError names the file and the line, or a repeated key, on failure.

    A key repeated at the top level is named as a task id (files of tasks and submissions map ids
    to entries); one repeated deeper is named as a field of the task it sits in. With
    allow_duplicates=True the first value of a repeated key is kept instead.
    """
    raw, repeated = _parse_json(Path(path))
    if repeated and not allow_duplicates:
        first = repeated[0]
        if not first.path:
            raise TaskFormatError("duplicate task id", file=str(path), task_id=first.key)
        task_id = first.path[0] if isinstance(first.path[0], str) else None
        raise TaskFormatError(f"duplicate key {first.key!r}", file=str(path), task_id=task_id,
                              field=first.field(skip=1 if task_id else 0))
    return raw


def _is_single_task(raw: Any) -> bool:
    return isinstance(raw, dict) and "train" in raw and "test" in raw


def _single_task(raw: Any, task_id: str, file: str, repeated: Sequence[_Duplicate],
                 problems: list[TaskFormatError]) -> list[Task]:
    """The one task of a task file, or none (and a problem) if it is malformed."""
    if repeated:
        problems.append(TaskFormatError(f"duplicate key {repeated[0].key!r}", file=file, task_id=task_id,
                                        field=repeated[0].field()))
        return []
    try:
        return [task_from_json(raw, task_id, file=file)]
    except TaskFormatError as error:
        problems.append(error)
        return []


def _tasks_from_mapping(raw: Any, file: str, problems: list[TaskFormatError],
                        repeated: Sequence[_Duplicate] = ()) -> list[Task]:
    """Every good task of an {id: task} object; each bad one (or repeated id) becomes a problem."""
    if not isinstance(raw, dict):
        problems.append(TaskFormatError(
            f"expected a task object or an object mapping ids to tasks, got {type(raw).__name__}", file=file))
        return []
    bad: set[str] = set()
    for dup in repeated:
        if not dup.path:
            problems.append(TaskFormatError("duplicate task id (the first copy is used)", file=file,
                                            task_id=dup.key))
        elif isinstance(dup.path[0], str):
            bad.add(dup.path[0])
            problems.append(TaskFormatError(f"duplicate key {dup.key!r}", file=file, task_id=dup.path[0],
                                            field=dup.field(skip=1)))
    tasks = []
    for task_id, raw_task in raw.items():
        if task_id in bad:
            continue
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
        raw, repeated = _parse_json(path)
    except TaskFormatError as error:
        problems.append(error)
        return tasks
    for dup in repeated:
        problems.append(TaskFormatError(f"duplicate key {dup.key!r} (the first is used)", file=file,
                                        task_id=str(dup.path[0]) if dup.path else dup.key,
                                        field=dup.field(skip=1) if dup.path else None))
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


def _not_a_file(path: Path) -> str:
    """Why a name ending in .json is not a task file (it is not a regular file)."""
    if path.is_symlink() and not path.exists():
        return "a symbolic link that leads nowhere (broken, or a loop)"
    if path.is_dir():
        return "a folder named like a task file"
    if path.is_fifo():
        return "a FIFO (named pipe), not a file"
    return "not a regular file"


def _load_directory(root: Path, problems: list[TaskFormatError]) -> list[Task]:
    tasks: dict[str, Task] = {}
    for path in sorted(root.rglob("*.json")):
        if not path.is_file():
            problems.append(TaskFormatError(f"{_not_a_file(path)}: skipped", file=str(path)))
            continue
        task_id = path.stem
        try:
            raw, repeated = _parse_json(path)
        except TaskFormatError as error:
            problems.append(error)
            continue
        loaded = _single_task(raw, task_id, str(path), repeated, problems)
        if not loaded:
            continue
        task = loaded[0]
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
        raw, repeated = _parse_json(path)
    except TaskFormatError as error:
        problems.append(error)
        return []
    if _is_single_task(raw):
        tasks = _single_task(raw, path.stem, str(path), repeated, problems)
    else:
        tasks = _tasks_from_mapping(raw, str(path), problems, repeated)
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
    name = str(source)
    if name in NAMED_DATASETS and not Path(name).exists():
        if solutions is not None:
            raise SourceError(f"{name}: a named dataset has its solutions; --solutions goes with a file")
        taskset = _load_named(name)
        if strict and taskset.problems:
            raise TaskSetError(name, taskset.problems)
        return taskset
    problems: list[TaskFormatError] = []
    path = Path(source)
    if solutions is not None and not Path(solutions).is_file():
        raise SourceError(f"{solutions}: no such solutions file")
    if path.is_dir():
        if solutions is not None:
            raise SourceError(f"{path}: a solutions file goes with a JSON file of tasks, not a directory")
        tasks = _load_directory(path, problems)
    elif path.is_file():
        tasks = _load_file(path, Path(solutions) if solutions else None, problems)
    elif path.exists() or path.is_symlink():
        raise SourceError(f"{name}: {_not_a_file(path)}, not a task source")
    else:
        hint = suggest_dataset(name)
        known = ", ".join(NAMED_DATASETS)
        raise SourceError(f"{name}: no such dataset, directory or file{hint}; datasets: {known}")
    if strict and problems:
        raise TaskSetError(name, problems)
    tasks.sort(key=lambda task: task.id)
    return TaskSet(name=name, tasks=tuple(tasks), problems=tuple(problems))


@lru_cache(maxsize=None)
def _load_named(name: str) -> TaskSet:
    """A named dataset, parsed once per process (tasks are immutable, so sharing them is safe)."""
    dataset, raw = raw_named_dataset(name)
    problems: list[TaskFormatError] = []
    tasks = _tasks_from_mapping(raw, f"{dataset.file}[{dataset.split}]", problems)
    tasks.sort(key=lambda task: task.id)
    return TaskSet(name=name, tasks=tuple(tasks), version=dataset.version, problems=tuple(problems))


def load_task(task_id: str, dataset: str | Path | None = None, *, strict: bool = False) -> Task:
    """One task by id, from `dataset` or else from the first named dataset that has it."""
    names = [dataset] if dataset is not None else list(NAMED_DATASETS)
    for name in names:
        task = load_tasks(name, strict=strict).get(task_id)
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
