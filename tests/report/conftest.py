"""Tasks on disk and a run over them with every kind of outcome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arclab.datasets import load_tasks
from runs_fixture import write_run

TASKS = {
    "aaa": {"train": [{"input": [[1, 0]], "output": [[0, 1]]}], "test": [{"input": [[2, 0]], "output": [[0, 2]]}]},
    "bbb": {"train": [{"input": [[1]], "output": [[1, 1]]}], "test": [{"input": [[3]], "output": [[3, 3]]}]},
    "ccc": {"train": [{"input": [[5, 5], [0, 0]], "output": [[5, 5], [5, 5]]}],
            "test": [{"input": [[6, 6], [0, 0]], "output": [[6, 6], [6, 6]]}, {"input": [[4]], "output": [[4]]}]},
    "ddd": {"train": [{"input": [[1]], "output": [[2]]}], "test": [{"input": [[1]], "output": [[2]]}]},
    "eee": {"train": [{"input": [[1]], "output": [[2]]}], "test": [{"input": [[3]], "output": [[4]]}]},
    "fff": {"train": [{"input": [[1]], "output": [[2]]}], "test": [{"input": [[5]], "output": [[6]]}]},
}
OUTCOMES = {"aaa": "solved", "bbb": "second", "ccc": "wrong", "ddd": "error", "eee": "timeout"}  # fff pending


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for task_id, task in TASKS.items():
        (folder / f"{task_id}.json").write_text(json.dumps(task))
    return folder


@pytest.fixture()
def run_dir(tmp_path: Path, data_dir: Path) -> Path:
    return write_run(tmp_path / "run", str(data_dir), list(load_tasks(data_dir)), OUTCOMES)
