"""`arclab render TASK_ID --out FILE.png|svg`: a picture of a task, with a run's attempts and diffs."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "render", help="draw a task (and a run's attempts) as PNG or SVG",
        description="Draw a task's train pairs and test inputs in the ARC palette, with the test outputs "
                    "when known; with --run, also that run's attempts and their diffs against the outputs.")
    parser.add_argument("task_id", metavar="TASK_ID")
    parser.add_argument("--dataset", "-d", metavar="SOURCE",
                        help="dataset name, directory or JSON file (default: the run's source, else search the "
                             "named datasets)")
    parser.add_argument("--run", dest="run_dir", metavar="DIR", help="a run directory: draw its attempts and their diffs")
    parser.add_argument("--out", "-o", required=True, metavar="FILE", help="output file, .png or .svg")
    parser.add_argument("--cell", type=int, metavar="PX", help="cell size in pixels (default: fit ~300 px)")
    parser.add_argument("--hide-test-outputs", action="store_true",
                        help="leave the test outputs (and so the diffs) out of the picture")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..datasets import SourceError, load_task
    from ..harness import open_run
    from ..render import RenderError, save, task_figure
    from ..report import run_tasks

    if args.cell is not None and not 2 <= args.cell <= 64:
        raise RenderError(f"--cell {args.cell}: give 2 to 64 pixels")
    attempts = None
    task = None
    if args.run_dir:
        with open_run(args.run_dir) as store:
            result = store.result(args.task_id)
            if result is None:
                raise SourceError(f"{args.run_dir}: the run has no result for task {args.task_id!r}")
            attempts = [[a.grid for a in per_test] for per_test in result.attempts]
            if args.dataset is None:
                tasks = run_tasks(store.settings)
                task = tasks.get(args.task_id) if tasks is not None else None
    if task is None:
        task = load_task(args.task_id, args.dataset)
    figure = task_figure(task, attempts, show_test_outputs=not args.hide_test_outputs)
    path = save(figure, args.out, args.cell)
    print(f"wrote {path}")
    return 0
