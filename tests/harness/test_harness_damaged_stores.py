"""A damaged store is a problem with that run only: listed as skipped, never an internal error or a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from arclab.cli import main
from arclab.harness import PlannedTask, RunStore, Status, StoreError, TaskResult, open_run, summarise
from arclab.web import Catalogue, create_app

from test_harness_store import SETTINGS


def _run(directory: Path) -> Path:
    with RunStore.create_or_resume(directory, SETTINGS) as store:
        store.set_plan([PlannedTask(f"t{i:03d}", 1, True) for i in range(200)])
        session = store.begin_session("process", 1)
        for i in range(200):
            store.record(TaskResult(f"t{i:03d}", Status.OK, (), 0.1, None, "", (False,), 1), session)
    return directory


def _damage(directory: Path) -> None:
    """Overwrite the start of every page after the first: the header still reads, the tables do not."""
    path = directory / "results.sqlite"
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data), 4096):
        data[offset:offset + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))


def test_runs_lists_the_readable_runs_and_names_the_damaged_one(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a", "b", "c"):
        _run(tmp_path / "runs" / name)
    _damage(tmp_path / "runs" / "b")
    with open_run(tmp_path / "runs" / "b") as store, pytest.raises(StoreError, match="malformed"):
        summarise(store)
    assert main(["runs", str(tmp_path / "runs")]) == 0
    captured = capsys.readouterr()
    assert [line.split()[0] for line in captured.out.splitlines()[1:]] == [
        str(tmp_path / "runs" / "a"), str(tmp_path / "runs" / "c")]
    assert captured.err.count("\n") == 1 and f"warning: skipped {tmp_path / 'runs' / 'b'}:" in captured.err
    assert "malformed" in captured.err
    for argv in (["report", str(tmp_path / "runs" / "b")],
                 ["compare", str(tmp_path / "runs" / "a"), str(tmp_path / "runs" / "b")]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "malformed" in err and "internal error" not in err and err.count("\n") == 1


def test_the_web_app_starts_and_answers_without_a_traceback(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        _run(tmp_path / "runs" / name)
    (tmp_path / "runs" / "d").mkdir()
    (tmp_path / "runs" / "d" / "results.sqlite").write_text("not a database " * 500)
    _damage(tmp_path / "runs" / "b")
    catalogue = Catalogue.build([], [tmp_path / "runs"], named=False)  # as `serve --runs` does
    assert sorted(catalogue.runs) == ["a", "b", "c"]  # b's settings still read: its damage shows later
    assert [Path(text.split(":")[0]).name for text in catalogue.skipped] == ["d"]
    assert "not a results store" in catalogue.skipped[0]
    client = TestClient(create_app(catalogue), base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
    _damage(catalogue.runs["c"].path)  # damaged while the app runs
    listed = client.get("/api/runs")
    assert listed.status_code == 200 and [run["id"] for run in listed.json()] == ["a"]
    for url in ("/api/runs/b", "/api/runs/c", "/api/runs/c/tasks", "/api/runs/c/tasks/t001", "/api/compare?a=a&b=c"):
        answer = client.get(url)
        assert answer.status_code == 404 and "malformed" in answer.json()["detail"], url
        assert "Traceback" not in answer.text
