"""A loaded set of tasks, with the problems found while loading it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..task import Task, TaskFormatError


@dataclass(frozen=True)
class TaskSet:
    """Tasks from one source, sorted by id; `problems` lists every bad task that was skipped."""

    name: str
    tasks: tuple[Task, ...]
    version: str = ""
    problems: tuple[TaskFormatError, ...] = ()
    _by_id: dict[str, Task] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {task.id: task for task in self.tasks})

    def __len__(self) -> int:
        return len(self.tasks)

    def __iter__(self) -> Iterator[Task]:
        return iter(self.tasks)

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._by_id

    def __getitem__(self, task_id: str) -> Task:
        try:
            return self._by_id[task_id]
        except KeyError:
            raise KeyError(f"no task {task_id!r} in {self.name}") from None

    def get(self, task_id: str) -> Task | None:
        """The task with this id, or None."""
        return self._by_id.get(task_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Task ids, sorted."""
        return tuple(task.id for task in self.tasks)

    @property
    def num_test_outputs(self) -> int:
        """Test inputs in all tasks (each needs one output)."""
        return sum(len(task.test) for task in self.tasks)

    @property
    def has_solutions(self) -> bool:
        """True when every task's test outputs are known, so the set can be scored."""
        return all(task.has_solutions for task in self.tasks)
