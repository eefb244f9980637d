"""The JSON shapes of the API: what it accepts (validated) and what it answers (documented)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..task import MAX_SIZE, MIN_SIZE, NUM_COLOURS
from ._tries import HandStatus

Colour = Annotated[int, Field(ge=0, le=NUM_COLOURS - 1, strict=True)]
Row = Annotated[list[Colour], Field(min_length=MIN_SIZE, max_length=MAX_SIZE)]
GridJson = Annotated[list[Row], Field(min_length=MIN_SIZE, max_length=MAX_SIZE,
                                      description="Rows of colours 0-9; 1x1 to 30x30, every row as long")]

RunStatus = Literal["solved", "unsolved", "failed"]


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


class Source(BaseModel):
    """A task source the app serves."""

    id: str = Field(description="The id used in URLs")
    name: str = Field(description="Dataset name, or the directory or file the tasks come from")
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

