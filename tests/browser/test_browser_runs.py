"""In a real browser: a run's tasks by outcome, a task's attempts, diffs and programs, two runs
compared, and the HTML report opened from its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from arclab.report import write_report


def wait_view(page: Any, name: str) -> None:
    page.wait_for_selector(f'main[data-view="{name}"]')


def test_run_tasks_attempts_and_diffs(page: Any, served: Any, shots: Path) -> None:
    page.goto(served.url + "/")
    wait_view(page, "home")
    assert page.locator("#runs tr").count() == 3  # header + two runs
    page.click("#runs >> text=baseline")
    wait_view(page, "run")
    assert "Per output (Kaggle)25.0% (2 / 8)" in page.inner_text("#scores").replace("\t", "")
    assert page.locator("#run-tasks tr[data-task]").count() == 8
    page.click("#filters >> text=failed")
    page.wait_for_selector("#filters a.active[data-filter='failed']")
    wait_view(page, "run")
    assert page.locator("#run-tasks tr[data-task]").evaluate_all("rows => rows.map(r => r.dataset.task)") == [
        "d037b0a7", "67a3c6ac"]
    assert "ValueError: no rule fits" in page.inner_text("#run-tasks")

    page.goto(served.url + "/#/r/baseline/t/3aa6fb7a")
    wait_view(page, "runTask")
    assert page.locator("#train .pair").count() == 2
    assert page.locator("#attempts .arc-figure.frame-wrong").count() == 2
    assert page.locator("#attempts .arc-grid.diff > .wrong").count() == 4  # the four cells to turn blue
    assert "diff 2: shape 1x1, expected 7x7" in page.inner_text("#attempts")
    assert page.inner_text("pre.program") == "identity(grid)"
    assert "test 0 output" not in page.inner_text("#attempts")
    page.click("#reveal")
    page.wait_for_selector("#attempts >> text=test 0 output 7x7")
    page.screenshot(path=str(shots / "run-task.png"), full_page=True)

    page.goto(served.url + "/#/r/baseline/t/d037b0a7")
    wait_view(page, "runTask")
    assert "ValueError: no rule fits" in page.inner_text("#error")

    # The dataset's task view lists the runs that have the task, with their outcomes.
    page.click("text=Open the task (solve it by hand)")
    wait_view(page, "task")
    assert page.inner_text("#task-runs li[data-run='baseline']") == "baseline failed"
    assert page.inner_text("#task-runs li[data-run='search-d3']") == "search-d3 solved"


def test_compare_two_runs(page: Any, served: Any) -> None:
    page.goto(served.url + "/#/compare")
    wait_view(page, "compare")
    page.select_option("#run-a", "baseline")
    page.select_option("#run-b", "search-d3")
    page.click("#compare")
    page.wait_for_selector("#deltas")
    assert "+3" in page.inner_text("#deltas")
    gained = page.locator("#gained tr[data-task]").evaluate_all("rows => rows.map(r => r.dataset.task)")
    assert gained == ["007bbfb7", "3aa6fb7a", "67a3c6ac", "d037b0a7"]
    assert page.locator("#lost tr[data-task]").evaluate_all("rows => rows.map(r => r.dataset.task)") == ["ed36ccf7"]
    page.click("#gained >> text=ok · 100.0% >> nth=1")
    wait_view(page, "runTask")
    assert page.locator("#attempts .arc-figure.frame-right").count() == 1


def test_report_in_the_browser(page: Any, served: Any, shots: Path, tmp_path: Path) -> None:
    report = write_report(served.runs / "search-d3", tmp_path / "report.html")
    page.goto(report.as_uri())
    assert page.locator("#task-table tbody tr").count() == 8
    page.click(".filters button[data-filter='solved']")
    assert page.locator("#task-table tbody tr:visible").count() == 5
    page.click("#task-table >> text=3aa6fb7a")  # opens the task's details, drawn when opened
    page.wait_for_selector("details#task-3aa6fb7a[open] > .body[data-drawn]")
    details = page.locator("details#task-3aa6fb7a")
    assert details.locator(".arc-figure.frame-wrong").count() == 1
    assert details.locator(".arc-figure.frame-right").count() == 1
    assert details.locator(".arc-grid.diff > .wrong").count() == 4
    assert "flip(grid)" in details.inner_text()
    page.locator("details#task-aedd82e4 > summary").click()
    page.wait_for_selector("details#task-aedd82e4 pre.error")
    assert "ValueError: no rule fits" in page.inner_text("details#task-aedd82e4")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "report.png"), full_page=True)
