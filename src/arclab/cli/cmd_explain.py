"""`arclab explain TASK_ID`: the solver's answers and programs, shown reproducing the train pairs."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..search import ViewSearch
    from ..task import Task


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "explain", help="search a task and show the answers and programs found",
        description="Run the synth solver's whole search (every view, its settings) on one task and "
                    "print, per test input, its answers best first, each with the programs behind it "
                    "(exact on all train pairs), then the best program's output on each train input.")
    parser.add_argument("task_id", metavar="TASK_ID")
    parser.add_argument("--dataset", "-d", metavar="SOURCE",
                        help="dataset name, directory or JSON file (default: search the named datasets)")
    parser.add_argument("--budget", type=float, default=10.0, metavar="S", help="search seconds (default 10)")
    parser.add_argument("-S", dest="solver_args", action="append", default=[], metavar="KEY=VALUE",
                        help="a synth setting, as for `arclab eval --solver synth` (repeatable)")
    parser.add_argument("--top", type=int, default=5, metavar="N", help="answers to show per test input (default 5)")
    parser.add_argument("--no-colour", action="store_true", help="print digits instead of colours")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import time

    from ..datasets import load_task
    from ..solvers import make_solver, parse_assignments
    from ..solvers.synth import Synth

    task = load_task(args.task_id, args.dataset)
    settings = {"budget": args.budget, **parse_assignments(args.solver_args)}
    solver = make_solver("synth", **settings)
    assert isinstance(solver, Synth), "the synth factory builds a Synth"
    found = solver.search(task.without_test_outputs(), time.monotonic() + args.budget)
    _summary(task.id, len(task.train), found)
    if not any(found.answers):
        return 1
    _answers(task, found, args.top)
    _best_on_pairs(task, found, args.no_colour)
    return 0


def _summary(task_id: str, n_train: int, found: ViewSearch) -> None:
    stats = found.stats
    answers = sum(len(per_test) for per_test in found.answers)
    print(f"task {task_id}: {answers} answer(s) from programs exact on all {n_train} train pairs "
          f"({stats.evaluated} candidates in {stats.seconds:.1f} s; views: {', '.join(found.views_run)})")
    if stats.found:
        print("found by: " + ", ".join(f"{name} {n}" for name, n in sorted(stats.found.items())))
    for error in stats.errors:
        print(f"strategy failed: {error}")


def _answers(task: Task, found: ViewSearch, top: int) -> None:
    import numpy as np

    for i, (pair, per_test) in enumerate(zip(task.test, found.answers)):
        for rank, answer in enumerate(per_test[:top], 1):
            verdict = ""
            if pair.output is not None:
                right = np.array_equal(answer.grid, pair.output.array)
                verdict = f"  [test {i} {'right' if right else 'wrong'}]"
            attempt = "attempt" if rank <= 2 else "not tried"
            print(f"\ntest {i} #{rank} ({attempt}){verdict}  {'trusted' if answer.trusted else 'tentative'}, "
                  f"{len(answer.views)} view(s), {len(answer.programs)} program(s)")
            for cost, program, strategy, view in sorted(answer.programs, key=lambda p: p[0])[:3]:
                print(f"    cost {cost:g}  {strategy}  [{view}]  {program}")


def _best_on_pairs(task: Task, found: ViewSearch, no_colour: bool) -> None:
    from ..dsl import evaluate
    from ..task import Grid
    from ._terminal import side_by_side, use_colour

    colour = use_colour() and not no_colour
    best = next(per_test[0] for per_test in found.answers if per_test)
    program = min(best.programs, key=lambda p: p[0])[1]
    print(f"\nthe best program on each train input:  {program}")
    for i, pair in enumerate(task.train):
        produced = Grid._trusted(evaluate(program, pair.input.array))
        print()
        print(side_by_side([(f"train {i} input", pair.input), ("program output", produced),
                            ("expected", pair.output)], colour))
    for i, (pair, per_test) in enumerate(zip(task.test, found.answers)):
        if per_test:
            print()
            print(side_by_side([(f"test {i} input", pair.input), ("answer", Grid._trusted(per_test[0].grid))],
                               colour))
