"""A SQLite connection whose every failure is a StoreError naming the file.

A store can be damaged (a disk error, a copy cut short, a file that is not SQLite at all);
SQLite then fails at any query, not only when the file is opened. Rows are fetched at once, so
an error can only happen inside `execute`, where it is turned into a StoreError that callers
(the CLI, the web app, the runs listing) already handle as a per-run problem.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..task import ArclabError


class StoreError(ArclabError):
    """A run directory cannot be used: not a run, another version, other settings, busy, or damaged."""


class Rows(list[tuple[Any, ...]]):
    """The rows a statement returned, with the cursor's lastrowid and rowcount."""

    lastrowid: int | None = None
    rowcount: int = -1

    def fetchone(self) -> tuple[Any, ...] | None:
        """The first row, or None."""
        return self[0] if self else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        """Every row."""
        return list(self)


class Database:
    """A sqlite3 connection to the store at `path`; used like one (`execute`, `with` for a transaction)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    def _error(self, error: sqlite3.Error) -> StoreError:
        return StoreError(f"{self.path}: the store cannot be read or written ({error})")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        """Run one statement and fetch all its rows."""
        try:
            cursor = self._connection.execute(sql, params)
            rows = Rows(cursor.fetchall())
        except sqlite3.Error as error:
            raise self._error(error) from None
        rows.lastrowid, rows.rowcount = cursor.lastrowid, cursor.rowcount
        return rows

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter sequence."""
        try:
            self._connection.executemany(sql, params)
        except sqlite3.Error as error:
            raise self._error(error) from None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        try:
            if kind is None:
                self._connection.commit()
            else:
                self._connection.rollback()
        except sqlite3.Error as error:
            if kind is None:
                raise self._error(error) from None

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()
