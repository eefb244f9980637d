"""`serve --blind`: no route serves a test output, whatever it is asked; tries are per browser session."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Route

from arclab.web import Catalogue, create_app

# A test output no train grid, test input or wrong answer contains, as JSON and as a picture's label.
HIDDEN = [[5, 9, 5], [9, 8, 9], [5, 9, 5]]
TASK = {"train": [{"input": [[1, 2]], "output": [[2, 1]]}],
        "test": [{"input": [[3, 4], [4, 3]], "output": HIDDEN}]}
VALUES = {"source_id": "hidden", "task_id": "riddle", "index": "0", "run_id": "alpha", "name": "app.js"}
QUERIES = ["", "?outputs=true", "?format=svg&outputs=true", "?format=svg&outputs=1", "?hand=solved",
           "?outcome=solved", "?a=alpha&b=alpha"]


def _leaks(text: str) -> bool:
    flat = re.sub(r"\s", "", text)
    return json.dumps(HIDDEN).replace(" ", "") in flat or "output3x3" in flat or "expected3x3" in flat


@pytest.fixture()
def blind_app(tmp_path: Path) -> FastAPI:
    folder = tmp_path / "hidden"
    folder.mkdir()
    (folder / "riddle.json").write_text(json.dumps(TASK))
    return create_app(Catalogue.build([folder], named=False), blind=True)


def _routes(app: FastAPI) -> Iterator[Route]:
    """The app's routes, those of included routers too (FastAPI may keep those as one entry per router)."""
    for route in app.routes:
        if isinstance(route, Route):
            yield route
        else:
            yield from (r for r in getattr(route, "original_router").routes if isinstance(r, Route))


def _urls(app: FastAPI) -> list[tuple[str, str]]:
    """Every route of the app (API, page and assets) as (method, url), its parameters filled in."""
    urls, paths = [], set()
    for route in _routes(app):
        paths.add(route.path)
        filled = re.sub(r"{(\w+)}", lambda m: VALUES[m.group(1)], route.path)
        for method in sorted(route.methods or ()):
            urls += [(method, filled + query) for query in QUERIES]
    documented = set(app.openapi()["paths"])
    assert documented <= paths and {"/", "/static/{name}"} <= paths, (documented, paths)
    return urls


def test_no_route_serves_a_test_output(blind_app: FastAPI) -> None:
    client = TestClient(blind_app, base_url="http://localhost")
    urls = _urls(blind_app)
    assert any("/tries" in url for _, url in urls) and any("/picture" in url for _, url in urls)
    wrong = {"grid": [[5, 9, 5], [9, 8, 9], [5, 9, 4]]}
    plain_png = client.get("/api/sources/hidden/tasks/riddle/picture").content
    for method, url in urls:
        response = client.request(method, url, json=wrong if method == "POST" else None)
        assert response.status_code < 500, (method, url)
        assert not _leaks(response.text), (method, url, response.text[:300])
        if "/picture" in url and "svg" not in url and response.status_code == 200:
            assert response.content == plain_png, url
    for hidden_path in ("/api/sources/hidden/tasks/riddle/outputs", "/api/runs", "/api/compare?a=x&b=y"):
        assert client.get(hidden_path).status_code == 404, hidden_path
    assert client.get("/api/sources/hidden/tasks/riddle/picture?outputs=true").status_code == 403
    assert client.get("/api/about").json() == {"blind": True, "version": blind_app.version}


def test_wrong_answers_reveal_nothing_but_wrong(blind_app: FastAPI) -> None:
    client = TestClient(blind_app, base_url="http://localhost")
    url = "/api/sources/hidden/tasks/riddle/tests/0/tries"
    first = client.post(url, json={"grid": [[0]]}).json()
    second = client.post(url, json={"grid": [[5, 9, 5], [9, 8, 9], [5, 9, 4]]}).json()
    assert (first["correct"], second["correct"], second["hand"], second["tries_left"]) == (False, False, "failed", 0)
    assert set(second) == {"correct", "hand", "tries", "tries_left"}
    assert not _leaks(client.get("/api/sources/hidden/tasks/riddle").text)


def test_blind_mode_serves_no_runs(data_dir: Path, runs_dir: Path) -> None:
    client = TestClient(create_app(Catalogue.build([data_dir], [runs_dir], named=False), blind=True),
                        base_url="http://localhost")
    for path in ("/api/runs", "/api/runs/alpha", "/api/runs/alpha/tasks", "/api/runs/alpha/tasks/mirror",
                 "/api/compare?a=alpha&b=beta", "/api/sources/data/tasks/mirror/runs",
                 "/api/sources/data/tasks/mirror/outputs"):
        assert client.get(path).status_code == 404, path
    doc = client.get("/api/openapi.json").json()
    assert not [p for p in doc["paths"] if "runs" in p or "outputs" in p or "compare" in p]


def test_open_mode_says_so(client: TestClient) -> None:
    assert client.get("/api/about").json()["blind"] is False
    assert client.get("/api/sources/data/tasks/mirror/outputs").status_code == 200


def test_tries_are_per_browser_session(app: FastAPI) -> None:
    url = "/api/sources/data/tasks/mirror/tests/0/tries"
    alice = TestClient(app, base_url="http://localhost")
    bob = TestClient(app, base_url="http://localhost")
    assert alice.post(url, json={"grid": [[1]]}).json()["tries_left"] == 1
    cookie = alice.cookies.get("arclab_session")
    assert cookie and len(cookie) >= 20
    assert alice.get("/api/sources/data/tasks/mirror").json()["test"][0]["tries_left"] == 1
    assert bob.get("/api/sources/data/tasks/mirror").json()["test"][0]["tries_left"] == 2
    assert [t["hand"] for t in bob.get("/api/sources/data/tasks").json()] == [["untried"], ["untried", "untried"]]
    assert bob.post(url, json={"grid": [[2]]}).json()["tries_left"] == 1
    assert alice.post(url, json={"grid": [[3]]}).json()["hand"] == "failed"
    assert bob.get("/api/sources/data/tasks/mirror").json()["test"][0]["tries_left"] == 1


def test_a_made_up_session_gets_a_new_one(app: FastAPI) -> None:
    url = "/api/sources/data/tasks/mirror/tests/0/tries"
    alice = TestClient(app, base_url="http://localhost")
    alice.post(url, json={"grid": [[1]]})
    mallory = TestClient(app, base_url="http://localhost", cookies={"arclab_session": "guessed-token"})
    response = mallory.get("/api/sources/data/tasks/mirror")
    assert response.json()["test"][0]["tries_left"] == 2
    assert "guessed-token" not in response.headers["set-cookie"]
    assert "httponly" in response.headers["set-cookie"].lower()
    assert "samesite=strict" in response.headers["set-cookie"].lower()
