"""What every API route shares: the validated forms of ids, and the app's catalogue and try book."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Request

from ._catalogue import Catalogue
from ._models import Problem
from ._tries import TryBook

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,79}$"
"""Source and run ids, as the catalogue makes them."""

SourceId = Annotated[str, Path(pattern=ID_PATTERN, description="A source id from /api/sources")]
RunId = Annotated[str, Path(pattern=ID_PATTERN, description="A run id from /api/runs")]
TaskId = Annotated[str, Path(pattern=r"^[\w.-]{1,128}$", description="A task id")]
TestIndex = Annotated[int, Path(ge=0, le=99, description="Which test input, from 0")]

INVALID: dict[int | str, dict[str, Any]] = {422: {"description": "Invalid input"}}


def not_found(what: str) -> dict[int | str, dict[str, Any]]:
    """The documented 404 answer of a route."""
    return {404: {"model": Problem, "description": f"No such {what}"}}


def catalogue(request: Request) -> Catalogue:
    """The sources and runs the app was started with."""
    return request.app.state.catalogue  # type: ignore[no-any-return]


def try_book(request: Request) -> TryBook:
    """The answers by hand recorded so far."""
    return request.app.state.tries  # type: ignore[no-any-return]
