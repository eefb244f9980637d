"""The ASGI app: the API and the page, behind the guard (host, size, JSON, security headers)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp

from .. import __version__
from ..task import ArclabError
from . import _api, _api_runs, _pages
from ._catalogue import Catalogue
from ._guard import MAX_BODY, Guard
from ._tries import TryBook


class _GuardedApp(FastAPI):
    """FastAPI with the guard outside its error handling, so a 500 carries the security headers too."""

    guard_hosts: tuple[str, ...] = ()

    def build_middleware_stack(self) -> ASGIApp:
        """The usual stack, wrapped in the guard."""
        return Guard(super().build_middleware_stack(), MAX_BODY, self.guard_hosts)


def create_app(catalogue: Catalogue, *, hosts: Iterable[str] = (), blind: bool = False) -> FastAPI:
    """The web app over `catalogue`; answers by hand are kept in memory for the app's life, per browser.

    Requests must name localhost, an IP address or one of `hosts` in their Host header. `blind` serves
    no test output by any route (no outputs, no pictures with them, no runs, whose attempts and diffs
    would show them), so a person can be measured solving by hand.
    """
    app = _GuardedApp(title="arclab", version=__version__,
                      description="Browse ARC datasets and runs, and solve tasks by hand. Sources and runs are "
                                  "named by id; nothing outside them is served.",
                      openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.guard_hosts = tuple(hosts)
    app.state.catalogue = catalogue
    app.state.tries = TryBook()
    app.state.blind = blind
    app.include_router(_api.router)
    if not blind:
        app.include_router(_api.reveal_router)
        app.include_router(_api_runs.router)
    app.include_router(_pages.router)

    @app.exception_handler(ArclabError)
    async def _unavailable(request: Request, error: ArclabError) -> JSONResponse:
        return JSONResponse({"detail": f"cannot load: {catalogue.redact(str(error))}"}, status_code=404)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": [_problem(e) for e in error.errors()]}, status_code=422)

    @app.exception_handler(Exception)
    async def _internal(request: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": "internal error"}, status_code=500)

    return app


def _problem(error: Any) -> dict[str, Any]:
    """One validation error without the input it refused (which may not be JSON, or may be big)."""
    return {"loc": [str(part) if not isinstance(part, int) else part for part in error.get("loc", ())],
            "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))}
