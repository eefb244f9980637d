"""The Ray backend: each Ray actor drives one WorkerSlot, so limits, isolation and results are the
same as with the process backend; the driver records results in the store as they come.

Needs the `ray` extra. Without an address it starts a local Ray (stopped again at the end).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..task import Task
from ._backend import BackendError, default_workers
from ._protocol import WorkerSetup
from ._results import Status, TaskResult
from ._slot import WorkerSlot


class _SlotActor:
    """Runs on a Ray worker: one supervised worker process, kept between tasks."""

    def __init__(self, setup: WorkerSetup, log_path: str | None) -> None:
        self.slot = WorkerSlot(setup, Path(log_path) if log_path else None)

    def run(self, task: Task) -> TaskResult:
        return self.slot.run(task)

    def close(self) -> None:
        self.slot.close()


class RayBackend:
    """Runs tasks on `workers` Ray actors (default: the cluster's CPUs)."""

    def __init__(self, setup: WorkerSetup, *, workers: int | None = None, address: str | None = None,
                 log_path: Path | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise BackendError("the ray backend needs Ray: pip install 'arclab[ray]'") from None
        self._ray = ray
        self.setup = setup
        self.address = address
        self._owns_ray = False
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "logging_level": "ERROR",
                                       "log_to_driver": False, "configure_logging": False}
            try:
                if address is not None:
                    ray.init(address=address, **options)
                else:
                    ray.init(num_cpus=max(default_workers(), workers or 0), **options)
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise BackendError(f"cannot start or reach Ray{f' at {address}' if address else ''}: "
                                   f"{error}") from error
            self._owns_ray = True
        cpus = int(ray.cluster_resources().get("CPU", 1))  # type: ignore[no-untyped-call]  # unannotated in ray
        self.workers = workers or max(1, cpus)
        # a local cluster shares this machine's disk; a remote one keeps worker logs in Ray's logs
        self._log_path = str(log_path) if log_path is not None and address is None else None
        self._actor_class = ray.remote(num_cpus=1, max_restarts=0)(_SlotActor)
        self._actors: list[Any] = []

    def __enter__(self) -> RayBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        ray = self._ray
        for actor in self._actors:
            try:
                ray.get(actor.close.remote(), timeout=10)
            except Exception:  # noqa: BLE001 - the actor may already be dead; it is killed next anyway
                pass
            ray.kill(actor)
        self._actors = []
        if self._owns_ray:
            ray.shutdown()
            self._owns_ray = False

    def _new_actor(self) -> Any:
        actor = self._actor_class.remote(self.setup, self._log_path)
        self._actors.append(actor)
        return actor

    def run(self, tasks: Sequence[Task]) -> Iterator[TaskResult]:
        ray = self._ray
        queue = deque(tasks)
        inflight: dict[Any, tuple[Any, Task]] = {}
        idle = list(self._actors)
        while len(idle) < min(self.workers, len(queue)):
            idle.append(self._new_actor())
        for actor in idle[:len(queue)]:
            task = queue.popleft()
            inflight[actor.run.remote(task)] = (actor, task)
        while inflight:
            (ref,), _ = ray.wait(list(inflight), num_returns=1)
            actor, task = inflight.pop(ref)
            try:
                result = ray.get(ref)
            except ray.exceptions.RayActorError as error:  # the actor's process died: replace it
                self._actors.remove(actor)
                actor = self._new_actor()
                result = TaskResult(task.id, Status.CRASHED, (), 0.0, None,
                                    f"the Ray actor died: {error}", num_test=len(task.test))
            yield result
            if queue:
                task = queue.popleft()
                inflight[actor.run.remote(task)] = (actor, task)
