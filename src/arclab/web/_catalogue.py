"""What the app serves: the task sources and run directories it was started with, by id.

The API names sources and runs only by these ids, never by path, so nothing outside them
can be reached however a request is spelled. A run's own task source is served with it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..datasets import NAMED_DATASETS, SourceError, TaskSet, load_tasks
from ..harness import StoreError, find_runs, open_run


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A task source the app serves: its id in URLs, what load_tasks takes, and the name it is shown by."""

    id: str
    name: str
    solutions: str | None = None
    label: str = ""
    """The name shown: a dataset's name, or a path relative to the working directory (else its last
    part), never an absolute path of this machine; empty means `name`."""

    @property
    def shown(self) -> str:
        """The name the app shows for this source."""
        return self.label or self.name


@dataclass(frozen=True, slots=True)
class RunRef:
    """A run directory the app serves, and the id of its task source (None if it is gone)."""

    id: str
    path: Path
    source_id: str | None


def slug(text: str) -> str:
    """A URL-safe id made from a name: lower case letters, digits, '.', '_' and '-'."""
    value = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-.")
    return value[:60] or "source"


def _unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


@dataclass
class Catalogue:
    """The served sources and runs by id; task sets are loaded on first use and kept."""

    sources: dict[str, SourceRef]
    runs: dict[str, RunRef] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    """Run directories that could not be read (damaged stores), each with the reason."""
    _loaded: dict[str, TaskSet] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, sources: Iterable[str | Path] = (), runs: Iterable[str | Path] = (), *,
              named: bool = True) -> Catalogue:
        """The named datasets (unless named=False), each given source (a dataset name, or a directory
        or JSON file of tasks) and the runs found in `runs` (run directories, or folders of them) with
        their own sources. A source path that does not exist raises SourceError; a run that cannot be
        read is left out and listed in `skipped`."""
        wanted: list[tuple[str, str | None]] = [(name, None) for name in NAMED_DATASETS] if named else []
        for source in sources:
            wanted.append((_canonical(source), None))
        run_sources: list[tuple[Path, tuple[str, str | None] | None]] = []
        directories: list[Path] = []
        for path in runs:
            found = find_runs([path])
            if not found:
                raise SourceError(f"{path}: not a run directory, nor a folder holding any")
            directories.extend(d for d in found if d not in directories)
        skipped: list[str] = []
        for directory in directories:
            try:
                with open_run(directory) as store:
                    settings = store.settings
            except StoreError as error:  # one damaged run does not stop the app
                skipped.append(f"{directory}: {error}")
                continue
            key = (settings.source, settings.solutions)
            usable = settings.source in NAMED_DATASETS or Path(settings.source).exists()
            if usable and key not in wanted:
                wanted.append(key)
            run_sources.append((directory, key if usable else None))
        taken: set[str] = set()
        refs: dict[str, SourceRef] = {}
        ids: dict[tuple[str, str | None], str] = {}
        for name, solutions in dict.fromkeys(wanted):
            source_id = _unique(slug(name if name in NAMED_DATASETS else Path(name).stem), taken)
            refs[source_id] = SourceRef(source_id, name, solutions, shown_name(name))
            ids[(name, solutions)] = source_id
        taken = set()
        run_refs: dict[str, RunRef] = {}
        for directory, source_key in run_sources:
            run_id = _unique(slug(directory.resolve().name), taken)
            run_refs[run_id] = RunRef(run_id, directory.resolve(), ids.get(source_key) if source_key else None)
        return cls(refs, run_refs, tuple(skipped))

    def redact(self, text: str) -> str:
        """`text` with the absolute paths of the served sources and runs replaced by their shown names."""
        known = {str(ref.path): f"run {ref.id}" for ref in self.runs.values()}
        for ref in self.sources.values():
            known[ref.name] = ref.shown
            if ref.solutions:
                known[ref.solutions] = shown_name(ref.solutions)
        for path in sorted(known, key=len, reverse=True):
            if Path(path).is_absolute():
                text = text.replace(path, known[path])
        return text

    def tasks(self, source_id: str) -> TaskSet | None:
        """The task set of a served source, or None for an unknown id."""
        ref = self.sources.get(source_id)
        if ref is None:
            return None
        with self._lock:
            if source_id not in self._loaded:
                self._loaded[source_id] = load_tasks(ref.name, solutions=ref.solutions)
            return self._loaded[source_id]


def shown_name(name: str) -> str:
    """A dataset name as is; a path relative to the working directory when inside it, else its last part."""
    if name in NAMED_DATASETS:
        return name
    path = Path(name).resolve()
    try:
        relative = path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path.name or name
    return str(relative) if relative.parts else path.name


def _canonical(source: str | Path) -> str:
    """A dataset name as is; a path made absolute, and checked to exist."""
    name = str(source)
    if name in NAMED_DATASETS:
        return name
    path = Path(source).resolve()
    if not path.exists():
        raise SourceError(f"{source}: no such dataset, directory or file")
    return str(path)
