"""`arclab render`: a task from a file to PNG or SVG, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from arclab.cli import main

TASK = {"train": [{"input": [[1, 0], [0, 1]], "output": [[2, 0], [0, 2]]}],
        "test": [{"input": [[3, 0, 0]], "output": [[4, 0, 0]]}]}


@pytest.fixture()
def task_file(tmp_path: Path) -> Path:
    path = tmp_path / "abc123.json"
    path.write_text(json.dumps(TASK))
    return path


def test_render_png_and_svg(task_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "abc123", "--dataset", str(task_file), "--out", str(tmp_path / "t.png")]) == 0
    assert Image.open(tmp_path / "t.png").format == "PNG"
    assert main(["render", "abc123", "-d", str(task_file), "-o", str(tmp_path / "t.svg"),
                 "--cell", "8", "--hide-test-outputs"]) == 0
    svg = (tmp_path / "t.svg").read_text()
    assert "test 0 input 1x3" in svg and "test 0 output" not in svg
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["--out", "x.gif"], "unknown picture format"),
    (["--out", "x.png", "--cell", "0"], "--cell 0"),
])
def test_render_errors_are_one_line(task_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    args: list[str], message: str) -> None:
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(["render", "abc123", "--dataset", str(task_file), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_render_unknown_task(task_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "nope", "--dataset", str(task_file), "--out", str(tmp_path / "x.png")]) == 1
    assert "no task 'nope'" in capsys.readouterr().err
