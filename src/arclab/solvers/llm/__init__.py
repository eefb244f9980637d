"""Language-model solvers: any OpenAI-compatible server, with a replay cache and a price table.

Needs the `llm` extra (`pip install 'arclab[llm]'`); the `openai` package is imported only when
a request is made.
"""

from ._cache import CACHE_ENV, ReplayCache, default_cache_dir, request_key
from ._client import ChatClient, ClientSettings, ModelCallError, Reply
from ._openai import DEFAULT_API_KEY_ENV, NoGridError, OpenAISolver, SampleOutcome, openai
from ._prices import FREE, PRICES_FILE, Price, price_of, price_table
from ._votes import gather_or_cancel, rank_by_votes

__all__ = [
    "CACHE_ENV",
    "ChatClient",
    "ClientSettings",
    "DEFAULT_API_KEY_ENV",
    "FREE",
    "ModelCallError",
    "NoGridError",
    "OpenAISolver",
    "PRICES_FILE",
    "Price",
    "ReplayCache",
    "Reply",
    "SampleOutcome",
    "default_cache_dir",
    "gather_or_cancel",
    "openai",
    "price_of",
    "price_table",
    "rank_by_votes",
    "request_key",
]
