"""The report shows what a run's model calls came to: calls, tokens and cost (nothing without calls)."""

from __future__ import annotations

from pathlib import Path

from arclab.harness import RunStore, open_run
from arclab.report import write_report
from arclab.solvers import ModelCall


def test_tokens_and_cost_in_the_scores_table(run_dir: Path) -> None:
    assert "Tokens" not in write_report(run_dir).read_text()
    with open_run(run_dir) as store:
        settings = store.settings
    with RunStore.create_or_resume(run_dir, settings) as store:
        session = store.begin_session("process", 1)
        for sample in range(3):
            store.record_call(ModelCall("aaa", 0, sample, "m", 1000, 20, 0.5, 0.0125, cached=sample == 2), session)
    html = write_report(run_dir).read_text()
    assert "<th>Model calls</th><td>3 (1 from the cache, 0 without a grid, 0 failed)</td>" in html
    assert "<th>Tokens</th><td>3000 prompt + 60 completion</td>" in html and "<th>Cost</th><td>$0.0375</td>" in html
