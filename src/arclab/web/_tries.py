"""Answers typed by hand: at most two tries per test input and browser session, checked on the server.

Kept in the server's memory (lost when it stops), per session (a random token the browser keeps in a
cookie), then keyed by (source id, task id, test index). Only the most recently used sessions are
kept, so no client can fill the server's memory by making new ones.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

from ..scoring import MAX_ATTEMPTS
from ..task import Grid

Key = tuple[str, str, int]
HandStatus = Literal["untried", "tried", "solved", "failed"]

MAX_SESSIONS = 10_000
"""How many browser sessions' tries are kept; the least recently used are forgotten first."""


@dataclass(frozen=True, slots=True)
class Try:
    """One submitted answer and whether it was exactly right (shape and every cell)."""

    grid: Grid
    correct: bool


class TriesExhausted(Exception):
    """No more tries for this test input: it is solved, or both tries were wrong."""


class TryBook:
    """The tries made so far, per browser session and test input; thread-safe."""

    def __init__(self, limit: int = MAX_ATTEMPTS, max_sessions: int = MAX_SESSIONS) -> None:
        self.limit = limit
        self.max_sessions = max_sessions
        self._sessions: OrderedDict[str, dict[Key, tuple[Try, ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def new_session(self) -> str:
        """A fresh session token (unguessable), with no tries yet."""
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._sessions[token] = {}
            self._trim()
        return token

    def _trim(self) -> None:
        while len(self._sessions) > self.max_sessions:
            self._sessions.popitem(last=False)

    def known(self, session: str) -> bool:
        """Whether `session` is a token this book handed out and still keeps."""
        with self._lock:
            return session in self._sessions

    def get(self, session: str, key: Key) -> tuple[Try, ...]:
        """The tries one session made so far on one test input, oldest first."""
        with self._lock:
            return self._sessions.get(session, {}).get(key, ())

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

    def record(self, session: str, key: Key, answer: Grid, expected: Grid) -> tuple[Try, ...]:
        """Check `answer` exactly against `expected` and record it for `session`; raises TriesExhausted."""
        with self._lock:
            book = self._sessions.setdefault(session, {})
            self._sessions.move_to_end(session)
            self._trim()
            tries = book.get(key, ())
            if any(t.correct for t in tries):
                raise TriesExhausted("already solved")
            if len(tries) >= self.limit:
                raise TriesExhausted(f"no tries left (at most {self.limit})")
            tries += (Try(answer, answer == expected),)
            book[key] = tries
            return tries
