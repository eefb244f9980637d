"""`arclab fit-prior`: fitted on a real run of synth on tiny tasks; one-line errors for runs it cannot use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from arclab.cli import main
from arclab.datasets import load_tasks
from arclab.search import load_prior, task_fold
from test_cli_commands import run

FLIP = {"train": [{"input": [[1, 2, 3], [4, 5, 6]], "output": [[3, 2, 1], [6, 5, 4]]},
                  {"input": [[7, 0], [0, 8], [9, 9]], "output": [[0, 7], [8, 0], [9, 9]]}],
        "test": [{"input": [[5, 6, 1]], "output": [[1, 6, 5]]}, {"input": [[2, 0]], "output": [[0, 2]]}]}
TRANSPOSE = {"train": [{"input": [[1, 2, 3], [4, 5, 6]], "output": [[1, 4], [2, 5], [3, 6]]},
                       {"input": [[7, 0, 0]], "output": [[7], [0], [0]]}],
             "test": [{"input": [[5, 6]], "output": [[5], [6]]}]}
UNSOLVABLE = {"train": [{"input": [[1]], "output": [[2, 3], [4, 5]]}, {"input": [[1]], "output": [[6]]}],
              "test": [{"input": [[1]], "output": [[7]]}]}


_run = run  # main(argv) -> (exit code, stdout, stderr), shared with the other command tests


def _tasks(root: Path, tasks: dict[str, Any]) -> Path:
    root.mkdir()
    for name, task in tasks.items():
        (root / f"{name}.json").write_text(json.dumps(task))
    return root


@pytest.fixture(scope="module")
def synth_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real run of synth (hand costs, no views, short budget) on three tiny tasks."""
    root = tmp_path_factory.mktemp("fit")
    tasks = _tasks(root / "tasks", {"flip": FLIP, "transpose": TRANSPOSE, "unsolvable": UNSOLVABLE})
    out = root / "run"
    code = main(["eval", str(tasks), "--solver", "synth", "--out", str(out), "--workers", "1", "--quiet",
                 "--time-limit", "20", "-S", "prior=hand", "-S", "symmetries=none", "-S", "colour_orders=none",
                 "-S", "strategies=none", "-S", "budget=4"])
    assert code == 0
    return out


def test_fit_prior_counts_the_right_programs_once_per_task(capsys: pytest.CaptureFixture[str],
                                                            synth_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "prior.json"
    code, printed, err = _run(capsys, "fit-prior", str(synth_run), "--out", str(out), "--folds", "3")
    assert code == 0, err
    assert f"wrote {out}: 2 program(s) from 2 task(s)" in printed
    raw = json.loads(out.read_text())
    assert (raw["tasks"], raw["programs"], raw["folds"], raw["version"]) == (2, 2, 3, 1)
    prior = load_prior(out)
    tasks = load_tasks(synth_run.parent / "tasks")
    # flip's one program answers both its test inputs: it counts once, and never in flip's own fold
    for name in ("flip", "transpose"):
        own = prior.table(tasks[name]).counts
        other = "transpose" if name == "flip" else "flip"
        assert own.programs == (0 if task_fold(tasks[name], 3) == task_fold(tasks[other], 3) else 1)
    assert sum(t.counts.programs for t in prior.tables) == 2 * 2
    assert sum(sum(t.counts.strategies.values()) for t in prior.tables) == 2 * 2


def test_fit_prior_errors_are_one_line(capsys: pytest.CaptureFixture[str], synth_run: Path, tmp_path: Path) -> None:
    def one_line(argv: list[str], expected: str) -> None:
        code, _, err = _run(capsys, "fit-prior", *argv)
        assert code != 0 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        assert expected in err, err

    one_line([str(tmp_path / "missing")], "not a run directory")
    one_line([str(tmp_path)], "not a run directory")
    one_line([str(synth_run), "--folds", "1", "--out", str(tmp_path / "p.json")], "folds: need at least 2")
    one_line([str(synth_run), "--out", str(tmp_path / "no" / "dir" / "p.json")], "No such file")
    tasks = _tasks(tmp_path / "tasks", {"flip": FLIP})
    baseline = tmp_path / "baseline"
    assert main(["eval", str(tasks), "--solver", "identity", "--out", str(baseline), "--workers", "1", "--quiet"]) == 0
    capsys.readouterr()
    one_line([str(baseline), "--out", str(tmp_path / "p.json")], "nothing to fit")
