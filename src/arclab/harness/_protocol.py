"""Messages between the harness and a worker process (pickled over a pipe)."""

from __future__ import annotations

from dataclasses import dataclass

from ..solvers import SolverSpec
from ._settings import Limits


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """Sent once to a new worker: which solver to build and the limits to apply."""

    spec: SolverSpec
    seed: int
    limits: Limits


@dataclass(frozen=True, slots=True)
class Ready:
    """A worker built its solver and waits for tasks."""

    pid: int
    rss_mb: float | None


@dataclass(frozen=True, slots=True)
class SetupFailed:
    """A worker could not build its solver or apply its limits; the run cannot go on."""

    error: str
