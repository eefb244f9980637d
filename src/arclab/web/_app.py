"""The ASGI app: the API and the page, with a cap on request size and a strict content policy."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .. import __version__
from ..task import ArclabError
from . import _api, _api_runs, _pages
from ._catalogue import Catalogue
from ._tries import TryBook

MAX_BODY = 64 * 1024
"""The largest request body accepted (a 30x30 answer is about 2 KB)."""

CONTENT_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
"""The page may load nothing from anywhere but this server."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class Guard:
    """Refuse request bodies over `limit` bytes with 413 (by their header or as they stream in), and
    add the security headers to every response."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            await _too_large(send_with_headers, self.limit)
            return
        body = bytearray()
        more = scope["method"] in ("POST", "PUT", "PATCH")
        while more:  # read the whole (small) body first, so a big one is refused before any parsing
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if len(body) > self.limit:
                await _too_large(send_with_headers, self.limit)
                return
            more = message.get("more_body", False)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send_with_headers)


async def _too_large(send: Send, limit: int) -> None:
    response = JSONResponse({"detail": f"request body over {limit} bytes"}, status_code=413)
    await send({"type": "http.response.start", "status": 413, "headers": list(response.raw_headers)})
    await send({"type": "http.response.body", "body": response.body})


def create_app(catalogue: Catalogue) -> FastAPI:
    """The web app over `catalogue`; answers by hand are kept in memory for the app's life."""
    app = FastAPI(title="arclab", version=__version__,
                  description="Browse ARC datasets and runs, and solve tasks by hand. Sources and runs are "
                              "named by id; nothing outside them is served.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.catalogue = catalogue
    app.state.tries = TryBook()
    app.include_router(_api.router)
    app.include_router(_api_runs.router)
    app.include_router(_pages.router)

    @app.exception_handler(ArclabError)
    async def _unavailable(request: Request, error: ArclabError) -> JSONResponse:
        return JSONResponse({"detail": f"cannot load: {error}"}, status_code=404)

    app.add_middleware(Guard)
    return app
