"""Prompts for language models and the parsing of their replies, shared by every model solver.

`format_prompt(task, test_index, fmt)` writes the train pairs and one test input as chat
messages in a named text format; `parse_grid(reply)` finds the last well-formed grid in a
reply (fenced or bare, in any of the formats) or says why there is none as a ParseFailure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, get_args

from ..task import Grid, GridError, Task

PromptFormat = Literal["digits", "spaced", "json"]
"""How grids are written in a prompt: rows of digits ("0120"), rows of digits with spaces
("0 1 2 0"), or JSON lists ("[[0,1,2,0]]")."""

PROMPT_FORMATS: tuple[str, ...] = get_args(PromptFormat)
"""The names of the prompt formats, for `-S format=...`."""

Message = dict[str, str]
"""One chat message: {"role": "system" | "user" | "assistant", "content": "..."}."""

SYSTEM_PROMPT = (
    "You solve ARC-AGI puzzles. Each puzzle shows example input and output grids that follow one "
    "hidden rule; apply the rule to the test input. Grids are rectangles of colours 0-9. Answer "
    "with the output grid only, written in the same format as the examples, inside one ``` block."
)
"""The system message of every prompt."""

_FORMAT_NOTES: dict[str, str] = {
    "digits": "Each grid is written one row per line, one digit per cell.",
    "spaced": "Each grid is written one row per line, cells separated by spaces.",
    "json": "Each grid is written as a JSON list of rows.",
}


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """A reply that holds no usable grid, and why (kept with the reply in the run store)."""

    reason: str
    """One line: "no grid in the reply", or what is wrong with the last grid-like text."""

    def __str__(self) -> str:
        return self.reason


def render_grid(grid: Grid, fmt: str) -> str:
    """A grid as text in a prompt format (see PromptFormat)."""
    _check_format(fmt)
    rows = grid.to_list()
    if fmt == "json":
        return json.dumps(rows, separators=(",", ":"))
    joiner = " " if fmt == "spaced" else ""
    return "\n".join(joiner.join(str(cell) for cell in row) for row in rows)


def format_prompt(task: Task, test_index: int, fmt: str = "digits") -> list[Message]:
    """Chat messages asking for the output of `task.test[test_index]` from the train pairs.

    The test output (if the task carries one) is never shown.
    """
    _check_format(fmt)
    if not 0 <= test_index < len(task.test):
        raise IndexError(f"task {task.id}: no test input {test_index} (it has {len(task.test)})")
    parts = [_FORMAT_NOTES[fmt], ""]
    for number, pair in enumerate(task.train, start=1):
        assert pair.output is not None
        parts += [f"Example {number} input:", _fenced(pair.input, fmt),
                  f"Example {number} output:", _fenced(pair.output, fmt), ""]
    parts += ["Test input:", _fenced(task.test[test_index].input, fmt), "",
              "Write the test output grid."]
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": "\n".join(parts)}]


def parse_grid(reply: str) -> Grid | ParseFailure:
    """The last well-formed grid in a reply, or a ParseFailure saying why there is none.

    Grids are found as JSON lists of rows (anywhere in the text) and as blocks of consecutive
    lines of digits (with or without spaces or commas between cells), fenced or bare. When no
    grid-like text is well-formed (ragged rows, a colour outside 0-9, a size outside 1-30),
    the failure names the problem of the last one.
    """
    best: tuple[int, Grid] | None = None
    last_problem: tuple[int, str] | None = None
    for end, rows in _candidates(reply):
        try:
            grid = Grid(rows)
        except GridError as error:
            if last_problem is None or end >= last_problem[0]:
                last_problem = (end, f"malformed grid: {error}")
            continue
        if best is None or end >= best[0]:
            best = (end, grid)
    if best is not None:
        return best[1]
    if last_problem is not None:
        return ParseFailure(last_problem[1])
    return ParseFailure("no grid in the reply")


# --- internals ------------------------------------------------------------------------------------

def _check_format(fmt: str) -> None:
    if fmt not in PROMPT_FORMATS:
        raise ValueError(f"unknown prompt format {fmt!r}; formats: {', '.join(PROMPT_FORMATS)}")


def _fenced(grid: Grid, fmt: str) -> str:
    return f"```\n{render_grid(grid, fmt)}\n```"


_JSON_START = re.compile(r"\[\s*\[")
"""Where a JSON list of rows may begin."""
_ROW_LINE = re.compile(r"^[\s|`]*(\d+(?:[ \t]*[,| \t][ \t]*\d+)*)[\s|,`]*$")
"""A line that is only cells: digits, optionally separated by spaces, tabs, commas or bars."""


def _candidates(text: str) -> Iterator[tuple[int, Any]]:
    """(end offset, rows) of every grid-like piece of text: JSON lists of lists, digit-row blocks."""
    yield from _json_candidates(text)
    yield from _row_candidates(text)


def _json_candidates(text: str) -> Iterator[tuple[int, Any]]:
    start = 0
    while True:
        match = _JSON_START.search(text, start)
        if match is None:
            return
        end = _matching_bracket(text, match.start())
        if end is None:
            return
        try:
            value = json.loads(text[match.start():end])
        except ValueError:
            start = match.start() + 1  # maybe a grid starts inside
            continue
        if isinstance(value, list) and value and all(isinstance(row, list) for row in value):
            yield end, value
        start = end


def _matching_bracket(text: str, start: int) -> int | None:
    """The offset just past the ']' that closes the '[' at `start`."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def _row_candidates(text: str) -> Iterator[tuple[int, Any]]:
    rows: list[list[int]] = []
    offset = 0
    end = 0
    for line in text.splitlines(keepends=True):
        match = _ROW_LINE.match(line.rstrip("\r\n"))
        if match:
            rows.append(_cells(match.group(1)))
            end = offset + len(line.rstrip("\r\n"))
        elif rows:
            yield end, rows
            rows = []
        offset += len(line)
    if rows:
        yield end, rows


def _cells(row: str) -> list[int]:
    tokens = re.split(r"[ \t,|]+", row.strip())
    if len(tokens) == 1:
        return [int(char) for char in tokens[0]]  # a row of digits, one per cell
    return [int(token) for token in tokens]  # separated cells: "12" is colour 12 (out of range)
