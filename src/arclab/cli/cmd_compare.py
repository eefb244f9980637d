"""`arclab compare`: per-task gains and losses of one run over another, and the score delta."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "compare", help="compare two runs task by task",
        description="Compare run B with run A: tasks B solves that A does not (gains), the reverse "
                    "(losses), status changes, and the change in each score.")
    parser.add_argument("run_a", metavar="RUN_A")
    parser.add_argument("run_b", metavar="RUN_B")
    parser.add_argument("--all", action="store_true", help="list every changed task (default: at most 50 each)")
    parser.set_defaults(run=run)


def _fraction(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def run(args: argparse.Namespace) -> int:
    from ..harness import compare_runs, open_run

    with open_run(args.run_a) as a, open_run(args.run_b) as b:
        result = compare_runs(a, b)
    limit = None if args.all else 50
    print(f"A: {args.run_a}  ({result.a.settings.solver}, {result.a.num_finished}/{result.a.num_tasks} done)")
    print(f"B: {args.run_b}  ({result.b.settings.solver}, {result.b.num_finished}/{result.b.num_tasks} done)")
    if not result.same_source:
        print(f"warning: different sources ({result.a.settings.source} vs {result.b.settings.source}); "
              f"comparing the {result.common} task(s) both planned")
    if result.only_a or result.only_b:
        print(f"{len(result.only_a)} task(s) only in A, {len(result.only_b)} only in B")
    for title, changes in (("gains", result.gained), ("losses", result.lost)):
        print(f"{title} ({len(changes)}):")
        for change in changes[:limit]:
            print(f"  {change.task_id}  {_fraction(change.before)} -> {_fraction(change.after)}"
                  f"  ({change.status_before or 'not run'} -> {change.status_after or 'not run'})")
        if limit is not None and len(changes) > limit:
            print(f"  ... and {len(changes) - limit} more (--all)")
    others = [c for c in result.status_changes if c not in result.gained and c not in result.lost]
    if others:
        print(f"status changes without a score change ({len(others)}):")
        for change in others[:limit]:
            print(f"  {change.task_id}  {change.status_before or 'not run'} -> {change.status_after or 'not run'}")
    if result.a.scored and result.b.scored:
        print(f"per-output {result.a.per_output:.2%} -> {result.b.per_output:.2%} ({result.per_output_delta:+.2%})")
        print(f"per-task   {result.a.per_task:.2%} -> {result.b.per_task:.2%} ({result.per_task_delta:+.2%})")
        print(f"fully solved {result.a.tasks_solved} -> {result.b.tasks_solved} ({result.tasks_solved_delta:+d})")
    else:
        print("not scored: a run's source has no test outputs")
    return 0
