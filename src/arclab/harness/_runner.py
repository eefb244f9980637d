"""`evaluate`: run a solver over a task source into a run directory, resuming what is there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from .. import __version__
from ..datasets import NAMED_DATASETS, SourceError, TaskSet, load_tasks
from ..scoring import (Score, Submission, read_submission, score, score_task, submitted_attempts,
                       write_submission)
from ..solvers import SolverSpec, solver_spec
from ..task import Task, TaskFormatError
from ._backend import Backend, check_backend, open_backend
from ._checks import checked_result
from ._protocol import WorkerSetup
from ._provenance import current_code
from ._results import Status, TaskResult
from ._settings import Limits, RunSettings
from ._store import SUBMISSION_FILE, PlannedTask, RunStore, now_iso
from ._summary import RunSummary, summarise

WORKER_LOG = "workers.log"
"""Where worker processes' stdout and stderr go, inside the run directory."""


@dataclass(frozen=True, slots=True)
class EvalConfig:
    """What `arclab eval` is asked to do."""

    source: str
    """A dataset name, or a directory or JSON file of tasks."""
    solver: str
    """A registered solver name, or an import string "module:factory"."""
    out: str | Path
    """The run directory (created, or resumed when it holds a run with the same settings)."""
    solver_args: Mapping[str, Any] | Sequence[str] = ()
    """The factory's arguments: a mapping, or "key=value" strings."""
    seed: int = 0
    """The run's seed."""
    limits: Limits = field(default_factory=Limits)
    """Per-task time and memory limits."""
    workers: int | None = None
    """Tasks at once; None means one per core (or the Ray cluster's CPUs)."""
    backend: str = "process"
    """process (worker processes here) or ray."""
    address: str | None = None
    """Ray cluster address (ray backend only); None starts a local Ray."""
    solutions: str | None = None
    """A Kaggle solutions file for a challenges file."""
    retry_failed: bool = False
    """Run again the tasks a previous session recorded with a status other than ok."""
    task_ids: tuple[str, ...] = ()
    """Only these tasks of the source (all when empty)."""
    limit: int | None = None
    """Only the first `limit` tasks (after `task_ids`), in the source's order."""
    exclude: tuple[str, ...] = ()
    """Task sources that rule a task out: a task sharing an example with them is not run
    (e.g. arc-agi-2/training minus both ARC-AGI-1 splits). Recorded in the run's `extra`."""
    allow_code_change: bool = False
    """Resume a run made with other code (arclab, solver source, Python or libraries)."""
    force: bool = False
    """Write the run into a folder that holds other files (which may be overwritten)."""


@dataclass(frozen=True, slots=True)
class RunStart:
    """What an observer learns when the run starts."""

    directory: Path
    """The run directory."""
    total: int
    """Tasks in the plan."""
    to_run: int
    """Tasks this session will run (the others finished before)."""
    before: RunSummary
    """The run as it stood before this session."""
    workers: int
    """Tasks at once."""
    backend: str
    """process or ray."""


class RunObserver(Protocol):
    """Told about the run as it goes (e.g. a progress bar)."""

    def on_start(self, start: RunStart) -> None:
        """The run is about to hand out its first task."""

    def on_result(self, result: TaskResult) -> None:
        """A task finished and was stored."""

    def on_end(self) -> None:
        """The run ended (complete, interrupted or failed)."""


@dataclass(frozen=True, slots=True)
class EvalReport:
    """What `evaluate` did."""

    directory: Path
    """The run directory."""
    submission_path: Path
    """Where submission.json was written."""
    summary: RunSummary
    """The run's figures after this session."""
    score: Score | None
    """The official scores of `submission.json` as written, when the source has its test outputs."""
    tasks_run: int
    """Tasks this session ran."""
    skipped: int
    """Tasks already finished by earlier sessions."""
    problems: tuple[TaskFormatError, ...] = ()
    """Bad tasks in the source, skipped by the loader."""
    placeholder_solved: int = 0
    """Test outputs `score` counts only because the placeholder a submission needs where the solver
    gave no attempt happens to equal them."""


def canonical_source(source: str | Path) -> str:
    """A dataset name as is; a path made absolute (so a resumed run finds the same source)."""
    path = Path(source)
    if str(source) in NAMED_DATASETS and not path.exists():
        return str(source)
    return str(path.resolve())


def evaluate(config: EvalConfig, observer: RunObserver | None = None) -> EvalReport:
    """Run the solver over every unfinished task of the source; write `submission.json` at the end."""
    check_backend(config.backend, config.address)  # fail fast, before anything is written
    spec = solver_spec(config.solver, config.solver_args)
    tasks = load_tasks(config.source, solutions=config.solutions)
    if config.exclude:
        tasks = without_shared_pairs(tasks, [load_tasks(other) for other in config.exclude])
    tasks = select_tasks(tasks, config.task_ids, config.limit)
    directory = Path(config.out)
    code = current_code(spec.target)
    with RunStore.create_or_resume(directory, _run_settings(config, spec, tasks), code,
                                   allow_code_change=config.allow_code_change, force=config.force) as store:
        if config.retry_failed:
            store.forget(s for s in Status if s is not Status.OK)
        store.set_plan(PlannedTask(t.id, len(t.test), t.has_solutions) for t in tasks)
        finished = store.finished_ids()
        todo = [task.without_test_outputs() for task in tasks if task.id not in finished]
        before = summarise(store)
        setup = WorkerSetup(spec, config.seed, config.limits)
        backend = open_backend(config.backend, setup, workers=config.workers, address=config.address,
                               log_path=directory / WORKER_LOG)
        with backend:
            session = store.begin_session(config.backend, backend.workers, backend.address, code)
            if observer is not None:
                observer.on_start(RunStart(directory, len(tasks), len(todo), before, backend.workers,
                                           config.backend))
            _run_session(store, session, backend, todo, tasks, observer)
        submission = store.submission()
        summary = summarise(store)
    submission_path = directory / SUBMISSION_FILE
    write_submission(submission, submission_path)
    official = extra = None
    if tasks.has_solutions and len(tasks):  # the score of the file as written, read back
        official = score(tasks, read_submission(submission_path)[0])
        extra = placeholder_solved(tasks, submission, official)
    return EvalReport(directory, submission_path, summary, official, len(todo), len(finished & set(tasks.ids)),
                      tasks.problems, extra or 0)


def _run_settings(config: EvalConfig, spec: SolverSpec, tasks: TaskSet) -> RunSettings:
    return RunSettings(
        solver=spec.name, solver_target=spec.target, solver_args=dict(spec.args), seed=config.seed,
        time_limit=config.limits.time_limit, memory_limit_mb=config.limits.memory_limit_mb,
        source=canonical_source(config.source),
        solutions=str(Path(config.solutions).resolve()) if config.solutions else None,
        source_name=tasks.name, source_version=tasks.version, arclab_version=__version__,
        created_at=now_iso(), extra={"exclude": list(config.exclude)} if config.exclude else {})


def _run_session(store: RunStore, session: int, backend: Backend, todo: Sequence[Task], tasks: TaskSet,
                 observer: RunObserver | None) -> None:
    """Run `todo`, checking, grading and storing each result as it comes; record how the session ended."""
    outcome = "failed"
    try:
        for result in backend.run(todo):
            result = with_correctness(checked_result(result), tasks[result.task_id])
            store.record(result, session)
            if observer is not None:
                observer.on_result(result)
        outcome = "complete"
    except KeyboardInterrupt:
        outcome = "interrupted"
        raise
    finally:
        store.end_session(session, outcome)
        if observer is not None:
            observer.on_end()


def select_tasks(tasks: TaskSet, task_ids: Sequence[str] = (), limit: int | None = None) -> TaskSet:
    """The named tasks (in source order), then at most the first `limit` of them."""
    if not task_ids and limit is None:
        return tasks
    chosen = tasks.tasks
    if task_ids:
        missing = [task_id for task_id in task_ids if task_id not in tasks]
        if missing:
            raise SourceError(f"{tasks.name}: no task {missing[0]!r}" + (f" (and {len(missing) - 1} more)"
                                                                           if len(missing) > 1 else ""))
        wanted = set(task_ids)
        chosen = tuple(task for task in chosen if task.id in wanted)
    if limit is not None:
        chosen = chosen[:max(0, limit)]
    return TaskSet(tasks.name, chosen, tasks.version, tasks.problems)


def without_shared_pairs(tasks: TaskSet, others: Sequence[TaskSet]) -> TaskSet:
    """The tasks that share no example (an input with its output, train or test) with `others`.

    A shared pair means the puzzle (or part of it) was already seen; a shared lone grid (a small
    output such as [[0]]) does not. This is the overlap `arclab audit` reports.
    """
    seen = {pair for other in others for task in other for pair in task.train + task.test}
    kept = tuple(task for task in tasks if not any(pair in seen for pair in task.train + task.test))
    return TaskSet(tasks.name, kept, tasks.version, tasks.problems)


def with_correctness(result: TaskResult, task: Task) -> TaskResult:
    """The result with `correct` filled in from the task's known test outputs (if known).

    Graded as `submission.json` holds the task (a missing attempt is the placeholder there), so
    the scores stored, printed and shown are those of the file written.
    """
    if not task.has_solutions:
        return result
    grids = result.grids if result.status is Status.OK else ()
    submitted = [submitted_attempts(grids[i] if i < len(grids) else ()) for i in range(len(task.test))]
    graded = score_task(task, submitted)
    return replace(result, correct=graded.solved, num_test=len(task.test))


def placeholder_solved(tasks: TaskSet, submission: Submission, official: Score) -> int:
    """Test outputs the file scores only through a placeholder (the solver gave no attempt there)."""
    own = score(tasks, submission)
    return official.outputs_solved - own.outputs_solved
