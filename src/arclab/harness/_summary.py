"""A run's figures (progress, statuses, scores) and the comparison of two runs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ._provenance import CodeVersion
from ._settings import RunSettings
from ._store import STORE_FILE, RunStore, Session


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What `arclab runs` shows for one run: progress, statuses and scores so far."""

    directory: str
    """The run directory."""
    settings: RunSettings
    """The run's settings."""
    num_tasks: int
    """Tasks in the plan."""
    num_finished: int
    """Planned tasks with a recorded result."""
    statuses: dict[str, int]
    """Finished tasks per status."""
    scored: bool
    """Whether every planned task's test outputs are known (so the scores mean something)."""
    num_outputs: int
    """Test outputs in the plan."""
    outputs_solved: int
    """Test outputs solved (within two attempts)."""
    outputs_scored: int
    """Test outputs of finished tasks whose answers are known (the running score's denominator)."""
    per_task: float
    """Mean over planned tasks of each task's solved fraction (unfinished tasks count 0)."""
    tasks_solved: int
    """Tasks whose every test output was solved."""
    seconds: float
    """Time spent on finished tasks, summed."""
    sessions: tuple[Session, ...]
    """The invocations that worked on the run."""
    code: CodeVersion | None = None
    """The code that created the run (None when unknown: a store older than version 2)."""

    @property
    def code_changes(self) -> tuple[Session, ...]:
        """Sessions that ran other code than the run was created with (resumed with --allow-code-change)."""
        if self.code is None:
            return ()
        return tuple(s for s in self.sessions if s.code is not None and s.code.differences(self.code))

    def code_line(self) -> str:
        """The run's code in one line, and the sessions that ran other code."""
        if self.code is None:
            return "unknown (recorded from store version 2 on)"
        changed = self.code_changes
        return self.code.describe() + (f"; other code in session(s) {', '.join(str(s.id) for s in changed)}"
                                       if changed else "")

    @property
    def per_output(self) -> float:
        """Solved test outputs / all test outputs: the Kaggle metric."""
        return self.outputs_solved / self.num_outputs if self.num_outputs else 0.0

    @property
    def complete(self) -> bool:
        """Every planned task has a result."""
        return self.num_finished >= self.num_tasks

    def score_line(self) -> str:
        """The scores in one line, as `arclab score` prints them."""
        if not self.scored:
            return "not scored (test outputs unknown)"
        return (f"per-output {self.per_output:.2%} ({self.outputs_solved}/{self.num_outputs})  "
                f"per-task {self.per_task:.2%}  fully solved {self.tasks_solved}/{self.num_tasks}")


def summarise(store: RunStore) -> RunSummary:
    """The summary of a run, read from its store."""
    plan = store.plan()
    planned = {task.task_id for task in plan}
    statuses: Counter[str] = Counter()
    fractions: dict[str, float] = {}
    outputs_solved = outputs_scored = tasks_solved = 0
    seconds = 0.0
    for task_id, status, correct, spent in store.outcomes():
        if task_id not in planned:
            continue
        statuses[str(status)] += 1
        seconds += spent
        if correct:
            outputs_scored += len(correct)
            outputs_solved += sum(correct)
            tasks_solved += all(correct)
            fractions[task_id] = sum(correct) / len(correct)
    return RunSummary(
        directory=str(store.directory),
        settings=store.settings,
        num_tasks=len(plan),
        num_finished=sum(statuses.values()),
        statuses=dict(sorted(statuses.items())),
        scored=bool(plan) and all(task.has_solutions for task in plan),
        num_outputs=sum(task.num_test for task in plan),
        outputs_solved=outputs_solved,
        outputs_scored=outputs_scored,
        per_task=sum(fractions.values()) / len(plan) if plan else 0.0,
        tasks_solved=tasks_solved,
        seconds=seconds,
        sessions=store.sessions(),
        code=store.code,
    )


@dataclass(frozen=True, slots=True)
class TaskChange:
    """One task whose result differs between two runs."""

    task_id: str
    """The task's id."""
    before: float | None
    """Its solved fraction in the first run (None when it did not finish there)."""
    after: float | None
    """Its solved fraction in the second run."""
    status_before: str | None
    """Its status in the first run (None when it did not finish there)."""
    status_after: str | None
    """Its status in the second run."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Run B measured against run A, over the tasks both planned."""

    a: RunSummary
    """The first run (the baseline)."""
    b: RunSummary
    """The second run (measured against A)."""
    gained: tuple[TaskChange, ...]
    """Tasks with more test outputs solved in B."""
    lost: tuple[TaskChange, ...]
    """Tasks with fewer test outputs solved in B."""
    status_changes: tuple[TaskChange, ...]
    """Tasks whose status differs (whatever their score)."""
    common: int
    """Tasks planned in both runs."""
    only_a: tuple[str, ...]
    """Tasks planned only in A."""
    only_b: tuple[str, ...]
    """Tasks planned only in B."""
    same_source: bool
    """Whether both runs read the same source (and solutions file)."""

    @property
    def per_output_delta(self) -> float:
        """B's per-output score minus A's."""
        return self.b.per_output - self.a.per_output

    @property
    def per_task_delta(self) -> float:
        """B's per-task score minus A's."""
        return self.b.per_task - self.a.per_task

    @property
    def tasks_solved_delta(self) -> int:
        """Tasks fully solved by B minus those by A."""
        return self.b.tasks_solved - self.a.tasks_solved


def compare_runs(a: RunStore, b: RunStore) -> Comparison:
    """Per-task gains and losses of run B over run A, and the score deltas."""
    ids_a = [task.task_id for task in a.plan()]
    ids_b = {task.task_id for task in b.plan()}
    outcomes_a = {task_id: (status, correct) for task_id, status, correct, _ in a.outcomes()}
    outcomes_b = {task_id: (status, correct) for task_id, status, correct, _ in b.outcomes()}
    gained, lost, changed = [], [], []
    common = [task_id for task_id in ids_a if task_id in ids_b]
    for task_id in sorted(common):
        status_a, correct_a = outcomes_a.get(task_id, (None, None))
        status_b, correct_b = outcomes_b.get(task_id, (None, None))
        before = sum(correct_a) / len(correct_a) if correct_a else (0.0 if status_a else None)
        after = sum(correct_b) / len(correct_b) if correct_b else (0.0 if status_b else None)
        change = TaskChange(task_id, before, after, str(status_a) if status_a else None,
                            str(status_b) if status_b else None)
        if (after or 0.0) > (before or 0.0):
            gained.append(change)
        elif (after or 0.0) < (before or 0.0):
            lost.append(change)
        if status_a != status_b:
            changed.append(change)
    summary_a, summary_b = summarise(a), summarise(b)
    return Comparison(
        a=summary_a, b=summary_b, gained=tuple(gained), lost=tuple(lost), status_changes=tuple(changed),
        common=len(common),
        only_a=tuple(sorted(set(ids_a) - ids_b)), only_b=tuple(sorted(ids_b - set(ids_a))),
        same_source=(summary_a.settings.source, summary_a.settings.solutions)
        == (summary_b.settings.source, summary_b.settings.solutions),
    )


def find_runs(paths: list[str | Path]) -> list[Path]:
    """Run directories among `paths`: each path is a run, or a folder searched (one level) for runs."""
    found: list[Path] = []
    for path in map(Path, paths):
        if (path / STORE_FILE).is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(sorted(child for child in path.iterdir() if (child / STORE_FILE).is_file()))
    return found
