"""Run directories for tests, written through the harness's store: any mix of outcomes per task.

Imported by the report, web and browser tests (by path, as test folders are not packages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from arclab.harness import PlannedTask, RunSettings, RunStore, Status, TaskResult, current_code
from arclab.harness import with_correctness
from arclab.solvers import Attempt
from arclab.task import Grid, Task

ERROR = 'Traceback (most recent call last):\n  File "solver.py", line 3, in solve\nValueError: no rule fits'


def _result(task: Task, kind: str, seconds: float) -> TaskResult:
    outputs = [pair.output or pair.input for pair in task.test]
    inputs = list(task.test_inputs)
    if kind == "error":
        return TaskResult(task.id, Status.ERROR, seconds=seconds, error=ERROR, num_test=len(task.test))
    if kind == "timeout":
        return TaskResult(task.id, Status.TIMEOUT, seconds=seconds, error="no answer within 10 s",
                          num_test=len(task.test))
    attempts: list[tuple[Attempt, ...]]
    if kind == "solved":
        attempts = [(Attempt(out, {"program": f"solve_{task.id}(grid)"}),) for out in outputs]
    elif kind == "second":
        attempts = [(Attempt(inp, {"program": "identity(grid)"}), Attempt(out, {"program": "flip(grid)"}))
                     for inp, out in zip(inputs, outputs)]
    elif kind == "wrong":
        attempts = [(Attempt(inp, {"program": "identity(grid)"}), Attempt(Grid([[0]]), {"score": 0.1}))
                    for inp in inputs]
    else:
        raise ValueError(kind)
    return with_correctness(TaskResult(task.id, Status.OK, tuple(attempts), seconds, 12.5, "", None,
                                       len(task.test)), task)


def write_run(directory: Path, source: str, tasks: Sequence[Task], outcomes: Mapping[str, str], *,
              solver: str = "demo") -> Path:
    """A finished run of `tasks` from `source`; tasks missing from `outcomes` stay pending.

    outcomes: task id -> solved | second (right on the second attempt) | wrong | error | timeout.
    """
    settings = RunSettings(solver=solver, solver_target="tests:demo", solver_args={"depth": 2}, seed=7,
                           time_limit=10.0, memory_limit_mb=None, source=source, solutions=None,
                           source_name=source, source_version="test", arclab_version="0.0",
                           created_at="2026-01-01T00:00:00+00:00")
    code = current_code("arclab.solvers.baselines:identity")
    with RunStore.create_or_resume(directory, settings, code) as store:
        store.set_plan(PlannedTask(t.id, len(t.test), t.has_solutions) for t in tasks)
        session = store.begin_session("process", 1)
        for i, task in enumerate(tasks):
            if task.id in outcomes:
                store.record(_result(task, outcomes[task.id], 0.25 * (i + 1)), session)
        store.end_session(session, "complete")
    return directory
