"""Answers typed by hand: at most two tries per test input, checked on the server.

Kept in the server's memory (lost when it stops), keyed by (source id, task id, test index).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Literal

from ..scoring import MAX_ATTEMPTS
from ..task import Grid

Key = tuple[str, str, int]
HandStatus = Literal["untried", "tried", "solved", "failed"]


@dataclass(frozen=True, slots=True)
class Try:
    """One submitted answer and whether it was exactly right (shape and every cell)."""

    grid: Grid
    correct: bool


class TriesExhausted(Exception):
    """No more tries for this test input: it is solved, or both tries were wrong."""


class TryBook:
    """The tries made so far, per test input; thread-safe."""

    def __init__(self, limit: int = MAX_ATTEMPTS) -> None:
        self.limit = limit
        self._tries: dict[Key, tuple[Try, ...]] = {}
        self._lock = threading.Lock()

    def get(self, key: Key) -> tuple[Try, ...]:
        """The tries made so far on one test input, oldest first."""
        with self._lock:
            return self._tries.get(key, ())

    def status(self, tries: tuple[Try, ...]) -> HandStatus:
        """'solved', 'failed' (every try used, none right), 'tried' or 'untried'."""
        if any(t.correct for t in tries):
            return "solved"
        if len(tries) >= self.limit:
            return "failed"
        return "tried" if tries else "untried"

    def left(self, tries: tuple[Try, ...]) -> int:
        """How many more tries these allow: none once one was right."""
        return 0 if any(t.correct for t in tries) else max(0, self.limit - len(tries))

    def record(self, key: Key, answer: Grid, expected: Grid) -> tuple[Try, ...]:
        """Check `answer` exactly against `expected` and record it; raises TriesExhausted."""
        with self._lock:
            tries = self._tries.get(key, ())
            if any(t.correct for t in tries):
                raise TriesExhausted("already solved")
            if len(tries) >= self.limit:
                raise TriesExhausted(f"no tries left (at most {self.limit})")
            tries += (Try(answer, answer == expected),)
            self._tries[key] = tries
            return tries

