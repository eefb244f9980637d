"""`ensemble`: members with their own settings; program-backed answers first, then votes; each
attempt says who proposed it; with a real model server it scores at least what synth scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from arclab.harness import EvalConfig, Limits, evaluate, open_run
from arclab.solvers import Attempt, SolverArgumentError, solver_spec
from arclab.solvers.ensemble import merge_attempts, parse_members
from arclab.task import Grid
from llm_tasks import write_task
from tiny_llama import MODEL_NAME

A, B, C = Grid([[1]]), Grid([[2]]), Grid([[3]])


def test_program_backed_answers_come_first_then_votes() -> None:
    merged = merge_attempts([
        ("openai", (Attempt(A, {"votes": 3}), Attempt(B, {"votes": 1}))),
        ("synth", (Attempt(C, {"program": "p", "train_exact": True}),)),
        ("other", (Attempt(B, {}),)),
    ])
    assert [a.grid for a in merged] == [C, A]
    assert merged[0].metadata["members"] == ["synth"] and merged[0].metadata["program"] == "p"
    assert merged[0].metadata["program_backed"] is True
    assert merged[1].metadata["members"] == ["openai"] and merged[1].metadata["votes"] == 3
    merged = merge_attempts([("openai", (Attempt(A, {"votes": 1}), Attempt(B, {"votes": 1}))),
                             ("other", (Attempt(B, {}),))])
    assert [a.grid for a in merged] == [B, A] and merged[0].metadata["members"] == ["openai", "other"]


def test_members_and_their_settings_are_parsed_and_checked() -> None:
    assert parse_members("synth, openai@big", {"big.model": "m", "synth.budget": "2"}) == (
        ("synth", "synth", {"budget": "2"}), ("big", "openai", {"model": "m"}))
    with pytest.raises(SolverArgumentError, match="MEMBER.KEY"):
        parse_members("synth", {"model": "m"})
    with pytest.raises(SolverArgumentError, match="repeat"):
        parse_members("synth,synth", {})
    spec = solver_spec("ensemble", ["members=identity,constant", "constant.colour=4"])
    assert spec.args == {"members": "identity,constant", "constant.colour": "4"}
    with pytest.raises(SolverArgumentError, match="colour"):
        spec = solver_spec("ensemble", ["members=constant", "constant.colour=red"])
        spec.build()


def _tasks(directory: Path) -> Path:
    flip = [([[1, 2, 3], [4, 5, 6]], [[3, 2, 1], [6, 5, 4]]), ([[7, 0], [0, 8]], [[0, 7], [8, 0]])]
    write_task(directory, "e_flip", [[[1, 0, 2], [3, 3, 0]]], train=flip, test_outputs=[[[2, 0, 1], [0, 3, 3]]])
    swap = [([[1, 1], [2, 2]], [[2, 2], [1, 1]]), ([[3, 4, 5], [0, 0, 0]], [[0, 0, 0], [3, 4, 5]])]
    write_task(directory, "e_upside", [[[5, 6], [7, 8]]], train=swap, test_outputs=[[[7, 8], [5, 6]]])
    write_task(directory, "e_hard", [[[9, 1], [1, 9]]], train=[([[1]], [[2, 2], [2, 2]]), ([[3]], [[4]])],
               test_outputs=[[[5, 5, 5]]])
    return directory


def test_ensemble_of_synth_and_a_model_scores_at_least_synth(tmp_path: Path, llama_url: str) -> None:
    tasks = _tasks(tmp_path / "tasks")
    common = {"workers": 1, "limits": Limits(time_limit=20)}
    alone = evaluate(EvalConfig(str(tasks), "synth", tmp_path / "synth", solver_args=["budget=1.5"], **common))
    both = evaluate(EvalConfig(str(tasks), "ensemble", tmp_path / "ensemble", solver_args=[
        "members=synth,openai", "synth.budget=1.5", f"openai.base_url={llama_url}", f"openai.model={MODEL_NAME}",
        "openai.max_tokens=4", "openai.samples=2", f"openai.cache_dir={tmp_path / 'cache'}"], **common))
    assert alone.score is not None and both.score is not None
    assert alone.summary.outputs_solved >= 2
    assert both.summary.outputs_solved >= alone.summary.outputs_solved
    with open_run(tmp_path / "ensemble") as store:
        results = {r.task_id: r for r in store.results()}
        calls = store.calls()
    assert len(calls) == 3 * 2 and {c.member for c in calls} == {"openai"}
    for task_id in ("e_flip", "e_upside"):
        best = results[task_id].attempts[0][0]
        assert "synth" in best.metadata["members"] and best.metadata["program_backed"] is True
        assert results[task_id].correct == (True,)
    for result in results.values():
        for attempt in result.attempts[0]:
            assert set(attempt.metadata["members"]) <= {"synth", "openai"}
