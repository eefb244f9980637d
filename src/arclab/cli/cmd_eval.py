"""`arclab eval`: run a solver over a task source, resumably, and score it."""

from __future__ import annotations

import argparse
import math
import re
import signal
from types import FrameType


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "eval", help="run a solver over a task source",
        description="Run a solver on every task of a source in worker processes, under per-task time and "
                    "memory limits. Each finished task is stored at once in DIR/results.sqlite; running the "
                    "same command again resumes, running only unfinished tasks. Writes DIR/submission.json "
                    "and prints the scores when the source has its test outputs.")
    parser.add_argument("source", metavar="SOURCE", help="dataset name, directory or JSON file of tasks")
    parser.add_argument("--solver", required=True, metavar="NAME",
                        help="a solver: identity, constant, synth, one a plugin adds, or module:factory")
    parser.add_argument("-S", dest="solver_args", action="append", default=[], metavar="KEY=VALUE",
                        help="a solver argument (repeatable)")
    parser.add_argument("--time-limit", type=_seconds, default=60.0, metavar="S",
                        help="seconds per task (default 60; 0 for none)")
    parser.add_argument("--memory-limit", type=_megabytes, default=4096.0, metavar="MB",
                        help="MiB of resident memory per worker, with the processes its solver starts "
                             "(default 4096; 0 for none)")
    parser.add_argument("--workers", type=_positive_int, metavar="N",
                        help="tasks at once (default: one per core, or the Ray cluster's CPUs)")
    parser.add_argument("--out", metavar="DIR", help="run directory (default runs/SOLVER-SOURCE)")
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="the run's seed (default 0)")
    parser.add_argument("--backend", choices=("process", "ray"), default="process",
                        help="where workers run (default process; ray needs the `ray` extra)")
    parser.add_argument("--address", metavar="ADDR", help="Ray cluster address (default: start a local Ray)")
    parser.add_argument("--solutions", metavar="FILE", help="Kaggle solutions file for a challenges file")
    parser.add_argument("--retry-failed", action="store_true",
                        help="when resuming, run again the tasks that ended with an error, timeout, "
                             "memory or crash")
    parser.add_argument("--task", dest="task_ids", action="append", default=[], metavar="ID",
                        help="only this task (repeatable)")
    parser.add_argument("--limit", type=_positive_int, metavar="N", help="only the first N tasks")
    parser.add_argument("--exclude", action="append", default=[], metavar="OTHER_SOURCE",
                        help="skip every task that shares an example (input and output) with this "
                             "source (repeatable), e.g. the development split: arc-agi-2/training --exclude arc-agi-1/training "
                             "--exclude arc-agi-1/evaluation")
    parser.add_argument("--allow-code-change", action="store_true",
                        help="resume a run made with other code (arclab, the solver's source, Python or "
                             "library versions); each session records the code it ran")
    parser.add_argument("--force", action="store_true",
                        help="write the run into a folder that holds other files but no run (files "
                             "such as submission.json there are overwritten)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(run=run)


def _seconds(text: str) -> float | None:
    value = float(text)
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds >= 0: {text}")
    return value or None


def _megabytes(text: str) -> float | None:
    value = float(text)
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"not a number of MiB >= 0: {text}")
    return value or None


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def default_out(solver: str, source: str) -> str:
    """runs/<solver>-<source>, with anything odd in the names turned into '-'."""
    stem = source.rstrip("/").split("/")[-2:] if "/" in source else [source]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{solver}-{'-'.join(stem)}").strip("-.")
    return f"runs/{slug.removesuffix('.json')}"


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from ..harness import SUBMISSION_FILE, EvalConfig, Limits, ProgressBar, evaluate

    config = EvalConfig(
        source=args.source, solver=args.solver, out=args.out or default_out(args.solver, args.source),
        solver_args=tuple(args.solver_args), seed=args.seed,
        limits=Limits(args.time_limit, args.memory_limit), workers=args.workers, backend=args.backend,
        address=args.address, solutions=args.solutions, retry_failed=args.retry_failed,
        task_ids=tuple(args.task_ids), limit=args.limit, exclude=tuple(args.exclude),
        allow_code_change=args.allow_code_change, force=args.force)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a polite kill stops like Ctrl-C
    try:
        report = evaluate(config, None if args.quiet else ProgressBar())
    finally:
        signal.signal(signal.SIGTERM, previous)
    for problem in report.problems:
        print(f"warning: skipped bad task: {problem}")
    summary = report.summary
    failures = ", ".join(f"{n} {status}" for status, n in summary.statuses.items() if status != "ok")
    print(f"{summary.settings.source_name}: {report.tasks_run} task(s) run, {report.skipped} resumed"
          + (f"; {failures}" if failures else ""))
    if report.score is not None:
        print(f"{summary.settings.source_name}: {report.score.summary()}")
        if report.placeholder_solved:
            print(f"note: {report.placeholder_solved} of these output(s) are solved only by the [[0]] placeholder "
                  f"{SUBMISSION_FILE} holds where the solver gave no attempt")
    else:
        print(f"{summary.settings.source_name}: not scored (the source has no test outputs)")
    print(f"wrote {report.submission_path}")
    return 0
