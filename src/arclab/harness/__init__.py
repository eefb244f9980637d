"""The harness: run any solver over any task source, safely, in parallel, resumably.

`evaluate` runs a solver in supervised worker processes (or Ray actors) under per-task time
and memory limits, recording each task in a SQLite store as it finishes; `open_run`,
`summarise` and `compare_runs` read runs back.
"""

from ._backend import BACKENDS, Backend, BackendError, check_backend, default_workers, open_backend
from ._database import StoreError
from ._progress import ProgressBar
from ._protocol import WorkerSetup
from ._provenance import LIBRARIES, CodeVersion, current_code
from ._results import Status, TaskResult
from ._runner import EvalConfig, EvalReport, RunObserver, RunStart, canonical_source, evaluate, with_correctness
from ._settings import DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT, Limits, RunSettings
from ._slot import WorkerSlot, WorkerStartError
from ._store import (
    STORE_FILE,
    SUBMISSION_FILE,
    PlannedTask,
    RunStore,
    Session,
    is_run_dir,
    open_run,
    settings_to_json,
)
from ._summary import Comparison, RunSummary, TaskChange, compare_runs, find_runs, summarise

__all__ = [
    "BACKENDS",
    "Backend",
    "CodeVersion",
    "BackendError",
    "Comparison",
    "DEFAULT_MEMORY_LIMIT_MB",
    "DEFAULT_TIME_LIMIT",
    "EvalConfig",
    "EvalReport",
    "LIBRARIES",
    "Limits",
    "PlannedTask",
    "ProgressBar",
    "RunObserver",
    "RunSettings",
    "RunStart",
    "RunStore",
    "RunSummary",
    "STORE_FILE",
    "SUBMISSION_FILE",
    "Session",
    "Status",
    "StoreError",
    "TaskChange",
    "TaskResult",
    "WorkerSetup",
    "WorkerSlot",
    "WorkerStartError",
    "canonical_source",
    "check_backend",
    "compare_runs",
    "current_code",
    "default_workers",
    "evaluate",
    "find_runs",
    "is_run_dir",
    "open_backend",
    "open_run",
    "settings_to_json",
    "summarise",
    "with_correctness",
]
