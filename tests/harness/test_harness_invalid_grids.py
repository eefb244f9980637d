"""A solver's invalid grid costs its task only: checked where it leaves the solver and where it crosses
the worker pipe, and a store that already holds one is read with that task flagged."""

from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest

from arclab.cli import main
from arclab.harness import EvalConfig, Status, TaskResult, evaluate, open_run, summarise
from arclab.report import build_report
from arclab.scoring import read_submission
from arclab.solvers import Attempt
from arclab.task import Grid

from harness_faults import INVALID_GRIDS

REASONS = {
    "tall": "size 31x31 outside 1-30", "empty": "size 0x0 outside 1-30", "cube": "expected a 2-D array, got 3-D",
    "c12": "colour 12 outside 0-9", "c255": "colour 255 outside 0-9", "neg": "colour -1 outside 0-9",
    "ragged": "ragged rows",
}


def test_invalid_grids_make_only_their_tasks_errors(tmp_path: Path, tasks_dir: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    plan = {f"t{i:02d}": kind for i, kind in zip((1, 2, 4, 6, 8, 9, 11), INVALID_GRIDS)}
    out = tmp_path / "run"
    assert main(["eval", str(tasks_dir), "--solver", "harness_faults:faulty", "-S",
                 "plan=" + ",".join(f"{k}={v}" for k, v in plan.items()), "--out", str(out), "--workers", "2",
                 "--quiet"]) == 0
    assert "12 task(s) run, 0 resumed; 7 error" in capsys.readouterr().out
    with open_run(out) as store:
        results = {r.task_id: r for r in store.results()}
    assert {task_id for task_id, r in results.items() if r.status is Status.ERROR} == set(plan)
    for task_id, kind in plan.items():
        assert "test[0] attempt 1: invalid grid" in results[task_id].error and REASONS[kind] in results[task_id].error
    submission, problems = read_submission(out / "submission.json")
    assert not problems and sorted(submission) == sorted(results)
    assert main(["validate", str(out / "submission.json"), "--tasks", str(tasks_dir)]) == 0


@pytest.mark.parametrize("kind", sorted(INVALID_GRIDS))
def test_grids_crossing_the_pipe_are_checked(kind: str) -> None:
    from arclab.harness._checks import checked_result

    sent = TaskResult("t", Status.OK, ((Attempt(Grid([[1]])), Attempt(Grid._trusted(INVALID_GRIDS[kind]()))),),
                      num_test=1)
    received = checked_result(pickle.loads(pickle.dumps(sent)))  # unpickling a Grid does not check it
    assert received.status is Status.ERROR and received.attempts == ()
    assert "test[0] attempt 2: invalid grid" in received.error and REASONS[kind] in received.error
    good = TaskResult("t", Status.OK, ((Attempt(Grid._trusted(INVALID_GRIDS["neg"]() * -1)),),), num_test=1)
    assert checked_result(good).attempts[0][0].grid == Grid([[1, 1], [1, 1]])  # other dtypes are normalised


def test_a_store_holding_invalid_grids_is_read_with_those_tasks_flagged(tmp_path: Path, tasks_dir: Path) -> None:
    config = EvalConfig(str(tasks_dir), "identity", tmp_path / "run", workers=1)
    evaluate(config)
    with sqlite3.connect(tmp_path / "run" / "results.sqlite") as db:  # as an older arclab could write it
        db.execute("UPDATE results SET attempts = ? WHERE task_id = 't00'",
                   (json.dumps([[{"grid": [[0] * 31] * 31, "metadata": {}}]]),))
        db.execute("UPDATE results SET attempts = ? WHERE task_id = 't03'",
                   (json.dumps([[{"grid": [[12]], "metadata": {}}]]),))
    (tmp_path / "run" / "submission.json").unlink()
    with open_run(tmp_path / "run") as store:
        flagged = {r.task_id: r for r in store.results([Status.ERROR])}
        assert sorted(flagged) == ["t00", "t03"] and "height 31 outside 1-30" in flagged["t00"].error
        assert summarise(store).statuses == {"error": 2, "ok": 10}
        assert store.submission()["t00"] == ((None,),)
        assert "t00" in build_report(store, None)
    report = evaluate(config)  # resuming writes a valid submission
    assert report.summary.statuses == {"error": 2, "ok": 10}
    submission, problems = read_submission(report.submission_path)
    assert not problems and len(submission) == 12
