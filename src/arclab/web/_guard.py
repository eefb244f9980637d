"""The checks every request passes before the app sees it: its Host, its size and its JSON.

They sit outside everything else (error pages included), so every answer, a 500 too, carries the
security headers.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Iterable
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 64 * 1024
"""The largest request body accepted (a 30x30 answer is about 2 KB)."""

CONTENT_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
"""The page may load nothing from anywhere but this server."""

LOOPBACK_NAMES = frozenset({"localhost"})
"""Host names always served (address literals are served too: see `host_allowed`)."""

SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


def host_name(header: str) -> str:
    """The name in a Host header, without its port, lower case and without a final dot."""
    name = header.strip().lower()
    if name.startswith("["):  # [v6 address]:port
        end = name.find("]")
        return name[1:end] if end > 0 else ""
    if name.count(":") == 1:
        name = name.rsplit(":", 1)[0]
    return name.rstrip(".")


def host_allowed(header: str | None, names: frozenset[str]) -> bool:
    """Whether a request's Host header names this server: one of `names` (lower case), or an IP address.

    DNS rebinding makes a browser send a page's requests for evil.example to this server; the Host
    header still says evil.example, so refusing names the app does not serve under stops it. An
    address literal is always allowed: a page can only reach it under the address's own origin.
    """
    if not header:
        return False
    name = host_name(header)
    if name in names:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def served_names(hosts: Iterable[str]) -> frozenset[str]:
    """The loopback names with `hosts` added, as `host_allowed` compares them."""
    return LOOPBACK_NAMES | {host_name(h) for h in hosts if host_name(h)}


def is_loopback(host: str) -> bool:
    """Whether `host` (an address to listen on) is this machine's loopback interface only."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def served_hosts(host: str, extra: Iterable[str] = ()) -> list[str]:
    """The host names requests may name when listening on `host`: it and `extra`, and this machine's
    own names when listening on every interface."""
    names = [host, *extra]
    if host.strip("[]") in ("0.0.0.0", "::", ""):
        names += [socket.gethostname(), socket.getfqdn()]
    return names


def strict_json(body: bytes) -> str | None:
    """Why `body` is not plain JSON (NaN and Infinity, numbers too big to be finite, nesting too deep,
    bad UTF-8 or syntax), or None if it is."""

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not a JSON number")

    def finite(text: str) -> float:
        value = float(text)
        if value in (float("inf"), float("-inf")):
            raise ValueError(f"{text[:20]} is too large a number")
        return value

    try:
        json.loads(body, parse_constant=refuse, parse_float=finite)
    except RecursionError:
        return "JSON nested too deeply"
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError and over-long integers among them
        return f"invalid JSON: {str(error)[:200]}"
    return None


class Guard:
    """Refuse a Host header the app is not served under (421), a body over `limit` bytes (413, by its
    header or as it streams in) and a JSON body that is not plain JSON (422); add the security headers
    to every response."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY, hosts: Iterable[str] = ()) -> None:
        self.app = app
        self.limit = limit
        self.names = served_names(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if not host_allowed(host, self.names):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await _refuse(send_with_headers, 421, f"host {host[:80]!r} is not served here "
                                                  "(arclab serve --allow-host NAME serves it)")
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await self._body(scope, receive, headers)
        if body is None:
            await _refuse(send_with_headers, 413, f"request body over {self.limit} bytes")
            return
        problem = strict_json(body) if body and _is_json(headers) else None
        if problem is not None:
            await _refuse(send_with_headers, 422, [{"loc": ["body"], "msg": problem, "type": "json_invalid"}])
            return
        await self.app(scope, _replay(body, receive), send_with_headers)

    async def _body(self, scope: Scope, receive: Receive, headers: dict[bytes, bytes]) -> bytes | None:
        """The whole (small) body, read before any parsing; None if it is over the limit."""
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            return None
        body = bytearray()
        more = scope["method"] in ("POST", "PUT", "PATCH")
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if len(body) > self.limit:
                return None
            more = message.get("more_body", False)
        return bytes(body)


def _is_json(headers: dict[bytes, bytes]) -> bool:
    media = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
    return media == b"application/json" or media.endswith(b"+json")


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands over `body` once, then whatever comes next (a disconnect)."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(send: Send, status: int, detail: object) -> None:
    response = JSONResponse({"detail": detail}, status_code=status)
    await send({"type": "http.response.start", "status": status, "headers": list(response.raw_headers)})
    await send({"type": "http.response.body", "body": response.body})
