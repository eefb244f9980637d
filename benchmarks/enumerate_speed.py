"""Candidates evaluated per second by the `synth` search on a fixed sample of training tasks.

    .venv/bin/python benchmarks/enumerate_speed.py [--mode synth|enumerate] [--seconds 3]
        [--tasks 30] [--dataset arc-agi-1/training] [--profile FILE] [--top 40]

mode synth: the whole solver (every view, strategies, cell learners), `seconds` per task, as the
harness runs it but in this process; the figure is candidates evaluated over the seconds spent,
the same definition as benchmarks/synth_benchmark.py's "Candidates evaluated: N/s".
mode enumerate: the enumerator alone on each task's train and test inputs for `seconds`.
mode fixed: the enumerator alone with no deadline until it has evaluated `seconds` candidates (a
count, not seconds): identical work in old and new code, so the CPU seconds compare them exactly.

The sample is every k-th task of the dataset (sorted by id), so old and new code see the same
tasks. To compare two checkouts, run this script with PYTHONPATH=<checkout>/src, alternating.
--profile writes cProfile statistics to FILE and prints the top entries by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Callable, Sequence

import numpy as np

import arclab
from arclab.datasets import load_tasks
from arclab.search import Enumerator
from arclab.solvers import SolveContext, make_solver
from arclab.task import Task


def sample(dataset: str, n: int) -> list[Task]:
    """Every k-th task of the dataset, n in all."""
    tasks = sorted(load_tasks(dataset).tasks, key=lambda t: t.id)
    step = max(1, len(tasks) // n)
    return list(tasks[::step][:n])


def run_enumerate(task: Task, seconds: float) -> int | None:
    """Candidates the enumerator alone evaluates on the task within `seconds`."""
    inputs = [ex.input.array for ex in task.train] + [ex.input.array for ex in task.test]
    grids = inputs + [ex.output.array for ex in task.train if ex.output is not None]
    colours = sorted(set(np.unique(np.concatenate([g.ravel() for g in grids])).tolist()))
    enum = Enumerator(inputs, colours, deadline=time.monotonic() + seconds)
    for _ in enum.candidates(12):
        pass
    return enum.evaluated


def run_fixed(task: Task, candidates: float) -> int | None:
    """The enumerator alone, with no deadline, until it has evaluated `candidates` candidates: the
    same work in any version whose enumeration order is unchanged, so its CPU time compares them."""
    inputs = [ex.input.array for ex in task.train] + [ex.input.array for ex in task.test]
    grids = inputs + [ex.output.array for ex in task.train if ex.output is not None]
    colours = sorted(set(np.unique(np.concatenate([g.ravel() for g in grids])).tolist()))
    enum = Enumerator(inputs, colours)
    for _ in enum.candidates(12):
        if enum.evaluated >= candidates:
            break
    return enum.evaluated


def run_synth(task: Task, seconds: float) -> int | None:
    """Candidates the whole synth solver evaluates on the task within `seconds`."""
    solver = make_solver("synth")
    context = SolveContext(seed=0, deadline=time.monotonic() + seconds, time_limit=seconds, task_id=task.id)
    prediction = solver.solve(task.without_test_outputs(), context)
    for per_input in prediction:
        for attempt in per_input:
            evaluated = attempt.metadata.get("evaluated")
            if isinstance(evaluated, int):
                return evaluated
    return None  # no attempt: the harness benchmark leaves such tasks out of the figure


def measure(tasks: Sequence[Task], run: Callable[[Task, float], int | None],
            seconds: float) -> tuple[int, float, float, int]:
    """(candidates, wall seconds, CPU seconds, tasks counted) over the tasks that report a count.

    On a shared machine the CPU seconds are the steadier figure: the search's deadline is on the
    wall clock, but what it does in a CPU second does not depend on the other processes.
    """
    total, wall, cpu, counted = 0, 0.0, 0.0, 0
    for task in tasks:
        start, start_cpu = time.monotonic(), time.process_time()
        evaluated = run(task, seconds)
        if evaluated is not None:
            total, counted = total + evaluated, counted + 1
            wall += time.monotonic() - start
            cpu += time.process_time() - start_cpu
    return total, wall, cpu, counted


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("synth", "enumerate", "fixed"), default="synth")
    parser.add_argument("--seconds", type=float, default=3.0, help="per task (mode fixed: candidates per task)")
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--dataset", default="arc-agi-1/training")
    parser.add_argument("--profile", default=None)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    tasks = sample(args.dataset, args.tasks)
    run = {"synth": run_synth, "enumerate": run_enumerate, "fixed": run_fixed}[args.mode]
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    total, spent, cpu, counted = measure(tasks, run, args.seconds)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
        pstats.Stats(args.profile).sort_stats("tottime").print_stats(args.top)
    print(f"code: {arclab.__file__}")
    each = f"{args.seconds:g} candidates" if args.mode == "fixed" else f"{args.seconds:g} s"
    print(f"{args.mode}: {counted} of {len(tasks)} tasks counted, {each} each: {total} candidates"
          f" in {spent:.1f} s ({cpu:.1f} s CPU) = {total / spent:,.0f}/s ({total / max(cpu, 1e-9):,.0f} per CPU second)")


if __name__ == "__main__":
    main()
