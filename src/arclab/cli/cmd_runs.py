"""`arclab runs`: list runs with their progress and scores."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..harness import RunSummary


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


def run(args: argparse.Namespace) -> int:
    from ..harness import StoreError, find_runs, open_run, summarise

    dirs = find_runs(args.dirs)
    if not dirs:
        raise StoreError(f"no runs in {', '.join(args.dirs)}")
    header = ("RUN", "SOLVER", "SOURCE", "DONE", "PER-OUTPUT", "PER-TASK", "SOLVED", "FAILED", "TIME", "CODE")
    rows = []
    for directory in dirs:
        try:
            with open_run(directory) as store:
                summary = summarise(store)
        except StoreError as error:  # one damaged run does not hide the others
            print(f"warning: skipped {directory}: {error}", file=sys.stderr)
            continue
        settings = summary.settings
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
        ))
    if not rows:
        raise StoreError(f"no readable runs in {', '.join(args.dirs)}")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0
