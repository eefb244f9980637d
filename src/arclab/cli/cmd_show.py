"""`arclab show TASK_ID`: a task's grids in colour in the terminal."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("show", help="show a task's grids in the terminal",
                                   description="Show a task's train pairs and test inputs (and outputs when known).")
    parser.add_argument("task_id", metavar="TASK_ID")
    parser.add_argument("--dataset", "-d", metavar="SOURCE",
                        help="dataset name, directory or JSON file (default: search the named datasets)")
    parser.add_argument("--no-colour", action="store_true", help="print digits instead of colours")
    parser.add_argument("--strict", action="store_true",
                        help="with --dataset: fail if the source has any bad task instead of skipping bad tasks")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..datasets import load_task
    from ._terminal import side_by_side, use_colour

    task = load_task(args.task_id, args.dataset, strict=args.strict)
    colour = use_colour() and not args.no_colour
    print(f"task {task.id}  ({len(task.train)} train, {len(task.test)} test)")
    for i, pair in enumerate(task.train):
        print()
        print(side_by_side([(f"train {i} input", pair.input), (f"train {i} output", pair.output)], colour))
    for i, pair in enumerate(task.test):
        print()
        print(side_by_side([(f"test {i} input", pair.input), (f"test {i} output", pair.output)], colour))
    return 0
