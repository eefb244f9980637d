"""The identity baseline: predict each test input itself as the output, and score it.

    python benchmarks/identity_baseline.py [SOURCE ...] [--out DIR]

For each task source (default: the four named datasets) writes the Kaggle submission.json of
the baseline (both attempts are the test input) to DIR, reads it back and prints the official
scores via arclab's API. `arclab score DIR/<name>.json --tasks SOURCE` gives the same figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from arclab.datasets import NAMED_DATASETS, TaskSet, load_tasks
from arclab.scoring import Submission, read_submission, score, write_submission


def identity_submission(tasks: TaskSet) -> Submission:
    """Both attempts for every test input are the input itself (the solver never sees test outputs)."""
    return {
        task.id: tuple((grid, grid) for grid in task.without_test_outputs().test_inputs)
        for task in tasks
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sources", nargs="*", default=list(NAMED_DATASETS), metavar="SOURCE")
    parser.add_argument("--out", default="runs/identity", metavar="DIR",
                        help="where to write the submissions (default runs/identity)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"{'dataset':<22} {'per-output':>16} {'per-task':>9} {'fully solved':>13}  submission")
    for source in args.sources:
        tasks = load_tasks(source, strict=True)
        path = out / (str(source).replace("/", "_") + ".json")
        write_submission(identity_submission(tasks), path)
        submission, problems = read_submission(path)
        if problems:
            print(f"{path}: {problems[0]}", file=sys.stderr)
            return 1
        result = score(tasks, submission)
        per_output = f"{result.per_output:.2%} ({result.outputs_solved}/{result.num_outputs})"
        print(f"{tasks.name:<22} {per_output:>16} {result.per_task:>9.2%} "
              f"{f'{result.tasks_solved}/{result.num_tasks}':>13}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
