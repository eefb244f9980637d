"""Every kind of task source, and validation that names the file, the task id and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from arclab.datasets import SourceError, TaskSetError, load_task, load_tasks, read_json_file
from arclab.task import Grid, TaskFormatError


def make_task(colour: int = 1, tests: int = 1, outputs: bool = True) -> dict[str, Any]:
    """A small valid task; `colour` makes tasks differ."""
    test = [{"input": [[colour, i]], "output": [[i, colour]]} for i in range(tests)]
    if not outputs:
        for pair in test:
            del pair["output"]
    return {"train": [{"input": [[colour]], "output": [[colour, colour]]}], "test": test}


def write(path: Path, value: Any) -> Path:
    """Write text, bytes, or a value as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(value, bytes):
        path.write_bytes(value)
    else:
        path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path


def only(problems: tuple[TaskFormatError, ...]) -> TaskFormatError:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# --- the kinds of source -------------------------------------------------------------------------

def test_directory_is_recursive_and_ids_are_file_names(tmp_path: Path) -> None:
    write(tmp_path / "aaa.json", make_task(1))
    write(tmp_path / "deep" / "er" / "bbb.json", make_task(2))
    write(tmp_path / "notes.txt", "not a task")
    tasks = load_tasks(tmp_path)
    assert tasks.ids == ("aaa", "bbb") and not tasks.problems
    assert tasks["bbb"].source == str(tmp_path / "deep" / "er" / "bbb.json")
    assert tasks["aaa"].train[0].input == Grid([[1]])


def test_single_task_file(tmp_path: Path) -> None:
    tasks = load_tasks(str(write(tmp_path / "one.json", make_task(3, tests=2))))
    assert tasks.ids == ("one",) and tasks.num_test_outputs == 2 and tasks.has_solutions


def test_file_mapping_ids_to_tasks(tmp_path: Path) -> None:
    path = write(tmp_path / "many.json", {"b": make_task(1), "a": make_task(2, tests=3)})
    tasks = load_tasks(path)
    assert tasks.ids == ("a", "b") and tasks.num_test_outputs == 4


def test_kaggle_layout_finds_its_solutions(tmp_path: Path) -> None:
    write(tmp_path / "x_challenges.json", {"a": make_task(1, tests=2, outputs=False), "b": make_task(2, outputs=False)})
    write(tmp_path / "x_solutions.json", {"a": [[[5]], [[6, 6]]], "b": [[[7]]]})
    tasks = load_tasks(tmp_path / "x_challenges.json")
    assert tasks.has_solutions and not tasks.problems
    assert tasks["a"].test_outputs == (Grid([[5]]), Grid([[6, 6]]))


def test_challenges_without_solutions_and_an_explicit_solutions_file(tmp_path: Path) -> None:
    challenges = write(tmp_path / "tasks.json", {"a": make_task(1, outputs=False)})
    assert not load_tasks(challenges).has_solutions
    answers = write(tmp_path / "answers.json", {"a": [[[9]]]})
    assert load_tasks(challenges, solutions=answers)["a"].test_outputs == (Grid([[9]]),)


def test_missing_sources_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="did you mean arc-agi-1/training"):
        load_tasks("arc-agi-1/trainig")
    with pytest.raises(SourceError, match="no task JSON files"):
        load_tasks(tmp_path)
    path = write(tmp_path / "a.json", make_task())
    with pytest.raises(SourceError, match="no such solutions file"):
        load_tasks(path, solutions=tmp_path / "nope.json")
    with pytest.raises(SourceError, match="not a directory"):
        load_tasks(tmp_path, solutions=path)
    with pytest.raises(SourceError, match="named dataset"):
        load_tasks("arc-agi-1/training", solutions=path)


def test_load_task_by_id(tmp_path: Path) -> None:
    write(tmp_path / "aaa.json", make_task(4))
    assert load_task("aaa", tmp_path).train[0].input == Grid([[4]])
    with pytest.raises(SourceError, match="no task 'zzz'"):
        load_task("zzz", tmp_path)


# --- bad files among good ones -------------------------------------------------------------------

def test_corrupt_file_among_good_ones(tmp_path: Path) -> None:
    for i in range(3):
        write(tmp_path / f"good{i}.json", make_task(i))
    bad = write(tmp_path / "sub" / "bad.json", '{"train": [{"input": [[1]], "output": [[1]]}], "test": [')
    tasks = load_tasks(tmp_path)
    assert tasks.ids == ("good0", "good1", "good2")
    problem = only(tasks.problems)
    assert problem.file == str(bad) and "invalid JSON at line 1" in str(problem)
    with pytest.raises(TaskSetError) as caught:
        load_tasks(tmp_path, strict=True)
    assert str(bad) in str(caught.value) and len(caught.value.problems) == 1


def test_every_bad_file_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "good.json", make_task())
    write(tmp_path / "ragged.json", {"train": [{"input": [[1, 2], [3]], "output": [[1]]}], "test": [{"input": [[1]]}]})
    write(tmp_path / "notrain.json", {"test": [{"input": [[1]]}]})
    write(tmp_path / "binary.json", b"\xff\xfe{}")
    tasks = load_tasks(tmp_path)
    assert tasks.ids == ("good",)
    named = {Path(p.file).stem: p for p in tasks.problems if p.file}
    assert set(named) == {"ragged", "notrain", "binary"}
    assert (named["ragged"].task_id, named["ragged"].field) == ("ragged", "train[0].input[1]")
    assert (named["notrain"].task_id, named["notrain"].field) == ("notrain", "train")
    assert "not UTF-8" in named["binary"].message
    with pytest.raises(TaskSetError, match=r"and 2 more"):
        load_tasks(tmp_path, strict=True)


@pytest.mark.parametrize("mutate, field, message", [
    (lambda t: t.pop("train"), "train", "missing 'train'"),
    (lambda t: t.pop("test"), "test", "missing 'test'"),
    (lambda t: t.update(train=[]), "train", "empty"),
    (lambda t: t["train"][0].update(input=[[1, 2], [3]]), "train[0].input[1]", "ragged"),
    (lambda t: t["train"][0].update(output=[[1.5]]), "train[0].output[0][0]", "integer"),
    (lambda t: t["train"][0].update(output=[["1"]]), "train[0].output[0][0]", "integer"),
    (lambda t: t["test"][0].update(input=[[12]]), "test[0].input[0][0]", "outside 0-9"),
    (lambda t: t["test"][0].update(input=[[0] * 31]), "test[0].input[0]", "width 31"),
    (lambda t: t["test"][0].update(output=[[0]] * 31), "test[0].output", "height 31"),
])
def test_validation_errors_name_file_task_and_field(tmp_path: Path, mutate: Any, field: str, message: str) -> None:
    good = make_task(1)
    bad = make_task(2)
    mutate(bad)
    path = write(tmp_path / "tasks.json", {"ok": good, "broken": bad})
    tasks = load_tasks(path)
    assert tasks.ids == ("ok",)
    problem = only(tasks.problems)
    assert (problem.file, problem.task_id, problem.field) == (str(path), "broken", field)
    assert str(problem).startswith(f"{path}: task broken: field {field}: ") and message in str(problem)


def test_malformed_json_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", '{\n "a": {"train": [}\n}')
    problem = only(load_tasks(path).problems)
    assert problem.file == str(path) and "line 2" in problem.message


def test_top_level_that_is_not_an_object(tmp_path: Path) -> None:
    problem = only(load_tasks(write(tmp_path / "t.json", [1, 2])).problems)
    assert problem.file == str(tmp_path / "t.json") and "got list" in problem.message


# --- duplicate ids -------------------------------------------------------------------------------

def test_duplicate_id_in_a_directory(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "same.json", make_task(1))
    second = write(tmp_path / "b" / "same.json", make_task(2))
    tasks = load_tasks(tmp_path)
    assert tasks.ids == ("same",) and tasks["same"].source == str(first)
    problem = only(tasks.problems)
    assert (problem.file, problem.task_id) == (str(second), "same")
    assert "duplicate task id" in problem.message and str(first) in problem.message


def test_duplicate_id_in_one_file_keeps_the_other_tasks(tmp_path: Path) -> None:
    text = '{"a": %s, "dup": %s, "dup": %s}' % tuple(json.dumps(make_task(i)) for i in (1, 2, 3))
    path = write(tmp_path / "tasks.json", text)
    tasks = load_tasks(path)
    assert tasks.ids == ("a", "dup") and tasks["dup"].train[0].input == Grid([[2]])
    problem = only(tasks.problems)
    assert (problem.file, problem.task_id) == (str(path), "dup") and "duplicate task id" in problem.message
    with pytest.raises(TaskSetError):
        load_tasks(path, strict=True)


def test_repeated_key_inside_a_task(tmp_path: Path) -> None:
    text = '{"a": %s, "b": {"train": [{"input": [[1]], "input": [[2]], "output": [[1]]}], "test": [{"input": [[1]]}]}}'
    path = write(tmp_path / "tasks.json", text % json.dumps(make_task()))
    tasks = load_tasks(path)
    assert tasks.ids == ("a",)
    problem = only(tasks.problems)
    assert (problem.file, problem.task_id, problem.field) == (str(path), "b", "train[0].input")
    single = write(tmp_path / "one.json", '{"train": [], "train": [], "test": []}')
    problem = only(load_tasks(single).problems)
    assert (problem.file, problem.task_id, problem.field) == (str(single), "one", "train")
    with pytest.raises(TaskFormatError, match="task b: field train\\[0\\].input: duplicate key 'input'"):
        read_json_file(path)


# --- solutions that do not match their tasks -----------------------------------------------------

def test_solutions_mismatch_is_reported_per_task(tmp_path: Path) -> None:
    challenges = write(tmp_path / "k_challenges.json", {
        "ok": make_task(1, outputs=False),
        "absent": make_task(2, outputs=False),
        "short": make_task(3, tests=2, outputs=False),
        "badgrid": make_task(4, outputs=False),
    })
    solutions = write(tmp_path / "k_solutions.json", {
        "ok": [[[1]]], "short": [[[1]]], "badgrid": [[[1, 2], [3]]], "stranger": [[[0]]],
    })
    tasks = load_tasks(challenges)
    assert tasks.ids == ("ok",)
    found = {p.task_id: p for p in tasks.problems}
    assert set(found) == {"absent", "short", "badgrid", "stranger"}
    assert all(p.file == str(solutions) for p in found.values())
    assert "no solutions" in found["absent"].message
    assert found["short"].field == "solutions" and "expected 2 output grids, got 1" in found["short"].message
    assert found["badgrid"].field == "solutions[0][1]" and "ragged" in found["badgrid"].message
    assert "not in the task file" in found["stranger"].message
    with pytest.raises(TaskSetError, match="and 3 more"):
        load_tasks(challenges, strict=True)
