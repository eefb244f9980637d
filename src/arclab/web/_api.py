"""The JSON API: sources, tasks, answers by hand. Every input is validated; ids are looked up,
never turned into paths."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response

from .. import __version__
from ..render import task_figure, to_png, to_svg
from ..task import Grid, Task
from ._models import (About, Answer, HandTry, Pair, Problem, Source, TaskDetail, TaskSummary, TestInput,
                      TestOutputs, TryResult)
from ._params import INVALID, Session, SourceId, TaskId, TestIndex, blind, catalogue, not_found, try_book
from ._tries import HandStatus, TriesExhausted, Try

NOT_FOUND = not_found("source, task or test input")

router = APIRouter(prefix="/api", responses=INVALID)
"""The routes served in every mode."""
reveal_router = APIRouter(prefix="/api", responses=INVALID)
"""The routes that show test outputs: not served in blind mode."""


def _task(request: Request, source_id: str, task_id: str) -> Task:
    tasks = catalogue(request).tasks(source_id)
    if tasks is None:
        raise HTTPException(404, f"no source {source_id!r}")
    task = tasks.get(task_id)
    if task is None:
        raise HTTPException(404, f"no task {task_id!r} in {source_id}")
    return task


def _hand_tries(tries: tuple[Try, ...]) -> list[HandTry]:
    return [HandTry(grid=t.grid.to_list(), correct=t.correct) for t in tries]


@router.get("/about", response_model=About, summary="The app's version and mode")
def about(request: Request) -> About:
    return About(version=__version__, blind=blind(request))


@router.get("/sources", response_model=list[Source], summary="The task sources this app serves")
def list_sources(request: Request) -> list[Source]:
    served = catalogue(request)
    out = []
    for ref in served.sources.values():
        tasks = served.tasks(ref.id)
        assert tasks is not None
        out.append(Source(id=ref.id, name=ref.shown, version=tasks.version, tasks=len(tasks),
                          problems=len(tasks.problems)))
    return out


@router.get("/sources/{source_id}/tasks", response_model=list[TaskSummary], responses=NOT_FOUND,
            summary="A source's tasks, optionally filtered by how the tries by hand went")
def list_tasks(request: Request, source_id: SourceId, session: Session,
               hand: Annotated[Literal["solved", "unsolved", "failed", "untried"] | None,
                               Query(description="solved: every test input solved; unsolved: not; "
                                                 "failed: some test input used every try wrongly")] = None,
               ) -> list[TaskSummary]:
    tasks = catalogue(request).tasks(source_id)
    if tasks is None:
        raise HTTPException(404, f"no source {source_id!r}")
    book = try_book(request)
    out = []
    for task in tasks:
        states: list[HandStatus] = [book.status(book.get(session, (source_id, task.id, i)))
                                    for i in range(len(task.test))]
        solved = all(s == "solved" for s in states)
        keep = (hand is None or (hand == "solved" and solved) or (hand == "unsolved" and not solved)
                or (hand == "failed" and "failed" in states) or (hand == "untried" and set(states) == {"untried"}))
        if keep:
            out.append(TaskSummary(id=task.id, train=len(task.train), test=len(task.test), hand=states))
    return out


@router.get("/sources/{source_id}/tasks/{task_id}", response_model=TaskDetail, responses=NOT_FOUND,
            summary="A task's train pairs and test inputs (never its test outputs)")
def get_task(request: Request, source_id: SourceId, task_id: TaskId, session: Session) -> TaskDetail:
    task = _task(request, source_id, task_id)
    book = try_book(request)
    test = []
    for i, pair in enumerate(task.test):
        tries = book.get(session, (source_id, task.id, i))
        test.append(TestInput(input=pair.input.to_list(), has_output=pair.output is not None,
                              hand=book.status(tries), tries=_hand_tries(tries),
                              tries_left=book.left(tries)))
    train = [Pair(input=p.input.to_list(), output=p.output.to_list()) for p in task.train if p.output]
    return TaskDetail(id=task.id, source=source_id, train=train, test=test)


@reveal_router.get("/sources/{source_id}/tasks/{task_id}/outputs", response_model=TestOutputs, responses=NOT_FOUND,
            summary="Reveal a task's test outputs (the testing interface never asks)")
def get_outputs(request: Request, source_id: SourceId, task_id: TaskId) -> TestOutputs:
    task = _task(request, source_id, task_id)
    return TestOutputs(outputs=[o.to_list() if o is not None else None for o in task.test_outputs])


@router.post("/sources/{source_id}/tasks/{task_id}/tests/{index}/tries", response_model=TryResult,
             summary="Submit an answer by hand; checked exactly (shape and every cell); two tries at most per "
                     "browser session",
             responses={**NOT_FOUND, 409: {"model": Problem, "description": "Solved already, no tries left, "
                                                                            "or no known output to check"}})
def submit_try(request: Request, source_id: SourceId, task_id: TaskId, index: TestIndex,
               answer: Answer, session: Session) -> TryResult:
    task = _task(request, source_id, task_id)
    if index >= len(task.test):
        raise HTTPException(404, f"task {task_id} has {len(task.test)} test input(s)")
    expected = task.test[index].output
    if expected is None:
        raise HTTPException(409, "this test input has no known output to check against")
    book = try_book(request)
    try:
        tries = book.record(session, (source_id, task.id, index), Grid(answer.grid), expected)
    except TriesExhausted as error:
        raise HTTPException(409, str(error)) from None
    return TryResult(correct=tries[-1].correct, hand=book.status(tries), tries=_hand_tries(tries),
                     tries_left=book.left(tries))


@router.get("/sources/{source_id}/tasks/{task_id}/picture", responses={**NOT_FOUND, 200: {
    "content": {"image/png": {}, "image/svg+xml": {}}, "description": "The picture"},
    403: {"model": Problem, "description": "Test outputs asked for in blind mode"}},
            response_class=Response, summary="The task as a PNG or SVG picture")
def get_picture(request: Request, source_id: SourceId, task_id: TaskId,
                format: Literal["png", "svg"] = "png",
                outputs: Annotated[bool, Query(description="Draw the test outputs too (not in blind mode)")] = False,
                ) -> Response:
    if outputs and blind(request):
        raise HTTPException(403, "blind mode: test outputs are not served")
    figure = task_figure(_task(request, source_id, task_id), show_test_outputs=outputs)
    if format == "svg":
        return Response(to_svg(figure), media_type="image/svg+xml")
    return Response(to_png(figure), media_type="image/png")
