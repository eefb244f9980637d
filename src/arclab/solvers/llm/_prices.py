"""What a model call costs: a per-model price table shipped as package data, with overrides."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

PRICES_FILE = "prices.json"
"""The price table inside this package: US dollars per million input and output tokens."""


@dataclass(frozen=True, slots=True)
class Price:
    """US dollars per million tokens sent and received."""

    input: float
    """Per million prompt tokens."""
    output: float
    """Per million completion tokens."""

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        """US dollars for one call."""
        return (prompt_tokens * self.input + completion_tokens * self.output) / 1_000_000


FREE = Price(0.0, 0.0)
"""The price of a model the table does not list (a local server's, usually)."""


@lru_cache(maxsize=1)
def price_table() -> dict[str, Price]:
    """The shipped table, by model name."""
    text = (resources.files(__package__) / PRICES_FILE).read_text(encoding="utf-8")
    models: dict[str, Any] = json.loads(text)["models"]
    return {name: Price(float(entry["input"]), float(entry["output"])) for name, entry in models.items()}


def price_of(model: str, price_in: float | None = None, price_out: float | None = None) -> Price:
    """The price of `model`: the overrides where given, else the table (exact name, else the longest
    listed prefix, with a 'provider/' prefix removed), else free."""
    listed = _listed(model)
    return Price(listed.input if price_in is None else price_in,
                 listed.output if price_out is None else price_out)


def _listed(model: str) -> Price:
    table = price_table()
    for name in (model, model.rsplit("/", 1)[-1]):
        if name in table:
            return table[name]
        prefixes = [key for key in table if name.startswith(key)]
        if prefixes:
            return table[max(prefixes, key=len)]
    return FREE
