"""Harness throughput and per-task overhead: the identity solver through `arclab.harness.evaluate`.

    python benchmarks/harness_throughput.py [--source arc-agi-1/evaluation] [--workers 1 2] [--repeat 3]

The identity solver takes microseconds, so almost all the time measured is the harness's own:
handing each task to a worker process, its answer back, scoring it and committing it to the
SQLite store. For each worker count (best of --repeat fresh runs) it prints:

- end-to-end tasks/s: all tasks / the whole `evaluate` call (loading the dataset, creating the
  store, starting the workers, writing submission.json included);
- steady tasks/s: tasks / time from the first result to the last;
- overhead per task: 1 / steady rate - mean solver time / workers, the wall-clock time the
  harness adds per task;
- slot time per task: workers / steady rate - mean solver time, the time one worker slot spends
  on a task outside the solver (with 2 workers the harness's single supervising process is the
  bottleneck, so this is about twice the wall-clock overhead);
- start-up: the time from the call to the first result (load, store, worker start).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

from arclab.harness import EvalConfig, RunStart, TaskResult, evaluate


class _Clock:
    """Notes when each result arrives."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.solve: list[float] = []

    def on_start(self, start: RunStart) -> None:
        pass

    def on_result(self, result: TaskResult) -> None:
        self.times.append(time.perf_counter())
        self.solve.append(result.seconds)

    def on_end(self) -> None:
        pass


def measure(source: str, workers: int) -> dict[str, float]:
    clock = _Clock()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        report = evaluate(EvalConfig(source, "identity", Path(tmp) / "run", workers=workers), clock)
        wall = time.perf_counter() - start
    n = len(clock.times)
    assert n == report.tasks_run and report.summary.statuses == {"ok": n}
    steady = (n - 1) / (clock.times[-1] - clock.times[0])
    mean_solve = statistics.fmean(clock.solve)
    return {"tasks": n, "wall": wall, "end_to_end": n / wall, "steady": steady,
            "overhead_ms": (1 / steady - mean_solve / workers) * 1000,
            "slot_ms": (workers / steady - mean_solve) * 1000, "solve_us": mean_solve * 1e6,
            "startup": clock.times[0] - start}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", default="arc-agi-1/evaluation")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{args.source}, identity solver, best of {args.repeat}; Python {platform.python_version()}, "
          f"{platform.machine()}")
    print("| workers | tasks | wall (s) | end-to-end tasks/s | steady tasks/s | overhead per task | "
          "slot time per task | solver per task | start-up (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for workers in args.workers:
        runs = [measure(args.source, workers) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["wall"])
        print(f"| {workers} | {best['tasks']:.0f} | {best['wall']:.2f} | {best['end_to_end']:.0f} | "
              f"{best['steady']:.0f} | {best['overhead_ms']:.2f} ms | {best['slot_ms']:.2f} ms | "
              f"{best['solve_us']:.0f} µs | "
              f"{best['startup']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
