"""The same solver, seed and limits give the same submission, however many workers run it."""

from __future__ import annotations

from pathlib import Path

from arclab.harness import EvalConfig, evaluate


def test_same_seed_same_submission_any_worker_count(tmp_path: Path, tasks_dir: Path) -> None:
    runs = []
    for name, workers, seed in (("a", 1, 7), ("b", 2, 7), ("c", 2, 8)):
        report = evaluate(EvalConfig(str(tasks_dir), "harness_faults:seeded", tmp_path / name, seed=seed,
                                     workers=workers))
        runs.append(report.submission_path.read_bytes())
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
