"""`arclab report RUN_DIR`: one self-contained HTML file with a run's scores, tasks, attempts and diffs."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report", help="write a run's HTML report",
        description="Write one self-contained HTML file for a run directory: the scores, a per-task table "
                    "(outcome, status, time, outputs solved) and, for each task, its pairs, the attempts, "
                    "their diffs against the expected outputs and the solver's programs.")
    parser.add_argument("run_dir", metavar="RUN_DIR")
    parser.add_argument("--out", "-o", metavar="FILE", help="where to write it (default: RUN_DIR/report.html)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..report import write_report

    path = write_report(args.run_dir, args.out)
    print(f"wrote {path}")
    return 0
