"""A run's settings (what makes its results what they are) and its per-task limits."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIME_LIMIT = 60.0
"""Seconds per task when none is given."""
DEFAULT_MEMORY_LIMIT_MB = 4096.0
"""MiB per worker process when none is given."""


@dataclass(frozen=True, slots=True)
class Limits:
    """The per-task budgets the harness enforces, and the slack around them."""

    time_limit: float | None = DEFAULT_TIME_LIMIT
    """Seconds a solver has for one task; None means no limit."""
    memory_limit_mb: float | None = DEFAULT_MEMORY_LIMIT_MB
    """MiB of resident memory the worker may use while solving, with every process its solver
    starts; None means no limit."""

    def __post_init__(self) -> None:
        for name in ("time_limit", "memory_limit_mb"):
            value = getattr(self, name)
            if value is not None and not (value > 0 and math.isfinite(value)):
                raise ValueError(f"{name} must be a positive number or None, got {value!r}")

    @property
    def deadline_margin(self) -> float:
        """How much earlier than the limit the solver's deadline falls (time to return its answer)."""
        if self.time_limit is None:
            return 0.0
        return min(1.0, 0.05 * self.time_limit + 0.01)

    @property
    def kill_after(self) -> float | None:
        """Seconds after handing over a task at which a worker that has not answered is killed."""
        if self.time_limit is None:
            return None
        return self.time_limit + min(5.0, 0.5 + 0.1 * self.time_limit)


@dataclass(frozen=True, slots=True)
class RunSettings:
    """Everything that decides a run's results; recorded once per run directory.

    Resuming a run requires the same settings (see `differences`); how many workers and which
    backend ran it are per session and may change.
    """

    solver: str
    """The solver's name as asked for (`--solver`)."""
    solver_target: str
    """The import string of the solver's factory."""
    solver_args: Mapping[str, Any]
    """Every argument of the solver's factory, typed, defaults included."""
    seed: int
    """The run's seed (each task's generator is seeded from it and the task id)."""
    time_limit: float | None
    """Seconds per task; None means no limit."""
    memory_limit_mb: float | None
    """MiB of resident memory per worker; None means no limit."""
    source: str
    """The task source: a dataset name or the absolute path of a directory or file."""
    solutions: str | None
    """The absolute path of a separate solutions file, if one was given."""
    source_name: str
    """The task set's name as the loader reports it."""
    source_version: str
    """The task set's upstream version, where known (e.g. ARC-AGI@aa922be)."""
    arclab_version: str
    """The arclab version that created the run."""
    created_at: str = ""
    """When the run was created (UTC, ISO 8601)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Free-form notes kept with the run (not compared on resume)."""

    _IDENTITY = ("solver_target", "solver_args", "seed", "time_limit", "memory_limit_mb", "source",
                 "solutions")

    @property
    def limits(self) -> Limits:
        """The per-task limits as a Limits."""
        return Limits(self.time_limit, self.memory_limit_mb)

    def differences(self, other: RunSettings) -> list[str]:
        """The settings that differ and would make `other`'s results incomparable, as 'name X (asked Y)'."""
        out = []
        for name in self._IDENTITY:
            mine, theirs = getattr(self, name), getattr(other, name)
            if name == "solver_args":
                mine, theirs = dict(mine), dict(theirs)
            if mine != theirs:
                out.append(f"{name} {mine!r} (asked {theirs!r})")
        return out
