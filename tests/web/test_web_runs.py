"""The runs API: scores, tasks by outcome, attempts with diffs and programs, and comparisons."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from arclab.datasets import SourceError, load_tasks
from arclab.web import Catalogue, create_app


def test_runs_list_their_scores(client: TestClient) -> None:
    runs = {r["id"]: r for r in client.get("/api/runs").json()}
    assert set(runs) == {"alpha", "beta"}
    alpha = runs["alpha"]
    assert (alpha["solver"], alpha["source_id"], alpha["tasks"], alpha["finished"]) == ("demo", "data", 2, 2)
    assert alpha["scored"] is False and alpha["per_output"] is None  # 'blind' has no known output
    assert alpha["outputs_solved"] == 2 and alpha["statuses"] == {"ok": 2}
    assert client.get("/api/runs/beta").json()["statuses"] == {"error": 1, "ok": 1}


def test_run_tasks_filter_by_outcome(client: TestClient) -> None:
    rows = client.get("/api/runs/alpha/tasks").json()
    assert [(r["task_id"], r["outcome"], r["status"], r["outputs_solved"], r["num_test"]) for r in rows] == [
        ("blind", "unsolved", "ok", 0, 1), ("mirror", "solved", "ok", 2, 2)]
    assert [r["task_id"] for r in client.get("/api/runs/alpha/tasks?outcome=solved").json()] == ["mirror"]
    failed = client.get("/api/runs/beta/tasks?outcome=failed").json()
    assert [(r["task_id"], r["error"]) for r in failed] == [("blind", "ValueError: no rule fits")]
    assert client.get("/api/runs/beta/tasks?outcome=pending").json() == []
    assert client.get("/api/runs/beta/tasks?outcome=great").status_code == 422


def test_run_task_attempts_diffs_and_programs(client: TestClient) -> None:
    detail = client.get("/api/runs/beta/tasks/mirror").json()
    assert (detail["outcome"], detail["status"], detail["source_id"]) == ("unsolved", "ok", "data")
    first, second = detail["tests"][0]
    assert first["grid"] == [[4, 0, 0], [0, 6, 0]] and first["program"] == "identity(grid)"
    assert (first["correct"], first["same_shape"], first["wrong"]) == (False, True, [[0, 0], [0, 2]])
    assert first["summary"] == "2 wrong cells"
    assert (second["correct"], second["same_shape"], second["wrong"]) == (False, False, [])
    assert second["metadata"] == {"score": 0.1}
    assert [a["correct"] for a in detail["tests"][1]] == [True, False]
    failed = client.get("/api/runs/beta/tasks/blind").json()
    assert failed["tests"] == [] and "Traceback" in failed["error"]
    unknown = client.get("/api/runs/alpha/tasks/blind").json()["tests"][0][0]
    assert unknown["correct"] is None and unknown["wrong"] is None


def test_compare_runs(client: TestClient) -> None:
    result = client.get("/api/compare?a=alpha&b=beta").json()
    assert result["same_source"] is True and result["common"] == 2
    assert [c["task_id"] for c in result["lost"]] == ["mirror"] and result["gained"] == []
    assert [(c["task_id"], c["status_before"], c["status_after"]) for c in result["status_changes"]] == [
        ("blind", "ok", "error")]
    assert result["tasks_solved_delta"] == -1
    assert client.get("/api/compare?a=alpha&b=nope").status_code == 404
    assert client.get("/api/compare?a=alpha").status_code == 422


@pytest.mark.parametrize("path", [
    "/api/runs/nope", "/api/runs/nope/tasks", "/api/runs/alpha/tasks/nope", "/api/runs/..%2falpha",
    "/api/runs/alpha/tasks/..%2f..%2fsecret", "/api/runs/ALPHA", "/api/compare?a=../runs&b=alpha",
    "/api/runs/alpha/tasks/results.sqlite", "/api/runs/alpha%2fresults.sqlite",
])
def test_unknown_runs_and_traversal_are_4xx(client: TestClient, secret: str, path: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500 and secret not in response.text


def test_a_run_whose_source_is_gone(tmp_path: Path, data_dir: Path, write_run: Any) -> None:
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    tasks = list(load_tasks(data_dir))
    gone = tmp_path / "gone"
    gone.mkdir()
    write_run(moved / "lonely", str(gone / "data"), tasks, {"mirror": "wrong"})
    client = TestClient(create_app(Catalogue.build([], [moved], named=False)), base_url="http://localhost")
    (run,) = client.get("/api/runs").json()
    assert run["source_id"] is None and client.get("/api/sources").json() == []
    detail = client.get("/api/runs/lonely/tasks/mirror").json()
    assert detail["source_id"] is None and detail["tests"][0][0]["correct"] is None


def test_runs_bring_their_sources(runs_dir: Path) -> None:
    catalogue = Catalogue.build([], [runs_dir / "alpha"], named=False)
    assert list(catalogue.runs) == ["alpha"] and [s.id for s in catalogue.sources.values()] == ["data"]
    with pytest.raises(SourceError, match="not a run directory"):
        Catalogue.build([], [runs_dir.parent / "data"], named=False)


def test_a_tasks_runs_without_grids(client: TestClient) -> None:
    runs = client.get("/api/sources/data/tasks/mirror/runs").json()
    assert runs == [{"run": "alpha", "outcome": "solved", "status": "ok"},
                    {"run": "beta", "outcome": "unsolved", "status": "ok"}]
    assert client.get("/api/sources/data/tasks/nope/runs").json() == []
    assert client.get("/api/sources/nope/tasks/mirror/runs").status_code == 404


def test_runs_show_the_code_they_recorded(client: TestClient) -> None:
    runs = {r["id"]: r for r in client.get("/api/runs").json()}
    assert all(run["code"] for run in runs.values())
    assert "arclab 0.1.0" in runs["alpha"]["code"] and "Python 3." in runs["alpha"]["code"]
