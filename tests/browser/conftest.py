"""A real headless Chromium (Debian's, driven by Playwright) against the app served on loopback,
over ARC-AGI-1 training and two demo runs.

Off CI the tests skip when Chromium or Playwright is missing; on CI (CI=true) they fail instead,
since .ci/run installs both. The browser may reach nothing but the app: any other request is
aborted and recorded, and a test fails if there was one.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from arclab.datasets import load_tasks
from arclab.web import Catalogue, create_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (on CI .ci/run must install it)")
    pytest.skip(reason)


def chromium_path() -> str:
    path = os.environ.get("ARCLAB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        _missing("Debian's chromium is not installed (apt-get install chromium)")
    return path


@dataclass
class Served:
    """The app on a loopback port, the runs it serves, and where the page was not allowed to go."""

    url: str
    runs: Path
    blocked: list[str] = field(default_factory=list)


DEMO_TASKS = ("007bbfb7", "3aa6fb7a", "a9f96cdd", "d037b0a7", "ed36ccf7", "67a3c6ac", "9565186b", "aedd82e4")
DEMO_RUNS = {
    "baseline": {"007bbfb7": "wrong", "3aa6fb7a": "wrong", "a9f96cdd": "solved", "d037b0a7": "error",
                 "ed36ccf7": "solved", "67a3c6ac": "timeout", "9565186b": "wrong"},
    "search-d3": {"007bbfb7": "solved", "3aa6fb7a": "second", "a9f96cdd": "solved", "d037b0a7": "solved",
                  "ed36ccf7": "wrong", "67a3c6ac": "solved", "9565186b": "wrong", "aedd82e4": "error"},
}
"""Two runs over eight ARC-AGI-1 training tasks (the last is still pending in the first run)."""


def write_demo_runs(root: Path) -> Path:
    path = ROOT / "tests" / "report" / "runs_fixture.py"
    spec = importlib.util.spec_from_file_location("arclab_tests_runs_fixture", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    tasks = load_tasks("arc-agi-1/training")
    chosen = [tasks[task_id] for task_id in DEMO_TASKS]
    for name, outcomes in DEMO_RUNS.items():
        module.write_run(root / name, "arc-agi-1/training", chosen, outcomes,
                         solver="identity" if name == "baseline" else "search")
    return root


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    runs = write_demo_runs(tmp_path_factory.mktemp("runs"))
    catalogue = Catalogue.build(["arc-agi-1/training"], [runs], named=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(catalogue), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.02)
    try:
        yield Served(f"http://127.0.0.1:{port}", runs)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def browser_context(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 860}, device_scale_factor=1)
        context.set_default_timeout(10_000)

        def guard(route: Any) -> None:
            url = route.request.url
            if url.startswith((served.url + "/", "data:", "file://")):
                route.continue_()
            else:
                served.blocked.append(url)
                route.abort()

        context.route("**/*", guard)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture()
def page(browser_context: Any, served: Served) -> Iterator[Any]:
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    page.close()
    assert not errors, f"errors in the page: {errors}"
    assert not served.blocked, f"the page tried to reach outside the app: {served.blocked}"


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: docs/screenshots with ARCLAB_DOCS_SCREENSHOTS=1, else a temporary folder."""
    if os.environ.get("ARCLAB_DOCS_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")
