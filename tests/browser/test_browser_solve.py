"""In a real browser: browse to a task, solve it by hand (wrong, then right), and use every editor tool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from arclab.datasets import load_task

SOURCE = "arc-agi-1-training"
TASK_ID = "3aa6fb7a"  # test output = test input with four cells changed


def read_editor(page: Any) -> list[list[int]]:
    """The editor's grid as the page shows it (each cell's colour class)."""
    rows: list[list[int]] = page.evaluate("""() => {
        const grid = document.querySelector('#editor-grid');
        const rows = [];
        for (const cell of grid.children) {
            const r = Number(cell.dataset.r), c = Number(cell.dataset.c);
            (rows[r] = rows[r] || [])[c] = Number([...cell.classList].find(k => /^c\\d$/.test(k)).slice(1));
        }
        return rows;
    }""")
    return rows


def cell(page: Any, r: int, c: int) -> Any:
    return page.locator(f'#editor-grid > div[data-r="{r}"][data-c="{c}"]')


def wait_view(page: Any, name: str) -> None:
    page.wait_for_selector(f'main[data-view="{name}"]')


def test_browse_and_solve_by_hand(page: Any, served: Any, shots: Path) -> None:
    task = load_task(TASK_ID, "arc-agi-1/training")
    test_in, test_out = task.test[0].input, task.test[0].output
    assert test_out is not None and test_in.shape == test_out.shape
    changed = [(r, c) for r in range(test_in.height) for c in range(test_in.width)
               if test_in[r, c] != test_out[r, c]]
    assert 1 <= len(changed) <= 6
    hidden = json.dumps(test_out.to_list(), separators=(",", ":"))
    bodies: list[str] = []
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: bodies.append(response.text())
            if "/api/" in response.url and not response.url.endswith("/tries") else None)

    # Home -> the dataset -> filter by id -> the task.
    page.goto(served.url + "/")
    wait_view(page, "home")
    page.click("text=arc-agi-1/training")
    wait_view(page, "source")
    assert page.locator("#tasks a").count() == 400
    page.fill("#task-search", TASK_ID)
    assert page.locator("#tasks a:visible").count() == 1
    page.click(f"#tasks a[data-task='{TASK_ID}']")
    wait_view(page, "task")
    assert page.locator("#train .pair").count() == len(task.train)
    assert page.locator("#test .pair .arc-figure").count() == 1  # the test input, not its output
    page.screenshot(path=str(shots / "task-view.png"), full_page=True)

    # The testing interface: copy the input (wrong), submit; paint the changed cells, submit.
    page.click("#solve-0")
    wait_view(page, "solve")
    assert page.inner_text("#try-status") == "2 tries left."
    page.click("#copy-input")
    assert read_editor(page) == test_in.to_list()
    page.click("#submit")
    page.wait_for_selector('#try-status[data-result="wrong"]')
    assert page.inner_text("#try-status") == "Wrong answer. 1 try left."
    assert page.locator("#tries .arc-figure.frame-wrong").count() == 1
    page.click("#tool-paint")
    for r, c in changed:
        page.keyboard.press(str(test_out[r, c]))
        cell(page, r, c).click()
    assert read_editor(page) == test_out.to_list()
    page.click("#submit")
    page.wait_for_selector('#try-status[data-result="correct"]')
    assert page.inner_text("#try-status") == "Correct! Solved."
    assert page.locator("#tries .arc-figure.frame-right").count() == 1
    assert page.is_disabled("#submit")
    page.mouse.move(0, 0)
    page.screenshot(path=str(shots / "testing-interface.png"), full_page=False)

    # The page never asked for, nor received, the hidden output before the right answer.
    assert not any("/outputs" in url for url in requested)
    assert all(hidden not in body.replace(" ", "") for body in bodies)

    # The dataset's "solved" filter now lists the task; the task view shows its badge.
    page.goto(served.url + f"/#/s/{SOURCE}?status=solved")
    wait_view(page, "source")
    assert page.locator("#tasks a").all_inner_texts() == [f"{TASK_ID}solved"]
    # Coming back to the solved test input keeps it locked.
    page.goto(served.url + f"/#/s/{SOURCE}/t/{TASK_ID}/solve/0")
    wait_view(page, "solve")
    assert page.inner_text("#try-status") == "Correct! Solved." and page.is_disabled("#submit")


def test_editor_tools(page: Any, served: Any) -> None:
    page.goto(served.url + f"/#/s/{SOURCE}/t/{TASK_ID}/solve/0")
    wait_view(page, "solve")
    assert read_editor(page) == [[0] * 3] * 3  # starts as a 3x3 black grid

    # Resize keeps the content; sizes outside 1-30 are refused.
    cell(page, 0, 0).click()
    page.keyboard.press("2")
    cell(page, 1, 1).click()
    page.fill("#height", "4")
    page.fill("#width", "5")
    page.click("#resize")
    assert read_editor(page) == [[0, 0, 0, 0, 0], [0, 2, 0, 0, 0], [0] * 5, [0] * 5]
    page.fill("#height", "31")
    page.click("#resize")
    assert "1 to 30" in page.inner_text("#editor-message") and len(read_editor(page)) == 4

    # Flood fill (F) fills the 4-connected region of one colour.
    page.keyboard.press("f")
    page.keyboard.press("3")
    cell(page, 3, 4).click()
    assert read_editor(page) == [[3, 3, 3, 3, 3], [3, 2, 3, 3, 3], [3] * 5, [3] * 5]

    # Select (S) a rectangle by dragging, then a colour key fills it; Fill selection does too.
    page.keyboard.press("s")
    cell(page, 0, 3).hover()
    page.mouse.down()
    cell(page, 1, 4).hover()
    page.mouse.up()
    assert page.locator("#editor-grid > .selected").count() == 4
    page.keyboard.press("4")
    assert [row[3:] for row in read_editor(page)[:2]] == [[4, 4], [4, 4]]
    page.click("[data-colour='1']")
    assert [row[3:] for row in read_editor(page)[:2]] == [[1, 1], [1, 1]]

    # Copy (Ctrl+C) the selection and paste (Ctrl+V) it at another selection's top-left.
    page.keyboard.press("Control+c")
    cell(page, 2, 0).click()  # a one-cell selection: where to paste
    page.keyboard.press("Control+v")
    assert read_editor(page) == [[3, 3, 3, 1, 1], [3, 2, 3, 1, 1], [1, 1, 3, 3, 3], [1, 1, 3, 3, 3]]
    cell(page, 3, 4).click()  # pasting at the edge is clipped to the grid
    page.click("#paste")
    assert read_editor(page)[3] == [1, 1, 3, 3, 1]
    page.keyboard.press("Escape")
    assert page.locator("#editor-grid > .selected").count() == 0

    # Paint (P) by dragging across cells.
    page.keyboard.press("p")
    page.keyboard.press("0")
    cell(page, 2, 0).hover()
    page.mouse.down()
    cell(page, 2, 2).hover()
    cell(page, 2, 4).hover()
    page.mouse.up()
    assert read_editor(page)[2] == [0, 0, 0, 0, 0]

    # Copy from input, then reset to 3x3 black.
    page.click("#copy-input")
    assert len(read_editor(page)) == 7
    page.click("#reset")
    assert read_editor(page) == [[0] * 3] * 3
    assert page.get_attribute("#tool-paint", "aria-pressed") == "true"
    assert page.get_attribute("[data-colour='0']", "aria-pressed") == "true"
