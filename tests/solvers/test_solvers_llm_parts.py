"""The parts of the language-model solvers that need no server: prices, the replay cache's keys
and files, Retry-After and backoff, vote ranking, and the factory's checks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from arclab.solvers import SolverArgumentError, make_solver
from arclab.solvers.llm import FREE, Price, ReplayCache, price_of, price_table, rank_by_votes, request_key
from arclab.solvers.llm._client import ClientSettings, _delay, _retry_after


def test_prices_come_from_the_table_by_longest_prefix_with_overrides() -> None:
    assert price_of("gpt-4o") == price_table()["gpt-4o"]
    assert price_of("gpt-4o-mini-2024-07-18") == price_table()["gpt-4o-mini"]  # not gpt-4o
    assert price_of("openai/gpt-4o-mini") == price_table()["gpt-4o-mini"]
    assert price_of("my-local-model") == FREE
    assert price_of("gpt-4o", price_out=1.0) == Price(price_table()["gpt-4o"].input, 1.0)
    assert Price(2.0, 10.0).cost(1_000_000, 100_000) == pytest.approx(3.0)


def test_the_cache_key_covers_model_messages_parameters_and_seed(tmp_path: Path) -> None:
    messages = [{"role": "user", "content": "hi"}]
    key = request_key("m", messages, {"temperature": 0.0}, 1)
    assert key == request_key("m", [dict(messages[0])], {"temperature": 0.0}, 1)
    others = {request_key("n", messages, {"temperature": 0.0}, 1), request_key("m", [], {"temperature": 0.0}, 1),
              request_key("m", messages, {"temperature": 0.5}, 1), request_key("m", messages, {"temperature": 0.0}, 2)}
    assert key not in others and len(others) == 4
    cache = ReplayCache(tmp_path / "cache")
    assert cache.get(key) is None
    cache.put(key, {"reply": "12", "prompt_tokens": 3})
    assert ReplayCache(tmp_path / "cache").get(key) == {"reply": "12", "prompt_tokens": 3}
    next(tmp_path.joinpath("cache").rglob("*.gz")).write_bytes(b"torn")
    assert cache.get(key) is None  # a damaged entry is a miss, not a crash


class _Response:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers


def test_retry_after_in_seconds_milliseconds_or_a_date() -> None:
    assert _retry_after(_Response({"retry-after": "3"})) == 3.0
    assert _retry_after(_Response({"retry-after-ms": "250"})) == 0.25
    assert _retry_after(_Response({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0  # in the past
    assert _retry_after(_Response({"retry-after": "soon"})) is None and _retry_after(_Response({})) is None


def test_backoff_doubles_with_jitter_and_never_undercuts_retry_after() -> None:
    settings = ClientSettings("m", None, "K", {}, 10.0, 4, 1.0, 8.0, FREE)
    rng = random.Random(0)
    for attempt, base in ((0, 1.0), (1, 2.0), (2, 4.0), (5, 8.0)):
        delay = _delay(attempt, None, settings, rng)
        assert 0.5 * base <= delay <= 1.5 * base
    assert _delay(0, 30.0, settings, rng) >= 30.0


def test_votes_rank_by_count_then_first_seen() -> None:
    assert rank_by_votes([("a", 1.0), ("b", 1.0), ("b", 1.0), ("c", 2.0), ("a", 1.0)]) == [
        ("a", 2.0), ("b", 2.0), ("c", 2.0)]
    assert rank_by_votes([("x", 1.0), ("y", 3.0)]) == [("y", 3.0), ("x", 1.0)]


def test_the_factory_checks_its_settings_and_wants_a_key_for_the_hosted_api(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_SUCH_KEY_VARIABLE", raising=False)
    with pytest.raises(SolverArgumentError, match="NO_SUCH_KEY_VARIABLE"):
        make_solver("openai", model="gpt-4o-mini", api_key_env="NO_SUCH_KEY_VARIABLE")
    with pytest.raises(SolverArgumentError, match="samples"):
        make_solver("openai", model="m", base_url="http://127.0.0.1:9/v1", samples=0)
    with pytest.raises(SolverArgumentError, match="format"):
        make_solver("openai", model="m", base_url="http://127.0.0.1:9/v1", format="yaml")
