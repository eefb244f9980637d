"""Messages between the harness and a worker process (pickled over a pipe)."""

from __future__ import annotations

from dataclasses import dataclass

from ..solvers import ModelCall, SolverSpec
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
    concurrency: int = 1
    """Tasks at once in one worker when the solver is async (a sync solver takes one at a time)."""
    max_cost: float | None = None
    """US dollars the run may spend on model calls (`--max-cost`); None means no cap."""
    spent: float = 0.0
    """What the run had spent when the session started."""


@dataclass(frozen=True, slots=True)
class Ready:
    """A worker built its solver and waits for tasks."""

    pid: int
    """The worker's process id."""
    rss_mb: float | None
    """Its resident memory with the solver built, in MiB."""
    concurrency: int = 1
    """How many tasks it takes at once (more than one only for an async solver)."""


@dataclass(frozen=True, slots=True)
class SetupFailed:
    """A worker could not build its solver or apply its limits; the run cannot go on."""

    error: str
    """What went wrong."""


@dataclass(frozen=True, slots=True)
class CallMade:
    """A worker's solver made a model call (sent as it happens, before the task's result)."""

    call: ModelCall
    """The call (its task id inside)."""


@dataclass(frozen=True, slots=True)
class SpendUpdate:
    """The harness tells a worker what the rest of the run has spent (for `--max-cost`)."""

    others: float
    """US dollars spent by earlier sessions and the other workers of this one."""
