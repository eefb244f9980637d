"""What every API route shares: the validated forms of ids, and the app's catalogue and try book."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Path, Request, Response

from ._catalogue import Catalogue
from ._models import Problem
from ._tries import TryBook

SESSION_COOKIE = "arclab_session"
"""The cookie holding a browser's session token (tries by hand are per session)."""

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
    served: Catalogue = request.app.state.catalogue
    return served


def try_book(request: Request) -> TryBook:
    """The answers by hand recorded so far."""
    book: TryBook = request.app.state.tries
    return book


def blind(request: Request) -> bool:
    """Whether the app serves no test output (`arclab serve --blind`)."""
    return bool(request.app.state.blind)


def session(request: Request, response: Response) -> str:
    """The browser's session (from its cookie); a new one, set in a cookie, if it has none the app knows."""
    book = try_book(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token is None or not book.known(token):
        token = book.new_session()
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/")
    return token


Session = Annotated[str, Depends(session)]
"""A route's browser session, whose tries it reads and records."""
