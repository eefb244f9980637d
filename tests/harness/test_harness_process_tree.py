"""Limits hold for the worker's whole process tree: memory is counted over every process the solver
starts, and when a task ends or times out everything it started is killed, even a grandchild that
left the session (setsid) and was orphaned."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from arclab.harness import EvalConfig, Limits, Status, WorkerSetup, WorkerSlot, evaluate, open_run
from arclab.solvers import solver_spec
from arclab.task import Example, Grid, Task


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def _pids(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def _gone(pids: list[int], within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(pid) for pid in pids)


@pytest.fixture
def pid_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "pids"
    monkeypatch.setenv("ARCLAB_TEST_PIDS", str(path))
    return path


def test_memory_of_child_processes_counts(tmp_path: Path, tasks_dir: Path, pid_file: Path) -> None:
    report = evaluate(EvalConfig(str(tasks_dir), "harness_faults:faulty", tmp_path / "run", workers=1, limit=2,
                                 solver_args=["plan=t00=hog_child"], limits=Limits(30, memory_limit_mb=250)))
    with open_run(report.directory) as store:
        result = store.result("t00")
    assert result is not None and result.status is Status.MEMORY, result
    assert "process(es) it started" in result.error and "250 MiB limit" in result.error
    assert (result.peak_memory_mb or 0) > 250 and result.seconds < 25
    assert len(_pids(pid_file)) == 1 and _gone(_pids(pid_file))
    assert report.summary.statuses == {"memory": 1, "ok": 1}


def test_an_escaped_grandchild_dies_when_its_task_ends(pid_file: Path) -> None:
    task = Task("t", (Example(Grid([[1]]), Grid([[1]])),), (Example(Grid([[1]])),))
    slot = WorkerSlot(WorkerSetup(solver_spec("harness_faults:faulty", ["plan=t=escape"]), 0, Limits(30)))
    try:
        result = slot.run(task)
        assert result.status is Status.OK
        (grandchild,) = _pids(pid_file)
        assert _gone([grandchild])  # killed at the end of its task, the worker still running
        assert slot.pid is not None and _alive(slot.pid)
        assert slot.run(task).status is Status.OK  # and the worker goes on with the next task
    finally:
        slot.close()
    assert len(_pids(pid_file)) == 2 and _gone(_pids(pid_file))


def test_an_escaped_grandchild_dies_with_a_timed_out_task(tmp_path: Path, tasks_dir: Path, pid_file: Path) -> None:
    report = evaluate(EvalConfig(str(tasks_dir), "harness_faults:faulty", tmp_path / "run", workers=1, limit=2,
                                 solver_args=["plan=t00=escape_hang"], limits=Limits(1.0)))
    assert report.summary.statuses == {"ok": 1, "timeout": 1}
    (grandchild,) = _pids(pid_file)
    assert _gone([grandchild], within=1.0)
    assert os.getpid() != grandchild


def test_a_helper_started_while_building_the_solver_lives_as_long_as_the_worker(pid_file: Path) -> None:
    task = Task("t", (Example(Grid([[1]]), Grid([[1]])),), (Example(Grid([[1]])),))
    slot = WorkerSlot(WorkerSetup(solver_spec("harness_faults:with_helper"), 0, Limits(30)))
    try:
        assert slot.run(task).status is Status.OK
        assert slot.run(task).status is Status.OK
        (helper,) = _pids(pid_file)
        assert _alive(helper)
    finally:
        slot.close()
    assert _gone([helper])
