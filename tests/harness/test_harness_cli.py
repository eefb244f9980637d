"""`arclab eval`, `arclab runs` and `arclab compare` from the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from arclab.cli import main
from arclab.cli.cmd_eval import default_out
from arclab.harness import EvalConfig, Limits, ProgressBar, evaluate
from harness_tasks import write_tasks


def test_eval_prints_scores_and_writes_the_submission(tmp_path: Path, tasks_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run"
    assert main(["eval", str(tasks_dir), "--solver", "identity", "--out", str(out), "--workers", "2",
                 "--time-limit", "5", "--memory-limit", "0"]) == 0
    captured = capsys.readouterr()
    assert "12 task(s) run, 0 resumed" in captured.out
    # identity solves the even tasks' first test and both second tests (t04, t09)
    assert "per-output 57.14% (8/14)" in captured.out and "fully solved 6/12" in captured.out
    assert "12/12 [" in captured.err  # the progress bar
    assert json.loads((out / "submission.json").read_text())["t00"] == [
        {"attempt_1": [[0, 1], [2, 3]], "attempt_2": [[0]]}]
    assert main(["eval", str(tasks_dir), "--solver", "identity", "--out", str(out), "--workers", "2",
                 "--time-limit", "5", "--memory-limit", "0", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "0 task(s) run, 12 resumed" in captured.out and not captured.err


def test_runs_and_compare(tmp_path: Path, tasks_dir: Path, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    runs = tmp_path / "runs"
    for name, plan in (("a", "t00=raise,t02=raise"), ("b", "t06=raise,t07=sleep")):
        evaluate(EvalConfig(str(tasks_dir), "harness_faults:faulty", runs / name, workers=1,
                            solver_args=[f"plan={plan}"], limits=Limits(time_limit=0.2)))
    monkeypatch.chdir(tmp_path)
    assert main(["runs"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["RUN", "SOLVER", "SOURCE", "DONE", "PER-OUTPUT", "PER-TASK", "SOLVED", "FAILED",
                                "TIME", "CODE"]
    assert table[1].split()[:3] == ["runs/a", "harness_faults:faulty", "plan=t00=raise,t02=raise"]
    assert table[1].split()[4:9] == ["12/12", "42.9%", "37.5%", "4", "2"]
    assert table[2].split()[4:9] == ["12/12", "50.0%", "45.8%", "5", "2"]
    assert main(["compare", "runs/a", "runs/b"]) == 0
    text = capsys.readouterr().out
    assert "gains (2):\n  t00  0% -> 100%  (error -> ok)\n  t02  0% -> 100%  (error -> ok)\n" in text
    assert "losses (1):\n  t06  100% -> 0%  (ok -> error)\n" in text
    assert "status changes without a score change (1):\n  t07  ok -> timeout\n" in text
    assert "per-output 42.86% -> 50.00% (+7.14%)" in text and "fully solved 4 -> 5 (+1)" in text


def test_errors_are_one_line(tmp_path: Path, tasks_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        (["eval", str(tasks_dir), "--solver", "identiy"], "did you mean identity?"),
        (["eval", str(tasks_dir), "--solver", "constant", "-S", "colour=red"], "colour='red'"),
        (["eval", str(tasks_dir), "--solver", "identity", "--address", "x:1"], "--address goes with --backend ray"),
        (["eval", str(tmp_path / "nowhere"), "--solver", "identity"], "no such dataset, directory or file"),
        (["runs", str(tmp_path)], "no runs in"),
        (["compare", str(tmp_path), str(tmp_path)], "not a run directory"),
    ]
    for argv, message in cases:
        assert main([*argv, *(["--out", str(tmp_path / "out")] if argv[0] == "eval" else [])]) == 1
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err


def test_default_out_names_solver_and_source() -> None:
    assert default_out("identity", "arc-agi-1/evaluation") == "runs/identity-arc-agi-1-evaluation"
    assert default_out("m:f", "/data/my tasks/set.json") == "runs/m-f-my-tasks-set"


def test_unscored_sources_run_and_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_tasks(tmp_path / "tasks", 3, outputs=False)
    assert main(["eval", str(source), "--solver", "identity", "--out", str(tmp_path / "run"), "--quiet"]) == 0
    assert "not scored (the source has no test outputs)" in capsys.readouterr().out
    assert main(["runs", str(tmp_path)]) == 0
    assert "3/3" in capsys.readouterr().out


def test_progress_bar_lines(tmp_path: Path, tasks_dir: Path) -> None:
    stream = io.StringIO()
    evaluate(EvalConfig(str(tasks_dir), "harness_faults:faulty", tmp_path / "run", workers=1,
                        solver_args=["plan=t03=raise"]), ProgressBar(stream, interactive=False))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "12 task(s) to run on 1 process worker(s)"
    assert lines[-1].startswith("12/12 [########################] 100%  solved 8/14 outputs (57.1%)  failed 1")
    assert len(lines) <= 12
    tty = io.StringIO()
    bar = ProgressBar(tty, interactive=True)
    evaluate(EvalConfig(str(tasks_dir), "identity", tmp_path / "run2", workers=1), bar)
    assert tty.getvalue().startswith("12 task(s) to run") and "\r\x1b[K12/12" in tty.getvalue()


def test_task_selection(tmp_path: Path, tasks_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "run")
    assert main(["eval", str(tasks_dir), "--solver", "identity", "--out", out, "--quiet", "--task", "t03",
                 "--task", "t00", "--task", "t09"]) == 0
    assert "3 task(s) run" in capsys.readouterr().out
    assert sorted(json.loads((tmp_path / "run" / "submission.json").read_text())) == ["t00", "t03", "t09"]
    assert main(["eval", str(tasks_dir), "--solver", "identity", "--out", out, "--quiet", "--limit", "5"]) == 0
    assert "3 task(s) run, 2 resumed" in capsys.readouterr().out  # t00-t04, of which t00 and t03 were done
    assert main(["eval", str(tasks_dir), "--solver", "identity", "--out", out, "--task", "t99"]) == 1
    assert "no task 't99'" in capsys.readouterr().err


def test_eval_exclude_skips_tasks_sharing_an_example(tmp_path: Path, tasks_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    other = write_tasks(tmp_path / "other", 3)  # the examples of t00-t02, which t10 and t11 repeat
    out = tmp_path / "run"
    assert main(["eval", str(tasks_dir), "--solver", "identity", "--out", str(out), "--workers", "1",
                 "--exclude", str(other), "--quiet"]) == 0
    assert "7 task(s) run" in capsys.readouterr().out
    submission = json.loads((out / "submission.json").read_text())
    assert sorted(submission) == [f"t{i:02d}" for i in range(3, 10)]
