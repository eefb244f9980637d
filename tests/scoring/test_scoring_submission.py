"""Kaggle submission.json: write, read back, and check against a task set."""

from __future__ import annotations

import json
from pathlib import Path

from arclab.datasets import TaskSet
from arclab.scoring import (
    check_submission,
    read_submission,
    submission_from_json,
    submission_to_json,
    write_submission,
)
from arclab.task import Example, Grid, Task

A, B = Grid([[1, 2]]), Grid([[3], [4]])


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    submission = {"t1": ((A, B), (B, A)), "t2": ((A, B),)}
    path = tmp_path / "submission.json"
    write_submission(submission, path)
    assert not (tmp_path / "submission.json.tmp").exists()
    again, problems = read_submission(path)
    assert again == submission and problems == []
    assert json.loads(path.read_text())["t1"][0] == {"attempt_1": [[1, 2]], "attempt_2": [[3], [4]]}


def test_missing_attempts_are_written_as_placeholders(tmp_path: Path) -> None:
    raw = submission_to_json({"t": [(A,), (None, B), ()]})
    assert raw["t"] == [
        {"attempt_1": [[1, 2]], "attempt_2": [[0]]},
        {"attempt_1": [[0]], "attempt_2": [[3], [4]]},
        {"attempt_1": [[0]], "attempt_2": [[0]]},
    ]


def test_bad_entries_become_none_and_are_reported() -> None:
    raw = {
        "t": [{"attempt_1": [[1, 2]], "attempt_2": [[1], [2, 3]]}, {"attempt_1": [[1]]}, "junk",
              {"attempt_1": [[1]], "attempt_2": [[1]], "attempt_3": [[1]]}],
        "u": {"attempt_1": [[1]]},
    }
    submission, problems = submission_from_json(raw, file="s.json")
    assert submission["t"][0] == (A, None) and submission["t"][1] == (Grid([[1]]), None)
    assert submission["t"][2] == (None, None) and "u" not in submission
    where = {(p.task_id, p.field) for p in problems}
    assert where == {("t", "[0].attempt_2[1]"), ("t", "[1]"), ("t", "[2]"), ("t", "[3].attempt_3"), ("u", None)}
    assert all(p.file == "s.json" for p in problems)


def test_not_an_object() -> None:
    submission, problems = submission_from_json([], file="s.json")
    assert submission == {} and "expected an object" in str(problems[0])


def test_check_against_the_task_set() -> None:
    def task(task_id: str, tests: int) -> Task:
        return Task(task_id, (Example(A, A),), tuple(Example(A, A) for _ in range(tests)))

    tasks = TaskSet("toy", (task("a", 1), task("b", 2), task("c", 1)))
    problems = check_submission({"a": ((A, A),), "b": ((A, A),), "zzz": ()}, tasks, file="s.json")
    found = {p.task_id: p.message for p in problems}
    assert found == {"b": "1 entries for 2 test inputs", "c": "task missing from the submission",
                     "zzz": "task not in toy"}
