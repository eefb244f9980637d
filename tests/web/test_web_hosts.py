"""The Host header is checked against the names the app is served under (against DNS rebinding)."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from arclab.web import Catalogue, create_app


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io",
                                  "testserver", "", "[::1", "local host"])
def test_foreign_host_names_are_refused(client: TestClient, host: str) -> None:
    for path in ("/", "/api/sources", "/static/app.js", "/api/sources/data/tasks/mirror"):
        response = client.get(path, headers={"host": host})
        assert response.status_code == 421, (host, path, response.status_code)
        assert "not served" in response.json()["detail"]
        assert "default-src 'self'" in response.headers["content-security-policy"]
    answer = client.post("/api/sources/data/tasks/mirror/tests/0/tries", json={"grid": [[0]]},
                         headers={"host": host})
    assert answer.status_code == 421
    assert client.get("/api/sources/data/tasks/mirror").json()["test"][0]["tries_left"] == 2


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "LOCALHOST.", "127.0.0.1", "127.0.0.1:8123",
                                  "[::1]:8000", "[::1]", "10.1.2.3:80"])
def test_loopback_names_and_address_literals_are_served(client: TestClient, host: str) -> None:
    assert client.get("/api/sources", headers={"host": host}).status_code == 200


def test_the_served_host_names_are_accepted(data_dir: Path) -> None:
    app = create_app(Catalogue.build([data_dir], named=False), hosts=["arc.lab.example", "Box"])
    client = TestClient(app, base_url="http://arc.lab.example:8000")
    assert client.get("/api/sources").status_code == 200
    assert client.get("/api/sources", headers={"host": "box:80"}).status_code == 200
    assert client.get("/api/sources", headers={"host": "evil.example"}).status_code == 421


def test_a_request_without_a_host_is_refused(app: FastAPI) -> None:
    """HTTP/1.0 allows leaving the Host out; such a request is refused too (sent straight to the app)."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.0", "method": "GET", "scheme": "http",
             "path": "/api/sources", "raw_path": b"/api/sources", "query_string": b"", "headers": [],
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000), "root_path": ""}
    # in a thread of its own: the browser tests' Playwright may hold this thread's event loop
    worker = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    worker.start()
    worker.join(timeout=30)
    assert sent[0]["status"] == 421
