"""Runs record their code, show it, and refuse to resume with other code unless told to."""

from __future__ import annotations

import platform
import sqlite3
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from arclab.cli import main
from arclab.harness import EvalConfig, StoreError, evaluate, open_run, summarise
from arclab.report import build_report

SOLVER = '''
from arclab.solvers import Attempt


def make(colour: int = 0):
    def solve(task, context):
        return tuple((Attempt(grid),) for grid in task.test_inputs)  # version {n}
    return solve
'''


def _checkout_commit() -> str | None:
    import arclab

    done = subprocess.run(["git", "-C", str(Path(arclab.__file__).parent), "rev-parse", "HEAD"],
                          capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else None


def test_a_run_records_and_shows_its_code(tmp_path: Path, tasks_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evaluate(EvalConfig(str(tasks_dir), "identity", tmp_path / "runs" / "a", workers=1))
    with open_run(tmp_path / "runs" / "a") as store:
        code = store.code
        summary = summarise(store)
        page = build_report(store, None)
        (session,) = store.sessions()
    assert code is not None and session.code == code and summary.code == code
    assert code.git_commit == _checkout_commit()  # this test runs from a checkout (or from no checkout at all)
    assert (code.git_dirty is None) == (code.git_commit is None)
    assert len(code.solver_hash) == 64 and code.solver_source.startswith("package arclab")
    assert code.python == f"{platform.python_implementation()} {platform.python_version()}"
    assert code.libraries["numpy"] == version("numpy") and code.libraries["scipy"] == version("scipy")
    assert "Code: arclab" in page and code.solver_hash[:12] in page
    assert main(["runs", str(tmp_path / "runs")]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[-1] == "CODE" and table[1].split()[-1] == code.short()


def test_resuming_with_other_code_is_refused_unless_allowed(tmp_path: Path, tasks_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    module = tmp_path / "lib" / "provenance_solver.py"
    module.parent.mkdir()
    module.write_text(SOLVER.replace("{n}", "1"))
    monkeypatch.syspath_prepend(str(module.parent))
    monkeypatch.setenv("PYTHONPATH", f"{module.parent}:{__import__('os').environ['PYTHONPATH']}")
    config = EvalConfig(str(tasks_dir), "provenance_solver:make", tmp_path / "run", workers=1, limit=4)
    evaluate(config)
    module.write_text(SOLVER.replace("{n}", "2"))
    with pytest.raises(StoreError, match=r"other code \(solver_hash [0-9a-f]{12} \(now [0-9a-f]{12}\)\).*"
                                         "--allow-code-change"):
        evaluate(config)
    argv = ["eval", str(tasks_dir), "--solver", "provenance_solver:make", "--out", str(tmp_path / "run"),
            "--workers", "1", "--limit", "6", "--quiet"]
    assert main(argv) == 1 and "other code (solver_hash" in capsys.readouterr().err
    assert main([*argv, "--allow-code-change"]) == 0
    capsys.readouterr()
    with open_run(tmp_path / "run") as store:
        first, second = store.sessions()[-2:]
        summary = summarise(store)
    assert first.code is not None and second.code is not None
    assert [d.split()[0] for d in first.code.differences(second.code)] == ["solver_hash"]
    assert [s.id for s in summary.code_changes] == [second.id] == [2]
    assert "other code in session(s) 2" in summary.code_line()
    assert main(["runs", str(tmp_path / "run")]) == 0
    assert capsys.readouterr().out.splitlines()[1].endswith("*")
    assert main([*argv]) == 0  # the same code as the latest session resumes without the flag


def test_version_1_stores_are_read_and_upgraded_on_resume(tmp_path: Path, tasks_dir: Path) -> None:
    config = EvalConfig(str(tasks_dir), "identity", tmp_path / "run", workers=1, limit=3)
    evaluate(config)
    with sqlite3.connect(tmp_path / "run" / "results.sqlite") as db:  # as arclab wrote it before code was kept
        db.execute("ALTER TABLE run DROP COLUMN code")
        db.execute("ALTER TABLE sessions DROP COLUMN code")
        db.execute("PRAGMA user_version = 1")
    with open_run(tmp_path / "run") as store:
        assert store.version == 1 and store.code is None and store.sessions()[0].code is None
        summary = summarise(store)
    assert summary.num_finished == 3 and summary.code_line().startswith("unknown")
    report = evaluate(EvalConfig(**{**{f: getattr(config, f) for f in config.__dataclass_fields__}, "limit": 5}))
    assert report.tasks_run == 2
    with open_run(tmp_path / "run") as store:
        assert store.version == 2 and store.code is None and store.sessions()[-1].code is not None
