"""`arclab serve`: its arguments, and the app it hands to the server (uvicorn is not started here)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from arclab.cli import main


def test_serve_builds_the_app_over_sources_and_runs(monkeypatch: pytest.MonkeyPatch, data_dir: Path,
                                                    runs_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    assert main(["serve", "--port", "8123", "--data", str(data_dir), "--runs", str(runs_dir)]) == 0
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
    catalogue = started["app"].state.catalogue
    assert "data" in catalogue.sources and set(catalogue.runs) == {"alpha", "beta"}
    assert "5 task source(s) and 2 run(s) on http://127.0.0.1:8123/" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["--port", "0"], "is not a port"),
    (["--port", "http"], "is not a port"),
    (["--data", "/no/such/place"], "no such dataset, directory or file"),
    (["--runs", "/no/such/place"], "not a run directory"),
])
def test_serve_refuses_bad_arguments(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                     args: list[str], message: str) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: pytest.fail("must not start"))
    try:
        code = main(["serve", *args])
    except SystemExit as exit_:  # argparse's usage errors
        code = exit_.code
    assert code in (1, 2)
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("host, warned", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                          ("127.0.0.2", False), ("0.0.0.0", True), ("::", True),
                                          ("192.168.1.20", True)])
def test_serving_beyond_loopback_warns(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                       data_dir: Path, host: str, warned: bool) -> None:
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    assert main(["serve", "--host", host, "--data", str(data_dir)]) == 0
    err = capsys.readouterr().err
    assert ("no authentication" in err) is warned, err


def test_served_hosts_are_checked(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    assert main(["serve", "--host", "0.0.0.0", "--allow-host", "arc.example", "--data", str(data_dir)]) == 0
    client = TestClient(started["app"], base_url="http://localhost:8000")
    for host in ("localhost:8000", "127.0.0.1:8000", "0.0.0.0:8000", "10.0.0.7:8000", "arc.example:8000",
                 socket.gethostname(), socket.getfqdn()):
        assert client.get("/api/sources", headers={"host": host}).status_code == 200, host
    assert client.get("/api/sources", headers={"host": "evil.example:8000"}).status_code == 421
    assert main(["serve", "--host", "box.lan", "--data", str(data_dir)]) == 0
    client = TestClient(started["app"])
    assert client.get("/api/sources", headers={"host": "box.lan:8000"}).status_code == 200
    assert client.get("/api/sources", headers={"host": "arc.example"}).status_code == 421


def test_serve_blind(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path,
                     runs_dir: Path) -> None:
    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    assert main(["serve", "--blind", "--data", str(data_dir)]) == 0
    assert "blind mode" in capsys.readouterr().out
    client = TestClient(started.pop("app"))
    assert client.get("/api/sources/data/tasks/mirror/outputs", headers={"host": "localhost"}).status_code == 404
    assert main(["serve", "--blind", "--data", str(data_dir), "--runs", str(runs_dir)]) == 2
    assert "--blind serves no runs" in capsys.readouterr().err and "app" not in started
