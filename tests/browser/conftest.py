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
from contextlib import contextmanager
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


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve `app` on a free loopback port in a thread; its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    runs = write_demo_runs(tmp_path_factory.mktemp("runs"))
    catalogue = Catalogue.build(["arc-agi-1/training"], [runs], named=False)
    with serve(create_app(catalogue)) as url:
        yield Served(url, runs)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """Playwright, started once for the session (it can be started only once at a time per thread)."""
    chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        yield playwright


@contextmanager
def open_browser(playwright: Any, profile: Path, served: Served) -> Iterator[Any]:
    """Chromium with its own profile (its own cookies), allowed to reach nothing but `served`."""
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=chromium_path(), headless=True,
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


@pytest.fixture(scope="session")
def browser_context(served: Served, playwright_driver: Any,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with open_browser(playwright_driver, tmp_path_factory.mktemp("chromium-profile"), served) as context:
        yield context


@contextmanager
def _checked_page(context: Any, served: Served, allowed: tuple[str, ...] = ()) -> Iterator[Any]:
    """A new page; on leaving, no error in it (but those with an `allowed` text) and no request outside
    the app."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    page.close()
    errors = [e for e in errors if not any(text in e for text in allowed)]
    assert not errors, f"errors in the page: {errors}"
    assert not served.blocked, f"the page tried to reach outside the app: {served.blocked}"


@pytest.fixture()
def page(browser_context: Any, served: Served) -> Iterator[Any]:
    with _checked_page(browser_context, served) as page:
        yield page


@pytest.fixture(scope="session")
def checked_page() -> Any:
    """`with checked_page(context, served, allowed=()) as page`: a new page, checked as `page` is."""
    return _checked_page


@pytest.fixture(scope="session")
def served_blind() -> Iterator[Served]:
    """ARC-AGI-1 training served in blind mode (`arclab serve --blind`)."""
    catalogue = Catalogue.build(["arc-agi-1/training"], named=False)
    with serve(create_app(catalogue, blind=True)) as url:
        yield Served(url, Path())


@pytest.fixture(scope="session")
def two_browsers(served_blind: Served, playwright_driver: Any,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    """Two browsers with their own profiles on the blind app: two people, two sessions."""
    with open_browser(playwright_driver, tmp_path_factory.mktemp("blind-a"), served_blind) as first, \
            open_browser(playwright_driver, tmp_path_factory.mktemp("blind-b"), served_blind) as second:
        yield first, second


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: docs/screenshots with ARCLAB_DOCS_SCREENSHOTS=1, else a temporary folder."""
    if os.environ.get("ARCLAB_DOCS_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")
