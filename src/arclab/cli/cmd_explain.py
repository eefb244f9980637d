"""`arclab explain TASK_ID`: the programs the solver finds, shown reproducing the train pairs."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "explain", help="search a task and show the programs found",
        description="Run the synth solver's search on one task and print every program found that is "
                    "exact on all train pairs, cheapest first, with its output on each train input.")
    parser.add_argument("task_id", metavar="TASK_ID")
    parser.add_argument("--dataset", "-d", metavar="SOURCE",
                        help="dataset name, directory or JSON file (default: search the named datasets)")
    parser.add_argument("--budget", type=float, default=10.0, metavar="S", help="search seconds (default 10)")
    parser.add_argument("--top", type=int, default=5, metavar="N", help="programs to show (default 5)")
    parser.add_argument("--no-colour", action="store_true", help="print digits instead of colours")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import time

    import numpy as np

    from ..datasets import load_task
    from ..dsl import evaluate
    from ..search import Synthesizer
    from ..task import Grid
    from ._terminal import side_by_side, use_colour

    task = load_task(args.task_id, args.dataset)
    colour = use_colour() and not args.no_colour
    synth = Synthesizer(task.without_test_outputs(), time.monotonic() + args.budget)
    solutions = synth.run()
    stats = synth.stats
    print(f"task {task.id}: {len(solutions)} program(s) exact on all {len(task.train)} train pairs "
          f"({stats.evaluated} candidates in {stats.seconds:.1f} s)")
    if stats.found:
        print("found by: " + ", ".join(f"{name} {n}" for name, n in sorted(stats.found.items())))
    for error in stats.errors:
        print(f"strategy failed: {error}")
    if not solutions:
        return 1
    for rank, sol in enumerate(solutions[: args.top], 1):
        verdicts = []
        for i, pair in enumerate(task.test):
            if pair.output is not None:
                right = np.array_equal(sol.test_outputs[i], pair.output.array)
                verdicts.append(f"test {i} {'right' if right else 'wrong'}")
        note = f"  [{', '.join(verdicts)}]" if verdicts else ""
        print(f"\n#{rank}  cost {sol.cost:g}  {sol.strategy}{note}\n    {sol.program}")
    best = solutions[0]
    print(f"\nthe best program on each train input:  {best.program}")
    for i, pair in enumerate(task.train):
        produced = Grid._trusted(evaluate(best.program, pair.input.array))
        print()
        print(side_by_side([(f"train {i} input", pair.input), ("program output", produced),
                            ("expected", pair.output)], colour))
    for i, pair in enumerate(task.test):
        print()
        print(side_by_side([(f"test {i} input", pair.input),
                            ("answer", Grid._trusted(best.test_outputs[i]))], colour))
    return 0
