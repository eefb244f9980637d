"""The results store's reading API, written directly (no workers)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from arclab.harness import (
    PlannedTask,
    RunSettings,
    RunStore,
    Status,
    StoreError,
    TaskResult,
    is_run_dir,
    open_run,
    settings_to_json,
    summarise,
)
from arclab.solvers import Attempt
from arclab.task import Grid

SETTINGS = RunSettings(solver="demo", solver_target="m:demo", solver_args={"depth": 2, "greedy": True}, seed=5,
                       time_limit=None, memory_limit_mb=512.0, source="/tasks", solutions=None,
                       source_name="tasks", source_version="", arclab_version="0.1.0",
                       created_at="2026-01-01T00:00:00+00:00")


def _store(directory: Path) -> RunStore:
    store = RunStore.create_or_resume(directory, SETTINGS)
    store.set_plan([PlannedTask("a", 1, True), PlannedTask("b", 2, True), PlannedTask("c", 1, True)])
    return store


def test_settings_round_trip_and_summary(tmp_path: Path) -> None:
    with _store(tmp_path / "run") as store:
        session = store.begin_session("process", 2)
        store.record(TaskResult("a", Status.OK, ((Attempt(Grid([[1]]), {"program": "p", "score": 0.5}),),),
                                0.25, 40.0, "", (True,), 1), session)
        store.record(TaskResult("b", Status.TIMEOUT, (), 3.0, None, "too slow", (False, False), 2), session)
    assert is_run_dir(tmp_path / "run") and not (tmp_path / "run" / "results.sqlite.new").exists()
    with open_run(tmp_path / "run") as store:
        assert store.settings == SETTINGS
        assert settings_to_json(store.settings)["solver_args"] == {"depth": 2, "greedy": True}
        assert [p.task_id for p in store.plan()] == ["a", "b", "c"]
        result = store.result("a")
        assert result is not None and result.attempts[0][0].metadata == {"program": "p", "score": 0.5}
        assert store.result("c") is None
        assert [r.task_id for r in store.results([Status.TIMEOUT])] == ["b"]
        assert store.submission() == {"a": ((Grid([[1]]),),), "b": ((None,), (None,)), "c": ((None,),)}
        summary = summarise(store)
        (record,) = store.sessions()
    assert (summary.num_tasks, summary.num_finished, summary.num_outputs, summary.outputs_solved) == (3, 2, 4, 1)
    assert summary.statuses == {"ok": 1, "timeout": 1} and summary.scored and not summary.complete
    assert summary.per_output == 0.25 and summary.per_task == pytest.approx(1 / 3) and summary.seconds == 3.25
    assert (record.backend, record.workers, record.outcome, record.tasks_run) == ("process", 2, "running", 2)


def test_read_only_stores_refuse_writes(tmp_path: Path) -> None:
    _store(tmp_path / "run").close()
    with open_run(tmp_path / "run") as store, pytest.raises(StoreError, match="read-only"):
        store.begin_session("process", 1)


def test_not_a_run(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a run directory"):
        open_run(tmp_path)
    (tmp_path / "results.sqlite").write_text("not sqlite at all, just text " * 100)
    with pytest.raises(StoreError, match="not a results store"):
        open_run(tmp_path)


def test_other_schema_versions_are_refused(tmp_path: Path) -> None:
    _store(tmp_path / "run").close()
    with sqlite3.connect(tmp_path / "run" / "results.sqlite") as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="store version 99"):
        open_run(tmp_path / "run")
