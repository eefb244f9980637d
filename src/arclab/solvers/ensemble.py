"""`ensemble`: several solvers on the same task, their answers merged into the attempts.

Members are named with `-S members=synth,openai` and given their own settings with
`-S MEMBER.KEY=VALUE` (for example `-S openai.model=gpt-4o-mini -S synth.budget=5`). A solver
may appear twice under labels: `-S members=openai@small,openai@big -S small.model=... -S big.model=...`.

Merging, per test input: answers backed by a program exact on every train pair (an attempt whose
metadata has `train_exact: true`, as synth's do) come first, in member order; then the others by
votes (a member's attempt counts its own `votes`, e.g. agreeing samples, else 1; equal answers
from several members add up). Each attempt records which members proposed it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..task import Grid, Task
from ._calls import CostCapReached
from ._registry import SolverArgumentError, SolverError, solver_spec
from ._types import MAX_ATTEMPTS, Attempt, Prediction, SolveContext, Solver, is_async


class EnsembleError(SolverError):
    """Every member of an ensemble failed on a task (the reasons are listed)."""


@dataclass(frozen=True, slots=True)
class Member:
    """One solver in an ensemble, under its label."""

    label: str
    """The name its settings and its proposals go by."""
    solver: Solver
    """The built solver."""


@dataclass(slots=True)
class _Candidate:
    grid: Grid
    first: tuple[int, int]
    members: list[str] = field(default_factory=list)
    votes: float = 0.0
    program_backed: bool = False
    by_member: dict[str, Mapping[str, Any]] = field(default_factory=dict)


class Ensemble:
    """Runs its members concurrently (sync ones in threads) and merges their attempts."""

    def __init__(self, members: tuple[Member, ...]) -> None:
        self.members = members
        self.max_concurrency = 1 if any(not is_async(m.solver) for m in members) else None
        """One task at a time when a member computes (synth): tasks would share one core."""

    async def solve(self, task: Task, context: SolveContext) -> Prediction:
        """Every member's attempts merged: program-backed first, then by votes."""
        outcomes = await asyncio.gather(*(self._run(m, task, context) for m in self.members),
                                        return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, (CostCapReached, asyncio.CancelledError)):
                raise outcome
            if isinstance(outcome, BaseException) and not isinstance(outcome, Exception):
                raise outcome
        failed = {m.label: _reason(o) for m, o in zip(self.members, outcomes) if isinstance(o, BaseException)}
        answered = [(m.label, o) for m, o in zip(self.members, outcomes) if not isinstance(o, BaseException)]
        if not answered:
            raise EnsembleError(f"task {task.id}: every member failed: "
                                + "; ".join(f"{label}: {why}" for label, why in failed.items()))
        return tuple(merge_attempts([(label, prediction[i] if i < len(prediction) else ())
                                     for label, prediction in answered], failed)
                     for i in range(len(task.test)))

    async def _run(self, member: Member, task: Task, context: SolveContext) -> Prediction:
        own = replace(context, calls=context.calls.for_member(member.label))
        if is_async(member.solver):
            return await member.solver.solve(task, own)  # type: ignore[no-any-return, misc]  # an async member returns a coroutine
        return await asyncio.to_thread(member.solver.solve, task, own)


def merge_attempts(proposals: list[tuple[str, tuple[Attempt, ...]]],
                   failed: Mapping[str, str] | None = None) -> tuple[Attempt, ...]:
    """Members' attempts for one test input, merged (see the module docstring)."""
    candidates: dict[Grid, _Candidate] = {}
    for member_index, (label, attempts) in enumerate(proposals):
        for rank, attempt in enumerate(attempts):
            candidate = candidates.setdefault(attempt.grid, _Candidate(attempt.grid, (member_index, rank)))
            candidate.members.append(label)
            candidate.votes += _votes(attempt.metadata)
            candidate.program_backed |= attempt.metadata.get("train_exact") is True
            candidate.by_member[label] = attempt.metadata
    ranked = sorted(candidates.values(), key=lambda c: (0, 0.0, c.first) if c.program_backed
                    else (1, -c.votes, c.first))
    return tuple(Attempt(c.grid, _metadata(c, failed or {})) for c in ranked[:MAX_ATTEMPTS])


def _votes(metadata: Mapping[str, Any]) -> float:
    votes = metadata.get("votes", 1)
    return float(votes) if isinstance(votes, (int, float)) and not isinstance(votes, bool) else 1.0


def _metadata(candidate: _Candidate, failed: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"members": candidate.members, "program_backed": candidate.program_backed,
                           "votes": candidate.votes, "by_member": candidate.by_member}
    for metadata in candidate.by_member.values():
        if "program" in metadata:
            out["program"] = metadata["program"]
            break
    if failed:
        out["failed_members"] = dict(failed)
    return out


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def parse_members(members: str, settings: Mapping[str, Any]) -> tuple[tuple[str, str, dict[str, Any]], ...]:
    """(label, solver name, its settings) per member, from `members` and `LABEL.KEY` settings."""
    entries = []
    for item in (part.strip() for part in members.split(",")):
        if not item:
            continue
        name, _, label = item.partition("@")
        entries.append((label or name, name))
    labels = [label for label, _ in entries]
    if not entries:
        raise SolverArgumentError("solver 'ensemble': members is empty (e.g. -S members=synth,openai)")
    if len(set(labels)) != len(labels):
        raise SolverArgumentError(f"solver 'ensemble': members {members!r} repeat a label; "
                                  "label repeats as name@label")
    own: dict[str, dict[str, Any]] = {label: {} for label in labels}
    for key, value in settings.items():
        label, dot, name = key.partition(".")
        if not dot or label not in own or not name:
            raise SolverArgumentError(f"solver 'ensemble' has no argument {key!r}; member settings are "
                                      f"MEMBER.KEY=VALUE with MEMBER one of {', '.join(labels)}")
        own[label][name] = value
    return tuple((label, name, own[label]) for label, name in entries)


def ensemble(members: str = "synth,openai", **settings: Any) -> Ensemble:
    """Several solvers merged into two attempts; members' settings as `-S MEMBER.KEY=VALUE`."""
    built = []
    for label, name, args in parse_members(members, settings):
        if name == "ensemble":
            raise SolverArgumentError("solver 'ensemble': an ensemble cannot be its own member")
        built.append(Member(label, solver_spec(name, args).build()))
    return Ensemble(tuple(built))
