"""Messages between the harness and a worker process (pickled over a pipe)."""

from __future__ import annotations

from dataclasses import dataclass

from ..solvers import SolverSpec
from ._settings import Limits


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """Sent once to a new worker: which solver to build and the limits to apply."""

    spec: SolverSpec
    """The solver to build."""
    seed: int
    """The run's seed."""
    limits: Limits
    """The per-task limits."""


@dataclass(frozen=True, slots=True)
class Ready:
    """A worker built its solver and waits for tasks."""

    pid: int
    """The worker's process id."""
    rss_mb: float | None
    """Its resident memory with the solver built, in MiB."""


@dataclass(frozen=True, slots=True)
class SetupFailed:
    """A worker could not build its solver or apply its limits; the run cannot go on."""

    error: str
    """What went wrong."""
