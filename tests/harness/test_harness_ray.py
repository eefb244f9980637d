"""The Ray backend gives the same submission and statuses as the process backend, with the same
limits, the same store and the same resume."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from arclab.harness import EvalConfig, Limits, evaluate, open_run

ray = pytest.importorskip("ray")

PLAN = "plan=t01=raise,t02=sleep,t03=exit,t05=alloc"
LIMITS = Limits(time_limit=1.0, memory_limit_mb=300)


@pytest.fixture
def local_ray() -> Iterator[None]:
    """One local Ray for the test (the backend leaves a Ray it did not start running)."""
    ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR", log_to_driver=False,
             configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()


def test_ray_matches_the_process_backend(tmp_path: Path, tasks_dir: Path, local_ray: None) -> None:
    def config(backend: str, out: str, limit: int | None = None) -> EvalConfig:
        return EvalConfig(str(tasks_dir), "harness_faults:faulty", tmp_path / out, solver_args=[PLAN], seed=3,
                          limits=LIMITS, workers=2, backend=backend, limit=limit)

    process = evaluate(config("process", "process"))
    first = evaluate(config("ray", "ray", limit=7))
    assert first.tasks_run == 7
    resumed = evaluate(config("ray", "ray"))
    assert (resumed.tasks_run, resumed.skipped) == (5, 7)
    assert resumed.submission_path.read_bytes() == process.submission_path.read_bytes()
    assert resumed.summary.statuses == process.summary.statuses == {
        "crashed": 1, "error": 1, "memory": 1, "ok": 8, "timeout": 1}
    with open_run(resumed.directory) as store:
        assert [(s.backend, s.workers, s.outcome, s.tasks_run) for s in store.sessions()] == [
            ("ray", 2, "complete", 7), ("ray", 2, "complete", 5)]
        failed = store.result("t01")
        assert failed is not None and "ValueError: boom on t01" in failed.error
        timed_out = store.result("t02")
        assert timed_out is not None and "1 s limit" in timed_out.error
    assert ray.is_initialized()  # the backend did not stop a Ray it did not start


def test_ray_runs_async_solvers_and_keeps_their_calls(tmp_path: Path, tasks_dir: Path, local_ray: None) -> None:
    report = evaluate(EvalConfig(str(tasks_dir), "harness_faults:async_plan", tmp_path / "run", workers=2,
                                 backend="ray", solver_args=["delay=0.05", "plan=t04=hang"],
                                 limits=Limits(time_limit=2.0)))
    assert report.summary.statuses == {"ok": 11, "timeout": 1}
    with open_run(report.directory) as store:
        calls = store.calls()
        assert sorted(c.task_id for c in calls) == [f"t{i:02d}" for i in range(12)]
        assert store.usage().cost == pytest.approx(0.012)


def test_arclab_eval_starts_and_stops_its_own_local_ray(tmp_path: Path, tasks_dir: Path) -> None:
    import subprocess
    import sys

    arclab = str(Path(sys.executable).parent / "arclab")
    done = subprocess.run([arclab, "eval", str(tasks_dir), "--solver", "identity", "--backend", "ray",
                           "--limit", "4", "--out", str(tmp_path / "run")], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "4 task(s) to run on 2 ray worker(s)" in done.stderr
    assert "per-output 50.00% (2/4)" in done.stdout
