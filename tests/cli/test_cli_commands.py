"""The command line: --help everywhere, one-line errors with a non-zero exit, and the foundation commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from arclab.cli import main
from arclab.cli._main import COMMAND_MODULES, build_parser


def task(colour: int, tests: int = 1) -> dict[str, Any]:
    return {"train": [{"input": [[colour]], "output": [[colour, colour]]}],
            "test": [{"input": [[colour, i]], "output": [[i, colour]]} for i in range(tests)]}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """main(argv) -> (exit code, stdout, stderr); argparse's exits count as exit codes."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, *expected: str) -> None:
    assert code != 0
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for text in expected:
        assert text in err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three good tasks and one corrupt file, in a directory."""
    root = tmp_path / "tasks"
    root.mkdir()
    for i in range(3):
        (root / f"good{i}.json").write_text(json.dumps(task(i + 1, tests=i + 1)))
    (root / "corrupt.json").write_text('{"train": [{"input": [[1, 2], [3]], "output": [[1]]}], "test": [{"input": [[1]]}]}')
    return root


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    commands = next(a.choices for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(COMMAND_MODULES) <= set(commands) and "audit" in commands
    for name in ["", *commands]:
        code, out, _ = run(capsys, *([name] if name else []), "--help")
        assert code == 0 and "usage: arclab" in out, name


def test_version_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("arclab ")
    assert_one_line_error(*run(capsys, "no-such-command")[::2], "invalid choice", "--help")
    assert_one_line_error(*run(capsys)[::2], "required")
    assert_one_line_error(*run(capsys, "audit", "--limit", "x", "arc-agi-1/training")[::2], "--limit")


@pytest.mark.parametrize("argv, expected", [
    (["validate", "no/such/place"], "no such dataset, directory or file"),
    (["validate", "arc-agi-1/trainig"], "did you mean arc-agi-1/training"),
    (["score", "missing.json", "--tasks", "arc-agi-1/evaluation"], "missing.json: cannot read"),
    (["show", "zzzzzzzz", "--dataset", "arc-agi-2/evaluation"], "no task 'zzzzzzzz'"),
    (["audit", "arc-agi-1/evaluation", "nowhere"], "nowhere: no such dataset"),
    (["audit", "arc-agi-2/evaluation", "arc-agi-2/evaluation"], "more than once"),
])
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    code, _, err = run(capsys, *argv)
    assert_one_line_error(code, err, f"arclab {argv[0]}: error:", expected)


def test_unwritable_output_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "audit", "arc-agi-2/evaluation", "--json", str(tmp_path / "no" / "dir.json"))
    assert_one_line_error(code, err, "No such file or directory")


def test_validate_reports_the_corrupt_file_and_keeps_the_good(capsys: pytest.CaptureFixture[str],
                                                              folder: Path) -> None:
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 1
    assert f"{folder / 'corrupt.json'}: task corrupt: field train[0].input[1]: ragged rows" in out
    assert "3 valid tasks, 6 test inputs, 1 problem(s)" in out
    code, _, err = run(capsys, "validate", "--strict", str(folder))
    assert_one_line_error(code, err, "corrupt.json", "ragged")


def test_validate_a_good_source_and_a_submission(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "t.json").write_text(json.dumps(task(1)))
    code, out, _ = run(capsys, "validate", str(tmp_path / "t.json"))
    assert code == 0 and "1 valid tasks" in out
    sub = tmp_path / "submission.json"
    sub.write_text(json.dumps({"t": [{"attempt_1": [[1]], "attempt_2": [[1, 2], [3]]}]}))
    code, out, _ = run(capsys, "validate", str(sub), "--tasks", str(tmp_path / "t.json"))
    assert code == 1 and "task t: field [0].attempt_2[1]: ragged" in out and "1 problem(s)" in out


def test_score_with_a_corrupt_file_in_the_tasks(capsys: pytest.CaptureFixture[str], folder: Path,
                                                tmp_path: Path) -> None:
    sub = tmp_path / "submission.json"
    # good0 fully right, good1 half right (second attempt), good2 missing, one id that is not a task
    sub.write_text(json.dumps({
        "good0": [{"attempt_1": [[0, 1]], "attempt_2": [[0]]}],
        "good1": [{"attempt_1": [[0]], "attempt_2": [[0, 2]]}, {"attempt_1": [[0]], "attempt_2": [[0]]}],
        "stray": [{"attempt_1": [[0]], "attempt_2": [[0]]}],
    }))
    report = tmp_path / "scores.json"
    code, out, _ = run(capsys, "score", str(sub), "--tasks", str(folder), "--json", str(report))
    assert code == 0
    assert "skipped bad task" in out and "corrupt.json" in out
    assert "1 task(s) missing" in out and "stray" in out
    assert "per-output 33.33% (2/6)" in out and "fully solved 1/3" in out
    figures = json.loads(report.read_text())
    assert figures["per_task"] == pytest.approx(0.5) and figures["missing"] == ["good2"]
    assert figures["per_task_results"]["good1"] == [True, False]
    code, _, err = run(capsys, "score", str(sub), "--tasks", str(folder), "--strict")
    assert_one_line_error(code, err, "corrupt.json")


def test_show_a_task_from_a_directory(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "show", "good1", "--dataset", str(folder), "--no-colour")
    assert code == 0 and "task good1  (1 train, 2 test)" in out and "test 1 output" in out
    code, _, err = run(capsys, "show", "good1", "--dataset", str(folder), "--strict")
    assert_one_line_error(code, err, "corrupt.json")


def test_audit_text_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "audit.json"
    code, out, _ = run(capsys, "audit", "arc-agi-1/training", "arc-agi-1/evaluation", "--json", str(report))
    assert code == 0
    assert "identical tasks (same train and test pairs; '=' same order, '~' other order): 1" in out
    assert "  in arc-agi-1/training + arc-agi-1/evaluation: 1\n" in out
    assert "    arc-agi-1/training 40853293 = arc-agi-1/evaluation 070dd51e\n" in out
    assert "1/400 (0.2%)" in out
    raw = json.loads(report.read_text())
    assert raw["identical_tasks"][0]["exact"] is True
    assert {(o["source"], o["other"]) for o in raw["overlaps"]} == {
        (a, b) for a in ("arc-agi-1/training", "arc-agi-1/evaluation")
        for b in ("arc-agi-1/training", "arc-agi-1/evaluation")}


def test_audit_lists_only_up_to_the_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"t{i}.json").write_text(json.dumps(task(7)))
    code, out, _ = run(capsys, "audit", str(tmp_path), "--limit", "0")
    assert code == 0 and f"): 1\n  in {tmp_path}: 1\n    ... and 1 more\n" in out
