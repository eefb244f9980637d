"""The JSON shapes of the API: what it accepts (validated) and what it answers (documented)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..report import Outcome
from ..task import MAX_SIZE, MIN_SIZE, NUM_COLOURS
from ._tries import HandStatus

Colour = Annotated[int, Field(ge=0, le=NUM_COLOURS - 1, strict=True)]
Row = Annotated[list[Colour], Field(min_length=MIN_SIZE, max_length=MAX_SIZE)]
GridJson = Annotated[list[Row], Field(min_length=MIN_SIZE, max_length=MAX_SIZE,
                                      description="Rows of colours 0-9; 1x1 to 30x30, every row as long")]



class Answer(BaseModel):
    """An answer typed by hand for one test input."""

    model_config = ConfigDict(extra="forbid")
    grid: GridJson

    @field_validator("grid")
    @classmethod
    def _rectangular(cls, grid: list[list[int]]) -> list[list[int]]:
        widths = {len(row) for row in grid}
        if len(widths) != 1:
            raise ValueError("ragged grid: every row must have the same length")
        return grid


class About(BaseModel):
    """The app's version, and whether it runs blind (serving no test output and no run)."""

    version: str
    blind: bool = Field(description="Blind mode: no route serves a test output, and runs are not served")


class Source(BaseModel):
    """A task source the app serves."""

    id: str = Field(description="The id used in URLs")
    name: str = Field(description="Dataset name, or the directory or file the tasks come from (relative to "
                                  "where the app was started, else its last part)")
    version: str
    tasks: int
    problems: int = Field(description="Bad tasks skipped while loading")


class TaskSummary(BaseModel):
    id: str
    train: int
    test: int
    hand: list[HandStatus] = Field(description="Per test input: how the tries by hand went")


class Pair(BaseModel):
    input: GridJson
    output: GridJson


class HandTry(BaseModel):
    grid: GridJson
    correct: bool


class TestInput(BaseModel):
    input: GridJson
    has_output: bool = Field(description="Whether an answer can be checked (the output itself is not sent)")
    hand: HandStatus
    tries: list[HandTry]
    tries_left: int


class TaskDetail(BaseModel):
    """A task as a person may see it before solving: train pairs and test inputs, no test outputs."""

    id: str
    source: str
    train: list[Pair]
    test: list[TestInput]


class TestOutputs(BaseModel):
    """The test outputs, for whoever asks to see them (null where unknown)."""

    outputs: list[GridJson | None]


class TryResult(BaseModel):
    correct: bool = Field(description="Exactly right: shape and every cell")
    hand: HandStatus
    tries: list[HandTry]
    tries_left: int


class Problem(BaseModel):
    detail: str



class RunInfo(BaseModel):
    """A run: its solver, its source, and its scores so far."""

    id: str
    solver: str
    solver_args: dict[str, Any]
    source: str = Field(description="The task set's name (a path relative to where the app was started, else "
                                    "its last part)")
    source_id: str | None = Field(description="Where the app serves the run's tasks (null: not found)")
    version: str
    seed: int
    created_at: str
    tasks: int
    finished: int
    scored: bool = Field(description="Whether the test outputs are known, so the scores mean something")
    per_output: float | None
    per_task: float | None
    tasks_solved: int
    outputs_solved: int
    num_outputs: int
    statuses: dict[str, int]
    seconds: float
    code: str = Field(default="", description="The code the run recorded, in one line: arclab version, git "
                                               "commit (+dirty), source hashes, Python; sessions that ran other code")


class RunTaskRow(BaseModel):
    task_id: str
    outcome: Outcome
    status: str = Field(description="ok, error, timeout, memory, crashed, or pending")
    seconds: float | None
    outputs_solved: int
    num_test: int
    error: str = Field(description="The last line of the error, if the task failed")


class TaskInRun(BaseModel):
    """A task's outcome in one run."""

    run: str
    outcome: Outcome
    status: str


class AttemptOut(BaseModel):
    grid: GridJson
    correct: bool | None = Field(description="null when the expected output is unknown")
    same_shape: bool | None
    wrong: list[tuple[int, int]] | None = Field(description="The (row, column) cells that differ")
    summary: str
    program: str | None
    metadata: dict[str, Any]


class RunTaskDetail(BaseModel):
    """One task's result in a run: each test input's attempts with their diffs and programs."""

    task_id: str
    run: str
    source_id: str | None
    outcome: Outcome
    status: str
    seconds: float | None
    peak_memory_mb: float | None
    error: str
    tests: list[list[AttemptOut]]


class TaskChangeOut(BaseModel):
    task_id: str
    before: float | None
    after: float | None
    status_before: str | None
    status_after: str | None


class Comparison(BaseModel):
    """Run B against run A over the tasks both planned."""

    a: RunInfo
    b: RunInfo
    same_source: bool
    common: int
    per_output_delta: float
    per_task_delta: float
    tasks_solved_delta: int
    gained: list[TaskChangeOut]
    lost: list[TaskChangeOut]
    status_changes: list[TaskChangeOut]
    only_a: list[str]
    only_b: list[str]
