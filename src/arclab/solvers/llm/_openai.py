"""`openai`: ask a model behind any OpenAI-compatible server; attempts ranked by votes of samples."""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from .._calls import ModelCall
from .._prompt import PromptFormat, format_prompt, parse_grid
from .._registry import SolverArgumentError, SolverLoadError
from .._types import MAX_ATTEMPTS, Attempt, Prediction, SolveContext
from ...task import Grid, Task
from ._cache import ReplayCache, default_cache_dir
from ._client import ChatClient, ClientSettings, ModelCallError
from ._prices import price_of
from ._votes import gather_or_cancel, rank_by_votes

DEFAULT_API_KEY_ENV = "OPENAI_API_KEY"
"""Where the API key is read from unless `-S api_key_env=...` names another variable."""


class NoGridError(ModelCallError):
    """No reply for any test input held a usable grid: the task ends as an error with the reasons."""


@dataclass(frozen=True, slots=True)
class SampleOutcome:
    """One sample's answer: a grid, or why there is none."""

    grid: Grid | None
    """The parsed grid (None when the reply had none)."""
    reason: str
    """Why there is no grid ('' when there is one)."""


class OpenAISolver:
    """Asks the model `samples` times per test input; the most voted distinct grids are the attempts."""

    def __init__(self, client: ClientSettings, prompt_format: str, samples: int, cache: ReplayCache | None) -> None:
        self.client = client
        self.prompt_format = prompt_format
        self.samples = samples
        self.cache = cache

    async def solve(self, task: Task, context: SolveContext) -> Prediction:
        """Attempts for each test input, from every sample's reply, ranked by votes."""
        async with ChatClient(self.client, self.cache) as client:
            per_test = await gather_or_cancel([self._test_input(client, task, i, context)
                                               for i in range(len(task.test))])
        attempts = tuple(self._attempts(outcomes) for outcomes in per_test)
        if not any(attempts):
            reasons = sorted({o.reason for outcomes in per_test for o in outcomes if o.reason})
            raise NoGridError(f"task {task.id}: no reply held a usable grid ({'; '.join(reasons)})")
        return attempts

    async def _test_input(self, client: ChatClient, task: Task, index: int,
                          context: SolveContext) -> list[SampleOutcome]:
        messages = format_prompt(task, index, self.prompt_format)
        return await gather_or_cancel([self._sample(client, messages, task.id, index, s, context)
                                       for s in range(self.samples)])

    def _attempts(self, outcomes: list[SampleOutcome]) -> tuple[Attempt, ...]:
        grids = [(o.grid, 1.0) for o in outcomes if o.grid is not None]
        return tuple(Attempt(grid, {"votes": int(votes), "samples": self.samples, "parsed": len(grids),
                                    "model": self.client.model})
                     for grid, votes in rank_by_votes(grids)[:MAX_ATTEMPTS])

    async def _sample(self, client: ChatClient, messages: list[dict[str, str]], task_id: str, index: int,
                      sample: int, context: SolveContext) -> SampleOutcome:
        seed = zlib.crc32(f"{context.seed}:{task_id}:{index}:{sample}".encode()) & 0x7FFFFFFF
        reply = await client.ask(messages, test_index=index, sample=sample, seed=seed, log=context.calls,
                                 deadline=context.deadline, rng=context.rng())
        parsed = parse_grid(reply.text)
        if isinstance(parsed, Grid):
            context.calls.record(reply.call)
            return SampleOutcome(parsed, "")
        context.calls.record(_failed_parse(reply.call, parsed.reason))
        return SampleOutcome(None, parsed.reason)


def _failed_parse(call: ModelCall, reason: str) -> ModelCall:
    return replace(call, outcome="parse_failure", detail=reason)


def openai(model: str, base_url: str | None = None, api_key_env: str = DEFAULT_API_KEY_ENV,
           format: PromptFormat = "digits", samples: int = 1, temperature: float = 0.0,
           max_tokens: int = 2048, request_timeout: float = 120.0, retries: int = 4, backoff: float = 1.0,
           max_backoff: float = 60.0, cache: bool = True, cache_dir: str | None = None,
           price_in: float | None = None, price_out: float | None = None) -> OpenAISolver:
    """A model behind any OpenAI-compatible server (`base_url`), asked `samples` times per test input.

    The API key is read from the environment variable named `api_key_env` when calling (never
    stored). `format` is how grids are written (digits, spaced, json); `price_in`/`price_out`
    (US dollars per million tokens) override the shipped price table; `cache` replays identical
    requests from `cache_dir` (default ~/.cache/arclab/llm or $ARCLAB_CACHE_DIR).
    """
    try:
        import openai as _client_package  # noqa: F401 - imported when the solver is built, not per task
    except ImportError:
        raise SolverLoadError("solver 'openai' needs the openai package: pip install 'arclab[llm]'") from None
    _check(samples >= 1, "samples", samples, "at least 1")
    _check(max_tokens >= 1, "max_tokens", max_tokens, "at least 1")
    _check(retries >= 0, "retries", retries, "0 or more")
    _check(request_timeout > 0 and backoff >= 0 and max_backoff >= 0, "request_timeout/backoff",
           (request_timeout, backoff, max_backoff), "positive")
    _check(temperature >= 0, "temperature", temperature, "0 or more")
    if base_url is None and not os.environ.get(api_key_env):
        raise SolverArgumentError(f"solver 'openai': no API key: set the environment variable {api_key_env} "
                                  "(or name another with -S api_key_env=...), or give -S base_url=... "
                                  "for a server that needs none")
    settings = ClientSettings(model, base_url, api_key_env, {"temperature": temperature, "max_tokens": max_tokens},
                              request_timeout, retries, backoff, max_backoff, price_of(model, price_in, price_out))
    replay = ReplayCache(Path(cache_dir) if cache_dir else default_cache_dir()) if cache else None
    return OpenAISolver(settings, format, samples, replay)


def _check(ok: bool, name: str, value: object, wanted: str) -> None:
    if not ok:
        raise SolverArgumentError(f"solver 'openai': {name}={value!r} must be {wanted}")
