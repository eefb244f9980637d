"""The run report: one self-contained HTML file (scores, a task table, and every task's details).

The tables are plain HTML; the grids are drawn by an inline script from the JSON embedded in the
page, only when a task is opened, which keeps the file small for a full dataset.
"""

from __future__ import annotations

import json
from html import escape
from importlib import resources
from typing import Any

from ..datasets import TaskSet
from ..harness import RunStore, RunSummary, TaskResult, summarise
from ..render import grid_css, grid_js
from ..task import Task
from ._views import OUTCOMES, attempt_views, error_line, outcome

CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
"""The report loads nothing from anywhere."""


def _asset(name: str) -> str:
    return (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")


def _task_data(task: Task | None, result: TaskResult | None) -> dict[str, Any]:
    data: dict[str, Any] = {"attempts": [], "error": result.error if result else ""}
    if task is not None:
        data["train"] = [[p.input.to_list(), p.output.to_list() if p.output else None] for p in task.train]
        data["test"] = [{"input": p.input.to_list(), "output": p.output.to_list() if p.output else None}
                        for p in task.test]
    if result is not None:
        data["attempts"] = [[{"grid": a.grid.to_list(), "correct": a.correct,
                              "same_shape": a.diff.same_shape if a.diff else None,
                              "wrong": [list(rc) for rc in a.diff.wrong] if a.diff else None,
                              "summary": a.diff.summary if a.diff else "", "program": a.program}
                             for a in per_test] for per_test in attempt_views(result, task)]
    return data


def _percent(value: float) -> str:
    return f"{value:.2%}"


def _scores(summary: RunSummary) -> str:
    rows = [("Tasks finished", f"{summary.num_finished} / {summary.num_tasks}")]
    if summary.scored:
        rows += [("Per output (Kaggle)", f"{_percent(summary.per_output)} ({summary.outputs_solved} / "
                                         f"{summary.num_outputs})"),
                 ("Per task", _percent(summary.per_task)),
                 ("Tasks fully solved", f"{summary.tasks_solved} / {summary.num_tasks}")]
    else:
        rows.append(("Scores", "not scored: the test outputs are unknown"))
    rows += [("Statuses", ", ".join(f"{k} {v}" for k, v in summary.statuses.items()) or "none yet"),
             ("Time on tasks", f"{summary.seconds:.1f} s")]
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table id="scores">{body}</table>'


def _task_rows(ids: list[str], results: dict[str, TaskResult]) -> str:
    rows = []
    for task_id in ids:
        result = results.get(task_id)
        kind = outcome(result)
        status = str(result.status) if result else "pending"
        solved = (f"{result.outputs_solved} / {len(result.correct)}" if result and result.correct is not None
                  else "–")
        seconds = f"{result.seconds:.2f}" if result else "–"
        anchor = escape(f"task-{task_id}", quote=True)
        rows.append(f'<tr data-outcome="{kind}"><td><a href="#{anchor}">{escape(task_id)}</a></td>'
                    f'<td><span class="badge {kind}">{kind}</span> {escape(status)}</td>'
                    f'<td class="num">{seconds}</td><td class="num">{solved}</td>'
                    f'<td class="error-line">{escape(error_line(result))}</td></tr>')
    return "".join(rows)


def _details(ids: list[str], results: dict[str, TaskResult]) -> str:
    out = []
    for task_id in ids:
        result = results.get(task_id)
        kind = outcome(result)
        anchor = escape(f"task-{task_id}", quote=True)
        out.append(f'<details id="{anchor}" data-task="{escape(task_id, quote=True)}"><summary>{escape(task_id)} '
                   f'<span class="badge {kind}">{kind}</span></summary><div class="body"></div></details>')
    return "".join(out)


def _embed(data: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")


def build_report(store: RunStore, tasks: TaskSet | None) -> str:
    """The report of the run in `store`; `tasks` (the run's source) adds the pairs and the diffs."""
    summary = summarise(store)
    settings = summary.settings
    results = {r.task_id: r for r in store.results()}
    ids = [planned.task_id for planned in store.plan()]
    ids += sorted(set(results) - set(ids))
    data = {"tasks": {task_id: _task_data(tasks.get(task_id) if tasks else None, results.get(task_id))
                      for task_id in ids}}
    name = store.directory.resolve().name
    args = ", ".join(f"{k}={v!r}" for k, v in settings.solver_args.items())
    limits = (f"time limit {settings.time_limit:g} s" if settings.time_limit else "no time limit") + ", " + (
        f"memory limit {settings.memory_limit_mb:g} MiB" if settings.memory_limit_mb else "no memory limit")
    source_note = "" if tasks is not None else (
        '<p class="muted">The run\'s task source could not be loaded: attempts are shown without '
        "the tasks and their diffs.</p>")
    filters = "".join(f'<button data-filter="{f}" aria-pressed="{str(f == "all").lower()}">{f}</button>'
                      for f in ("all",) + OUTCOMES)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">
<title>arclab report: {escape(name)}</title>
<style>
{grid_css()}
{_asset("report.css")}
</style>
</head>
<body>
<h1>Run {escape(name)}</h1>
<p class="meta">Solver <b>{escape(settings.solver)}</b>({escape(args)}) on <b>{escape(settings.source_name)}</b>
{escape(settings.source_version)} · seed {settings.seed} · {escape(limits)}</p>
<p class="meta">Created {escape(settings.created_at or "?")} with arclab {escape(settings.arclab_version)} ·
{len(summary.sessions)} session(s)</p>
<p class="meta" id="code">Code: {escape(summary.code_line())}</p>
{source_note}
<h2>Scores</h2>
{_scores(summary)}
<h2>Tasks</h2>
<div class="filters">{filters}</div>
<table id="task-table">
<thead><tr><th>Task</th><th>Outcome</th><th class="num">Seconds</th><th class="num">Outputs solved</th><th>Error</th></tr></thead>
<tbody>{_task_rows(ids, results)}</tbody>
</table>
<h2>Task details</h2>
{_details(ids, results)}
<script type="application/json" id="report-data">{_embed(data)}</script>
<script>{grid_js()}</script>
<script>{_asset("report.js")}</script>
</body>
</html>
"""
