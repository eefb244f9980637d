"""The check at the boundary where a solver's answers enter the harness: every grid valid, and
metadata of a bounded size.

A solver may build grids without checks (`Grid._trusted`), and grids crossing the worker pipe are
unpickled without checks, so every result is checked here before it is scored or stored. An
invalid grid makes its task an `error` naming the test input, the attempt and what is wrong; the
rest of the run is untouched. Metadata past MAX_METADATA_CHARS (as JSON) is cut, keeping the head
and tail of long values and saying what was cut.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..solvers import Attempt
from ..task import GridError, check_grid
from ._results import Status, TaskResult


MAX_METADATA_CHARS = 100_000
"""The most an attempt's metadata may take in the store, as JSON text."""
CUT_KEY = "arclab_cut"
"""The metadata key saying what was cut from metadata over the cap."""


class InvalidAttempt(Exception):
    """An attempt's grid is not a valid ARC grid; the message names test input and attempt."""


def checked_attempts(attempts: tuple[tuple[Attempt, ...], ...]) -> tuple[tuple[Attempt, ...], ...]:
    """The attempts with every grid checked (and normalised); InvalidAttempt at the first bad one.

    Returns `attempts` itself when every grid was already valid.
    """
    out = []
    changed = False
    for i, per_input in enumerate(attempts):
        kept = []
        for j, attempt in enumerate(per_input):
            if not isinstance(attempt, Attempt):
                raise InvalidAttempt(f"test[{i}] attempt {j + 1}: expected an Attempt, got {type(attempt).__name__}")
            try:
                grid = check_grid(attempt.grid)
            except GridError as error:
                raise InvalidAttempt(f"test[{i}] attempt {j + 1}: invalid grid: {error}") from None
            metadata = capped_metadata(attempt.metadata)
            if grid is not attempt.grid or metadata is not attempt.metadata:
                attempt, changed = Attempt(grid, metadata), True
            kept.append(attempt)
        out.append(tuple(kept))
    return tuple(out) if changed else attempts


def checked_result(result: TaskResult) -> TaskResult:
    """The result unchanged when its grids are valid; otherwise an `error` result saying which is not."""
    if result.status is not Status.OK or not result.attempts:
        return result
    try:
        attempts = checked_attempts(result.attempts)
    except InvalidAttempt as error:
        return replace(result, status=Status.ERROR, attempts=(), error=f"bad prediction: {error}",
                       correct=None)
    return result if attempts is result.attempts else replace(result, attempts=attempts)


def _cut_text(text: str, keep: int) -> str:
    """`text` with its middle cut out, keeping `keep` characters (head and tail), saying how much went."""
    if len(text) <= keep:
        return text
    half = keep // 2
    return f"{text[:half]}\n[... {len(text) - 2 * half} characters cut by arclab ...]\n{text[-half:]}"


def _cut_strings(value: Any, keep: int) -> Any:
    if isinstance(value, str):
        return _cut_text(value, keep)
    if isinstance(value, Mapping):
        return {key: _cut_strings(item, keep) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_cut_strings(item, keep) for item in value]
    return value


def capped_metadata(metadata: Mapping[str, Any], limit: int = MAX_METADATA_CHARS) -> Mapping[str, Any]:
    """`metadata` itself when its JSON fits in `limit` characters; otherwise a copy whose long strings
    keep only their head and tail (or, if that is not enough, the head and tail of the whole JSON
    text), with CUT_KEY saying how much was cut."""
    try:
        size = len(json.dumps(metadata, default=repr))
    except (TypeError, ValueError, RecursionError):
        return {CUT_KEY: "the metadata could not be written as JSON"}
    if size <= limit:
        return metadata
    note = f"metadata of {size} characters (as JSON) cut to about {limit}: the middle of long values was dropped"
    try:
        cut = dict(_cut_strings(metadata, max(200, limit // 8)))
        if len(json.dumps(cut, default=repr)) + len(note) + 20 <= limit:
            return {**cut, CUT_KEY: note}
    except RecursionError:
        pass
    text = json.dumps(metadata, default=repr)
    return {CUT_KEY: f"metadata of {size} characters (as JSON) cut to its head and tail",
            "json": _cut_text(text, limit - 200)}
