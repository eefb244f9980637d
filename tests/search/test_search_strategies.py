"""Learned strategies: per-object recolouring, local rules and rules lifted over objects."""

import time

import numpy as np

from arclab.cli import main
from arclab.dsl import evaluate, parse
from arclab.search import Synthesizer
from arclab.task import Example, Grid, Task


def _task(pairs, test_in):
    train = tuple(Example(Grid(i), Grid(o)) for i, o in pairs)
    return Task("t", train, (Example(Grid(test_in)),))


def _solve(task):
    solutions = Synthesizer(task, time.monotonic() + 5).run()
    assert solutions
    return solutions


def test_objects_recoloured_by_their_size() -> None:
    task = _task([
        ([[1, 1, 0, 1], [0, 0, 0, 0], [1, 1, 1, 0]], [[2, 2, 0, 4], [0, 0, 0, 0], [3, 3, 3, 0]]),
        ([[1, 0, 1, 1], [0, 0, 0, 0], [0, 1, 1, 1]], [[4, 0, 2, 2], [0, 0, 0, 0], [0, 3, 3, 3]]),
    ], [[1, 1, 1, 0], [0, 0, 0, 0], [1, 0, 1, 1]])
    best = _solve(task)[0]
    assert best.strategy == "object_recolour"
    assert "'size'" in str(best.program)
    assert best.test_outputs[0].tolist() == [[3, 3, 3, 0], [0, 0, 0, 0], [4, 0, 2, 2]]
    assert parse(str(best.program)) == best.program


def test_a_local_rule_marks_cells_between_two_neighbours() -> None:
    task = _task([
        ([[1, 0, 1, 0, 0]], [[1, 2, 1, 0, 0]]),
        ([[0, 0, 1, 0, 1]], [[0, 0, 1, 2, 1]]),
        ([[1, 0, 1, 0, 1]], [[1, 2, 1, 2, 1]]),
    ], [[0, 1, 0, 1, 0]])
    sols = _solve(task)
    assert any(s.test_outputs[0].tolist() == [[0, 1, 2, 1, 0]] for s in sols[:2])


def test_a_flip_lifted_over_every_object() -> None:
    task = _task([
        ([[1, 2, 2, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 3, 3, 4]],
         [[2, 2, 1, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 4, 3, 3]]),
        ([[0, 5, 6, 6, 0, 0], [0, 0, 0, 0, 0, 0], [7, 7, 8, 0, 0, 0]],
         [[0, 6, 6, 5, 0, 0], [0, 0, 0, 0, 0, 0], [8, 7, 7, 0, 0, 0]]),
    ], [[0, 0, 0, 1, 1, 3], [0, 0, 0, 0, 0, 0], [2, 9, 9, 0, 0, 0]])
    sols = _solve(task)
    assert "map_objects" in str(sols[0].program)
    assert sols[0].test_outputs[0].tolist() == [[0, 0, 0, 3, 1, 1], [0, 0, 0, 0, 0, 0], [9, 9, 2, 0, 0, 0]]


def test_explain_prints_the_program_and_the_train_pairs(tmp_path, capsys) -> None:
    (tmp_path / "flip.json").write_text(
        '{"train": [{"input": [[1, 2], [3, 3]], "output": [[2, 1], [3, 3]]},'
        ' {"input": [[3, 4, 5], [1, 1, 2]], "output": [[5, 4, 3], [2, 1, 1]]}],'
        ' "test": [{"input": [[6, 7], [8, 8]], "output": [[7, 6], [8, 8]]}]}')
    assert main(["explain", "flip", "--dataset", str(tmp_path), "--budget", "3", "--no-colour"]) == 0
    out = capsys.readouterr().out
    assert "flip_h(x)" in out
    assert "test 0 right" in out
    assert "program output" in out
    assert "views: identity" in out


def test_explain_takes_synth_settings_and_names_a_bad_one(tmp_path, capsys) -> None:
    (tmp_path / "flip.json").write_text(
        '{"train": [{"input": [[1, 2], [3, 3]], "output": [[2, 1], [3, 3]]},'
        ' {"input": [[3, 4, 5], [1, 1, 2]], "output": [[5, 4, 3], [2, 1, 1]]}],'
        ' "test": [{"input": [[6, 7], [8, 8]], "output": [[7, 6], [8, 8]]}]}')
    args = ["explain", "flip", "--dataset", str(tmp_path), "--budget", "2", "--no-colour"]
    assert main(args + ["-S", "strategies=none", "-S", "symmetries=none"]) == 0
    found_by = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("found by:"))
    assert "enumerate" in found_by and "rule_list" not in found_by and "lookup" not in found_by
    assert main(args + ["-S", "no_such_setting=1"]) != 0
    assert "no_such_setting" in capsys.readouterr().err


def test_fixed_crop_finds_the_same_corner_window() -> None:
    from arclab.search._strategies import fixed_crop_programs

    rng = np.random.default_rng(0)
    train_in = [rng.integers(0, 10, (5, 6)).astype(np.uint8), rng.integers(0, 10, (7, 4)).astype(np.uint8)]
    train_out = [g[-2:, :2] for g in train_in]  # the bottom-left 2x2 window
    test_in = [rng.integers(0, 10, (6, 6)).astype(np.uint8)]
    expr, _ = next(fixed_crop_programs(train_in, train_out, test_in))
    assert str(expr) == "crop_at(x, -2, 0, 2, 2)"
    assert np.array_equal(evaluate(expr, test_in[0]), test_in[0][-2:, :2])


def test_lookup_picks_the_output_by_a_grid_fact() -> None:
    from arclab.search._strategies import lookup_programs

    def g(colour: int) -> np.ndarray:
        out = np.zeros((3, 3), np.uint8)
        out[1, 1] = out[0, 2] = colour
        return out

    shapes = {1: np.eye(2, dtype=np.uint8), 2: np.ones((1, 3), np.uint8)}
    train_in = [g(1), g(2), g(1)]
    train_out = [shapes[1], shapes[2], shapes[1]]
    expr, _ = next(lookup_programs(train_in, train_out, [g(2)]))
    assert str(expr).startswith("lookup(x, 'main_colour'")
    assert np.array_equal(evaluate(expr, g(2)), shapes[2])
    assert parse(str(expr)) == expr


def test_objects_adopt_the_colour_their_column_starts_with() -> None:
    from arclab.search._strategies import object_adopt_programs

    train_in = [np.array([[0, 6, 0, 8], [0, 0, 0, 0], [5, 5, 0, 5], [5, 5, 0, 0]], np.uint8),
                np.array([[3, 0, 0], [0, 0, 0], [5, 0, 0], [5, 0, 0]], np.uint8)]
    train_out = [np.array([[0, 6, 0, 8], [0, 0, 0, 0], [6, 6, 0, 8], [6, 6, 0, 0]], np.uint8),
                 np.array([[3, 0, 0], [0, 0, 0], [3, 0, 0], [3, 0, 0]], np.uint8)]
    test_in = [np.array([[0, 0, 4], [0, 0, 0], [0, 5, 5]], np.uint8)]
    for expr, _ in object_adopt_programs(train_in, train_out, test_in):
        if all(np.array_equal(evaluate(expr, i), o) for i, o in zip(train_in, train_out)):
            break
    else:
        raise AssertionError("no program")
    assert parse(str(expr)) == expr
    assert evaluate(expr, test_in[0]).tolist() == [[0, 0, 4], [0, 0, 0], [0, 4, 4]]
