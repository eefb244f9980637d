"""Outcomes, attempts with diffs, and programs, as the report and the web app show them."""

from __future__ import annotations

from pathlib import Path

from arclab.datasets import load_tasks
from arclab.harness import Status, TaskResult, open_run
from arclab.report import attempt_views, error_line, outcome, program_of


def test_outcomes_of_every_kind(run_dir: Path) -> None:
    with open_run(run_dir) as store:
        kinds = {r.task_id: outcome(r) for r in store.results()}
    assert kinds == {"aaa": "solved", "bbb": "solved", "ccc": "unsolved", "ddd": "failed", "eee": "failed"}
    assert outcome(None) == "pending"


def test_attempt_views_diff_against_the_task(run_dir: Path, data_dir: Path) -> None:
    task = load_tasks(data_dir)["ccc"]
    with open_run(run_dir) as store:
        result = store.result("ccc")
    assert result is not None
    first, second = attempt_views(result, task)
    assert [(a.correct, a.diff.summary if a.diff else None, a.program) for a in first] == [
        (False, "2 wrong cells", "identity(grid)"), (False, "shape 1x1, expected 2x2", None)]
    assert first[0].diff is not None and first[0].diff.wrong == ((1, 0), (1, 1))
    assert [a.correct for a in second] == [True, False]
    assert first[1].metadata == {"score": 0.1}
    # Without the task nothing can be judged.
    assert all(a.correct is None and a.diff is None for a in attempt_views(result, None)[0])


def test_program_and_error_line() -> None:
    assert program_of({"program": "flip(grid)"}) == "flip(grid)"
    assert program_of({"expression": ["rot90", 1]}) == "['rot90', 1]"
    assert program_of({"score": 1.0}) is None
    failed = TaskResult("x", Status.ERROR, error="Traceback:\n  line 1\nKeyError: 'a'\n\n")
    assert error_line(failed) == "KeyError: 'a'"
    assert error_line(None) == ""
