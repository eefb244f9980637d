"""Fixtures for the harness tests: a small task directory, and worker processes that can import
the test solvers in harness_faults.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness_tasks import write_tasks

HERE = Path(__file__).resolve().parent


@pytest.fixture
def tasks_dir(tmp_path: Path) -> Path:
    return write_tasks(tmp_path / "tasks", 12)


@pytest.fixture(autouse=True)
def test_solvers_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes inherit PYTHONPATH, so they can import harness_faults."""
    paths = [str(HERE), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
