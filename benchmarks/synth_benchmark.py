"""Benchmark the program-synthesis solver on a dataset and append the figures to RESULTS.md.

    .venv/bin/python benchmarks/synth_benchmark.py DATASET [--time-limit 10] [--workers 2]
        [--out DIR] [--limit N] [--results benchmarks/RESULTS.md]

1. Runs `arclab eval DATASET --solver synth --time-limit T --workers W --out DIR [--limit N]` in
   a subprocess with this Python's `arclab` (exactly what a user runs) and times it. DIR is
   resumed when it already holds a run with the same settings: only unfinished tasks run, and
   the wall time then covers this invocation only (the section says so).
2. Reads the run back through `arclab.harness` and computes the official scores, the solved
   tasks (any test output solved), time to solution, statuses and candidate programs per second.
3. Re-runs every solved task's stored programs from their text on the task's test inputs and
   checks each reproduces its stored attempt, that the right answers come out and that the
   program is exact on the train pairs. Any failure exits non-zero (after writing the section).
4. Appends a section to --results (never rewriting what is there) and prints it.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import platform
import re
import shlex
import signal
import statistics
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from arclab.datasets import TaskSet, load_tasks
from arclab.dsl import ParseError, evaluate, parse
from arclab.harness import TaskResult, is_run_dir, open_run, summarise
from arclab.scoring import Score, read_submission, score
from arclab.task import Task

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RESULTS = REPO / "benchmarks" / "RESULTS.md"


# --- the figures ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskRow:
    """What the benchmark needs of one finished task (read from the store)."""

    task_id: str
    status: str
    seconds: float
    correct: tuple[bool, ...] | None
    evaluated: int | None
    """metadata["evaluated"] of the task's first attempt; None when it has no attempt."""
    strategy: str | None
    """metadata["strategy"] of the task's first attempt."""

    @property
    def solved(self) -> bool:
        """At least one test output solved."""
        return bool(self.correct) and any(self.correct)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Figures:
    """Time, status and throughput figures over the finished tasks of the plan."""

    planned: int
    finished: int
    statuses: dict[str, int]
    solved_ids: tuple[str, ...]
    """Tasks with any test output solved, sorted."""
    solve_median: float | None
    solve_mean: float | None
    all_median: float | None
    all_mean: float | None
    total_seconds: float
    evaluated: int
    """Candidates evaluated, summed over the tasks with an attempt."""
    evaluated_tasks: int
    evaluated_seconds: float
    strategies: dict[str, int]
    """Strategy of each solved task's first attempt, counted."""

    @property
    def candidates_per_second(self) -> float | None:
        return self.evaluated / self.evaluated_seconds if self.evaluated_seconds > 0 else None


def task_rows(results: Iterable[TaskResult]) -> list[TaskRow]:
    """The rows of these results."""
    rows = []
    for result in results:
        first = next((per_input[0] for per_input in result.attempts if per_input), None)
        metadata = dict(first.metadata) if first is not None else {}
        evaluated = metadata.get("evaluated")
        rows.append(TaskRow(result.task_id, str(result.status), float(result.seconds), result.correct,
                            evaluated if isinstance(evaluated, int) else None, metadata.get("strategy")))
    return rows


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def figures(rows: Sequence[TaskRow], planned: int) -> Figures:
    """The figures over `rows` (the finished tasks of a plan of `planned` tasks)."""
    solved = sorted((row for row in rows if row.solved), key=lambda row: row.task_id)
    solve_times = [row.seconds for row in solved]
    all_times = [row.seconds for row in rows]
    counted = [row for row in rows if row.evaluated is not None]
    return Figures(
        planned=planned,
        finished=len(rows),
        statuses=dict(sorted(Counter(row.status for row in rows).items())),
        solved_ids=tuple(row.task_id for row in solved),
        solve_median=_median(solve_times), solve_mean=_mean(solve_times),
        all_median=_median(all_times), all_mean=_mean(all_times),
        total_seconds=sum(all_times),
        evaluated=sum(row.evaluated or 0 for row in counted),
        evaluated_tasks=len(counted),
        evaluated_seconds=sum(row.seconds for row in counted),
        strategies=dict(Counter(row.strategy or "?" for row in solved).most_common()),
    )


# --- re-running the programs ---------------------------------------------------------------------


@dataclass
class Recheck:
    """The solved tasks' programs re-run from their stored text."""

    tasks: int = 0
    tasks_ok: int = 0
    programs: int = 0
    """Attempts re-run (one program each)."""
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def _run_program(text: str, grid: np.ndarray) -> tuple[np.ndarray | None, str]:
    """The program's output on `grid`, or None and why not."""
    try:
        expr = parse(text)
    except ParseError as error:
        return None, f"does not parse: {error}"
    try:
        value = evaluate(expr, grid)
    except Exception as error:  # a primitive's bug: record it as a failed re-run, with why
        return None, f"raised {type(error).__name__}: {error}"
    if value is None:
        return None, "undefined (evaluate returned None)"
    if not isinstance(value, np.ndarray) or value.ndim != 2:
        return None, f"returned {type(value).__name__}, not a grid"
    return value, ""


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a, b))


def _difference(got: np.ndarray, stored: np.ndarray) -> str:
    if got.shape != stored.shape:
        return f"shape {got.shape[0]}x{got.shape[1]}, stored {stored.shape[0]}x{stored.shape[1]}"
    return f"{int(np.count_nonzero(got != stored))} of {got.size} cells"


def recheck_task(task: Task, result: TaskResult) -> list[str]:
    """Why the task's stored programs do not reproduce its stored answers (empty when they do).

    For each test input, every attempt's program must give that attempt's grid; where the store
    says the output was solved, one of them must equal the known output; and each program must
    be exact on every train pair (the solver only keeps such programs).
    """
    problems: list[str] = []
    where = f"task {task.id}"
    if len(result.attempts) != len(task.test):
        return [f"{where}: {len(result.attempts)} attempt lists for {len(task.test)} test inputs"]
    checked_train: set[str] = set()
    for i, (pair, attempts) in enumerate(zip(task.test, result.attempts)):
        outputs = []
        for j, attempt in enumerate(attempts):
            at = f"{where} test {i} attempt {j + 1}"
            text = attempt.metadata.get("program")
            if not isinstance(text, str):
                problems.append(f"{at}: no program in its metadata")
                continue
            value, why = _run_program(text, pair.input.array)
            if value is None:
                problems.append(f"{at}: {text}: {why}")
                continue
            outputs.append(value)
            if not _same(value, attempt.grid.array):
                problems.append(f"{at}: {text}: differs from the stored attempt ({_difference(value, attempt.grid.array)})")
            if text not in checked_train:
                checked_train.add(text)
                for k, example in enumerate(task.train):
                    got, why = _run_program(text, example.input.array)
                    if example.output is not None and (got is None or not _same(got, example.output.array)):
                        problems.append(f"{at}: {text}: not exact on train pair {k}" + (f" ({why})" if why else ""))
                        break
        solved = bool(result.correct and result.correct[i])
        if solved and not attempts:  # solved by the [[0]] placeholder submission.json holds: no program
            continue
        if solved and pair.output is not None and not any(_same(v, pair.output.array) for v in outputs):
            problems.append(f"{where} test {i}: marked solved, but no re-run program gives the right answer")
    return problems


def recheck(tasks: TaskSet, results: Iterable[TaskResult]) -> Recheck:
    """Re-run the programs of every result with any test output solved."""
    check = Recheck()
    start = time.perf_counter()
    for result in results:
        if not (result.correct and any(result.correct)):
            continue
        check.tasks += 1
        check.programs += sum(len(attempts) for attempts in result.attempts)
        problems = recheck_task(tasks[result.task_id], result)
        check.failures.extend(problems)
        check.tasks_ok += not problems
    check.seconds = time.perf_counter() - start
    return check


# --- the machine and the code --------------------------------------------------------------------


def machine() -> str:
    """Cores, CPU model, memory, OS and Python, in one line."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = memory = "?"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
        model = found.group(1).strip() if found else platform.processor() or "?"
    except OSError:
        pass
    try:
        meminfo = Path("/proc/meminfo").read_text()
        found = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
        if found:
            memory = f"{int(found.group(1)) / 1024 ** 2:.1f} GiB"
    except OSError:
        pass
    return (f"{cores} cores (nproc), {model}, {memory} RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def source_hash() -> str:
    """A short hash of every .py file under src/arclab, uncommitted edits included.

    The package is installed editable, so this is the code the workers import; comparing it
    before and after the run shows whether someone edited it meanwhile.
    """
    digest = hashlib.sha256()
    root = REPO / "src" / "arclab"
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class CodeState:
    commit: str
    dirty_src: int
    """Paths under src/ changed or untracked."""
    dirty_other: int
    source_hash: str

    def describe(self) -> str:
        if not self.commit:
            return f"not a git checkout; src hash {self.source_hash}"
        if self.dirty_src:
            tree = f"dirty: {self.dirty_src} path(s) under src/ differ from the commit"
        elif self.dirty_other:
            tree = f"src/ clean ({self.dirty_other} other path(s) differ)"
        else:
            tree = "clean"
        return f"{self.commit} ({tree}); src hash {self.source_hash}"


def code_state() -> CodeState:
    """The checkout's commit, how dirty it is, and the hash of the code that runs."""
    status = _git("status", "--porcelain").splitlines()
    under_src = sum(1 for line in status if line[3:].strip('"').startswith("src/"))
    return CodeState(_git("rev-parse", "--short", "HEAD"), under_src, len(status) - under_src, source_hash())


# --- the report ----------------------------------------------------------------------------------


def score_rows(official: Score) -> list[tuple[str, str]]:
    """The three official scores, each with its counts."""
    return [
        ("per test output (Kaggle)", f"{official.per_output:.2%} ({official.outputs_solved}/{official.num_outputs})"),
        ("per task (mean fraction)", f"{official.per_task:.2%} ({official.per_task * official.num_tasks:.2f}"
                                     f"/{official.num_tasks})"),
        ("tasks fully solved", f"{_pct(official.tasks_solved, official.num_tasks)} "
                               f"({official.tasks_solved}/{official.num_tasks})"),
    ]


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.2%}" if whole else "n/a"


def _secs(value: float | None) -> str:
    return f"{value:.2f} s" if value is not None else "n/a"


def wrap_ids(ids: Sequence[str], width: int = 100) -> str:
    """The ids separated by spaces, wrapped to `width` columns."""
    return textwrap.fill(" ".join(ids), width=width, break_long_words=False, break_on_hyphens=False) or "(none)"


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the section shows."""

    heading: str
    date: str
    machine: str
    code_before: CodeState
    code_after: CodeState
    command: str
    eval_command: str
    wall: float
    resumed: int
    """Tasks already recorded before this invocation."""
    dataset: str
    run_dir: str
    score_rows: list[tuple[str, str]]
    figures: Figures
    check: Recheck
    notes: list[str] = field(default_factory=list)


def render(report: Report) -> str:
    """The report as a Markdown section (starting with its `## ` heading)."""
    f, check = report.figures, report.check
    code = report.code_before.describe()
    if report.code_after != report.code_before:
        code += f"; **changed during the run**, after: {report.code_after.describe()}"
    wall = f"{report.wall:.1f} s"
    if report.resumed:
        wall += (f" (this invocation only: {report.resumed} task(s) were already recorded in the run "
                 f"directory and were not run again)")
    lines = [
        f"## {report.heading}",
        "",
        f"- Date: {report.date} (UTC)",
        f"- Machine: {report.machine}",
        f"- arclab: commit {code}",
        f"- Dataset: {report.dataset}; run directory `{report.run_dir}`",
        f"- Command: `{report.command}`",
        f"- It ran: `{report.eval_command}`",
        f"- Wall time: {wall}; solver time summed over tasks {f.total_seconds:.1f} s",
        "",
        "| score | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in report.score_rows),
        "",
        f"- Tasks with any test output solved: {len(f.solved_ids)}/{f.planned}",
        f"- Time to solution (solved tasks; the task's whole solve time, which includes up to the "
        f"solver's extra search after its first find): median {_secs(f.solve_median)}, "
        f"mean {_secs(f.solve_mean)}",
        f"- Time per task, all {f.finished} finished tasks: median {_secs(f.all_median)}, "
        f"mean {_secs(f.all_mean)}",
        "- Statuses: " + (", ".join(f"{status} {n}" for status, n in f.statuses.items()) or "none")
        + (f" ({f.planned - f.finished} planned task(s) unfinished)" if f.finished < f.planned else ""),
        "- Candidates evaluated: " + (
            f"{f.candidates_per_second:,.0f}/s ({f.evaluated:,} over {f.evaluated_tasks} task(s) with an "
            f"answer, {f.evaluated_seconds:.1f} s; tasks without an answer record no count)"
            if f.candidates_per_second is not None else "n/a (no task has an answer)"),
        "- Solved tasks by strategy (first attempt): "
        + (", ".join(f"{name} {n}" for name, n in f.strategies.items()) or "none"),
        "- Re-run check: " + (
            f"OK, {check.tasks_ok}/{check.tasks} solved task(s), {check.programs} stored program(s) re-run "
            f"from their text reproduce their attempts and the right answers, and are exact on train "
            f"({check.seconds:.1f} s)" if check.ok else
            f"**FAILED**, {check.tasks - check.tasks_ok}/{check.tasks} solved task(s) do not reproduce "
            f"({len(check.failures)} problem(s)); first: {check.failures[0]}"),
        *(f"- Note: {note}" for note in report.notes),
        "",
        "Solved task ids (any test output):",
        "",
        "```",
        wrap_ids(f.solved_ids),
        "```",
    ]
    return "\n".join(lines) + "\n"


def append_section(path: Path, section: str) -> None:
    """Append `section` to `path`, after a blank line (creating the file if need be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text() if path.exists() else ""
    lead = "" if not existing or existing.endswith("\n\n") else "\n" if existing.endswith("\n") else "\n\n"
    with open(path, "a") as out:
        out.write(lead + section)


# --- running it ----------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.]+", "-", text).strip("-.")


def default_out(dataset: str, time_limit: float, workers: int, limit: int | None) -> str:
    name = _slug("-".join(dataset.rstrip("/").split("/")[-2:]).removesuffix(".json"))
    return f"runs/bench/synth-{name}-{time_limit:g}s-{workers}w" + (f"-first{limit}" if limit else "")


def arclab_command() -> list[str]:
    """The `arclab` console script beside this Python (so the venv's), else the same entry point via -c."""
    script = Path(sys.executable).parent / "arclab"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "import sys; from arclab.cli import main; sys.exit(main())"]


def eval_command(args: argparse.Namespace) -> list[str]:
    command = [*arclab_command(), "eval", args.dataset, "--solver", "synth", "--time-limit", f"{args.time_limit:g}",
               "--workers", str(args.workers), "--out", args.out]
    if args.limit:
        command += ["--limit", str(args.limit)]
    for other in args.exclude:
        command += ["--exclude", other]
    for setting in args.solver_args:
        command += ["-S", setting]
    return command


def reproduce_command(args: argparse.Namespace) -> str:
    """This benchmark's command line with every setting spelled out (paths relative to here)."""
    python, script = (os.path.relpath(p) if not os.path.relpath(p).startswith("..") else p
                      for p in (sys.executable, os.path.abspath(__file__)))
    words = [python, script, args.dataset, "--time-limit", f"{args.time_limit:g}", "--workers", str(args.workers),
             "--out", args.out]
    if args.limit:
        words += ["--limit", str(args.limit)]
    for other in args.exclude:
        words += ["--exclude", other]
    for setting in args.solver_args:
        words += ["-S", setting]
    results = os.path.relpath(args.results) if not os.path.relpath(args.results).startswith("..") else args.results
    return shlex.join([*words, "--results", str(results)])


def run_child(command: list[str]) -> int:
    """Run `command`, passing on a SIGTERM; on Ctrl-C (which it also gets) let it stop politely."""
    with subprocess.Popen(command) as child:
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: child.terminate())
        try:
            return child.wait()
        except KeyboardInterrupt:
            return child.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        epilog="The run directory is resumed when it exists and holds a run with the same settings "
               "(solver, its arguments, seed, limits, dataset): only its unfinished tasks run, and the "
               "wall time covers this invocation only. Use a fresh --out for a clean timing. It fails "
               "(arclab's own error) when the directory holds a run with other settings.")
    parser.add_argument("dataset", metavar="DATASET", help="dataset name (e.g. arc-agi-1/training), directory "
                        "or JSON file of tasks")
    parser.add_argument("--time-limit", type=_positive_float, default=10.0, metavar="S",
                        help="seconds per task (default 10)")
    parser.add_argument("--workers", type=_positive_int, default=2, metavar="N", help="tasks at once (default 2)")
    parser.add_argument("--out", metavar="DIR",
                        help="run directory (default runs/bench/synth-<dataset>-<S>s-<N>w[-first<L>])")
    parser.add_argument("--limit", type=_positive_int, metavar="N", help="only the first N tasks")
    parser.add_argument("--exclude", action="append", default=[], metavar="OTHER_SOURCE",
                        help="skip tasks sharing an example with this source (repeatable; see arclab eval)")
    parser.add_argument("-S", dest="solver_args", action="append", default=[], metavar="KEY=VALUE",
                        help="a synth setting (repeatable)")
    parser.add_argument("--report-only", action="store_true",
                        help="run nothing: report the finished run in --out (wall time: its last session)")
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS, metavar="FILE",
                        help="Markdown file the section is appended to (default benchmarks/RESULTS.md)")
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = default_out(args.dataset, args.time_limit, args.workers, args.limit)
    return args


def last_session_span(run_dir: str) -> tuple[float, str]:
    """Seconds from the start to the end of the run's last session, and its start (for the date)."""
    with open_run(run_dir) as store:
        session = store.sessions()[-1]
    started = datetime.datetime.fromisoformat(session.started_at)
    finished = datetime.datetime.fromisoformat(session.finished_at) if session.finished_at else started
    return (finished - started).total_seconds(), started.strftime("%Y-%m-%d %H:%M")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    finished_before: frozenset[str] = frozenset()
    if is_run_dir(args.out):
        with open_run(args.out) as store:
            finished_before = store.finished_ids()
    command = eval_command(args)
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    before = code_state()
    if args.report_only:  # the run is there: report it, its wall time from its last session
        returncode, wall, date = 0, *last_session_span(args.out)
        finished_before = frozenset()
    else:
        print("$ " + shlex.join(command), flush=True)
        start = time.perf_counter()
        returncode = run_child(command)
        wall = time.perf_counter() - start
    after = code_state()
    if returncode != 0:
        print(f"synth_benchmark: arclab eval exited with {returncode}; nothing appended", file=sys.stderr)
        return returncode or 1

    with open_run(args.out) as store:
        settings = store.settings
        summary = summarise(store)
        plan = store.plan()
        planned = {task.task_id for task in plan}
        # results() also returns tasks recorded under an earlier, larger plan: keep the plan's
        results = [r for r in store.results() if r.task_id in planned]
        submission = store.submission()
        sessions = store.sessions()
    tasks = load_tasks(settings.source, solutions=settings.solutions)
    notes: list[str] = []
    resumed = len(finished_before & planned)
    if len(sessions) > 1:
        notes.append(f"the run took {len(sessions)} sessions (workers: "
                     + ", ".join(str(session.workers) for session in sessions)
                     + "); the store does not record which code earlier sessions ran")
    disagreement = ""
    if summary.scored:
        # the official scores, of submission.json as written; the store's own summary must agree
        chosen = TaskSet(tasks.name, tuple(tasks[task.task_id] for task in plan), tasks.version)
        official = score(chosen, read_submission(Path(args.out) / "submission.json")[0])
        rows = score_rows(official)
        own = score(chosen, submission)  # the solver's own attempts, without placeholders
        if own.outputs_solved != official.outputs_solved:
            notes.append(f"{official.outputs_solved - own.outputs_solved} output(s) are solved only by the [[0]] "
                         f"placeholder submission.json holds where the solver gave no attempt; the solver's own "
                         f"attempts solve {own.outputs_solved}/{own.num_outputs} outputs "
                         f"({100 * own.per_output:.2f}%), {own.tasks_solved} tasks fully")
        store_view = (summary.outputs_solved, summary.tasks_solved, round(summary.per_task, 12))
        scored_view = (official.outputs_solved, official.tasks_solved, round(official.per_task, 12))
        if store_view != scored_view:
            disagreement = (f"the store's summary (outputs, tasks, per-task) {store_view} disagrees with "
                            f"scoring its submission {scored_view}")
            notes.append("**" + disagreement + "**")
    else:
        rows = [("scores", "not scored (test outputs unknown)")]
    figs = figures(task_rows(results), len(plan))
    check = recheck(tasks, results)
    source = f"{settings.source_name} ({settings.source_version})" if settings.source_version else settings.source_name
    heading = (f"synth on {settings.source_name} (time limit {args.time_limit:g} s, {args.workers} worker"
               f"{'s' if args.workers != 1 else ''}" + (f", first {args.limit} tasks" if args.limit else "")
               + "".join(f", minus {other}" for other in args.exclude)
               + "".join(f", -S {setting}" for setting in args.solver_args) + ")")
    report = Report(
        heading=heading, date=date, machine=machine(), code_before=before, code_after=after,
        command=reproduce_command(args),
        eval_command=shlex.join(["arclab", *command[len(arclab_command()):]]),
        wall=wall, resumed=resumed, dataset=source, run_dir=args.out, score_rows=rows, figures=figs,
        check=check, notes=notes)
    section = render(report)
    print()
    print(section, end="")
    append_section(args.results, section)
    print(f"appended to {args.results}")
    if not check.ok:
        print(f"synth_benchmark: {len(check.failures)} re-run problem(s):", file=sys.stderr)
        for problem in check.failures:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if disagreement:
        print(f"synth_benchmark: {disagreement}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
