"""`arclab render --run`: a run's attempts and diffs drawn beside the task."""

from __future__ import annotations

from pathlib import Path

import pytest

from arclab.cli import main


def test_render_a_runs_attempts(run_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ccc.svg"
    assert main(["render", "ccc", "--run", str(run_dir), "--out", str(out)]) == 0
    svg = out.read_text()
    assert "attempt 1 2x2: wrong" in svg and "diff 1: 2 wrong cells" in svg and "attempt 1 1x1: right" in svg


def test_render_a_task_the_run_has_not_finished(run_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "fff", "--run", str(run_dir), "--out", str(tmp_path / "f.png")]) == 1
    assert "no result for task 'fff'" in capsys.readouterr().err
