"""A small HTTP proxy on 127.0.0.1 in front of the llama.cpp server that misbehaves on purpose.

Which fault a request meets is read from the prompt: the test input's first cell (see FAULTS).
Other requests are forwarded to the real server unchanged (after `delay` seconds, if set).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from arclab.solvers import parse_grid
from arclab.task import Grid

FAULTS = {
    1: "429 once, with Retry-After: 1",
    2: "500 always",
    3: "hang (past any time limit)",
    4: "a reply with no grid",
    5: "a 40x40 grid",
    6: "a grid with colour 12",
    7: "a dropped connection, always",
    8: "500 once, then forwarded",
}
"""Fault by the first cell of the test input; 0 and 9 are forwarded."""


class FaultProxy:
    """The proxy's state: the upstream URL, the requests seen, and whether faults are on."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.faults_on = True
        self.delay = 0.0
        self.arrivals: dict[int, list[float]] = defaultdict(list)
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def fault_of(self, body: dict[str, Any]) -> int:
        """The fault a request asks for (0 when none)."""
        text = body["messages"][-1]["content"].split("Test input:")[-1]
        grid = parse_grid(text.split("Write the test output")[0])
        return grid[0, 0] if isinstance(grid, Grid) and self.faults_on else 0


def _handler(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            self._forward(None)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = json.loads(raw)
            fault = proxy.fault_of(body)
            with proxy.lock:
                proxy.arrivals[fault].append(time.monotonic())
                seen = len(proxy.arrivals[fault])
            if fault == 1 and seen == 1:
                return self._send(429, {"error": {"message": "slow down"}}, {"Retry-After": "1"})
            if fault == 2 or (fault == 8 and seen == 1):
                return self._send(500, {"error": {"message": "boom"}})
            if fault == 3:
                proxy.stop.wait(60)
                return self._send(500, {"error": {"message": "gave up hanging"}})
            if fault == 7:
                self.close_connection = True
                return  # nothing sent: the client sees the connection drop
            if fault in (4, 5, 6):
                content = {4: "I am not sure what the rule is.",
                           5: "\n".join("1" * 40 for _ in range(40)),
                           6: "```\n1 12\n3 4\n```"}[fault]
                return self._send(200, _completion(body["model"], content))
            if proxy.delay:
                time.sleep(proxy.delay)
            self._forward(raw)

        def _forward(self, raw: bytes | None) -> None:
            request = urllib.request.Request(proxy.upstream + self.path.removeprefix("/v1"), data=raw,
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, data = response.status, response.read()
            except urllib.error.HTTPError as error:
                status, data = error.code, error.read()
            self._send_bytes(status, data, {})

        def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            self._send_bytes(status, json.dumps(payload).encode(), headers or {})

        def _send_bytes(self, status: int, data: bytes, headers: dict[str, str]) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (a cancelled request): nothing to tell it
                self.close_connection = True

    return Handler


def _completion(model: str, content: str) -> dict[str, Any]:
    return {"id": "fault", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": len(content), "total_tokens": 100 + len(content)}}


@contextmanager
def fault_proxy(upstream: str) -> Iterator[tuple[str, FaultProxy]]:
    """Serve the proxy on a free port; yields (its base URL …/v1, its state)."""
    proxy = FaultProxy(upstream)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(proxy))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", proxy
    finally:
        proxy.stop.set()
        server.shutdown()
        server.server_close()
