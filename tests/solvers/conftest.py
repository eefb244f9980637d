"""Fixtures for the language-model solver tests: a tiny llama model the tests write, a real
llama.cpp server on 127.0.0.1 serving it, and a replay cache folder per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tiny_llama import llama_server, write_tiny_llama


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny random llama model as a GGUF file."""
    return write_tiny_llama(tmp_path_factory.mktemp("model") / "tiny-llama.gguf")


@pytest.fixture(scope="session")
def llama_url(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A llama.cpp server on the tiny model, for the whole session: its base URL."""
    with llama_server(tiny_model, tmp_path_factory.mktemp("server") / "server.log") as url:
        yield url


@pytest.fixture(autouse=True)
def no_ambient_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's default replay cache is its own (never the user's ~/.cache)."""
    monkeypatch.setenv("ARCLAB_CACHE_DIR", str(tmp_path / "default-cache"))
