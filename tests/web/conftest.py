"""A small task source on disk and an app over it (no named datasets, so tests stay fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

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


@pytest.fixture()
def app(data_dir: Path) -> FastAPI:
    return create_app(Catalogue.build([data_dir], named=False))


@pytest.fixture()
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)
