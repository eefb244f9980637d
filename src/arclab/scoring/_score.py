"""The official ARC scoring: two attempts per test output, exact match with shape."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..datasets import TaskSet
from ..task import Grid, Task

MAX_ATTEMPTS = 2


@dataclass(frozen=True, slots=True)
class TaskScore:
    """One task's result: which test outputs were solved (within the first two attempts)."""

    task_id: str
    solved: tuple[bool, ...]

    @property
    def fraction(self) -> float:
        """Share of this task's test outputs solved."""
        return sum(self.solved) / len(self.solved) if self.solved else 0.0

    @property
    def fully_solved(self) -> bool:
        """True when every test output of the task was solved."""
        return bool(self.solved) and all(self.solved)


@dataclass(frozen=True, slots=True)
class Score:
    """The three official figures, plus what was missing from or extra in the predictions."""

    per_output: float
    """Test outputs solved / all test outputs (the Kaggle metric)."""
    per_task: float
    """Mean over tasks of the fraction of each task's test outputs solved."""
    tasks_solved: int
    """Tasks whose every test output was solved."""
    outputs_solved: int
    num_outputs: int
    num_tasks: int
    tasks: tuple[TaskScore, ...]
    missing: tuple[str, ...]
    """Tasks with no predictions (scored 0)."""
    extra: tuple[str, ...]
    """Predicted ids that are not in the task set (ignored)."""

    def summary(self) -> str:
        """The three figures on one line."""
        return (f"per-output {self.per_output:.2%} ({self.outputs_solved}/{self.num_outputs})  "
                f"per-task {self.per_task:.2%}  fully solved {self.tasks_solved}/{self.num_tasks}")


def score_task(task: Task, predictions: Sequence[Sequence[Grid | None]] | None) -> TaskScore:
    """Score one task: test output i is solved if one of the first two attempts equals it exactly."""
    solved = []
    for i, pair in enumerate(task.test):
        if pair.output is None:
            raise ValueError(f"task {task.id}: test[{i}] has no known output to score against")
        attempts = predictions[i] if predictions is not None and i < len(predictions) else ()
        solved.append(any(a is not None and a == pair.output for a in list(attempts)[:MAX_ATTEMPTS]))
    return TaskScore(task.id, tuple(solved))


def score(tasks: TaskSet, predictions: Mapping[str, Sequence[Sequence[Grid | None]]]) -> Score:
    """Score predictions against the task set (never against the predictions' own list of ids)."""
    results = tuple(score_task(task, predictions.get(task.id)) for task in tasks)
    outputs_solved = sum(sum(r.solved) for r in results)
    num_outputs = sum(len(r.solved) for r in results)
    return Score(
        per_output=outputs_solved / num_outputs if num_outputs else 0.0,
        per_task=sum(r.fraction for r in results) / len(results) if results else 0.0,
        tasks_solved=sum(r.fully_solved for r in results),
        outputs_solved=outputs_solved,
        num_outputs=num_outputs,
        num_tasks=len(results),
        tasks=results,
        missing=tuple(t.id for t in tasks if t.id not in predictions),
        extra=tuple(sorted(set(predictions) - set(tasks.ids))),
    )
