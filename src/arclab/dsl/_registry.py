"""The primitive registry: each primitive is a typed pure function with a cost (its prior)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Primitive:
    """A DSL function with its argument and result types and its cost in the search."""

    name: str
    function: Callable[..., Any]
    arg_types: tuple[str, ...]
    result_type: str
    cost: int
    doc: str
    search: bool
    """False for primitives that only learned programs use (the enumerator skips them)."""


PRIMITIVES: dict[str, Primitive] = {}


def primitive(*arg_types: str, returns: str, cost: int = 1,
              search: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as a DSL primitive. Its docstring's first line documents it."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        name = function.__name__
        if name in PRIMITIVES:
            raise ValueError(f"primitive {name} registered twice")
        params = inspect.signature(function).parameters
        if len(params) != len(arg_types):
            raise ValueError(f"primitive {name}: {len(params)} parameters, {len(arg_types)} types")
        doc = (function.__doc__ or "").strip().splitlines()
        PRIMITIVES[name] = Primitive(name, function, tuple(arg_types), returns, cost,
                                     doc[0] if doc else "", search)
        return function

    return register
