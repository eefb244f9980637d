"""Async solvers: many tasks at once in one worker, each under its own time limit; a solver that
blocks the loop or kills its process loses no other task (they are recorded with the reason)."""

from __future__ import annotations

import time
from pathlib import Path

from arclab.harness import EvalConfig, Limits, Status, evaluate, open_run


def _run(tasks_dir: Path, out: Path, plan: str = "", concurrency: int = 8, time_limit: float = 20,
         delay: float = 1.0) -> float:
    start = time.monotonic()
    evaluate(EvalConfig(str(tasks_dir), "harness_faults:async_plan", out, workers=1, concurrency=concurrency,
                        solver_args=[f"delay={delay}", f"plan={plan}"], limits=Limits(time_limit=time_limit)))
    return time.monotonic() - start


def test_tasks_run_at_once_in_one_worker(tmp_path: Path, tasks_dir: Path) -> None:
    seconds = _run(tasks_dir, tmp_path / "run", concurrency=12)
    with open_run(tmp_path / "run") as store:
        results = store.results()
        (session,) = store.sessions()
    assert len(results) == 12 and {r.status for r in results} == {Status.OK}
    assert session.workers == 1
    with open_run(tmp_path / "run") as store:  # the calls the solver recorded, streamed into the store
        assert sorted(c.task_id for c in store.calls()) == [f"t{i:02d}" for i in range(12)]
    assert seconds < 8  # twelve 1-second waits one after another would take 12 s


def test_one_task_at_a_time_when_asked(tmp_path: Path, tasks_dir: Path) -> None:
    for path in sorted(tasks_dir.iterdir())[4:]:
        path.unlink()
    seconds = _run(tasks_dir, tmp_path / "run", concurrency=1, delay=0.5)
    assert seconds >= 2.0


def test_a_hanging_task_times_out_and_the_others_finish(tmp_path: Path, tasks_dir: Path) -> None:
    _run(tasks_dir, tmp_path / "run", plan="t01=hang,t03=raise", time_limit=3, delay=0.2)
    with open_run(tmp_path / "run") as store:
        results = {r.task_id: r for r in store.results()}
    assert len(results) == 12
    assert results["t01"].status is Status.TIMEOUT and "cancelled" in results["t01"].error
    assert results["t03"].status is Status.ERROR and "boom on t03" in results["t03"].error
    assert all(r.status is Status.OK for task_id, r in results.items() if task_id not in ("t01", "t03"))


def test_a_blocked_loop_kills_the_worker_and_its_other_tasks_are_recorded(tmp_path: Path, tasks_dir: Path) -> None:
    _run(tasks_dir, tmp_path / "run", plan="t02=block,t05=exit", time_limit=2, delay=0.3)
    with open_run(tmp_path / "run") as store:
        results = {r.task_id: r for r in store.results()}
    assert len(results) == 12  # nothing lost
    assert results["t02"].status in (Status.TIMEOUT, Status.CRASHED)
    if results["t02"].status is Status.TIMEOUT:
        assert "worker killed" in results["t02"].error
    failed = {task_id for task_id, r in results.items() if r.status is not Status.OK}
    assert {"t02", "t05"} <= failed
    for task_id in failed - {"t02", "t05"}:  # caught in the same worker: the reason says so
        assert results[task_id].status in (Status.TIMEOUT, Status.CRASHED)
        assert "worker" in results[task_id].error
