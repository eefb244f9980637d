"""Write a run directory's report, loading the run's task source when it can be found."""

from __future__ import annotations

from pathlib import Path

from ..datasets import TaskSet, load_tasks
from ..harness import RunSettings, open_run
from ..task import ArclabError
from ._html import build_report

REPORT_FILE = "report.html"
"""The report's default name inside the run directory."""


class ReportError(ArclabError):
    """The report cannot be written."""


def run_tasks(settings: RunSettings) -> TaskSet | None:
    """The run's task source (with its solutions), or None when it is no longer there."""
    try:
        return load_tasks(settings.source, solutions=settings.solutions)
    except ArclabError:
        return None


def write_report(run_dir: str | Path, out: str | Path | None = None) -> Path:
    """Write the HTML report of the run in `run_dir` (to RUN_DIR/report.html by default)."""
    with open_run(run_dir) as store:
        html = build_report(store, run_tasks(store.settings))
    path = Path(out) if out is not None else Path(run_dir) / REPORT_FILE
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as error:
        raise ReportError(f"{path}: cannot write: {error.strerror}") from None
    return path
