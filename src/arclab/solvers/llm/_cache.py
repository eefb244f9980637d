"""The replay cache: a model's replies on disk, keyed by everything that decides them.

Identical requests (model, messages, parameters, seed) are answered from the cache, so a re-run,
a resumed run or a rescoring costs nothing and needs no server. One gzip'd JSON file per key,
written to a temporary name and renamed, so concurrent workers never see half an entry.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

CACHE_ENV = "ARCLAB_CACHE_DIR"
"""An environment variable naming the cache's default folder."""


def default_cache_dir() -> Path:
    """$ARCLAB_CACHE_DIR, else $XDG_CACHE_HOME/arclab/llm, else ~/.cache/arclab/llm."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "arclab" / "llm"


def request_key(model: str, messages: Sequence[Mapping[str, str]], params: Mapping[str, Any],
                seed: int | None) -> str:
    """A hex digest of a request: equal requests, equal keys."""
    text = json.dumps({"model": model, "messages": [dict(m) for m in messages], "params": dict(params),
                       "seed": seed}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class ReplayCache:
    """Replies by request key in a folder (created when first written)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json.gz"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored entry, or None (a missing or unreadable entry is a miss)."""
        try:
            with gzip.open(self._path(key), "rt", encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError, EOFError):
            return None
        return entry if isinstance(entry, dict) and isinstance(entry.get("reply"), str) else None

    def put(self, key: str, entry: Mapping[str, Any]) -> None:
        """Store an entry atomically (a failure to write is ignored: the cache is only a saving)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as out:
                json.dump(dict(entry), out)
            os.replace(tmp, path)
        except OSError:
            return
