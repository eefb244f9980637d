"""Backends run tasks in worker processes and yield results as tasks finish, in any order.

`process` (the default) runs worker processes on this machine; `ray` runs the same workers
inside Ray actors, on a cluster or a local Ray. Backends load lazily: Ray is imported only
when asked for.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from ..solvers import ModelCall
from ..task import ArclabError, Task
from ._protocol import WorkerSetup
from ._results import TaskResult

BACKENDS = {
    "process": "arclab.harness._backend_process:ProcessBackend",
    "ray": "arclab.harness._backend_ray:RayBackend",
}


class BackendError(ArclabError):
    """A backend cannot be used (unknown, not installed, or cannot reach its cluster)."""


class Backend(Protocol):
    """Runs tasks through workers. Use as a context manager; `run` yields each task's result."""

    workers: int
    """How many tasks run at once."""
    address: str | None
    """Where the work runs (a cluster address), or None for this machine."""

    def __enter__(self) -> Backend: ...

    def __exit__(self, *exc: object) -> None: ...

    def run(self, tasks: Sequence[Task]) -> Iterator[TaskResult | ModelCall]:
        """Solve every task (outputs already withheld); yield a result for each as it ends, and
        (where the backend streams them) each model call as it is made."""
        ...


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def check_backend(name: str, address: str | None = None) -> None:
    """Raise BackendError unless `name` is a backend that can take `address`."""
    if name not in BACKENDS:
        raise BackendError(f"no backend {name!r}; backends: {', '.join(BACKENDS)}")
    if address is not None and name != "ray":
        raise BackendError("--address goes with --backend ray")


def open_backend(name: str, setup: WorkerSetup, *, workers: int | None = None, address: str | None = None,
                 log_path: Path | None = None) -> Backend:
    """Make the named backend (not yet started: enter it with `with`)."""
    check_backend(name, address)
    module_name, _, cls_name = BACKENDS[name].partition(":")
    module = importlib.import_module(module_name)
    backend: Backend = getattr(module, cls_name)(setup, workers=workers, address=address, log_path=log_path)
    return backend
