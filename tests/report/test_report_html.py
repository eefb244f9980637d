"""`arclab report`: one self-contained HTML file with the scores, the task table and each task's data."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from arclab.cli import main
from arclab.report import REPORT_FILE, write_report


def _data(html: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_report_holds_scores_table_and_details(run_dir: Path) -> None:
    html = write_report(run_dir).read_text()
    assert (run_dir / REPORT_FILE).is_file()
    assert "Per output (Kaggle)</th><td>42.86% (3 / 7)" in html
    assert "Tasks fully solved</th><td>2 / 6" in html
    rows = re.findall(r'<tr data-outcome="(\w+)"><td><a href="#task-(\w+)">', html)
    assert rows == [("solved", "aaa"), ("solved", "bbb"), ("unsolved", "ccc"), ("failed", "ddd"),
                    ("failed", "eee"), ("pending", "fff")]
    assert "ValueError: no rule fits" in html and "no answer within 10 s" in html
    data = _data(html)["tasks"]
    assert data["ccc"]["test"][0] == {"input": [[6, 6], [0, 0]], "output": [[6, 6], [6, 6]]}
    first = data["ccc"]["attempts"][0][0]
    assert (first["correct"], first["wrong"], first["program"]) == (False, [[1, 0], [1, 1]], "identity(grid)")
    assert data["fff"]["attempts"] == [] and "Traceback" in data["ddd"]["error"]


def test_report_is_self_contained(run_dir: Path) -> None:
    html = write_report(run_dir).read_text()
    assert "default-src 'none'" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<link" not in html and "<script src" not in html and "<img" not in html


def test_report_escapes_what_the_run_holds(tmp_path: Path) -> None:
    from arclab.datasets import load_tasks
    from runs_fixture import write_run

    folder = tmp_path / "d"
    folder.mkdir()
    task = {"train": [{"input": [[1]], "output": [[1]]}], "test": [{"input": [[1]], "output": [[1]]}]}
    task_id = 'x<!--<b>"&'
    (folder / f"{task_id}.json").write_text(json.dumps(task))
    run = write_run(tmp_path / "run", str(folder), list(load_tasks(folder)), {task_id: "wrong"},
                    solver="</script><i>evil</i>")
    html = write_report(run).read_text()
    assert "<i>evil</i>" not in html and "&lt;/script&gt;&lt;i&gt;evil&lt;/i&gt;" in html
    assert html.count("</script>") == 3  # the data, ArcGrid and the report's script: nothing injected
    raw = html.split('id="report-data">')[1].split("</script>")[0]
    assert "<!--" not in raw and "</" not in raw
    assert task_id in _data(html)["tasks"]


def test_report_without_the_source(run_dir: Path, data_dir: Path) -> None:
    shutil.rmtree(data_dir)
    html = write_report(run_dir).read_text()
    assert "could not be loaded" in html
    assert "train" not in _data(html)["tasks"]["ccc"]
    assert _data(html)["tasks"]["ccc"]["attempts"][0][0]["correct"] is None


def test_report_command(run_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["report", str(run_dir), "--out", str(out)]) == 0
    assert out.read_text().startswith("<!doctype html>") and "wrote" in capsys.readouterr().out
    assert main(["report", str(tmp_path / "nothing")]) == 1
    assert "not a run directory" in capsys.readouterr().err
