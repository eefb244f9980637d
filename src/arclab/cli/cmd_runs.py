"""`arclab runs`: list runs with their progress and scores."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..harness import RunSummary, Usage


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "runs", help="list runs and their scores",
        description="List runs made by `arclab eval`: each DIR is a run directory or a folder of them "
                    "(default: runs). CODE is the git commit arclab ran from (+: with uncommitted changes) "
                    "or its version, and a hash of the solver's source; * marks a run resumed with other code.")
    parser.add_argument("dirs", nargs="*", metavar="DIR", default=["runs"])
    parser.set_defaults(run=run)


def _percent(value: float, scored: bool) -> str:
    return f"{value:.1%}" if scored else "-"


def _code(summary: RunSummary) -> str:
    """The commit (+ when dirty) or version, and the solver source's hash; * when sessions ran other code."""
    if summary.code is None:
        return "?"
    return summary.code.short() + ("*" if summary.code_changes else "")
def _usage_cells(usage: Usage) -> tuple[str, str, str]:
    """Tokens (prompt+completion), dollars and cache hits/calls; dashes for a run without model calls."""
    if not usage.calls:
        return "-", "-", "-"
    return (f"{usage.prompt_tokens}+{usage.completion_tokens}", f"${usage.cost:.4f}",
            f"{usage.cache_hits}/{usage.calls}")


def run(args: argparse.Namespace) -> int:
    from ..harness import StoreError, find_runs, open_run, summarise

    dirs = find_runs(args.dirs)
    if not dirs:
        raise StoreError(f"no runs in {', '.join(args.dirs)}")
    header: tuple[str, ...] = ("RUN", "SOLVER", "SOURCE", "DONE", "PER-OUTPUT", "PER-TASK", "SOLVED", "FAILED",
                               "TIME", "CODE")
    any_calls = False
    rows: list[tuple[str, ...]] = []
    for directory in dirs:
        try:
            with open_run(directory) as store:
                summary = summarise(store)
        except StoreError as error:  # one damaged run does not hide the others
            print(f"warning: skipped {directory}: {error}", file=sys.stderr)
            continue
        settings = summary.settings
        any_calls = any_calls or summary.usage.calls > 0
        failed = sum(n for status, n in summary.statuses.items() if status != "ok")
        rows.append((
            str(directory),
            " ".join([settings.solver, *(f"{k}={v}" for k, v in sorted(settings.solver_args.items()))]
                     + ([f"seed={settings.seed}"] if settings.seed else [])),
            settings.source_name,
            f"{summary.num_finished}/{summary.num_tasks}",
            _percent(summary.per_output, summary.scored),
            _percent(summary.per_task, summary.scored),
            str(summary.tasks_solved) if summary.scored else "-",
            str(failed),
            f"{summary.seconds:.1f}s",
            _code(summary),
            *_usage_cells(summary.usage),
        ))
    if not rows:
        raise StoreError(f"no readable runs in {', '.join(args.dirs)}")
    if any_calls:  # runs of language-model solvers: what their calls came to
        header += ("TOKENS", "COST", "CACHED")
    else:
        rows = [row[:len(header)] for row in rows]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0
