"""`eval --out` never writes into a folder of someone else's files unless told to."""

from __future__ import annotations

from pathlib import Path

import pytest

from arclab.cli import main


def test_a_folder_with_files_but_no_run_is_refused_unless_forced(tmp_path: Path, tasks_dir: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "submission.json").write_text('{"not": "arclab\'s"}')
    argv = ["eval", str(tasks_dir), "--solver", "identity", "--out", str(out), "--workers", "1", "--quiet"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "holds files but no run (submission.json)" in err and "--force" in err and err.count("\n") == 1
    assert (out / "submission.json").read_text() == '{"not": "arclab\'s"}'
    assert sorted(p.name for p in out.iterdir()) == ["submission.json"]
    assert main([*argv, "--force"]) == 0
    assert (out / "results.sqlite").is_file()
    assert main(argv) == 0  # now it holds a run: resuming needs no --force
    (tmp_path / "empty").mkdir()
    assert main([*argv[:5], str(tmp_path / "empty"), *argv[6:]]) == 0  # an empty folder is fine
