"""Prompts for language models and the parsing of replies: formats, fences, last grid, failures."""

from __future__ import annotations

import json

import pytest

from arclab.solvers import PROMPT_FORMATS, ParseFailure, format_prompt, parse_grid, render_grid
from arclab.task import Example, Grid, Task

A = Grid([[0, 1], [2, 3]])
B = Grid([[3, 2], [1, 0]])
SECRET = Grid([[7, 7], [7, 7]])
TASK = Task("t1", (Example(A, B), Example(B, A)), (Example(Grid([[5, 6]]), SECRET), Example(Grid([[9]]))))


@pytest.mark.parametrize("fmt", PROMPT_FORMATS)
def test_prompt_holds_train_pairs_and_one_test_input_in_the_format(fmt: str) -> None:
    messages = format_prompt(TASK, 0, fmt)
    assert [m["role"] for m in messages] == ["system", "user"]
    user = messages[1]["content"]
    assert render_grid(A, fmt) in user and render_grid(B, fmt) in user
    assert render_grid(Grid([[5, 6]]), fmt) in user
    assert render_grid(Grid([[9]]), fmt) not in user.split("Test input:")[1]  # only test input 0
    assert "7" not in user  # the test output is never shown


def test_formats_write_rows_of_digits_spaced_rows_and_json() -> None:
    assert render_grid(A, "digits") == "01\n23"
    assert render_grid(A, "spaced") == "0 1\n2 3"
    assert json.loads(render_grid(A, "json")) == [[0, 1], [2, 3]]
    with pytest.raises(ValueError, match="unknown prompt format"):
        format_prompt(TASK, 0, "yaml")
    with pytest.raises(IndexError):
        format_prompt(TASK, 2, "digits")


@pytest.mark.parametrize("fmt", PROMPT_FORMATS)
def test_a_rendered_grid_parses_back(fmt: str) -> None:
    assert parse_grid(render_grid(B, fmt)) == B
    assert parse_grid(f"Sure.\n```\n{render_grid(B, fmt)}\n```\nDone.") == B


def test_the_last_well_formed_grid_wins_fenced_or_bare() -> None:
    reply = "The input was\n```\n01\n23\n```\nso the answer is [[3,2],[1,0]]"
    assert parse_grid(reply) == B
    reply = "Answer [[3,2],[1,0]] hmm, no:\n```text\n0 1\n2 3\n```\n"
    assert parse_grid(reply) == A
    assert parse_grid("[[1, 2],\n [3, 4]]") == Grid([[1, 2], [3, 4]])
    assert parse_grid("| 1 | 2 |\n| 3 | 4 |") == Grid([[1, 2], [3, 4]])


@pytest.mark.parametrize("reply, reason", [
    ("I cannot tell.", "no grid in the reply"),
    ("", "no grid in the reply"),
    ("[[1, 2], [3]]", "ragged"),
    ("123\n45", "ragged"),
    ("[[1, 12]]", "colour 12"),
    ("1 12\n3 4", "colour 12"),
    ("\n".join("0" * 40 for _ in range(40)), "height 40"),
    (json.dumps([[0] * 40] * 40), "height 40"),
    ("[[1.5]]", "integer"),
    ("[[1, 2], [3, 4", "no grid"),
])
def test_replies_without_a_usable_grid_are_failures_with_a_reason(reply: str, reason: str) -> None:
    outcome = parse_grid(reply)
    assert isinstance(outcome, ParseFailure)
    assert reason in outcome.reason
