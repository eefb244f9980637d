"""One chat request to an OpenAI-compatible server: the replay cache first, then the network
with retries (backoff with jitter, honouring Retry-After), every try recorded as a ModelCall."""

from __future__ import annotations

import asyncio
import email.utils
import math
import os
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import ModuleType, TracebackType
from typing import Any

from .._calls import CallLog, ModelCall
from .._registry import SolverError
from ._cache import ReplayCache, request_key
from ._prices import Price

RETRY_STATUSES = frozenset({408, 409, 429})
"""HTTP statuses worth another try (besides every 5xx)."""


class ModelCallError(SolverError):
    """A request to the model kept failing (or cannot succeed): the task ends as an error."""


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """How to reach the server and how hard to try."""

    model: str
    """The model's name on the server."""
    base_url: str | None
    """The server's OpenAI-compatible API root (None: the client's default, api.openai.com)."""
    api_key_env: str
    """The environment variable holding the API key (its value is read when calling, never stored)."""
    params: Mapping[str, Any]
    """Sampling parameters sent with every request (temperature, max_tokens)."""
    request_timeout: float
    """Seconds one request may take."""
    retries: int
    """Further tries after a failed one (429, 5xx, timeouts, dropped connections)."""
    backoff: float
    """Seconds before the first retry; doubled each time, with jitter, up to `max_backoff`."""
    max_backoff: float
    """The longest wait between tries (a server's Retry-After may ask for longer)."""
    price: Price
    """What a token costs."""


@dataclass(frozen=True, slots=True)
class Reply:
    """A model's answer to one request."""

    text: str
    """The reply's content ('' when the server sent none)."""
    call: ModelCall
    """The call as it will be recorded (its outcome is set once the reply is parsed)."""


class ChatClient:
    """Asks one model; use as an async context manager (it holds a connection pool)."""

    def __init__(self, settings: ClientSettings, cache: ReplayCache | None) -> None:
        import openai  # the `llm` extra: imported only when a language-model solver runs

        self._openai: ModuleType = openai
        self.settings = settings
        self.cache = cache
        api_key = os.environ.get(settings.api_key_env) or "not-set"
        self._client = openai.AsyncOpenAI(base_url=settings.base_url, api_key=api_key, max_retries=0,
                                          timeout=settings.request_timeout)

    async def __aenter__(self) -> ChatClient:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await self._client.close()

    async def ask(self, messages: Sequence[Mapping[str, str]], *, test_index: int, sample: int, seed: int,
                  log: CallLog, deadline: float | None, rng: random.Random) -> Reply:
        """The reply to `messages`: from the cache, or from the server after at most `retries` retries.

        Failed tries are recorded in `log`; the successful one is returned for the caller to record
        with its parse outcome. Raises ModelCallError when every try failed, CostCapReached when the
        run's spending cap forbids a new call.
        """
        settings = self.settings
        base = ModelCall(log.task_id, test_index, sample, settings.model, messages=tuple(messages))
        key = request_key(settings.model, messages, settings.params, seed)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return _from_cache(hit, base)
        for attempt in range(settings.retries + 1):
            log.check_budget()
            reply = await self._try(messages, seed, log, _with(base, attempt=attempt))
            if isinstance(reply, Reply):
                if self.cache is not None:
                    self.cache.put(key, {"reply": reply.text, "prompt_tokens": reply.call.prompt_tokens,
                                         "completion_tokens": reply.call.completion_tokens, "model": settings.model})
                return reply
            failure, retry_after = reply
            if attempt == settings.retries or failure.startswith("!"):
                raise ModelCallError(f"task {log.task_id}: {settings.model} failed "
                                     f"{attempt + 1} time(s); last: {failure.lstrip('!')}")
            delay = _delay(attempt, retry_after, settings, rng)
            if deadline is not None and time.monotonic() + delay > deadline:
                raise ModelCallError(f"task {log.task_id}: {settings.model}: {failure}; the next try "
                                     f"(in {delay:.1f} s) would pass the task's deadline")
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _try(self, messages: Sequence[Mapping[str, str]], seed: int, log: CallLog,
                   base: ModelCall) -> Reply | tuple[str, float | None]:
        """One request: a Reply, or (why it failed, the server's Retry-After) after recording it.

        A failure that no retry can fix starts with '!'.
        """
        openai = self._openai
        start = time.perf_counter()
        try:
            response = await self._client.chat.completions.create(
                model=self.settings.model, messages=[dict(m) for m in messages],  # type: ignore[misc]  # openai types messages as TypedDicts; ours are plain dicts
                seed=seed, **self.settings.params)
        except asyncio.CancelledError:
            log.record(_with(base, seconds=time.perf_counter() - start, outcome="cancelled",
                             detail="the task's time limit passed during the request"))
            raise
        except openai.APIError as error:
            failure, retry_after = _describe(openai, error)
            log.record(_with(base, seconds=time.perf_counter() - start, outcome="error", detail=failure.lstrip("!")))
            return failure, retry_after
        seconds = time.perf_counter() - start
        usage = getattr(response, "usage", None)
        prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        choices = getattr(response, "choices", None) or []
        text = (choices[0].message.content or "") if choices else ""
        call = _with(base, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, seconds=seconds,
                     cost=self.settings.price.cost(prompt_tokens, completion_tokens), reply=text)
        return Reply(text, call)


def _with(call: ModelCall, **changes: Any) -> ModelCall:
    return replace(call, **changes)


def _from_cache(entry: Mapping[str, Any], base: ModelCall) -> Reply:
    text = str(entry["reply"])
    return Reply(text, _with(base, prompt_tokens=int(entry.get("prompt_tokens", 0)),
                             completion_tokens=int(entry.get("completion_tokens", 0)), cached=True, reply=text))


def _describe(openai: ModuleType, error: Exception) -> tuple[str, float | None]:
    """One line saying what went wrong, '!'-prefixed when retrying cannot help; and Retry-After."""
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        retryable = status in RETRY_STATUSES or status >= 500
        message = str(getattr(error, "message", "") or error).splitlines()[0][:300]
        if status in (401, 403):
            message += " (is the API key's environment variable set?)"
        return f"{'' if retryable else '!'}HTTP {status}: {message}", _retry_after(error.response)
    if isinstance(error, openai.APITimeoutError):
        return "the request timed out", None
    if isinstance(error, openai.APIConnectionError):
        cause = error.__cause__
        reason = f"{type(cause).__name__}: {cause}" if cause else str(error)
        return f"connection failed ({reason.splitlines()[0][:300]})", None
    return f"{type(error).__name__}: {str(error).splitlines()[0][:300] if str(error) else ''}", None


def _retry_after(response: Any) -> float | None:
    """Seconds a server asked to wait (Retry-After as seconds or an HTTP date; retry-after-ms)."""
    headers = getattr(response, "headers", None) or {}
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _delay(attempt: int, retry_after: float | None, settings: ClientSettings, rng: random.Random) -> float:
    """Exponential backoff with full jitter in [½, 1½]·base; never shorter than the server's Retry-After."""
    base = min(settings.max_backoff, settings.backoff * 2.0 ** attempt)
    delay: float = base * rng.uniform(0.5, 1.5)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay
