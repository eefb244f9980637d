"""`arclab validate`: list every problem in a task source or a submission file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "validate", help="check a task source or a submission.json",
        description="List every problem in a task source (dataset, directory, JSON file) or in a Kaggle "
                    "submission.json. Exits 1 when any problem is found.")
    parser.add_argument("source", metavar="SOURCE|SUBMISSION")
    parser.add_argument("--tasks", metavar="SOURCE",
                        help="for a submission: also check it covers exactly these tasks")
    parser.add_argument("--solutions", metavar="FILE", help="Kaggle solutions file for a challenges file")
    parser.add_argument("--strict", action="store_true",
                        help="stop with an error at the first bad task (by default every problem is listed; "
                             "either way any problem exits 1)")
    parser.set_defaults(run=run)


def looks_like_submission(raw: Any) -> bool:
    """A submission maps ids to lists (of {attempt_1, attempt_2} objects); a file of tasks maps ids to
    task objects. Decided by most entries, so one malformed entry does not change the verdict."""
    if not isinstance(raw, dict) or not raw or ("train" in raw and "test" in raw):
        return False
    lists = sum(isinstance(value, list) for value in raw.values())
    return lists * 2 > len(raw)


def run(args: argparse.Namespace) -> int:
    from ..datasets import load_tasks, read_json_file
    from ..scoring import check_submission, submission_from_json
    from ..task import TaskFormatError

    path = Path(args.source)
    if path.is_file():
        try:
            raw = read_json_file(path, allow_duplicates=True)
        except TaskFormatError:
            raw = None  # not JSON: load_tasks below reports it
        if looks_like_submission(raw):
            submission, problems = submission_from_json(raw, file=str(path))
            try:
                read_json_file(path)
            except TaskFormatError as error:  # a repeated task id or key
                problems.insert(0, error)
            if args.tasks:
                problems += check_submission(submission, load_tasks(args.tasks, strict=args.strict),
                                             file=str(path))
            for problem in problems:
                print(problem)
            outputs = sum(len(v) for v in submission.values())
            print(f"submission {path}: {len(submission)} tasks, {outputs} test outputs, "
                  f"{len(problems)} problem(s)")
            return 1 if problems else 0
    tasks = load_tasks(args.source, solutions=args.solutions, strict=args.strict)
    for problem in tasks.problems:
        print(problem)
    print(f"{tasks.name}: {len(tasks)} valid tasks, {tasks.num_test_outputs} test inputs, "
          f"{len(tasks.problems)} problem(s)")
    return 1 if tasks.problems else 0
