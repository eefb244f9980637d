"""The results store: one SQLite file per run directory, written as each task finishes.

Durability: WAL journal, one transaction per finished task, so a run killed at any moment
(kill -9 included) keeps every task it recorded; running the same command again resumes.
(synchronous=NORMAL: safe against the process dying; a power cut may lose the last commits.)

Readers (`arclab runs`, `arclab compare`, the web app, reports) open a run with `open_run`
and use `settings`, `results`, `summary`, `submission` — not SQL — so the schema can evolve.

Schema (version 2; `PRAGMA user_version`). Version 1 stores (no `code` columns) are read as
they are, their code unknown; resuming one adds the columns and makes it version 2.

run — one row: the run's settings (see RunSettings for each field)
    solver, solver_target, solver_args (JSON object), seed, time_limit (NULL = none),
    memory_limit_mb (NULL = none), source, solutions, source_name, source_version,
    arclab_version, created_at, extra (JSON object)
    code         (version 2) JSON object: the code that created the run (see CodeVersion:
                 arclab_version, git_commit, git_dirty, arclab_hash, solver_hash, solver_source,
                 python, libraries); NULL when unknown
plan — one row per task the run is to solve
    task_id      the task's id
    num_test     how many test inputs it has
    has_solutions 1 when its test outputs are known, so it can be scored
    position     its order in the source
results — one row per finished task (see TaskResult)
    task_id      the task's id
    status       ok | error | timeout | memory | crashed
    attempts     JSON: per test input, a list of {"grid": [[...]], "metadata": {...}}, best first;
                 every grid valid (a row an older arclab wrote with an invalid one reads as an
                 error, and is rewritten so on resume); metadata over 100,000 characters of JSON
                 keeps the head and tail of its long values, with "arclab_cut" saying what went
    correct      JSON list of booleans per test input, or NULL when the outputs are unknown; graded
                 as submission.json holds the task (a missing attempt is its [[0]] placeholder)
    outputs_solved  how many test outputs were solved (0 when unknown)
    num_test     how many test inputs the task has
    seconds      time spent on the task
    peak_memory_mb  the worker's peak resident memory during the task (NULL when unknown)
    error        traceback or reason for a failed task ('' when ok)
    session      the session (sessions.id) that ran it
    finished_at  when it finished (UTC, ISO 8601)
sessions — one row per `arclab eval` invocation on this directory
    id, started_at, finished_at (NULL while running or if killed), outcome (running |
    complete | interrupted | failed | unknown: killed without saying, set when the run is next
    opened for writing; readers also show a dead 'running' session as unknown), backend,
    workers, address, host, pid,
    tasks_run (tasks recorded by this session)
    code         (version 2) JSON object: the code this session ran (as run.code); it differs
                 from the run's only when resumed with --allow-code-change; NULL when unknown
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import socket
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import IO, Any

from ..solvers import Attempt
from ..task import Grid, GridError
from ._checks import InvalidAttempt, checked_result
from ._database import Database, StoreError
from ._provenance import CodeVersion
from ._results import Status, TaskResult
from ._settings import RunSettings

STORE_FILE = "results.sqlite"
"""The store's file name inside a run directory."""
RUNNING = "running"
UNKNOWN = "unknown"
"""The outcome of a session that ended without saying how (its process was killed, e.g. kill -9)."""
SUBMISSION_FILE = "submission.json"
"""Where `arclab eval` writes the Kaggle submission inside a run directory."""
SCHEMA_VERSION = 2
"""The version this arclab writes."""
READABLE_VERSIONS = (1, 2)
"""The versions this arclab reads (and resumes, upgrading a version 1 store to version 2)."""

_SCHEMA = """
CREATE TABLE run (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    solver TEXT NOT NULL, solver_target TEXT NOT NULL, solver_args TEXT NOT NULL,
    seed INTEGER NOT NULL, time_limit REAL, memory_limit_mb REAL,
    source TEXT NOT NULL, solutions TEXT, source_name TEXT NOT NULL, source_version TEXT NOT NULL,
    arclab_version TEXT NOT NULL, created_at TEXT NOT NULL, extra TEXT NOT NULL, code TEXT
);
CREATE TABLE plan (
    task_id TEXT PRIMARY KEY, num_test INTEGER NOT NULL, has_solutions INTEGER NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
    outcome TEXT NOT NULL, backend TEXT NOT NULL, workers INTEGER NOT NULL, address TEXT,
    host TEXT NOT NULL, pid INTEGER NOT NULL, tasks_run INTEGER NOT NULL DEFAULT 0, code TEXT
);
CREATE TABLE results (
    task_id TEXT PRIMARY KEY, status TEXT NOT NULL, attempts TEXT NOT NULL, correct TEXT,
    outputs_solved INTEGER NOT NULL, num_test INTEGER NOT NULL, seconds REAL NOT NULL,
    peak_memory_mb REAL, error TEXT NOT NULL, session INTEGER NOT NULL REFERENCES sessions(id),
    finished_at TEXT NOT NULL
);
"""

_SETTINGS_COLUMNS = ("solver", "solver_target", "solver_args", "seed", "time_limit", "memory_limit_mb",
                     "source", "solutions", "source_name", "source_version", "arclab_version",
                     "created_at", "extra")
_JSON_SETTINGS = ("solver_args", "extra")


@dataclass(frozen=True, slots=True)
class Session:
    """One `arclab eval` invocation on a run directory."""

    id: int
    """Its number in this run, from 1."""
    started_at: str
    """When it started (UTC, ISO 8601)."""
    finished_at: str | None
    """None while running, or when the process was killed."""
    outcome: str
    """running | complete | interrupted | failed | unknown (its process was killed before it could
    say: kill -9, a power cut)."""
    backend: str
    """process or ray."""
    workers: int
    """Tasks at once."""
    address: str | None
    """The Ray cluster's address, if one was given."""
    host: str
    """The machine that ran the harness."""
    pid: int
    """The harness's process id."""
    tasks_run: int
    """Tasks it recorded."""
    code: CodeVersion | None = None
    """The code it ran (None when unknown: a store written before version 2)."""


@dataclass(frozen=True, slots=True)
class PlannedTask:
    """A task the run is to solve."""

    task_id: str
    """The task's id."""
    num_test: int
    """How many test inputs it has."""
    has_solutions: bool
    """Whether its test outputs are known (so it can be scored)."""


def now_iso() -> str:
    """The current UTC time, ISO 8601, to the second."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def is_run_dir(path: str | Path) -> bool:
    """True when `path` holds a results store."""
    return (Path(path) / STORE_FILE).is_file()


def open_run(directory: str | Path) -> RunStore:
    """Open a run directory read-only (safe while the run is still writing)."""
    return RunStore.open(directory)


class RunStore:
    """A run directory's SQLite store. `create` or `resume` to write; `open` to read."""

    def __init__(self, directory: Path, connection: sqlite3.Connection, *, writable: bool,
                 lock: IO[str] | None = None) -> None:
        self.directory = directory
        self._db = Database(directory / STORE_FILE, connection)
        self.writable = writable
        self._lock = lock
        self.version = 0
        """The store's schema version (read when opened)."""

    # --- opening --------------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: str | Path) -> RunStore:
        """Open an existing run read-only (a run folder the user cannot write to included)."""
        directory = Path(directory)
        path = directory / STORE_FILE
        if not path.is_file():
            raise StoreError(f"{directory}: not a run directory (no {STORE_FILE})")
        uri = path.resolve().as_uri() + "?mode=ro"
        store = cls(directory, sqlite3.connect(uri, uri=True, check_same_thread=False), writable=False)
        try:
            store._check_version()
        except StoreError:
            store.close()
            if os.access(directory, os.W_OK):
                raise
            # A WAL store needs its -shm index, which a reader cannot create in a folder it may not
            # write to; nobody can be writing there either, so read the file as it is.
            store = cls(directory, sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False),
                        writable=False)
            store._check_version()
        return store

    @classmethod
    def create_or_resume(cls, directory: str | Path, settings: RunSettings, code: CodeVersion | None = None, *,
                         allow_code_change: bool = False, force: bool = False) -> RunStore:
        """Open the run in `directory` for writing, creating it, or resuming it if the settings match.

        Refuses a folder that holds files but no run (unless `force`), and a run made with other
        code than `code` (unless `allow_code_change`). Holds a lock until closed, so two processes
        never write one run.
        """
        directory = Path(directory)
        _check_not_foreign(directory, force)
        directory.mkdir(parents=True, exist_ok=True)
        lock = open(directory / ".lock", "w")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise StoreError(f"{directory}: another process is writing this run") from None
        store: RunStore | None = None
        try:
            path = directory / STORE_FILE
            if not path.is_file():
                _create(path, settings, code)
            store = cls(directory, sqlite3.connect(path, check_same_thread=False), writable=True, lock=lock)
            store._db.execute("PRAGMA synchronous=NORMAL")
            store._prepare_for_writing()
            store._check_same_run(settings, code, allow_code_change)
        except BaseException:
            if store is not None:
                store.close()
            else:
                lock.close()
            raise
        return store

    def _prepare_for_writing(self) -> None:
        """Upgrade an older store, end the sessions that died without saying, flag invalid rows."""
        self._check_version()
        if self.version < SCHEMA_VERSION:
            with self._db:
                self._db.execute("ALTER TABLE run ADD COLUMN code TEXT")
                self._db.execute("ALTER TABLE sessions ADD COLUMN code TEXT")
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.version = SCHEMA_VERSION
        with self._db:  # we hold the writer's lock: a session still 'running' was killed
            self._db.execute(f"UPDATE sessions SET outcome = '{UNKNOWN}' WHERE outcome = 'running'")
        self._flag_invalid_rows()

    def _check_same_run(self, settings: RunSettings, code: CodeVersion | None, allow_code_change: bool) -> None:
        differences = self.settings.differences(settings)
        if differences:
            raise StoreError(f"{self.directory} holds a run with other settings ("
                             + "; ".join(differences) + "): use another --out directory")
        recorded = self.latest_code()
        if code is None or recorded is None or allow_code_change:
            return
        changed = recorded.differences(code)
        if changed:
            raise StoreError(f"{self.directory} holds a run made with other code (" + "; ".join(changed)
                             + "): pass --allow-code-change to resume it anyway, or use another --out directory")

    def close(self) -> None:
        """Close the database and release the writer's lock."""
        self._db.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_version(self) -> None:
        try:
            version = self._db.execute("PRAGMA user_version")[0][0]
        except StoreError as error:
            raise StoreError(f"{self.directory / STORE_FILE}: not a results store "
                             f"({str(error).rsplit('(', 1)[-1].rstrip(')')})") from None
        if version not in READABLE_VERSIONS:
            raise StoreError(f"{self.directory / STORE_FILE}: store version {version}, this arclab reads "
                             f"version {' or '.join(map(str, READABLE_VERSIONS))}")
        self.version = version

    # --- reading --------------------------------------------------------------------------------

    @property
    def settings(self) -> RunSettings:
        """The run's settings."""
        row = self._db.execute(f"SELECT {', '.join(_SETTINGS_COLUMNS)} FROM run WHERE id = 1").fetchone()
        if row is None:
            raise StoreError(f"{self.directory / STORE_FILE}: the run has no settings")
        values: dict[str, Any] = dict(zip(_SETTINGS_COLUMNS, row))
        for column in _JSON_SETTINGS:
            try:
                values[column] = json.loads(values[column])
            except (TypeError, ValueError):
                raise StoreError(f"{self.directory / STORE_FILE}: the run's {column} is not JSON") from None
        known = {f.name for f in fields(RunSettings)}
        return RunSettings(**{k: v for k, v in values.items() if k in known})

    def plan(self) -> tuple[PlannedTask, ...]:
        """The tasks the run is to solve, in source order."""
        rows = self._db.execute("SELECT task_id, num_test, has_solutions FROM plan ORDER BY position, task_id")
        return tuple(PlannedTask(task_id, num_test, bool(known)) for task_id, num_test, known in rows)

    def finished_ids(self) -> frozenset[str]:
        """Ids of tasks with a recorded result."""
        return frozenset(row[0] for row in self._db.execute("SELECT task_id FROM results"))

    def results(self, statuses: Iterable[Status | str] | None = None) -> tuple[TaskResult, ...]:
        """Every recorded result (optionally only those with the given statuses), by task id."""
        results = (_result_from_row(row) for row in
                   self._db.execute(f"SELECT {_RESULT_COLUMNS} FROM results ORDER BY task_id"))
        if statuses is None:
            return tuple(results)
        wanted = {str(s) for s in statuses}
        return tuple(r for r in results if str(r.status) in wanted)

    def result(self, task_id: str) -> TaskResult | None:
        """One task's result, or None if it has not finished."""
        row = self._db.execute(f"SELECT {_RESULT_COLUMNS} FROM results WHERE task_id = ?", (task_id,)).fetchone()
        return _result_from_row(row) if row else None

    def outcomes(self) -> Iterator[tuple[str, Status, tuple[bool, ...] | None, float]]:
        """(task id, status, correct, seconds) of each finished task (a task whose stored attempts are
        invalid reads as an error, as in `results`)."""
        for row in self._db.execute(f"SELECT {_RESULT_COLUMNS} FROM results ORDER BY task_id"):
            result = _result_from_row(row)
            yield result.task_id, result.status, result.correct, result.seconds

    def sessions(self) -> tuple[Session, ...]:
        """Every session that worked on this run, oldest first.

        A session recorded as running whose process is gone (seen from its own machine) reads as
        'unknown': it was killed before it could say how it ended.
        """
        code = "code" if self.version >= 2 else "NULL"
        rows = self._db.execute("SELECT id, started_at, finished_at, outcome, backend, workers, address, host, "
                                f"pid, tasks_run, {code} FROM sessions ORDER BY id")
        out = []
        for number, started, finished, outcome, backend, workers, address, host, pid, tasks_run, code_json in rows:
            session = Session(number, started, finished, outcome, backend, workers, address, host, pid, tasks_run,
                              _decode_code(code_json))
            if session.outcome == RUNNING and not _still_running(session):
                session = replace(session, outcome=UNKNOWN)
            out.append(session)
        return tuple(out)

    @property
    def code(self) -> CodeVersion | None:
        """The code that created the run (None when unknown: a store written before version 2)."""
        if self.version < 2:
            return None
        row = self._db.execute("SELECT code FROM run WHERE id = 1").fetchone()
        return _decode_code(row[0]) if row else None

    def latest_code(self) -> CodeVersion | None:
        """The code of the latest session that recorded one, else the run's."""
        for session in reversed(self.sessions()):
            if session.code is not None:
                return session.code
        return self.code

    def submission(self) -> dict[str, tuple[tuple[Grid | None, ...], ...]]:
        """The Kaggle submission for every planned task (a task without attempts gets None)."""
        results = {r.task_id: r for r in self.results()}
        out: dict[str, tuple[tuple[Grid | None, ...], ...]] = {}
        for task in self.plan():
            result = results.get(task.task_id)
            grids = result.grids if result is not None else ()
            out[task.task_id] = tuple(grids[i] if i < len(grids) else (None,) for i in range(task.num_test))
        return out

    # --- writing --------------------------------------------------------------------------------

    def set_plan(self, tasks: Iterable[PlannedTask]) -> None:
        """Record the tasks to solve (replacing the plan of a resumed run; results are kept)."""
        self._require_writable()
        with self._db:
            self._db.execute("DELETE FROM plan")
            self._db.executemany("INSERT INTO plan (task_id, num_test, has_solutions, position) VALUES (?, ?, ?, ?)",
                                 ((t.task_id, t.num_test, int(t.has_solutions), i) for i, t in enumerate(tasks)))

    def forget(self, statuses: Iterable[Status | str]) -> int:
        """Delete the results with these statuses (so they run again); how many were deleted."""
        self._require_writable()
        params = [str(s) for s in statuses]
        if not params:
            return 0
        with self._db:
            rows = self._db.execute(f"DELETE FROM results WHERE status IN ({', '.join('?' for _ in params)})",
                                    params)
        return rows.rowcount

    def begin_session(self, backend: str, workers: int, address: str | None = None,
                      code: CodeVersion | None = None) -> int:
        """Record the start of an invocation (and the code it runs); returns its id."""
        self._require_writable()
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO sessions (started_at, outcome, backend, workers, address, host, pid, code) "
                "VALUES (?, 'running', ?, ?, ?, ?, ?, ?)",
                (now_iso(), backend, workers, address, socket.gethostname(), os.getpid(),
                 json.dumps(code.to_json(), sort_keys=True) if code is not None else None))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def end_session(self, session: int, outcome: str) -> None:
        """Record how an invocation ended."""
        self._require_writable()
        with self._db:
            self._db.execute("UPDATE sessions SET finished_at = ?, outcome = ? WHERE id = ?",
                             (now_iso(), outcome, session))

    def record(self, result: TaskResult, session: int) -> None:
        """Store one finished task durably (its own transaction)."""
        self._require_writable()
        result = checked_result(result)
        attempts = json.dumps([[{"grid": a.grid.to_list(), "metadata": dict(a.metadata)} for a in per_input]
                               for per_input in result.attempts], separators=(",", ":"))
        correct = json.dumps(list(result.correct)) if result.correct is not None else None
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO results (task_id, status, attempts, correct, outputs_solved, num_test, "
                "seconds, peak_memory_mb, error, session, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (result.task_id, str(result.status), attempts, correct, result.outputs_solved, result.num_test,
                 result.seconds, result.peak_memory_mb, result.error, session, now_iso()))
            self._db.execute("UPDATE sessions SET tasks_run = tasks_run + 1 WHERE id = ?", (session,))

    def _flag_invalid_rows(self) -> None:
        """Rewrite as errors the results whose attempts are not valid grids (an older arclab stored
        them), so that resuming, --retry-failed and every reader agree on them."""
        rows = self._db.execute(f"SELECT {_RESULT_COLUMNS} FROM results WHERE status = 'ok'").fetchall()
        flagged = [result for result in map(_result_from_row, rows) if result.status is not Status.OK]
        if flagged:
            with self._db:
                self._db.executemany("UPDATE results SET status = ?, attempts = '[]', correct = ?, "
                                     "outputs_solved = 0, error = ? WHERE task_id = ?",
                                     ((str(r.status), json.dumps(list(r.correct)) if r.correct is not None
                                       else None, r.error, r.task_id) for r in flagged))

    def _require_writable(self) -> None:
        if not self.writable:
            raise StoreError(f"{self.directory}: opened read-only")


def _check_not_foreign(directory: Path, force: bool) -> None:
    """Refuse to write a run into a folder that holds other files (they could be overwritten)."""
    if force or not directory.is_dir() or (directory / STORE_FILE).is_file():
        return
    ours = {".lock", STORE_FILE + ".new"}
    others = sorted(entry.name for entry in directory.iterdir() if entry.name not in ours)
    if others:
        listed = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise StoreError(f"{directory} holds files but no run ({listed}): use another --out directory, "
                         "or --force to write the run there anyway")


def _still_running(session: Session) -> bool:
    """False when the session's process is known to be gone (it ran on this machine and its pid is
    free, or now belongs to a process started after the session)."""
    if session.host != socket.gethostname():
        return True  # cannot tell from here
    try:
        with open(f"/proc/{session.pid}/stat", "rb") as handle:
            fields_ = handle.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        try:
            os.kill(session.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True
    if fields_[0] == b"Z":
        return False
    try:
        started = datetime.datetime.fromisoformat(session.started_at).timestamp()
        boot = _boot_time()
        return boot is None or boot + int(fields_[19]) / os.sysconf("SC_CLK_TCK") <= started + 1.0
    except (ValueError, IndexError, OSError):
        return True


def _boot_time() -> float | None:
    try:
        with open("/proc/stat", "rb") as handle:
            for line in handle:
                if line.startswith(b"btime"):
                    return float(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _decode_code(text: str | None) -> CodeVersion | None:
    if not text:
        return None
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    return CodeVersion.from_json(raw) if isinstance(raw, dict) else None


def _create(path: Path, settings: RunSettings, code: CodeVersion | None = None) -> None:
    """Write a new store beside `path` and move it into place: a store is complete or absent."""
    tmp = path.with_name(path.name + ".new")
    tmp.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        with connection:
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            values = [json.dumps(dict(getattr(settings, c)), sort_keys=True) if c in _JSON_SETTINGS
                      else getattr(settings, c) for c in _SETTINGS_COLUMNS]
            values.append(json.dumps(code.to_json(), sort_keys=True) if code is not None else None)
            connection.execute(f"INSERT INTO run (id, {', '.join(_SETTINGS_COLUMNS)}, code) "
                               f"VALUES (1, {', '.join('?' for _ in _SETTINGS_COLUMNS)}, ?)", values)
    finally:
        connection.close()
    os.replace(tmp, path)


_RESULT_COLUMNS = "task_id, status, attempts, correct, seconds, peak_memory_mb, error, num_test"
_STATUSES = frozenset(str(status) for status in Status)


def _decode_correct(text: str | None) -> tuple[bool, ...] | None:
    try:
        return tuple(bool(v) for v in json.loads(text)) if text is not None else None
    except (TypeError, ValueError):  # a damaged row: its correctness is unknown
        return None


def _decode_attempts(text: str) -> tuple[tuple[Attempt, ...], ...]:
    """The stored attempts; InvalidAttempt names the first one that is not a valid grid."""
    decoded = []
    try:
        raw = json.loads(text)
    except (TypeError, ValueError):
        raise InvalidAttempt("the stored attempts are not JSON") from None
    if not isinstance(raw, list) or not all(isinstance(per_input, list) for per_input in raw):
        raise InvalidAttempt("the stored attempts are not lists of attempts per test input")
    for i, per_input in enumerate(raw):
        kept = []
        for j, attempt in enumerate(per_input):
            try:
                kept.append(Attempt(Grid(attempt["grid"]), attempt.get("metadata") or {}))
            except GridError as error:
                raise InvalidAttempt(f"test[{i}] attempt {j + 1}: invalid grid: {error}") from None
            except (KeyError, TypeError, AttributeError):
                raise InvalidAttempt(f"test[{i}] attempt {j + 1}: not an attempt object") from None
        decoded.append(tuple(kept))
    return tuple(decoded)


def _result_from_row(row: tuple[Any, ...]) -> TaskResult:
    """A stored result; one holding an invalid attempt (written by an older arclab) reads as an error."""
    task_id, status, attempts, correct, seconds, peak, error, num_test = row
    known = _decode_correct(correct)
    try:
        decoded = _decode_attempts(attempts)
        if status not in _STATUSES:
            raise InvalidAttempt(f"unknown status {status!r}")
    except InvalidAttempt as problem:
        flagged = f"bad prediction (found in the store): {problem}" + (f"\n{error}" if error else "")
        return TaskResult(task_id, Status.ERROR, (), seconds, peak, flagged,
                          tuple(False for _ in known) if known is not None else None, num_test)
    return TaskResult(task_id, Status(status), decoded, seconds, peak, error, known, num_test)


def settings_to_json(settings: RunSettings) -> dict[str, Any]:
    """The settings as a JSON object (for reports and the web app)."""
    out: dict[str, Any] = {}
    for f in fields(RunSettings):
        value = getattr(settings, f.name)
        out[f.name] = dict(value) if isinstance(value, Mapping) else value
    return out
