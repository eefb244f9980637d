"""No finished task is lost or run twice: kill -9 midway, resume, and get the uninterrupted answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arclab.harness import EvalConfig, Limits, RunStart, Status, StoreError, TaskResult, evaluate, open_run

from harness_tasks import write_tasks


def _eval_command(source: Path, out: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "arclab"), "eval", str(source), "--solver", "harness_faults:slow",
            "-S", "delay=0.04", "--workers", "2", "--out", str(out), "--quiet"]


def _started(log: Path) -> list[tuple[str, int]]:
    if not log.exists():
        return []
    return [(words[1], int(words[2])) for words in (line.split() for line in log.read_text().splitlines())]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead too
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_kill_9_midway_then_resume(tmp_path: Path) -> None:
    source = write_tasks(tmp_path / "tasks", 40)
    env = dict(os.environ)
    # the uninterrupted run, for reference
    subprocess.run(_eval_command(source, tmp_path / "whole"), env=env, check=True, capture_output=True)

    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    run_dir = tmp_path / "killed"
    process = subprocess.Popen(_eval_command(source, run_dir), env={**env, "ARCLAB_TEST_LOG": str(first_log)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    finished_before: frozenset[str] = frozenset()
    while time.monotonic() < deadline:
        if (run_dir / "results.sqlite").exists():
            with open_run(run_dir) as store:
                if len(store.finished_ids()) >= 10:
                    break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with open_run(run_dir) as store:
        finished_before = store.finished_ids()
        assert [s.outcome for s in store.sessions()] == ["unknown"]  # it never got to say how it ended
    assert 10 <= len(finished_before) < 40
    assert not (run_dir / "submission.json").exists()
    # the workers died with the harness
    worker_pids = {pid for _, pid in _started(first_log)}
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in worker_pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in worker_pids)

    done = subprocess.run(_eval_command(source, run_dir), env={**env, "ARCLAB_TEST_LOG": str(second_log)},
                          check=True, capture_output=True, text=True)
    assert f"{40 - len(finished_before)} task(s) run, {len(finished_before)} resumed" in done.stdout
    rerun = [task_id for task_id, _ in _started(second_log)]
    assert len(rerun) == len(set(rerun)) == 40 - len(finished_before)
    assert not set(rerun) & finished_before  # no finished task ran twice
    assert (run_dir / "submission.json").read_bytes() == (tmp_path / "whole" / "submission.json").read_bytes()
    with open_run(run_dir) as store:
        assert len(store.finished_ids()) == 40
        assert [s.outcome for s in store.sessions()] == ["unknown", "complete"]


class _StopAfter:
    """An observer that interrupts the run (like Ctrl-C) after `count` results."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.seen: list[str] = []

    def on_start(self, start: RunStart) -> None:
        pass

    def on_result(self, result: TaskResult) -> None:
        self.seen.append(result.task_id)
        if len(self.seen) == self.count:
            raise KeyboardInterrupt

    def on_end(self) -> None:
        pass


def test_interrupt_then_resume_runs_only_the_rest(tmp_path: Path, tasks_dir: Path) -> None:
    config = EvalConfig(str(tasks_dir), "identity", tmp_path / "run", workers=2)
    stopper = _StopAfter(5)
    with pytest.raises(KeyboardInterrupt):
        evaluate(config, stopper)
    with open_run(config.out) as store:
        assert store.finished_ids() == frozenset(stopper.seen)
        assert store.sessions()[0].outcome == "interrupted"
    seen_again = _StopAfter(-1)
    report = evaluate(config, seen_again)
    assert report.tasks_run == 7 and report.skipped == 5
    assert not set(seen_again.seen) & set(stopper.seen)
    assert report.summary.num_finished == 12 and report.summary.complete


def test_resuming_with_other_settings_is_refused(tmp_path: Path, tasks_dir: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    evaluate(EvalConfig(str(tasks_dir), "constant", tmp_path / "run", solver_args={"colour": 1}, workers=1))
    for change in ({"solver_args": {"colour": 2}}, {"seed": 1}, {"limits": Limits(time_limit=5)},
                   {"solver": "identity", "solver_args": {}}):
        fields = {"source": str(tasks_dir), "solver": "constant", "out": tmp_path / "run",
                  "solver_args": {"colour": 1}, "workers": 1, **change}
        with pytest.raises(StoreError, match="other settings"):
            evaluate(EvalConfig(**fields))  # type: ignore[arg-type]
    # the same settings spelled differently resume fine, from another working directory too
    monkeypatch.chdir(tmp_path)
    report = evaluate(EvalConfig(os.path.relpath(tasks_dir), "constant", "run", solver_args=["colour=01"]))
    assert report.tasks_run == 0 and report.skipped == 12


def test_retry_failed_runs_failed_tasks_again(tmp_path: Path, tasks_dir: Path) -> None:
    config = EvalConfig(str(tasks_dir), "harness_faults:faulty", tmp_path / "run", solver_args=["plan=t03=raise"],
                        workers=1)
    first = evaluate(config)
    assert first.summary.statuses == {"error": 1, "ok": 11}
    assert evaluate(config).tasks_run == 0
    again = evaluate(EvalConfig(**{**{f: getattr(config, f) for f in config.__dataclass_fields__},
                                   "retry_failed": True}))
    assert again.tasks_run == 1
    with open_run(config.out) as store:
        assert store.result("t03").status is Status.ERROR  # type: ignore[union-attr]
        assert [s.tasks_run for s in store.sessions()] == [12, 0, 1]


def test_a_run_directory_has_one_writer(tmp_path: Path, tasks_dir: Path) -> None:
    from arclab.harness import RunStore

    config = EvalConfig(str(tasks_dir), "identity", tmp_path / "run", workers=1)
    evaluate(config)
    with open_run(config.out) as store:
        settings = store.settings
    with RunStore.create_or_resume(config.out, settings):
        with pytest.raises(StoreError, match="another process is writing"):
            evaluate(config)


def test_sigterm_stops_politely(tmp_path: Path) -> None:
    source = write_tasks(tmp_path / "tasks", 40)
    run_dir = tmp_path / "run"
    process = subprocess.Popen(_eval_command(source, run_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if (run_dir / "results.sqlite").exists():
            with open_run(run_dir) as store:
                if store.finished_ids():
                    break
        time.sleep(0.02)
    process.terminate()
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "arclab eval: interrupted" in err
    with open_run(run_dir) as store:
        assert [s.outcome for s in store.sessions()] == ["interrupted"]
        assert 0 < len(store.finished_ids()) < 40
