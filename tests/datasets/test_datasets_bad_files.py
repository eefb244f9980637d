"""One hostile file in a data folder is a problem with that file, never the end of the whole source:
deeply nested JSON, huge integers, and names ending in .json that are not files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from arclab.cli import main
from arclab.datasets import load_tasks
from arclab.web import Catalogue, create_app

GOOD = {"train": [{"input": [[1]], "output": [[1]]}], "test": [{"input": [[2]], "output": [[2]]}]}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.json").write_text(json.dumps(GOOD))
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "huge.json").write_text(json.dumps(GOOD).replace("[[2]]", "[[" + "7" * 5000 + "]]"))
    return folder


def test_deep_nesting_and_huge_integers_are_per_file_problems(hostile: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    tasks = load_tasks(hostile)
    assert tasks.ids == ("a", "b")
    problems = {Path(p.file or "").name: p.message for p in tasks.problems}
    assert problems == {"deep.json": "invalid JSON: nested too deeply to read",
                        "huge.json": "invalid JSON: Exceeds the limit (4300 digits) for integer string conversion"}
    assert main(["validate", str(hostile)]) == 1
    out = capsys.readouterr().out
    assert "deep.json: invalid JSON: nested too deeply" in out and "2 valid tasks" in out
    assert main(["eval", str(hostile), "--solver", "identity", "--out", str(tmp_path / "run"), "--quiet",
                 "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("warning: skipped bad task") == 2 and "per-output 100.00% (2/2)" in out
    assert main(["score", str(tmp_path / "run" / "submission.json"), "--tasks", str(hostile)]) == 0
    assert "per-output 100.00% (2/2)" in capsys.readouterr().out
    for bad in ("deep.json", "huge.json"):  # a bad submission file is one clear line
        assert main(["score", str(hostile / bad), "--tasks", str(hostile)]) == 1
        err = capsys.readouterr().err
        assert f"{bad}: invalid JSON" in err and err.count("\n") == 1 and "internal error" not in err
    client = TestClient(create_app(Catalogue.build([hostile], named=False)), base_url="http://127.0.0.1:8000")
    (source,) = client.get("/api/sources").json()
    listed = client.get(f"/api/sources/{source['id']}/tasks")
    assert listed.status_code == 200 and [t["id"] for t in listed.json()] == ["a", "b"]


def test_names_that_are_not_files_are_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(GOOD))
    os.mkfifo(folder / "pipe.json")
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "gone.json").symlink_to(folder / "nowhere.json")
    (folder / "folder.json").mkdir()
    tasks = load_tasks(folder)
    assert tasks.ids == ("a",)
    assert {Path(p.file or "").name: p.message for p in tasks.problems} == {
        "pipe.json": "a FIFO (named pipe), not a file: skipped",
        "loop.json": "a symbolic link that leads nowhere (broken, or a loop): skipped",
        "gone.json": "a symbolic link that leads nowhere (broken, or a loop): skipped",
        "folder.json": "a folder named like a task file: skipped",
    }
    assert main(["validate", str(folder)]) == 1
    assert "1 valid tasks, 1 test inputs, 4 problem(s)" in capsys.readouterr().out
    assert main(["validate", str(folder / "pipe.json")]) == 1  # given directly: one clear line, no hang
    err = capsys.readouterr().err
    assert "pipe.json: a FIFO (named pipe), not a file, not a task source" in err and err.count("\n") == 1


def test_validate_tells_a_submission_by_its_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = [{"attempt_1": [[1]], "attempt_2": [[2]]}]
    submission = {"t00": [], **{f"t{i:02d}": entry for i in range(1, 200)}}
    path = tmp_path / "submission.json"
    path.write_text(json.dumps(submission))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"submission {path}: 200 tasks, 199 test outputs, 0 problem(s)"]
