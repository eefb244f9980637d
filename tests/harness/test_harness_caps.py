"""Nothing a solver writes grows without bound: the workers' log and stored metadata are capped,
keeping their head and tail and saying what was cut."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from arclab.harness import EvalConfig, evaluate, open_run

MAX_METADATA_CHARS = 100_000


def test_stored_metadata_is_capped(tmp_path: Path, tasks_dir: Path) -> None:
    report = evaluate(EvalConfig(str(tasks_dir), "harness_faults:faulty", tmp_path / "run",
                                 solver_args=["plan=t00=bigmeta"], workers=1, limit=2))
    with sqlite3.connect(report.directory / "results.sqlite") as db:
        (text,) = db.execute("SELECT attempts FROM results WHERE task_id = 't00'").fetchone()
    assert len(text) < MAX_METADATA_CHARS + 1000
    with open_run(report.directory) as store:
        result = store.result("t00")
    assert result is not None and str(result.status) == "ok" and result.solved
    metadata = result.attempts[0][0].metadata
    from arclab.harness._checks import CUT_KEY
    assert metadata["program"] == "identity"  # short values are kept whole
    assert metadata["response"].startswith("<xxx") and metadata["response"].endswith("xxx>")
    assert "characters cut by arclab" in metadata["response"]
    assert metadata[CUT_KEY].startswith("metadata of ") and f"cut to about {MAX_METADATA_CHARS}" in metadata[CUT_KEY]


def test_the_workers_log_is_capped(tmp_path: Path, tasks_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from arclab.harness import _logcap

    monkeypatch.setattr(_logcap, "LOG_LIMIT", 256 * 1024)
    monkeypatch.setattr(_logcap, "LOG_KEEP", 64 * 1024)
    report = evaluate(EvalConfig(str(tasks_dir), "harness_faults:faulty", tmp_path / "run",
                                 solver_args=["plan=t00=chatty,t01=chatty"], workers=1, limit=3))
    assert report.summary.statuses == {"ok": 3}
    log = (report.directory / "workers.log").read_text()
    assert len(log) < 256 * 1024
    assert log.startswith("line 00000 ") and log.rstrip().endswith("line 29999 " + "." * 90)
    assert "arclab cut" in log and "workers.log keeps its first and last 65536 bytes" in log


def test_cap_log_keeps_head_and_tail(tmp_path: Path) -> None:
    from arclab.harness import _logcap

    path = tmp_path / "workers.log"
    path.write_bytes(b"H" * 100 + b"m" * 1000 + b"T" * 100)
    assert _logcap.cap_log(path, limit=500, keep=100) == 1000
    text = path.read_text()
    assert text.startswith("H" * 100 + "\n[... arclab cut 1000 bytes") and text.endswith("...]\n" + "T" * 100)
    assert _logcap.cap_log(path, limit=500, keep=100) == 0  # under the limit now
    assert json.dumps(text)  # still text
