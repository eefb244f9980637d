"""The `hf` solver on tiny Llama models the tests make and save (no download): prompts through a
real tokenizer and chat template, real generation, parsing, votes across views, the deadline, and
a whole run through `arclab eval`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from arclab.cli import main
from arclab.harness import Status, open_run
from arclab.solvers import SolveContext, SolverArgumentError, SolverLoadError, format_prompt, make_solver
from arclab.task import Example, Grid, Task
from hf_models import FLAT_DIGIT, USER_ONLY_TEMPLATE, save_tiny_model

os.environ["HF_HUB_OFFLINE"] = "1"  # nothing may be fetched from a hub (read when huggingface_hub is imported)
pytest.importorskip("transformers", reason="the hf extra is not installed (pip install -e '.[hf]')")
import torch  # noqa: E402

FLAT = int(FLAT_DIGIT)
TASK = Task("t1", (Example(Grid([[7, 7, 7, 7], [7, 3, 3, 3], [8, 8, 1, 4]]), Grid([[6, 7], [7, 7]])),),
            (Example(Grid([[7, 3], [3, 3]])),))
"""Colours by frequency: 7 (8 cells), 3 (6), 8 (2), then 1, 4, 6 (1 each): renamed 0, 1, 2, 3, 4, 5."""


@pytest.fixture(scope="session")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A random tiny Llama, a 'flat' one whose greedy replies are all FLAT_DIGIT, and flat ones
    without a chat template and with one that refuses a system turn."""
    from huggingface_hub import constants

    assert constants.HF_HUB_OFFLINE, "huggingface_hub was imported before HF_HUB_OFFLINE was set"
    root = tmp_path_factory.mktemp("hf-models")
    return {"random": save_tiny_model(root / "random"), "flat": save_tiny_model(root / "flat", flat=True),
            "plain": save_tiny_model(root / "plain", flat=True, chat_template=None),
            "user-only": save_tiny_model(root / "user-only", flat=True, chat_template=USER_ONLY_TEMPLATE)}


def _context(deadline: float | None = None) -> SolveContext:
    return SolveContext(seed=0, deadline=deadline, time_limit=None, task_id=TASK.id)


@pytest.mark.parametrize("batch", [1, 3])
def test_answers_from_every_symmetry_are_restored_and_voted(models: dict[str, Path], batch: int) -> None:
    solver = make_solver("hf", model=str(models["flat"]), max_new_tokens=6, batch=batch, threads=1)
    (attempts,) = solver.solve(TASK, _context())
    row, column = Grid([[FLAT] * 6]), Grid([[FLAT]] * 6)
    assert [a.grid for a in attempts] == [row, column]  # a row in the view's frame is a column after rot90
    assert attempts[0].metadata["views"] == ["identity", "rot180", "flip_h", "flip_v"]
    assert attempts[1].metadata["views"] == ["rot90", "rot270", "transpose", "antitranspose"]
    assert attempts[0].metadata["votes"] == attempts[1].metadata["votes"] == 4  # ties: first asked first
    usage = attempts[0].metadata["test_input"]
    assert usage["replies"] == usage["views_asked"] == 8
    assert usage["parse_failures"] == usage["views_skipped"] == 0
    assert usage["completion_tokens"] == 8 * 6 and usage["prompt_tokens"] > 8 * 100


def test_every_generation_is_a_recorded_call(models: dict[str, Path]) -> None:
    solver = make_solver("hf", model=str(models["flat"]), max_new_tokens=31, views=2, threads=1)
    context = _context()
    assert solver.solve(TASK, context) == ((),)  # 1x31 replies: no grid
    calls = context.calls.calls
    assert len(calls) == 2 and {c.outcome for c in calls} == {"parse_failure"}
    assert all(c.task_id == TASK.id and c.completion_tokens == 31 and c.cost == 0.0 for c in calls)
    assert calls[0].detail and calls[0].reply == FLAT_DIGIT * 31 and calls[0].messages


def test_colour_renamed_views_are_mapped_back(models: dict[str, Path]) -> None:
    solver = make_solver("hf", model=str(models["flat"]), max_new_tokens=3, symmetries="identity",
                         colour_orders="none,frequency", format="json", threads=1)
    (attempts,) = solver.solve(TASK, _context())
    # the renamed view calls colour 6 "5": its reply of 5s means 6s in the task's own colours
    assert [a.grid for a in attempts] == [Grid([[FLAT] * 3]), Grid([[6] * 3])]
    assert [a.metadata["views"] for a in attempts] == [["identity"], ["identity+frequency"]]


def test_chat_templates_and_plain_prompts(models: dict[str, Path]) -> None:
    plain = make_solver("hf", model=str(models["plain"]), max_new_tokens=2, views=1, threads=1)
    forced = make_solver("hf", model=str(models["flat"]), max_new_tokens=2, views=1, template="plain", threads=1)
    chat = make_solver("hf", model=str(models["flat"]), max_new_tokens=2, views=1, threads=1)
    assert not plain.model.uses_chat_template and not forced.model.uses_chat_template
    assert chat.model.uses_chat_template
    assert chat.model.device.type == ("cuda" if torch.cuda.is_available() else "cpu")  # device='auto'
    user_only = make_solver("hf", model=str(models["user-only"]), max_new_tokens=2, views=1, threads=1)
    for solver in (plain, forced, chat, user_only):
        assert [a.grid for a in solver.solve(TASK, _context())[0]] == [Grid([[FLAT, FLAT]])]
    prompt = user_only.model.tokenizer.decode(user_only.model.encode([format_prompt(TASK, 0)]).ids[0])
    assert prompt.startswith("[INST]You solve ARC-AGI puzzles.") and prompt.count("[INST]") == 1


def test_nonsense_is_counted_never_fatal(models: dict[str, Path]) -> None:
    too_wide = make_solver("hf", model=str(models["flat"]), max_new_tokens=31, views=2, threads=1)
    assert too_wide.solve(TASK, _context()) == ((),)  # a 1x31 reply is no grid: no attempts
    solver = make_solver("hf", model=str(models["random"]), temperature=1.5, samples=8, max_new_tokens=2,
                         batch=3, threads=1)
    for seed in range(5):  # a random model's short replies are now and then a digit or two
        (attempts,) = solver.solve(TASK, SolveContext(seed, None, None, TASK.id))
        if attempts:
            break
    assert attempts, "no reply of the random model parsed in 5 tries"
    usage = attempts[0].metadata["test_input"]
    assert usage["replies"] == 64 and usage["completion_tokens"] <= 64 * 2
    assert 0 < usage["parse_failures"] <= 64 - sum(a.metadata["votes"] for a in attempts)
    assert usage["last_parse_failure"]
    assert all(isinstance(a.grid, Grid) for a in attempts)


def test_sampling_is_seeded_by_the_context(models: dict[str, Path]) -> None:
    solver = make_solver("hf", model=str(models["random"]), temperature=1.0, samples=4, views=2,
                         max_new_tokens=4, threads=1)
    prompts = solver.model.encode([[{"role": "user", "content": "1"}], [{"role": "user", "content": "12"}]])
    assert prompts.mask.tolist()[0][0] == 0  # the shorter prompt is padded on the left
    texts = [solver.model.generate(prompts, samples=4, temperature=1.0, max_new_tokens=8, seed=seed, max_time=None)
             for seed in (1, 1, 2)]
    assert [len(group) for group in texts[0]] == [4, 4]
    assert texts[0] == texts[1] != texts[2]
    assert solver.solve(TASK, _context()) == solver.solve(TASK, _context())


def test_the_deadline_is_respected(models: dict[str, Path]) -> None:
    solver = make_solver("hf", model=str(models["random"]), max_new_tokens=20_000, threads=1)
    start = time.monotonic()
    assert solver.solve(TASK, _context(deadline=start - 1)) == ((),)  # past it: nothing is asked
    assert time.monotonic() - start < 0.5
    start = time.monotonic()
    solver.solve(TASK, _context(deadline=start + 1.0))  # one reply would take far longer
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize(("args", "message"), [
    ({"samples": 3}, "samples=3 needs temperature > 0"),
    ({"format": "yaml"}, "format='yaml' is not one of digits, spaced, json"),
    ({"symmetries": "rot90,spin"}, "symmetries='rot90,spin' names spin"),
    ({"colour_orders": "rainbow"}, "colour_orders='rainbow' names rainbow"),
    ({"views": 0}, "views=0 must be at least 1"),
    ({"max_new_tokens": 0}, "max_new_tokens=0 must be at least 1"),
    ({"device": "warp-drive"}, "device='warp-drive' is not a torch device"),
])
def test_bad_arguments_are_named(models: dict[str, Path], args: dict[str, object], message: str) -> None:
    with pytest.raises(SolverArgumentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_solver("hf", model=str(models["flat"]), **args)


def test_a_missing_model_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SolverLoadError, match="no such directory"):
        make_solver("hf", model=str(tmp_path / "nothing"))
    with pytest.raises(SolverLoadError, match="cannot load model 'nobody/no-model'") as caught:
        make_solver("hf", model="nobody/no-model")
    assert "\n" not in str(caught.value)


def _write_tasks(directory: Path) -> Path:
    directory.mkdir()
    for number in range(2):
        grid = [[number, 1], [2, 3]]
        task = {"train": [{"input": grid, "output": grid}, {"input": [[4]], "output": [[4]]}],
                "test": [{"input": grid, "output": grid}]}
        (directory / f"h{number}.json").write_text(json.dumps(task))
    return directory


def test_a_whole_run_through_arclab_eval(tmp_path: Path, models: dict[str, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    tasks = _write_tasks(tmp_path / "tasks")
    runs = {"flat": [f"model={models['flat']}", "max_new_tokens=4", "views=4"],
            "random": [f"model={models['random']}", "temperature=1.0", "samples=2", "max_new_tokens=6"]}
    for name, args in runs.items():
        settings = [part for arg in [*args, "threads=1"] for part in ("-S", arg)]
        assert main(["eval", str(tasks), "--solver", "hf", *settings, "--out", str(tmp_path / name),
                     "--workers", "1", "--time-limit", "120", "--quiet"]) == 0
    capsys.readouterr()
    recorded = open_run(tmp_path / "flat").settings.solver_args  # every setting, defaults included
    assert recorded["views"] == 4 and recorded["symmetries"] == "all" and recorded["temperature"] == 0.0
    flat = open_run(tmp_path / "flat").results()
    assert [r.status for r in flat] == [Status.OK, Status.OK]
    for result in flat:
        (attempts,) = result.attempts
        assert [a.grid for a in attempts] == [Grid([[FLAT] * 4]), Grid([[FLAT]] * 4)]
        assert [a.metadata["votes"] for a in attempts] == [2, 2]
    submission = json.loads((tmp_path / "flat" / "submission.json").read_text())
    assert submission["h0"] == [{"attempt_1": [[FLAT] * 4], "attempt_2": [[FLAT]] * 4}]
    with open_run(tmp_path / "flat") as store:
        usage = store.usage()
    assert usage.calls == 2 * 4 and usage.cost == 0.0 and usage.completion_tokens == 2 * 4 * 4
    randomly = open_run(tmp_path / "random").results()
    assert [r.status for r in randomly] == [Status.OK, Status.OK]  # nonsense replies, no failure
    for result in randomly:
        for attempt in result.attempts[0]:
            assert attempt.metadata["test_input"]["replies"] == 16


def test_other_solvers_never_import_torch() -> None:
    code = ("import sys, arclab, arclab.cli, arclab.harness; from arclab.solvers import make_solver, solver_spec, "
            "SolveContext; from arclab.task import Example, Grid, Task; solver_spec('hf', ['model=x']); "
            "task = Task('t', (Example(Grid([[1]]), Grid([[1]])),), (Example(Grid([[2]])),)); "
            "make_solver('identity').solve(task, SolveContext(0, None, None)); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
