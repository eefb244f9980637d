"""Errors that say exactly where bad input is: the file, the task and the field."""

from __future__ import annotations


class ArclabError(Exception):
    """Base of every error arclab raises on purpose; the CLI prints these as one line."""


class GridError(ArclabError, ValueError):
    """A value cannot be a grid: wrong type, ragged, colour or size out of range."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def at(self, field: str) -> GridError:
        """The same error, located under `field` (prefixes are joined with dots)."""
        joined = f"{field}.{self.field}" if self.field and not self.field.startswith("[") else field + self.field
        return GridError(self.message, joined)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class TaskFormatError(ArclabError, ValueError):
    """A task (or a file of tasks) is malformed; names the file, task id and field."""

    def __init__(self, message: str, *, file: str | None = None, task_id: str | None = None,
                 field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.task_id = task_id
        self.field = field

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.task_id:
            parts.append(f"task {self.task_id}")
        if self.field:
            parts.append(f"field {self.field}")
        where = ": ".join(parts)
        return f"{where}: {self.message}" if where else self.message

    def located(self, *, file: str | None = None, task_id: str | None = None) -> TaskFormatError:
        """A copy with the file and task id filled in where they were unknown."""
        return TaskFormatError(self.message, file=self.file or file, task_id=self.task_id or task_id,
                               field=self.field)
