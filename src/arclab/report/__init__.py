"""Runs as people read them: each task's outcome, attempts with diffs and programs, and the HTML report."""

from ._html import build_report
from ._views import (OUTCOMES, PROGRAM_KEYS, AttemptView, Outcome, attempt_views, error_line, outcome,
                     program_of)
from ._write import REPORT_FILE, ReportError, run_tasks, write_report

__all__ = [
    "AttemptView",
    "OUTCOMES",
    "Outcome",
    "PROGRAM_KEYS",
    "REPORT_FILE",
    "ReportError",
    "attempt_views",
    "build_report",
    "error_line",
    "outcome",
    "program_of",
    "run_tasks",
    "write_report",
]
