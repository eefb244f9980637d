"""The score `eval` prints and stores is the score of the submission.json it writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arclab.cli import main
from arclab.harness import open_run, summarise


def test_the_score_printed_and_stored_is_the_score_of_the_submission_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "tasks"
    source.mkdir()
    for task_id, test_input, output in (("a", [[3]], [[0]]), ("b", [[4]], [[0]]), ("c", [[5]], [[5]])):
        (source / f"{task_id}.json").write_text(json.dumps(
            {"train": [{"input": [[1]], "output": [[1]]}], "test": [{"input": test_input, "output": output}]}))
    out = tmp_path / "run"
    # a: identity is wrong but its placeholder second attempt [[0]] is right; b: an error, placeholders only
    assert main(["eval", str(source), "--solver", "harness_faults:faulty", "-S", "plan=b=raise", "--out", str(out),
                 "--workers", "1", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert main(["score", str(out / "submission.json"), "--tasks", str(source)]) == 0
    scored = capsys.readouterr().out
    line = "per-output 100.00% (3/3)  per-task 100.00%  fully solved 3/3"
    assert line in printed and line in scored
    assert "2 of these output(s) are solved only by the [[0]] placeholder" in printed
    with open_run(out) as store:
        assert summarise(store).score_line() == line
