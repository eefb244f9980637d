"""Model calls in the run store: the calls table added when a store is opened for writing, calls
recorded as they come or with a result, compressed replies, usage totals, and older stores
without the table read as "no calls"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from arclab.harness import PlannedTask, RunSettings, RunStore, Status, TaskResult, Usage, open_run, summarise
from arclab.solvers import ModelCall

SETTINGS = RunSettings(solver="demo", solver_target="m:demo", solver_args={}, seed=0, time_limit=None,
                       memory_limit_mb=None, source="/tasks", solutions=None, source_name="tasks",
                       source_version="", arclab_version="0.1.0")
MESSAGES = ({"role": "system", "content": "solve"}, {"role": "user", "content": "Test input:\n12\n" * 50})


def _call(task_id: str, **changes: object) -> ModelCall:
    values: dict[str, object] = {"task_id": task_id, "test_index": 0, "sample": 0, "model": "m", "prompt_tokens": 100,
                                 "completion_tokens": 7, "seconds": 0.5, "cost": 0.25, "messages": MESSAGES,
                                 "reply": "```\n12\n```" * 40}
    values.update(changes)
    return ModelCall(**values)  # type: ignore[arg-type]


def test_calls_round_trip_with_usage_totals(tmp_path: Path) -> None:
    with RunStore.create_or_resume(tmp_path / "run", SETTINGS) as store:
        store.set_plan([PlannedTask("a", 1, False), PlannedTask("b", 1, False)])
        session = store.begin_session("process", 1)
        store.record_call(_call("a"), session)
        store.record_call(_call("a", sample=1, outcome="parse_failure", detail="no grid in the reply"), session)
        store.record(TaskResult("a", Status.OK, (), 1.0, num_test=1), session)
        store.record(TaskResult("b", Status.ERROR, (), 1.0, error="x", num_test=1,
                                calls=(_call("b", cached=True, cost=0.0), _call("b", outcome="error"))), session)
    with open_run(tmp_path / "run") as store:
        calls = store.calls()
        assert [(c.task_id, c.outcome) for c in calls] == [("a", "ok"), ("a", "parse_failure"), ("b", "ok"),
                                                           ("b", "error")]
        assert calls[0] == _call("a") and calls[2].cached and calls[1].detail == "no grid in the reply"
        assert store.calls("b") == calls[2:]
        usage = store.usage()
        assert usage == Usage(calls=4, prompt_tokens=400, completion_tokens=28, cost=0.75, cache_hits=1,
                              parse_failures=1, errors=1, seconds=2.0)
        assert store.usage("a").calls == 2 and store.usage_by_task()["b"].cache_hits == 1
        assert summarise(store).usage == usage
    raw = (tmp_path / "run" / "results.sqlite").read_bytes()
    assert b"```\n12\n```" * 4 not in raw  # replies and prompts are stored compressed


def test_a_store_without_the_calls_table_reads_as_no_calls(tmp_path: Path) -> None:
    with RunStore.create_or_resume(tmp_path / "run", SETTINGS) as store:
        store.set_plan([PlannedTask("a", 1, False)])
    with sqlite3.connect(tmp_path / "run" / "results.sqlite") as db:  # as a store made before calls existed
        db.execute("DROP TABLE calls")
    with open_run(tmp_path / "run") as store:
        assert not store.has_calls_table()
        assert store.calls() == () and store.usage() == Usage() and store.usage_by_task() == {}
        assert summarise(store).usage.calls == 0
    with RunStore.create_or_resume(tmp_path / "run", SETTINGS) as store:  # opened for writing: added
        assert store.has_calls_table()
