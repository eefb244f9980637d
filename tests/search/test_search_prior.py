"""The learned prior: counts, cross-fitting by fold, smoothed costs, the shipped file, its use by synth."""

from __future__ import annotations

import dataclasses
import json
import math
import time
from pathlib import Path

import numpy as np
import pytest

from arclab.dsl import PRIMITIVES, Primitive, parse
from arclab.search import (
    DEFAULT_FOLDS, MAX_LEVEL, PRIOR_FILE, PriorError, PriorSample, PriorTable, Synthesizer, fit_prior, in_view,
    load_prior, out_of_view, prior_from_json, task_fold,
)
from arclab.search._prior import Counts
from arclab.solvers import SolveContext, SolverError, make_solver
from arclab.task import SYMMETRIES, Example, Grid, Task, View

PROGRAMS = ("flip_h(x)", "flip_v(x)", "rot90(x)", "rot180(x)", "transpose(x)", "rot270(x)",
            "fill_enclosed(x, 4)", "outline(x, 2)")


def _task(seed: int, task_id: str = "t") -> Task:
    grid = [[seed % 10, (seed // 10) % 10], [1, 2]]
    return Task(task_id, (Example(Grid(grid), Grid(grid)),), (Example(Grid([[3]])),))


def _samples() -> list[PriorSample]:
    tasks = [_task(i) for i in range(len(PROGRAMS))]
    return [PriorSample(task, parse(text), "enumerate") for task, text in zip(tasks, PROGRAMS)]


def test_the_fold_comes_from_the_train_pairs_not_the_id() -> None:
    assert task_fold(_task(7, "a"), 5) == task_fold(_task(7, "b"), 5)
    assert len({task_fold(_task(i), 5) for i in range(40)}) == 5


def test_fitting_counts_each_program_once_per_task_and_leaves_its_fold_out() -> None:
    samples = _samples()
    repeated = samples + [samples[0], PriorSample(samples[1].task, parse("flip_v(x)"), "enumerate")]
    prior = fit_prior(repeated, folds=3, dataset="tiny")
    assert (prior.tasks, prior.programs, len(prior.tables), prior.dataset) == (8, 8, 3, "tiny")
    for sample in samples:
        own = prior.table(sample.task).counts
        op = parse(str(sample.program)).op  # type: ignore[union-attr]  # every program here is a call
        others = [s for s in samples if task_fold(s.task, 3) != task_fold(sample.task, 3)]
        assert own.programs == len(others)
        assert own.primitives.get(op, 0) == sum(1 for s in others if str(s.program).startswith(op + "("))
    # every program is counted by every table but its own fold's
    assert sum(sum(t.counts.primitives.values()) for t in prior.tables) == 2 * len(samples)


def test_small_ints_are_fitted_per_argument_position() -> None:
    task_a, task_b = _task(1), _task(2)
    counts = fit_prior([PriorSample(task_a, parse("fill_enclosed(x, 4)"), "enumerate"),
                        PriorSample(task_b, parse("fill_enclosed(x, 4)"), "enumerate")], folds=2)
    pooled = PriorTable(Counts({"fill_enclosed": 2}, {"enumerate": 2}, {"fill_enclosed/1": {4: 2}}))
    assert pooled.const_bits("fill_enclosed", 1, 4) < pooled.const_bits("fill_enclosed", 1, 5)
    assert pooled.const_bits("outline", 1, 4) == pytest.approx(math.log2(10))
    assert all(set(t.counts.ints) <= {"fill_enclosed/1"} for t in counts.tables)


def test_unseen_primitives_and_strategies_cost_a_finite_smoothed_amount() -> None:
    table = PriorTable(Counts({"flip_h": 5}, {"enumerate": 5}, {}))
    assert table.primitive_bits("flip_h") < table.primitive_bits("rot90") < math.inf
    assert table.primitive_bits("not_registered_yet") == table.primitive_bits("rot90")
    assert table.strategy_bits("enumerate") < table.strategy_bits("no_such_strategy") < math.inf
    # a bigger table constant costs more
    small, big = parse("map_colours(x, {1: 2})"), parse("map_colours(x, {1: 2, 3: 4})")
    assert table.program_bits(small) < table.program_bits(big)


def test_the_shipped_prior_loads_once_and_covers_every_primitive() -> None:
    prior = load_prior()
    assert load_prior() is prior and load_prior(PRIOR_FILE) is prior
    assert len(prior.tables) == DEFAULT_FOLDS and prior.dataset == "arc-agi-1/training" and prior.programs > 100
    searched = {p.name for p in PRIMITIVES.values() if p.search}
    for table in prior.tables:
        levels = table.search_primitives()
        assert {p.name for p in levels} == searched
        assert all(1 <= p.cost <= MAX_LEVEL for p in levels) and levels[0].cost == 1
        assert all(math.isfinite(table.primitive_bits(name)) for name in PRIMITIVES)
    raw = json.loads(PRIOR_FILE.read_text())
    assert (raw["format"], raw["version"], raw["folds"]) == ("arclab-prior", 1, DEFAULT_FOLDS)


def test_a_primitive_added_later_gets_the_smoothed_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    new = dataclasses.replace(PRIMITIVES["flip_h"], name="brand_new_primitive")
    monkeypatch.setitem(PRIMITIVES, new.name, new)
    table = load_prior().tables[0]
    levels = {p.name: p.cost for p in table.search_primitives()}
    assert 1 <= levels["brand_new_primitive"] <= MAX_LEVEL
    assert math.isfinite(table.program_bits(parse("brand_new_primitive(x)")))


def test_a_prior_written_before_a_rename_counts_under_the_new_name() -> None:
    table = {"primitives": {"mirror_lr": 3, "complete_symmetry_lr": 1, "flip_h": 2},
             "strategies": {"enumerate": 4}, "ints": {"symmetrize/1": {"0": 2}, "complete_symmetry_hole/1": {"0": 1}}}
    prior = prior_from_json({"format": "arclab-prior", "version": 1, "tables": [table, table]})
    counts = prior.tables[0].counts
    assert counts.primitives == {"complete_symmetry_lr": 4, "flip_h": 2}
    assert counts.ints == {"complete_symmetry_hole/1": {0: 3}}
    assert json.loads(PRIOR_FILE.read_text())["tables"][0]["primitives"].get("mirror_lr") is None


@pytest.mark.parametrize("text, expected", [
    ("[]", "not an arclab prior"),
    ('{"format": "arclab-prior", "version": 99, "tables": []}', "version: 99"),
    ('{"format": "arclab-prior", "version": 1, "tables": [{"primitives": 3}]}', "tables: malformed"),
    ('{"format": "arclab-prior", "version": 1, "tables": []}', "at least 2"),
    ("{", "not JSON"),
])
def test_a_bad_prior_file_is_a_one_line_error(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "prior.json"
    path.write_text(text)
    with pytest.raises(PriorError) as error:
        load_prior(path)
    assert expected in str(error.value) and "\n" not in str(error.value)
    with pytest.raises(PriorError, match="cannot read"):
        load_prior(tmp_path / "missing.json")
    with pytest.raises(PriorError, match="folds"):
        fit_prior(_samples(), folds=1)
    assert prior_from_json(fit_prior(_samples(), folds=2).to_json()).programs == len(PROGRAMS)


@pytest.mark.parametrize("symmetry", SYMMETRIES)
def test_out_of_view_undoes_in_view(symmetry: str) -> None:
    view = View(symmetry, (0, 2, 1, 3, 4, 5, 6, 7, 8, 9))
    program = parse("map_colours(gravity_down(x), {1: 5})")
    assert out_of_view(in_view(program, view), view.describe()) == program
    assert out_of_view(program, "identity") == program and out_of_view(program, "rot90") == program


FLIP = Task("flip", (Example(Grid([[1, 2, 3], [4, 5, 6]]), Grid([[3, 2, 1], [6, 5, 4]])),
                     Example(Grid([[7, 0], [0, 8], [9, 9]]), Grid([[0, 7], [8, 0], [9, 9]]))),
            (Example(Grid([[5, 6, 1]])),))


def _solve(**settings: object) -> tuple[str, float]:
    solver = make_solver("synth", symmetries="none", colour_orders="none", strategies="none", budget=5.0,
                         extra_seconds=2.0, **settings)
    attempt = solver.solve(FLIP, SolveContext(seed=0, deadline=time.monotonic() + 10, time_limit=10.0))[0][0]
    assert attempt.grid.array.tolist() == [[1, 6, 5]]
    return attempt.metadata["program"], attempt.metadata["cost"]


def test_hand_keeps_the_hand_costs_and_learned_ranks_by_bits() -> None:
    program, cost = _solve(prior="hand")
    hand = Synthesizer(FLIP, time.monotonic() + 5, extra_seconds=2.0, strategies=()).run()[0]
    assert (program, cost) == (str(hand.program), hand.cost) and cost == 1 + PRIMITIVES[program[:program.index("(")]].cost
    program, cost = _solve(prior="learned")
    table = load_prior().table(FLIP)
    assert cost == pytest.approx(table.solution_bits(parse(program), "enumerate"))
    ranking_only = make_solver("synth", prior="rank")
    assert ranking_only.prior is load_prior() and ranking_only.levels is None  # type: ignore[attr-defined]
    with pytest.raises(SolverError, match="unknown prior"):
        make_solver("synth", prior="other")


def test_the_enumerator_follows_the_quantised_prior() -> None:
    table = PriorTable(Counts({"flip_h": 50}, {}, {}))
    levels = {p.name: p.cost for p in table.search_primitives(level_bits=1.0, max_level=4)}
    assert levels["flip_h"] == 1 and levels["rot90"] == 4
    found = Synthesizer(FLIP, time.monotonic() + 5, extra_seconds=2.0, strategies=(), prior=table,
                        primitives=table.search_primitives(1.0, 4)).run()
    best = found[0]
    assert str(best.program) == "flip_h(x)" and best.cost == pytest.approx(table.solution_bits(best.program, "enumerate"))
    assert np.array_equal(best.test_outputs[0], [[1, 6, 5]])
