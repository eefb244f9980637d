"""A small task source on disk and an app over it (no named datasets, so tests stay fast)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from arclab.datasets import load_tasks
from arclab.web import Catalogue, create_app

SECRET = "TOP-SECRET-MARKER-5b1e"

TASKS = {
    "mirror": {"train": [{"input": [[1, 0], [2, 0]], "output": [[0, 1], [0, 2]]},
                         {"input": [[3, 3, 0]], "output": [[0, 3, 3]]}],
               "test": [{"input": [[4, 0, 0], [0, 6, 0]], "output": [[0, 0, 4], [0, 6, 0]]},
                        {"input": [[7]], "output": [[7]]}]},
    "blind": {"train": [{"input": [[1]], "output": [[2]]}], "test": [{"input": [[1, 1]]}]},
}


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """tmp/data/{mirror,blind}.json, with a secret file beside the data folder (outside the roots)."""
    folder = tmp_path / "data"
    folder.mkdir()
    for task_id, task in TASKS.items():
        (folder / f"{task_id}.json").write_text(json.dumps(task))
    (tmp_path / "secret.json").write_text(json.dumps({"train": SECRET}))
    (tmp_path / "secret.txt").write_text(SECRET)
    return folder


@pytest.fixture()
def secret() -> str:
    """Text of files just outside the served roots: no answer may contain it."""
    return SECRET


def runs_fixture() -> ModuleType:
    """tests/report/runs_fixture.py (test folders are not packages, so it is loaded by path)."""
    path = Path(__file__).resolve().parents[1] / "report" / "runs_fixture.py"
    spec = importlib.util.spec_from_file_location("arclab_tests_runs_fixture", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def write_run() -> Any:
    """runs_fixture.write_run: a run directory with the outcomes asked for."""
    return runs_fixture().write_run


@pytest.fixture()
def runs_dir(tmp_path: Path, data_dir: Path, write_run: Any) -> Path:
    """runs/{alpha,beta}: two runs over the data folder with different outcomes."""
    tasks = list(load_tasks(data_dir))
    write_run(tmp_path / "runs" / "alpha", str(data_dir), tasks, {"mirror": "solved", "blind": "wrong"})
    write_run(tmp_path / "runs" / "beta", str(data_dir), tasks, {"mirror": "wrong", "blind": "error"},
              solver="other")
    return tmp_path / "runs"


@pytest.fixture()
def app(data_dir: Path, runs_dir: Path) -> FastAPI:
    app: FastAPI = create_app(Catalogue.build([data_dir], [runs_dir], named=False))
    return app


@pytest.fixture()
def client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
