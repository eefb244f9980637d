"""What the app serves: the task sources and run directories it was started with, by id.

The API names sources and runs only by these ids, never by path, so nothing outside them
can be reached however a request is spelled.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..datasets import NAMED_DATASETS, SourceError, TaskSet, load_tasks


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A task source the app serves: its id in URLs, and the name load_tasks takes."""

    id: str
    name: str


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
    """The served sources by id, with their task sets loaded on first use and kept."""

    sources: dict[str, SourceRef]
    _loaded: dict[str, TaskSet] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(cls, sources: Iterable[str | Path] = (), *, named: bool = True) -> Catalogue:
        """The named datasets (unless named=False) and each given source (a directory or JSON
        file of tasks, or a dataset name); a path that does not exist raises SourceError."""
        names: list[str] = list(NAMED_DATASETS) if named else []
        for source in sources:
            name = str(source)
            if name not in NAMED_DATASETS:
                path = Path(source).resolve()
                if not path.exists():
                    raise SourceError(f"{source}: no such dataset, directory or file")
                name = str(path)
            if name not in names:
                names.append(name)
        taken: set[str] = set()
        refs = {}
        for name in names:
            key = _unique(slug(name if name in NAMED_DATASETS else Path(name).stem), taken)
            refs[key] = SourceRef(key, name)
        return cls(refs)

    def tasks(self, source_id: str) -> TaskSet | None:
        """The task set of a served source, or None for an unknown id."""
        ref = self.sources.get(source_id)
        if ref is None:
            return None
        with self._lock:
            if source_id not in self._loaded:
                self._loaded[source_id] = load_tasks(ref.name)
            return self._loaded[source_id]

    def source_id_for(self, name: str) -> str | None:
        """The id under which a dataset name or path is served, if it is."""
        if name not in NAMED_DATASETS:
            name = str(Path(name).resolve())
        return next((ref.id for ref in self.sources.values() if ref.name == name), None)
