"""Sessions say how they ended: one killed without a word ends 'unknown', and a solver raising
KeyboardInterrupt is reported as that, not as a Ctrl-C."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from arclab.harness import EvalConfig, RunStore, Status, evaluate, open_run

from test_harness_store import SETTINGS


def test_a_session_killed_without_a_word_ends_unknown(tmp_path: Path) -> None:
    with RunStore.create_or_resume(tmp_path / "run", SETTINGS) as store:
        store.begin_session("process", 1)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with sqlite3.connect(tmp_path / "run" / "results.sqlite") as db:  # as if killed by kill -9
        db.execute("UPDATE sessions SET pid = ?", (dead.pid,))
    with open_run(tmp_path / "run") as store:  # a reader sees it is gone ...
        assert [s.outcome for s in store.sessions()] == ["unknown"]
    with sqlite3.connect(tmp_path / "run" / "results.sqlite") as db:  # ... without writing
        assert db.execute("SELECT outcome FROM sessions").fetchall() == [("running",)]
    with RunStore.create_or_resume(tmp_path / "run", SETTINGS) as store:  # the next writer records it
        store.end_session(store.begin_session("process", 1), "complete")
    with sqlite3.connect(tmp_path / "run" / "results.sqlite") as db:
        assert db.execute("SELECT outcome, finished_at IS NULL FROM sessions ORDER BY id").fetchall() == [
            ("unknown", 1), ("complete", 0)]


def test_a_live_session_stays_running(tmp_path: Path) -> None:
    with RunStore.create_or_resume(tmp_path / "run", SETTINGS) as store:
        store.begin_session("process", 1)  # this process is alive and started before it
        with open_run(tmp_path / "run") as reader:
            assert [s.outcome for s in reader.sessions()] == ["running"]


def test_a_solver_raising_keyboard_interrupt_is_reported_as_such(tmp_path: Path, tasks_dir: Path) -> None:
    report = evaluate(EvalConfig(str(tasks_dir), "harness_faults:faulty", tmp_path / "run",
                                 solver_args=["plan=t01=interrupt"], workers=1))
    assert report.summary.statuses == {"error": 1, "ok": 11}
    with open_run(report.directory) as store:
        result = store.result("t01")
        assert [s.outcome for s in store.sessions()] == ["complete"]
    assert result is not None and result.status is Status.ERROR
    assert "the solver raised KeyboardInterrupt" in result.error and "SIGINT" not in result.error
    assert "harness_faults.py" in result.error  # with the traceback
