"""In a real browser: a language-model run's tokens and cost, and a task's prompts and raw replies
(shown as text, never as markup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from arclab.harness import RunStore, open_run
from arclab.solvers import ModelCall

PROMPT = ({"role": "system", "content": "You solve ARC-AGI puzzles."},
          {"role": "user", "content": "Test input:\n```\n0 5\n5 0\n```"})


def test_a_tasks_prompt_and_replies(page: Any, served: Any, shots: Path) -> None:
    run = served.runs / "search-d3"
    with open_run(run) as store:
        settings = store.settings
    with RunStore.create_or_resume(run, settings) as store:
        session = store.begin_session("process", 1)
        store.record_call(ModelCall("9565186b", 0, 0, "tiny", 300, 12, 0.8, 0.0021, messages=PROMPT,
                                    reply="Here:\n```\n5 5\n5 5\n```"), session)
        store.record_call(ModelCall("9565186b", 0, 1, "tiny", 300, 4, 0.0, 0.0, cached=True, outcome="parse_failure",
                                    detail="no grid in the reply", messages=PROMPT,
                                    reply="<img src=x onerror=alert(1)>"), session)
    page.goto(served.url + "/#/r/search-d3")
    page.wait_for_selector('main[data-view="run"]')
    scores = page.inner_text("#scores").replace("\t", "")
    assert "Model calls2 (1 from the cache, 1 without a grid, 0 failed)" in scores
    assert "Tokens600 prompt + 16 completion" in scores and "Cost$0.0021" in scores
    page.goto(served.url + "/#/r/search-d3/t/9565186b")
    page.wait_for_selector("#calls details")
    assert page.locator("#calls details").count() == 2
    page.click("#calls details[data-call='1'] summary")
    assert "parse_failure (no grid in the reply)" in page.inner_text("#calls details[data-call='1'] summary")
    reply = page.locator("#calls details[data-call='1'] pre.reply")
    assert reply.inner_text() == "<img src=x onerror=alert(1)>" and page.locator("#calls img").count() == 0
    page.click("#calls details[data-call='0'] summary")
    assert "Test input:" in page.inner_text("#calls details[data-call='0']")
    page.screenshot(path=str(shots / "run-task-calls.png"), full_page=True)
