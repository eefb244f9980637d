"""`arclab score`: the official scores of a submission.json against a task source."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "score", help="score a submission.json",
        description="Score a Kaggle submission.json against a task source with known test outputs: "
                    "two attempts, exact match. Tasks missing from the submission score 0.")
    parser.add_argument("submission", metavar="SUBMISSION")
    parser.add_argument("--tasks", required=True, metavar="SOURCE", help="dataset name, directory or JSON file")
    parser.add_argument("--solutions", metavar="FILE", help="Kaggle solutions file for a challenges file")
    parser.add_argument("--json", metavar="FILE", help="also write the scores, per task, as JSON")
    parser.add_argument("--strict", action="store_true",
                        help="fail on the first bad task in the source instead of skipping bad tasks")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..datasets import SourceError, load_tasks
    from ..scoring import read_submission, score

    tasks = load_tasks(args.tasks, solutions=args.solutions, strict=args.strict)
    unsolved = [t.id for t in tasks if not t.has_solutions]
    if unsolved:
        raise SourceError(f"{args.tasks}: {len(unsolved)} task(s) have no known test outputs "
                          f"(e.g. {unsolved[0]}); give --solutions")
    submission, problems = read_submission(args.submission)
    result = score(tasks, submission)
    for problem in problems:
        print(f"warning: {problem}")
    for problem in tasks.problems:
        print(f"warning: skipped bad task: {problem}")
    if result.missing:
        print(f"warning: {len(result.missing)} task(s) missing from the submission, scored 0")
    if result.extra:
        print(f"warning: {len(result.extra)} id(s) not in {tasks.name} ignored: {', '.join(result.extra[:5])}"
              + (" ..." if len(result.extra) > 5 else ""))
    print(f"{tasks.name}: {result.summary()}")
    if args.json:
        report = {
            "tasks": tasks.name, "version": tasks.version, "submission": str(args.submission),
            "per_output": result.per_output, "per_task": result.per_task,
            "tasks_solved": result.tasks_solved, "outputs_solved": result.outputs_solved,
            "num_outputs": result.num_outputs, "num_tasks": result.num_tasks,
            "missing": list(result.missing), "extra": list(result.extra),
            "per_task_results": {r.task_id: list(r.solved) for r in result.tasks},
        }
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0
