"""The Ray backend gives the same submission and statuses as the process backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from arclab.harness import EvalConfig, Limits, evaluate, open_run

pytest.importorskip("ray")


def test_ray_matches_the_process_backend(tmp_path: Path, tasks_dir: Path) -> None:
    plan = "plan=t01=raise,t02=sleep,t03=exit,t05=alloc"
    reports = {}
    for backend in ("process", "ray"):
        reports[backend] = evaluate(EvalConfig(
            str(tasks_dir), "harness_faults:faulty", tmp_path / backend, solver_args=[plan], seed=3,
            limits=Limits(time_limit=1.0, memory_limit_mb=300), workers=2, backend=backend))
    process, ray = reports["process"], reports["ray"]
    assert ray.submission_path.read_bytes() == process.submission_path.read_bytes()
    assert ray.summary.statuses == process.summary.statuses == {"crashed": 1, "error": 1, "memory": 1,
                                                                 "ok": 8, "timeout": 1}
    with open_run(ray.directory) as store:
        assert [(s.backend, s.workers, s.outcome) for s in store.sessions()] == [("ray", 2, "complete")]
        failed = store.result("t01")
        assert failed is not None and "ValueError: boom on t01" in failed.error
