"""Model calls: what a solver that asks a language model reports about each request, and the
run's spending cap it must respect.

A solver records every request in its context's CallLog (`context.calls.record(call)`); the
harness streams those records into the run store as they happen, and tells the log how much the
run has spent so far, so `may_spend()` turns False once `--max-cost` is reached.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..task import ArclabError

CALL_OUTCOMES = ("ok", "parse_failure", "error", "cancelled")
"""What came of a call: a reply with a grid; a reply without a usable grid; no reply (an HTTP
error, a timeout, a dropped connection); or stopped by the task's time limit."""


class CostCapReached(ArclabError):
    """The run's spending cap (`--max-cost`) is reached: no new paid call may start.

    The harness does not record the task as finished, so it runs again when the run resumes.
    """


@dataclass(frozen=True, slots=True)
class ModelCall:
    """One request to a language model and what came of it; one row of the store's calls table."""

    task_id: str
    """The task being solved."""
    test_index: int
    """Which test input the request asked about."""
    sample: int
    """Which sample of that test input (0-based)."""
    model: str
    """The model asked."""
    prompt_tokens: int = 0
    """Tokens in the request, as the server counted them (0 when unknown or no reply)."""
    completion_tokens: int = 0
    """Tokens in the reply."""
    seconds: float = 0.0
    """Latency: from sending the request to having the reply (or the failure)."""
    cost: float = 0.0
    """US dollars this call cost (0 for a cache hit or a failed call)."""
    cached: bool = False
    """Answered from the replay cache (no request was sent)."""
    outcome: str = "ok"
    """One of CALL_OUTCOMES."""
    detail: str = ""
    """Why a call was not ok: the parse failure or the error, in one line."""
    messages: Sequence[Mapping[str, str]] = ()
    """The chat messages sent."""
    reply: str = ""
    """The model's raw reply ('' when there was none)."""
    member: str = ""
    """The solver that made the call (an ensemble member's name), '' when not in an ensemble."""
    attempt: int = 0
    """Which try of this request (0 first; retries after errors count up)."""


@dataclass(slots=True)
class Budget:
    """The run's spending, as one worker knows it, and its cap (None means no cap)."""

    max_cost: float | None = None
    """US dollars the run may spend; None means no cap."""
    others: float = 0.0
    """Spent by earlier sessions and by other workers of this session (the harness updates it)."""
    own: float = 0.0
    """Spent by calls recorded in this process."""

    @property
    def spent(self) -> float:
        """The run's spending as known here."""
        return self.others + self.own

    def may_spend(self) -> bool:
        """True while the run's spending is below its cap (always, without a cap)."""
        return self.max_cost is None or self.spent < self.max_cost


@dataclass(slots=True)
class CallLog:
    """Where one task's model calls are recorded; shared by everything that solves the task."""

    task_id: str = ""
    """The task being solved."""
    budget: Budget = field(default_factory=Budget)
    """The run's spending and cap (shared by every task in the worker)."""
    sink: Callable[[ModelCall], None] | None = None
    """Told about each call as it is recorded (the worker sends it to the harness)."""
    member: str = ""
    """The ensemble member that records through this log ('' outside an ensemble)."""
    calls: list[ModelCall] = field(default_factory=list)
    """Every call recorded for the task so far (shared with the logs of members)."""

    def record(self, call: ModelCall) -> ModelCall:
        """Keep a call (tagged with this log's task and member), count its cost, pass it on."""
        call = replace(call, task_id=call.task_id or self.task_id, member=call.member or self.member)
        self.calls.append(call)
        self.budget.own += call.cost
        if self.sink is not None:
            self.sink(call)
        return call

    def may_spend(self) -> bool:
        """False once the run's spending reached its cap: start no new paid call."""
        return self.budget.may_spend()

    def check_budget(self) -> None:
        """Raise CostCapReached once the run's spending reached its cap."""
        if not self.budget.may_spend():
            raise CostCapReached(f"task {self.task_id}: the run's spending reached its cap of "
                                 f"${self.budget.max_cost:g} (spent ${self.budget.spent:.4f})")

    def for_member(self, member: str) -> CallLog:
        """A log for an ensemble member: its calls are tagged with its name and kept here too."""
        return CallLog(self.task_id, self.budget, self.sink, member, self.calls)

    def usage(self) -> dict[str, Any]:
        """Totals over the recorded calls: calls, tokens, cost, cache hits."""
        return {"calls": len(self.calls),
                "prompt_tokens": sum(c.prompt_tokens for c in self.calls),
                "completion_tokens": sum(c.completion_tokens for c in self.calls),
                "cost": sum(c.cost for c in self.calls),
                "cache_hits": sum(c.cached for c in self.calls)}
