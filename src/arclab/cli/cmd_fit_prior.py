"""`arclab fit-prior RUN_DIR`: fit the synth solver's learned prior on the programs a run got right."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..datasets import TaskSet
    from ..harness import TaskResult
    from ..search import PriorSample


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "fit-prior", help="fit synth's learned prior on a run's right programs",
        description="Read a finished run of a program-writing solver (synth), keep the programs of the "
                    "attempts that were right on their test output, and fit the prior synth's search "
                    "uses: how often each primitive, strategy and small constant appears, cross-fitted "
                    "in folds by a hash of each task's train pairs. Writes JSON (default: the prior "
                    "shipped with arclab).")
    parser.add_argument("run_dir", metavar="RUN_DIR")
    parser.add_argument("--out", "-o", metavar="PATH", help="where to write the prior (default: arclab's own)")
    parser.add_argument("--folds", type=int, default=None, metavar="K", help="cross-fitting folds (default 5)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..datasets import load_tasks
    from ..harness import open_run
    from ..search import DEFAULT_FOLDS, PRIOR_FILE, PriorError, fit_prior
    from ..task import ArclabError

    with open_run(args.run_dir) as store:
        settings = store.settings
        results = store.results()
    try:
        tasks = load_tasks(settings.source, solutions=settings.solutions)
    except ArclabError as error:
        raise PriorError(f"{args.run_dir}: cannot load the run's tasks ({settings.source}): {error}") from None
    samples = list(_samples(results, tasks, args.run_dir))
    if not samples:
        raise PriorError(f"{args.run_dir}: no attempt with a program was right on its test output "
                         f"(solver {settings.solver}): nothing to fit")
    prior = fit_prior(samples, args.folds or DEFAULT_FOLDS, settings.source_name)
    out = Path(args.out) if args.out else PRIOR_FILE
    out.write_text(json.dumps(prior.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}: {prior.programs} program(s) from {prior.tasks} task(s) of {settings.source_name}, "
          f"{len(prior.tables)} folds")
    return 0


def _samples(results: tuple[TaskResult, ...], tasks: TaskSet, run_dir: str) -> Iterator[PriorSample]:
    """Each right attempt's program, as found in its view (its task and strategy with it)."""
    import numpy as np

    from ..dsl import ParseError, parse
    from ..search import PriorError, PriorSample, out_of_view

    for result in results:
        task = tasks.get(result.task_id)
        if task is None:
            continue
        for test, attempts in zip(task.test, result.attempts):
            for attempt in attempts:
                text = attempt.metadata.get("program")
                if test.output is None or not isinstance(text, str):
                    continue
                if not np.array_equal(attempt.grid.array, test.output.array):
                    continue
                try:
                    program = parse(text)
                except ParseError as error:
                    raise PriorError(f"{run_dir}: task {result.task_id}: program: {error}") from None
                program = out_of_view(program, str(attempt.metadata.get("view", "identity")))
                yield PriorSample(task, program, str(attempt.metadata.get("strategy", "")))
