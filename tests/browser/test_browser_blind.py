"""In real browsers, against the app served with blind=True (`arclab serve --blind`): the page offers
no test output and no run, the server gives none when asked from the page, and two browsers (two
sessions) each have their own two tries."""

from __future__ import annotations

import json
from typing import Any

from arclab.datasets import load_task

SOURCE = "arc-agi-1-training"
TASK_ID = "3aa6fb7a"
TASK_API = f"/api/sources/{SOURCE}/tasks/{TASK_ID}"
REFUSED = ("status of 404", "status of 403")  # the console's note on the peeks this test tries


def wait_view(page: Any, name: str) -> None:
    page.wait_for_selector(f'main[data-view="{name}"]')


def test_blind_pages_offer_no_outputs_and_no_runs(two_browsers: tuple[Any, Any], served_blind: Any,
                                                  checked_page: Any) -> None:
    hidden = json.dumps(load_task(TASK_ID, "arc-agi-1/training").test[0].output.to_list(), separators=(",", ":"))
    with checked_page(two_browsers[0], served_blind, allowed=REFUSED) as page:
        requested: list[str] = []
        bodies: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.on("response", lambda response: bodies.append(response.text()) if "/api/" in response.url else None)
        page.goto(served_blind.url + "/")
        wait_view(page, "home")
        assert page.inner_text("#blind-mode") == "testing mode"
        assert page.locator("#runs").count() == 0 and page.locator("header a[href='#/compare']").count() == 0
        page.click("text=arc-agi-1/training")
        wait_view(page, "source")
        page.click(f"#tasks a[data-task='{TASK_ID}']")
        wait_view(page, "task")
        assert page.locator("#reveal").count() == 0 and page.locator("#task-runs").count() == 0
        assert page.locator("#test .pair .arc-figure").count() == 1
        page.click("#solve-0")
        wait_view(page, "solve")
        assert page.inner_text("#try-status") == "2 tries left."
        assert not any("/outputs" in url or "/api/runs" in url for url in requested)
        assert all(hidden not in body.replace(" ", "") for body in bodies)

        # Someone with the browser's developer tools asks anyway: refused.
        statuses = page.evaluate("""(paths) => Promise.all(paths.map(p => fetch(p).then(r => r.status)))""",
                                 [TASK_API + "/outputs", TASK_API + "/picture?outputs=true&format=svg", "/api/runs",
                                  "/api/compare?a=x&b=y", TASK_API + "/runs"])
        assert statuses == [404, 403, 404, 404, 404]


def test_tries_are_per_browser(two_browsers: tuple[Any, Any], served_blind: Any, checked_page: Any) -> None:
    first, second = two_browsers
    solve = served_blind.url + f"/#/s/{SOURCE}/t/{TASK_ID}/solve/0"
    with checked_page(first, served_blind) as page:
        page.goto(solve)
        wait_view(page, "solve")
        page.click("#copy-input")
        page.click("#submit")
        page.wait_for_selector('#try-status[data-result="wrong"]')
        assert page.inner_text("#try-status") == "Wrong answer. 1 try left."
    with checked_page(second, served_blind) as page:
        page.goto(solve)
        wait_view(page, "solve")
        assert page.inner_text("#try-status") == "2 tries left."
        assert page.locator("#tries .arc-figure").count() == 0
    with checked_page(first, served_blind) as page:  # the first browser still has its one try left
        page.goto(solve)
        wait_view(page, "solve")
        assert page.inner_text("#try-status") == "Wrong answer. 1 try left."
