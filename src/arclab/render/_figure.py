"""What a picture shows: titled panels of grids, in rows. Built from tasks and predictions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..task import Grid, Task
from ._diff import GridDiff, diff_grids

PanelKind = Literal["grid", "attempt", "diff"]


@dataclass(frozen=True, slots=True)
class Panel:
    """One titled grid. An attempt is framed green or red; a diff blanks the right cells and
    crosses the wrong ones. A panel with no grid shows its title over an empty box."""

    title: str
    grid: Grid | None
    kind: PanelKind = "grid"
    diff: GridDiff | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A titled picture: rows of panels, drawn left to right, top to bottom."""

    title: str
    rows: tuple[tuple[Panel, ...], ...]


def _size(grid: Grid) -> str:
    return f"{grid.height}x{grid.width}"


def attempt_panels(index: int, attempt: Grid | None, expected: Grid | None) -> tuple[Panel, ...]:
    """An attempt, and, when the expected output is known, its diff against it."""
    if attempt is None:
        return (Panel(f"attempt {index + 1}: none", None, "attempt"),)
    if expected is None:
        return (Panel(f"attempt {index + 1} {_size(attempt)}", attempt, "attempt"),)
    diff = diff_grids(expected, attempt)
    verdict = "right" if diff.correct else "wrong"
    return (Panel(f"attempt {index + 1} {_size(attempt)}: {verdict}", attempt, "attempt", diff),
            Panel(f"diff {index + 1}: {diff.summary}", attempt if diff.same_shape else None, "diff", diff))


def task_figure(task: Task, attempts: Sequence[Sequence[Grid | None]] | None = None, *,
                show_test_outputs: bool = True) -> Figure:
    """A task's train pairs, then each test input with its output (when known and shown),
    its attempts and their diffs."""
    rows: list[tuple[Panel, ...]] = []
    for i, pair in enumerate(task.train):
        assert pair.output is not None  # train outputs are always known
        rows.append((Panel(f"train {i} input {_size(pair.input)}", pair.input),
                     Panel(f"train {i} output {_size(pair.output)}", pair.output)))
    for i, pair in enumerate(task.test):
        row = [Panel(f"test {i} input {_size(pair.input)}", pair.input)]
        if show_test_outputs and pair.output is not None:
            row.append(Panel(f"test {i} output {_size(pair.output)}", pair.output))
        if attempts is not None:
            tries = attempts[i] if i < len(attempts) else ()
            expected = pair.output if show_test_outputs else None
            for k, attempt in enumerate(tries):
                row.extend(attempt_panels(k, attempt, expected))
        rows.append(tuple(row))
    return Figure(f"task {task.id}", tuple(rows))


def prediction_figure(expected: Grid, predicted: Grid, title: str = "prediction") -> Figure:
    """A prediction beside the expected output, and their diff."""
    return Figure(title, ((Panel(f"expected {_size(expected)}", expected),)
                          + attempt_panels(0, predicted, expected),))


def grid_figure(grid: Grid, title: str = "") -> Figure:
    """A single grid."""
    return Figure(title, ((Panel(_size(grid), grid),),))
