"""A solver that raises, hangs, loops, runs out of memory or kills its process loses that task only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arclab.harness import EvalConfig, Limits, Status, WorkerStartError, evaluate, open_run
from arclab.scoring import read_submission
from arclab.task import Grid

PLAN = {
    "t01": "raise", "t02": "sleep", "t03": "loop", "t04": "alloc", "t05": "touch", "t06": "exit",
    "t07": "segv", "t08": "bad", "t09": "late", "t10": "anytime", "t11": "sysexit", "t13": "short",
    "t14": "meta", "t15": "none",
}
EXPECTED = {
    "t01": Status.ERROR, "t02": Status.TIMEOUT, "t03": Status.TIMEOUT, "t04": Status.MEMORY,
    "t05": Status.MEMORY, "t06": Status.CRASHED, "t07": Status.CRASHED, "t08": Status.ERROR,
    "t09": Status.TIMEOUT, "t10": Status.OK, "t11": Status.ERROR, "t13": Status.ERROR, "t14": Status.OK,
}


def test_each_fault_costs_only_its_task(tmp_path: Path) -> None:
    from harness_tasks import write_tasks

    source = write_tasks(tmp_path / "tasks", 16)
    plan = ",".join(f"{k}={v}" for k, v in PLAN.items())
    report = evaluate(EvalConfig(str(source), "harness_faults:faulty", tmp_path / "run", solver_args=[f"plan={plan}"],
                                 limits=Limits(time_limit=1.5, memory_limit_mb=150), workers=2))
    with open_run(report.directory) as store:
        results = {r.task_id: r for r in store.results()}
    assert len(results) == 16
    for task_id, result in results.items():
        assert result.status is EXPECTED.get(task_id, Status.OK), (task_id, result.status, result.error)
    # the reasons are recorded
    assert "ValueError: boom on t01" in results["t01"].error
    assert "1.5 s limit" in results["t02"].error and results["t02"].seconds < 5
    assert "MemoryError" in results["t04"].error
    assert "150 MiB limit" in results["t05"].error and (results["t05"].peak_memory_mb or 0) > 150
    assert "exited with code 3" in results["t06"].error
    assert "SIGSEGV" in results["t07"].error
    assert "bad prediction" in results["t08"].error
    assert "limit" in results["t09"].error
    assert "sys.exit(2)" in results["t11"].error
    assert "0 entries for 1 test input" in results["t13"].error
    # every other task is scored: even tasks are solved by the identity answer
    for task_id in ("t00", "t10", "t12", "t14", "t15"):
        assert results[task_id].correct is not None
        assert results[task_id].solved is (int(task_id[1:]) % 2 == 0)
        assert (results[task_id].peak_memory_mb or 0) > 10
    for task_id in EXPECTED:
        if EXPECTED[task_id] is not Status.OK:
            assert results[task_id].attempts == () and not any(results[task_id].correct or ())
    # at most two attempts are kept; metadata JSON cannot hold becomes text
    kept = results["t14"].attempts[0]
    assert len(kept) == 2 and kept[0].metadata["program"] == "identity" and kept[0].metadata["score"] == 1.0
    assert isinstance(kept[0].metadata["odd"], str)
    assert results["t10"].attempts[0][0].metadata == {"note": "anytime"}
    assert [a.grid for a in results["t15"].attempts[0]] == [Grid([[5, 6], [7, 3]])]  # None attempts dropped
    submission, problems = read_submission(report.submission_path)
    assert not problems and sorted(submission) == sorted(results)
    assert report.score is not None and report.score.tasks_solved == 4  # t00, t10, t12, t14
    assert report.summary.statuses == {"crashed": 2, "error": 4, "memory": 2, "ok": 5, "timeout": 3}


def test_a_solver_that_cannot_be_built_stops_the_run(tmp_path: Path, tasks_dir: Path) -> None:
    with pytest.raises(WorkerStartError, match="cannot build this solver"):
        evaluate(EvalConfig(str(tasks_dir), "harness_faults:broken", tmp_path / "a", workers=1))
    with pytest.raises(WorkerStartError, match="died while building"):
        evaluate(EvalConfig(str(tasks_dir), "harness_faults:broken", tmp_path / "b", solver_args=["when=exit"],
                            workers=1))


def test_a_memory_limit_below_the_idle_worker_is_refused(tmp_path: Path, tasks_dir: Path) -> None:
    with pytest.raises(WorkerStartError, match="below what a worker uses"):
        evaluate(EvalConfig(str(tasks_dir), "identity", tmp_path / "run", limits=Limits(memory_limit_mb=1),
                            workers=1))


def test_store_rows_hold_json_attempts(tmp_path: Path, tasks_dir: Path) -> None:
    import sqlite3

    report = evaluate(EvalConfig(str(tasks_dir), "identity", tmp_path / "run", workers=1))
    with sqlite3.connect(report.directory / "results.sqlite") as db:
        attempts, correct, status = db.execute(
            "SELECT attempts, correct, status FROM results WHERE task_id = 't00'").fetchone()
    assert json.loads(attempts) == [[{"grid": [[0, 1], [2, 3]], "metadata": {}}]]
    assert json.loads(correct) == [True] and status == "ok"


def test_an_answer_after_the_limit_is_a_timeout() -> None:
    from harness_faults import faulty

    from arclab.harness._worker import solve_one
    from arclab.task import Example, Task

    task = Task("late", (Example(Grid([[1]]), Grid([[1]])),), (Example(Grid([[1]])),))
    result = solve_one(faulty("late=late"), task, seed=0, time_limit=0.1, margin=0.01)
    assert result.status is Status.TIMEOUT and "past the 0.1 s limit" in result.error and result.attempts == ()
    result = solve_one(faulty("late=anytime"), task, seed=0, time_limit=0.2, margin=0.05)
    assert result.status is Status.OK and 0.1 < result.seconds < 0.2
