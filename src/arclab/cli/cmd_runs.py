"""`arclab runs`: list runs with their progress and scores."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "runs", help="list runs and their scores",
        description="List runs made by `arclab eval`: each DIR is a run directory or a folder of them "
                    "(default: runs).")
    parser.add_argument("dirs", nargs="*", metavar="DIR", default=["runs"])
    parser.set_defaults(run=run)


def _percent(value: float, scored: bool) -> str:
    return f"{value:.1%}" if scored else "-"


def run(args: argparse.Namespace) -> int:
    from ..harness import StoreError, find_runs, open_run, summarise

    dirs = find_runs(args.dirs)
    if not dirs:
        raise StoreError(f"no runs in {', '.join(args.dirs)}")
    header = ("RUN", "SOLVER", "SOURCE", "DONE", "PER-OUTPUT", "PER-TASK", "SOLVED", "FAILED", "TIME")
    rows = []
    for directory in dirs:
        with open_run(directory) as store:
            summary = summarise(store)
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
        ))
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0
