"""Kaggle `submission.json`: {task id: [{"attempt_1": grid, "attempt_2": grid}, ...]}."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..datasets import TaskSet
from ..datasets._load import read_json_file
from ..task import Grid, GridError, TaskFormatError, grid_from_json

ATTEMPT_KEYS = ("attempt_1", "attempt_2")

Attempts = tuple[Grid | None, ...]
"""The attempts for one test input, best first; None is an attempt that gave no grid."""

Submission = dict[str, tuple[Attempts, ...]]
"""Per task id, one Attempts per test input, in the task's test order."""

PLACEHOLDER = Grid([[0]])
"""What goes in a Kaggle attempt slot when the solver gave nothing (both keys must be present)."""


def submitted_attempts(attempts: Sequence[Grid | None]) -> tuple[Grid, ...]:
    """The grids `submission.json` holds for one test input: the first two attempts, a missing one
    replaced by the placeholder. Scoring these gives the score of the file as written."""
    out = []
    for i in range(len(ATTEMPT_KEYS)):
        grid = attempts[i] if i < len(attempts) else None
        out.append(grid if grid is not None else PLACEHOLDER)
    return tuple(out)


def submission_to_json(submission: Mapping[str, Sequence[Sequence[Grid | None]]]) -> dict[str, Any]:
    """The Kaggle JSON object; missing attempts become a 1x1 placeholder grid."""
    out: dict[str, Any] = {}
    for task_id in sorted(submission):
        out[task_id] = [{key: grid.to_list() for key, grid in zip(ATTEMPT_KEYS, submitted_attempts(attempts))}
                        for attempts in submission[task_id]]
    return out


def write_submission(submission: Mapping[str, Sequence[Sequence[Grid | None]]], path: str | Path) -> None:
    """Write `submission.json` atomically (a crash never leaves half a file)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(submission_to_json(submission), handle, separators=(",", ":"))
    tmp.replace(path)


def submission_from_json(raw: Any, *, file: str | None = None) -> tuple[Submission, list[TaskFormatError]]:
    """Parse a Kaggle submission leniently: bad attempts become None and are listed as problems."""
    problems: list[TaskFormatError] = []
    if not isinstance(raw, dict):
        problems.append(TaskFormatError(f"expected an object mapping task ids to lists, got {type(raw).__name__}",
                                        file=file))
        return {}, problems
    submission: Submission = {}
    for task_id, entries in raw.items():
        if not isinstance(entries, list):
            problems.append(TaskFormatError(f"expected a list of attempt objects, got {type(entries).__name__}",
                                            file=file, task_id=task_id))
            continue
        per_input: list[Attempts] = []
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                problems.append(TaskFormatError(f"expected an object with {' and '.join(ATTEMPT_KEYS)}",
                                                file=file, task_id=task_id, field=f"[{i}]"))
                per_input.append((None, None))
                continue
            for extra in sorted(set(entry) - set(ATTEMPT_KEYS)):
                problems.append(TaskFormatError("unknown key (only attempt_1 and attempt_2 are scored)",
                                                file=file, task_id=task_id, field=f"[{i}].{extra}"))
            grids: list[Grid | None] = []
            for key in ATTEMPT_KEYS:
                if key not in entry:
                    problems.append(TaskFormatError(f"missing '{key}'", file=file, task_id=task_id,
                                                    field=f"[{i}]"))
                    grids.append(None)
                    continue
                try:
                    grids.append(grid_from_json(entry[key], f"[{i}].{key}"))
                except GridError as error:
                    problems.append(TaskFormatError(error.message, file=file, task_id=task_id, field=error.field))
                    grids.append(None)
            per_input.append(tuple(grids))
        submission[task_id] = tuple(per_input)
    return submission, problems


def read_submission(path: str | Path) -> tuple[Submission, list[TaskFormatError]]:
    """Read a submission file; returns it and every problem found in it."""
    return submission_from_json(read_json_file(Path(path)), file=str(path))


def check_submission(submission: Submission, tasks: TaskSet, *, file: str | None = None) -> list[TaskFormatError]:
    """Problems that make a submission incomplete for `tasks`: missing tasks, wrong entry counts, extras."""
    problems = []
    for task in tasks:
        entries = submission.get(task.id)
        if entries is None:
            problems.append(TaskFormatError("task missing from the submission", file=file, task_id=task.id))
        elif len(entries) != len(task.test):
            problems.append(TaskFormatError(f"{len(entries)} entries for {len(task.test)} test inputs",
                                            file=file, task_id=task.id))
    for extra in sorted(set(submission) - set(tasks.ids)):
        problems.append(TaskFormatError(f"task not in {tasks.name}", file=file, task_id=extra))
    return problems
