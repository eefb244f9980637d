"""The process backend: persistent worker processes on this machine, supervised from one loop.

Model calls that workers report are handed on as they come (so the store has them even if the
harness is killed), and the run's spending is passed back to the workers for `--max-cost`.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.connection import wait
from pathlib import Path

from ..solvers import ModelCall
from ..task import Task
from ._backend import default_workers
from ._protocol import WorkerSetup
from ._results import TaskResult
from ._slot import Event, WorkerSlot


class ProcessBackend:
    """Runs tasks on `workers` worker processes; a killed or dead worker is replaced."""

    def __init__(self, setup: WorkerSetup, *, workers: int | None = None, address: str | None = None,
                 log_path: Path | None = None) -> None:
        self.setup = setup
        self.workers = workers or default_workers()
        self.address = None
        self.log_path = log_path
        self._slots: list[WorkerSlot] = []
        self._spent = setup.spent

    def __enter__(self) -> ProcessBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for slot in self._slots:
            slot.close()
        self._slots = []

    @property
    def worker_starts(self) -> int:
        """Worker processes started so far (one per slot, plus one per restart)."""
        return sum(slot.starts for slot in self._slots)

    def run(self, tasks: Sequence[Task]) -> Iterator[TaskResult | ModelCall]:
        """Solve every task; yield each model call as it is made and each result as it ends."""
        for event in self._events(tasks):
            if isinstance(event, ModelCall) and event.cost:
                self._spent += event.cost
                for slot in self._slots:
                    slot.update_spend(self._spent)
            yield event

    def _events(self, tasks: Sequence[Task]) -> Iterator[Event]:
        queue = deque(tasks)
        while len(self._slots) < min(self.workers, len(queue)):
            self._slots.append(WorkerSlot(self.setup, self.log_path))
        slots = self._slots
        for slot in slots:
            if slot.stopped:
                slot.spawn()  # start every worker at once: they import in parallel
        while True:
            for slot in slots:
                while queue and (slot.stopped or slot.idle):
                    if slot.stopped:
                        slot.spawn()
                        break
                    if slot.dispatch(queue[0]):
                        queue.popleft()
            active = [slot for slot in slots if slot.active]
            if not active:
                return
            now = time.monotonic()
            checks = [t for t in (slot.next_check(now) for slot in active) if t is not None]
            ready = wait([slot.connection for slot in active], min(checks) if checks else None)
            for slot in active:
                if slot.active and slot.connection in ready:
                    yield from slot.on_readable()
            now = time.monotonic()
            for slot in active:
                yield from slot.check(now)
