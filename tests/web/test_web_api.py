"""The JSON API: browsing, answers by hand checked on the server, pictures, and its documentation."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from arclab.web import Catalogue, create_app

TASK = "/api/sources/data/tasks/mirror"
RIGHT = [[0, 0, 4], [0, 6, 0]]


def test_sources_and_tasks(client: TestClient) -> None:
    sources = client.get("/api/sources").json()
    assert [(s["id"], s["tasks"], s["problems"]) for s in sources] == [("data", 2, 0)]
    tasks = client.get("/api/sources/data/tasks").json()
    assert [(t["id"], t["train"], t["test"], t["hand"]) for t in tasks] == [
        ("blind", 1, 1, ["untried"]), ("mirror", 2, 2, ["untried", "untried"])]


def test_task_detail_never_holds_test_outputs(client: TestClient) -> None:
    task = client.get(TASK).json()
    assert task["train"][0] == {"input": [[1, 0], [2, 0]], "output": [[0, 1], [0, 2]]}
    assert [set(t) for t in task["test"]] == [{"input", "has_output", "hand", "tries", "tries_left"}] * 2
    assert str(RIGHT).replace(" ", "") not in client.get(TASK).text.replace(" ", "")
    assert client.get(TASK + "/outputs").json() == {"outputs": [RIGHT, [[7]]]}
    assert client.get("/api/sources/data/tasks/blind/outputs").json() == {"outputs": [None]}


def test_wrong_then_right_then_no_more(client: TestClient) -> None:
    url = TASK + "/tests/0/tries"
    wrong = client.post(url, json={"grid": [[0, 0, 4], [0, 6, 1]]}).json()
    assert (wrong["correct"], wrong["hand"], wrong["tries_left"]) == (False, "tried", 1)
    right = client.post(url, json={"grid": RIGHT}).json()
    assert (right["correct"], right["hand"], right["tries_left"]) == (True, "solved", 0)
    assert [t["correct"] for t in right["tries"]] == [False, True]
    again = client.post(url, json={"grid": RIGHT})
    assert again.status_code == 409 and "already solved" in again.json()["detail"]
    test = client.get(TASK).json()["test"]
    assert [(t["hand"], t["tries_left"]) for t in test] == [("solved", 0), ("untried", 2)]


def test_shape_counts_and_two_wrong_tries_fail(client: TestClient) -> None:
    url = TASK + "/tests/1/tries"
    assert client.post(url, json={"grid": [[7, 7]]}).json()["correct"] is False  # right cells, wrong shape
    last = client.post(url, json={"grid": [[6]]}).json()
    assert (last["hand"], last["tries_left"]) == ("failed", 0)
    third = client.post(url, json={"grid": [[7]]})
    assert third.status_code == 409 and "no tries left" in third.json()["detail"]


def test_filter_tasks_by_hand(client: TestClient) -> None:
    client.post(TASK + "/tests/0/tries", json={"grid": RIGHT})
    client.post(TASK + "/tests/1/tries", json={"grid": [[7]]})

    def ids(status: str) -> list[str]:
        return [t["id"] for t in client.get(f"/api/sources/data/tasks?hand={status}").json()]

    assert ids("solved") == ["mirror"]
    assert ids("unsolved") == ["blind"]
    assert ids("untried") == ["blind"]
    assert ids("failed") == []
    assert client.get("/api/sources/data/tasks?hand=maybe").status_code == 422


def test_no_known_output_cannot_be_checked(client: TestClient) -> None:
    response = client.post("/api/sources/data/tasks/blind/tests/0/tries", json={"grid": [[1, 1]]})
    assert response.status_code == 409 and "no known output" in response.json()["detail"]


def test_pictures(client: TestClient) -> None:
    png = client.get(TASK + "/picture")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = client.get(TASK + "/picture?format=svg").text
    assert "test 0 input 2x3" in svg and "test 0 output" not in svg
    assert "test 0 output 2x3" in client.get(TASK + "/picture?format=svg&outputs=true").text


def test_page_and_assets(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name in ("app.js", "helpers.js", "views.js", "runs.js", "editor.js", "grid.js", "grid.css", "app.css"):
        assert client.get(f"/static/{name}").status_code == 200, name
    assert ".c3" in client.get("/static/grid.css").text


def test_openapi_documents_every_route(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    operations = [op for path in doc["paths"].values() for op in path.values()]
    assert len(operations) >= 6 and all(op.get("summary") for op in operations)
    grid = doc["components"]["schemas"]["Answer"]["properties"]["grid"]
    assert grid["maxItems"] == 30 and grid["minItems"] == 1
    assert "/" not in doc["paths"] and not any(p.startswith("/static") for p in doc["paths"])


def test_sources_and_runs_show_no_local_paths(client: TestClient, tmp_path: Path) -> None:
    """Names are what the user passed, relative: no absolute path of this machine in any answer."""
    assert [(s["id"], s["name"]) for s in client.get("/api/sources").json()] == [("data", "data")]
    assert {r["source"] for r in client.get("/api/runs").json()} == {"data"}
    for path in ("/api/sources", "/api/runs", "/api/runs/alpha", "/api/runs/beta/tasks",
                 "/api/runs/alpha/tasks/mirror", "/api/compare?a=alpha&b=beta", "/api/sources/data/tasks"):
        response = client.get(path)
        assert response.status_code == 200 and str(tmp_path) not in response.text, path


def test_a_source_that_cannot_load_names_no_local_path(tmp_path: Path, data_dir: Path) -> None:
    client = TestClient(create_app(Catalogue.build([data_dir], named=False)), base_url="http://localhost")
    for task in data_dir.iterdir():
        task.unlink()
    data_dir.rmdir()
    response = client.get("/api/sources/data/tasks")
    assert response.status_code == 404 and "data" in response.json()["detail"]
    assert str(tmp_path) not in response.text


def test_relative_names_stay_relative(tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nested = tmp_path / "work" / "tasks"
    nested.mkdir(parents=True)
    (nested / "one.json").write_text((data_dir / "mirror.json").read_text())
    monkeypatch.chdir(tmp_path / "work")
    catalogue = Catalogue.build(["tasks", str(nested / "one.json"), str(data_dir)], named=False)
    assert [(s.id, s.label) for s in catalogue.sources.values()] == [
        ("tasks", "tasks"), ("one", "tasks/one.json"), ("data", "data")]
