"""The JSON API over runs: scores, tasks by outcome, attempts with diffs and programs, comparisons.

Runs are named by the ids the app was started with; each request opens the run's store read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from ..harness import RunStore, RunSummary, StoreError, TaskChange, compare_runs, open_run, summarise
from ..report import Outcome, attempt_views, error_line, outcome
from ._catalogue import RunRef
from ._models import AttemptOut, Comparison, RunInfo, RunTaskDetail, RunTaskRow, TaskChangeOut, TaskInRun
from ._params import ID_PATTERN, INVALID, RunId, SourceId, TaskId, catalogue, not_found

RunQuery = Annotated[str, Query(pattern=ID_PATTERN, description="A run id from /api/runs")]
NOT_FOUND = not_found("run or task")

router = APIRouter(prefix="/api", responses=INVALID)


def _ref(request: Request, run_id: str) -> RunRef:
    ref = catalogue(request).runs.get(run_id)
    if ref is None:
        raise HTTPException(404, f"no run {run_id!r}")
    return ref


@contextmanager
def _store(ref: RunRef) -> Iterator[RunStore]:
    with open_run(ref.path) as store:
        yield store


def _info(ref: RunRef, summary: RunSummary) -> RunInfo:
    from ._catalogue import shown_name

    settings = summary.settings
    return RunInfo(
        id=ref.id, solver=settings.solver, solver_args=dict(settings.solver_args),
        source=shown_name(settings.source_name),
        source_id=ref.source_id, version=settings.source_version, seed=settings.seed,
        created_at=settings.created_at, tasks=summary.num_tasks, finished=summary.num_finished,
        scored=summary.scored, per_output=summary.per_output if summary.scored else None,
        per_task=summary.per_task if summary.scored else None, tasks_solved=summary.tasks_solved,
        outputs_solved=summary.outputs_solved, num_outputs=summary.num_outputs, statuses=summary.statuses,
        seconds=summary.seconds, code=summary.code_line())


@router.get("/runs", response_model=list[RunInfo], summary="The runs this app serves, with their scores")
def list_runs(request: Request) -> list[RunInfo]:
    out = []
    for ref in catalogue(request).runs.values():
        try:
            with _store(ref) as store:
                out.append(_info(ref, summarise(store)))
        except StoreError:  # damaged since the app started: the others are still listed
            continue
    return out


@router.get("/runs/{run_id}", response_model=RunInfo, responses=NOT_FOUND, summary="One run's settings and scores")
def get_run(request: Request, run_id: RunId) -> RunInfo:
    ref = _ref(request, run_id)
    with _store(ref) as store:
        return _info(ref, summarise(store))


@router.get("/runs/{run_id}/tasks", response_model=list[RunTaskRow], responses=NOT_FOUND,
            summary="A run's tasks in plan order, optionally only those with one outcome")
def list_run_tasks(request: Request, run_id: RunId,
                   outcome_filter: Annotated[Outcome | None, Query(
                       alias="outcome", description="solved: every test output right; unsolved: ran but not "
                                                    "all right; failed: error, timeout, memory or crash; "
                                                    "pending: not run yet")] = None) -> list[RunTaskRow]:
    ref = _ref(request, run_id)
    with _store(ref) as store:
        results = {r.task_id: r for r in store.results()}
        plan = store.plan()
    rows = []
    for planned in plan:
        result = results.get(planned.task_id)
        kind = outcome(result)
        if outcome_filter is not None and kind != outcome_filter:
            continue
        rows.append(RunTaskRow(
            task_id=planned.task_id, outcome=kind, status=str(result.status) if result else "pending",
            seconds=result.seconds if result else None, outputs_solved=result.outputs_solved if result else 0,
            num_test=planned.num_test, error=error_line(result)))
    return rows


@router.get("/runs/{run_id}/tasks/{task_id}", response_model=RunTaskDetail, responses=NOT_FOUND,
            summary="One task's result in a run: attempts, their diffs against the outputs, and programs")
def get_run_task(request: Request, run_id: RunId, task_id: TaskId) -> RunTaskDetail:
    ref = _ref(request, run_id)
    with _store(ref) as store:
        result = store.result(task_id)
        planned = any(p.task_id == task_id for p in store.plan())
    if result is None and not planned:
        raise HTTPException(404, f"no task {task_id!r} in run {run_id}")
    tasks = catalogue(request).tasks(ref.source_id) if ref.source_id else None
    task = tasks.get(task_id) if tasks is not None else None
    tests = []
    if result is not None:
        for per_test in attempt_views(result, task):
            tests.append([AttemptOut(
                grid=a.grid.to_list(), correct=a.correct, same_shape=a.diff.same_shape if a.diff else None,
                wrong=list(a.diff.wrong) if a.diff else None, summary=a.diff.summary if a.diff else "",
                program=a.program, metadata=dict(a.metadata)) for a in per_test])
    return RunTaskDetail(
        task_id=task_id, run=run_id, source_id=ref.source_id if task is not None else None,
        outcome=outcome(result), status=str(result.status) if result else "pending",
        seconds=result.seconds if result else None, peak_memory_mb=result.peak_memory_mb if result else None,
        error=result.error if result else "", tests=tests)


@router.get("/sources/{source_id}/tasks/{task_id}/runs", response_model=list[TaskInRun], responses=NOT_FOUND,
            summary="The served runs over this source that planned this task, with its outcome in each "
                    "(no grids, so nothing of the answer)")
def task_runs(request: Request, source_id: SourceId, task_id: TaskId) -> list[TaskInRun]:
    served = catalogue(request)
    if source_id not in served.sources:
        raise HTTPException(404, f"no source {source_id!r}")
    out = []
    for ref in served.runs.values():
        if ref.source_id != source_id:
            continue
        with _store(ref) as store:
            if not any(p.task_id == task_id for p in store.plan()):
                continue
            result = store.result(task_id)
        out.append(TaskInRun(run=ref.id, outcome=outcome(result),
                             status=str(result.status) if result else "pending"))
    return out


def _change(change: TaskChange) -> TaskChangeOut:
    return TaskChangeOut(task_id=change.task_id, before=change.before, after=change.after,
                         status_before=change.status_before, status_after=change.status_after)


@router.get("/compare", response_model=Comparison, responses=NOT_FOUND,
            summary="Compare run b against run a: score deltas, tasks gained and lost, status changes")
def compare(request: Request, a: RunQuery, b: RunQuery) -> Comparison:
    ref_a, ref_b = _ref(request, a), _ref(request, b)
    with _store(ref_a) as store_a, _store(ref_b) as store_b:
        result = compare_runs(store_a, store_b)
    return Comparison(
        a=_info(ref_a, result.a), b=_info(ref_b, result.b), same_source=result.same_source, common=result.common,
        per_output_delta=result.per_output_delta, per_task_delta=result.per_task_delta,
        tasks_solved_delta=result.tasks_solved_delta, gained=[_change(c) for c in result.gained],
        lost=[_change(c) for c in result.lost], status_changes=[_change(c) for c in result.status_changes],
        only_a=list(result.only_a), only_b=list(result.only_b))
