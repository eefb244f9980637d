"""The synth benchmark script's pure helpers: figures, the re-run check, the report and its file."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from arclab.harness import Status, TaskResult
from arclab.solvers import Attempt
from arclab.task import Example, Grid, Task

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "synth_benchmark.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synth_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def flip_task() -> Task:
    """Every output is its input mirrored left to right: `flip_h(x)`."""
    return Task("flip", train=(Example(Grid([[1, 2]]), Grid([[2, 1]])), Example(Grid([[3, 0, 4]]), Grid([[4, 0, 3]]))),
                test=(Example(Grid([[5, 6]]), Grid([[6, 5]])), Example(Grid([[7, 8, 9]]), Grid([[9, 8, 7]]))))


def attempt(rows: list[list[int]], program: str, evaluated: int = 10, strategy: str = "enumerate") -> Attempt:
    return Attempt(Grid(rows), {"program": program, "cost": 1.0, "strategy": strategy, "evaluated": evaluated})


def result(task_id: str, status: str = "ok", seconds: float = 1.0, correct: tuple[bool, ...] | None = (True,),
           attempts: tuple[tuple[Attempt, ...], ...] = ()) -> TaskResult:
    return TaskResult(task_id, Status(status), attempts, seconds, None, "", correct, len(correct or ()))


def test_figures(bench: ModuleType) -> None:
    results = [
        result("b", seconds=2.0, attempts=((attempt([[1]], "x", 100, "colour-map"),),)),
        result("a", seconds=4.0, correct=(False, True), attempts=((attempt([[1]], "x", 300),), ())),
        result("c", seconds=6.0, correct=(False,), attempts=((attempt([[1]], "x", 200),),)),
        result("d", seconds=8.0, correct=(False,)),  # ok, but no answer: no count of candidates
        result("e", "timeout", seconds=12.0, correct=(False,)),
    ]
    figures = bench.figures(bench.task_rows(results), planned=6)
    assert figures.solved_ids == ("a", "b")  # any test output solved, sorted
    assert figures.statuses == {"ok": 4, "timeout": 1}
    assert (figures.finished, figures.planned) == (5, 6)
    assert (figures.solve_median, figures.solve_mean) == (3.0, 3.0)
    assert (figures.all_median, figures.all_mean) == (6.0, 6.4)
    assert (figures.evaluated, figures.evaluated_tasks, figures.evaluated_seconds) == (600, 3, 12.0)
    assert figures.candidates_per_second == 50.0
    assert figures.strategies == {"colour-map": 1, "enumerate": 1}


def test_figures_of_nothing(bench: ModuleType) -> None:
    figures = bench.figures([], planned=3)
    assert figures.solve_median is None and figures.all_mean is None and figures.candidates_per_second is None
    assert "n/a" in bench.render(report(bench, figures, bench.Recheck()))


def test_recheck_passes_programs_that_reproduce(bench: ModuleType) -> None:
    good = result("flip", correct=(True, True),
                  attempts=((attempt([[6, 5]], "flip_h(x)"), attempt([[6, 5]], "flip_h(flip_h(flip_h(x)))")),
                            (attempt([[9, 8, 7]], "flip_h(x)"),)))
    assert bench.recheck_task(flip_task(), good) == []


@pytest.mark.parametrize("attempts, correct, expected", [
    (((attempt([[6, 6]], "flip_h(x)"),), (attempt([[9, 8, 7]], "flip_h(x)"),)), (False, True),
     "differs from the stored attempt"),
    (((attempt([[6, 5]], "flip_h(x"),), (attempt([[9, 8, 7]], "flip_h(x)"),)), (True, True), "does not parse"),
    (((Attempt(Grid([[6, 5]]), {}),), (attempt([[9, 8, 7]], "flip_h(x)"),)), (True, True), "no program"),
    (((attempt([[5, 6]], "x"),), (attempt([[7, 8, 9]], "x"),)), (False, False), "not exact on train"),
    (((attempt([[5, 6]], "x"),), (attempt([[9, 8, 7]], "flip_h(x)"),)), (True, True), "marked solved"),
    (((attempt([[6, 5]], "flip_h(x)"),),), (True, False), "attempt lists"),
])
def test_recheck_finds_what_does_not_reproduce(bench: ModuleType, attempts: tuple[tuple[Attempt, ...], ...],
                                               correct: tuple[bool, ...], expected: str) -> None:
    problems = bench.recheck_task(flip_task(), result("flip", correct=correct, attempts=attempts))
    assert problems and any(expected in problem for problem in problems), problems
    assert all(problem.startswith("task flip") for problem in problems)


def test_recheck_only_solved_tasks(bench: ModuleType) -> None:
    from arclab.datasets import TaskSet

    tasks = TaskSet("t", (flip_task(),))
    unsolved = result("flip", correct=(False, False), attempts=((attempt([[0]], "nonsense("),), ()))
    check = bench.recheck(tasks, [unsolved])
    assert (check.tasks, check.ok) == (0, True)
    broken = result("flip", correct=(True, False), attempts=((attempt([[0]], "x"),), ()))
    check = bench.recheck(tasks, [broken])
    assert (check.tasks, check.tasks_ok, check.programs, check.ok) == (1, 0, 1, False)


def report(bench: ModuleType, figures: Any, check: Any) -> Any:
    state = bench.CodeState("abc1234", 0, 0, "0" * 12)
    return bench.Report(heading="synth on t (time limit 3 s, 1 worker)", date="2026-01-01 00:00", machine="m",
                        code_before=state, code_after=state, command="cmd", eval_command="arclab eval",
                        wall=1.5, resumed=0, dataset="t", run_dir="runs/x", score_rows=[("per task", "0%")],
                        figures=figures, check=check)


def test_render(bench: ModuleType) -> None:
    figures = bench.figures(bench.task_rows([result(f"id{i:02d}") for i in range(40)]), planned=40)
    text = bench.render(report(bench, figures, bench.Recheck(tasks=40, tasks_ok=40, programs=40)))
    assert text.startswith("## synth on t (time limit 3 s, 1 worker)\n")
    assert "| per task | 0% |" in text and "Re-run check: OK, 40/40" in text
    assert max(len(line) for line in text.split("```")[1].splitlines()) <= 100  # the ids are wrapped
    failed = bench.render(report(bench, figures, bench.Recheck(tasks=2, tasks_ok=1, failures=["task q: bad"])))
    assert "**FAILED**" in failed and "task q: bad" in failed


def test_render_flags_code_that_changed(bench: ModuleType) -> None:
    figures = bench.figures([], planned=0)
    changed = dataclasses.replace(report(bench, figures, bench.Recheck()),
                                  code_after=bench.CodeState("abc1234", 1, 0, "1" * 12), resumed=3)
    text = bench.render(changed)
    assert "changed during the run" in text and "3 task(s) were already recorded" in text


def test_append_section_keeps_what_is_there(bench: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    bench.append_section(path, "## one\n")
    assert path.read_text() == "## one\n"
    path.write_text(path.read_text() + "text without a newline")
    bench.append_section(path, "## two\n")
    bench.append_section(path, "## three\n")
    assert path.read_text() == "## one\ntext without a newline\n\n## two\n\n## three\n"


def test_wrap_ids_and_default_out(bench: ModuleType) -> None:
    assert bench.wrap_ids([]) == "(none)"
    assert bench.wrap_ids(["a" * 8] * 30, width=20).splitlines()[0] == "aaaaaaaa aaaaaaaa"
    assert bench.default_out("arc-agi-1/training", 10.0, 2, None) == "runs/bench/synth-arc-agi-1-training-10s-2w"
    assert bench.default_out("/data/my tasks.json", 2.5, 1, 6) == "runs/bench/synth-data-my-tasks-2.5s-1w-first6"


def test_help(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        bench.parse_args(["--help"])
    assert exit.value.code == 0
    assert "resumed" in capsys.readouterr().out


def test_exclude_and_settings_reach_the_eval_command(bench: ModuleType) -> None:
    args = bench.parse_args(["arc-agi-2/training", "--exclude", "arc-agi-1/training", "-S", "symmetries=none"])
    command = bench.eval_command(args)
    assert command[-4:] == ["--exclude", "arc-agi-1/training", "-S", "symmetries=none"]
    assert "--exclude arc-agi-1/training -S symmetries=none" in bench.reproduce_command(args)


def test_an_output_solved_only_by_the_placeholder_needs_no_program(bench: ModuleType) -> None:
    task = Task("p", (Example(Grid([[1]]), Grid([[0]])),), (Example(Grid([[1]]), Grid([[0]])),))
    result = TaskResult("p", Status.OK, ((),), 1.0, None, correct=(True,), num_test=1)
    assert bench.recheck_task(task, result) == []
