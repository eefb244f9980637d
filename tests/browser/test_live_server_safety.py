"""Raw HTTP against the live server (no client normalising the path first): traversals and broken
requests get 4xx answers, never a 500, never a file from outside the app's roots."""

from __future__ import annotations

import socket
from typing import Any
from urllib.parse import urlsplit

import pytest

PASSWD = b"root:x:0:0"

RAW_TARGETS = [
    "/static/../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/static/..\\..\\..\\etc\\passwd",
    "/static//etc/passwd",
    "//etc/passwd",
    "/api/../../../etc/passwd",
    "/api/sources/arc-agi-1-training/tasks/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/api/sources/..%2f..%2f..%2fetc/tasks",
    "/api/runs/..%2f..%2fetc/tasks",
    "/api/runs/baseline/tasks/..%2fresults.sqlite",
    "/api/compare?a=..%2f..%2fetc&b=baseline",
    "/api/sources/arc-agi-1-training/tasks/3aa6fb7a/picture?format=..%2f..%2fetc%2fpasswd",
    "/api/sources/arc-agi-1-training/tasks/3aa6fb7a/tests/%00/tries",
]


def _exchange(url: str, raw: bytes) -> bytes:
    """Send raw bytes; what came back before the server closed, or went quiet for a second."""
    parts = urlsplit(url)
    chunks = []
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(raw)
        try:
            while True:
                data = sock.recv(65536)
                if not data:
                    break
                chunks.append(data)
                sock.settimeout(1)
        except TimeoutError:
            pass
    return b"".join(chunks)


def _status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


@pytest.mark.parametrize("target", RAW_TARGETS)
def test_raw_traversal_is_4xx(served: Any, target: str) -> None:
    request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    response = _exchange(served.url, request)
    assert 400 <= _status(response) < 500, (target, response[:200])
    assert PASSWD not in response


@pytest.mark.parametrize("raw", [
    b"GARBAGE\r\n\r\n",
    b"GET /api/sources HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n",
    b"POST /api/sources/arc-agi-1-training/tasks/3aa6fb7a/tests/0/tries HTTP/1.1\r\nHost: x\r\n"
    b"Content-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\n{\"gr",
    b"POST /api/sources/arc-agi-1-training/tasks/3aa6fb7a/tests/0/tries HTTP/1.1\r\nHost: x\r\n"
    b"Content-Type: application/json\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n{}",
    b"POST /api/sources/arc-agi-1-training/tasks/3aa6fb7a/tests/0/tries HTTP/1.1\r\nHost: x\r\n"
    b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    b"5\r\n{\"gri\r\n0\r\n\r\n",
])
def test_broken_requests_are_4xx(served: Any, raw: bytes) -> None:
    response = _exchange(served.url, raw)
    assert response == b"" or 400 <= _status(response) < 500, response[:200]


@pytest.mark.parametrize("host, status", [("evil.example:{port}", 421), ("evil.example", 421),
                                          ("localhost:{port}", 200), ("127.0.0.1:{port}", 200),
                                          ("[::1]:{port}", 200)])
def test_the_host_header_is_checked(served: Any, host: str, status: int) -> None:
    """DNS rebinding: a page of evil.example whose name now points here still sends Host: evil.example."""
    name = host.format(port=urlsplit(served.url).port)
    request = f"GET /api/sources HTTP/1.1\r\nHost: {name}\r\nConnection: close\r\n\r\n".encode()
    response = _exchange(served.url, request)
    assert _status(response) == status, response[:300]
    assert b"content-security-policy: default-src 'self'" in response.lower()
