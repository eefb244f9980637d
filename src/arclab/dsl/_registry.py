"""The primitive registry: each primitive is a typed pure function with a cost (its prior)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ._types import GRID


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

ALIASES: dict[str, str] = {}
"""Former primitive name -> its name now. `parse` reads programs written with a former name (runs
stored before a rename) as calls of the renamed primitive."""


def primitive(*arg_types: str, returns: str, cost: int = 1, search: bool = True, name: str | None = None,
              doc: str | None = None,
              formerly: Iterable[str] = ()) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as a DSL primitive, named after it unless `name` is given.

    Its docstring's first line (or `doc`) documents it; `formerly` lists names it had before a rename.
    """

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        called = name or function.__name__
        if called in PRIMITIVES or called in ALIASES:
            raise ValueError(f"primitive {called} registered twice")
        params = inspect.signature(function).parameters
        if len(params) != len(arg_types):
            raise ValueError(f"primitive {called}: {len(params)} parameters, {len(arg_types)} types")
        lines = (doc or function.__doc__ or "").strip().splitlines()
        PRIMITIVES[called] = Primitive(called, function, tuple(arg_types), returns, cost,
                                       lines[0] if lines else "", search)
        for old in formerly:
            if old in PRIMITIVES or old in ALIASES:
                raise ValueError(f"primitive {called}: former name {old} is taken")
            ALIASES[old] = called
        return function

    return register


def resolve(name: str) -> str:
    """The primitive's name now: `name` itself, or the new name of a renamed primitive."""
    return ALIASES.get(name, name)


def derived(namespace: dict[str, Any], name: str, function: Callable[..., Any], doc: str) -> Callable[..., Any]:
    """`function` made the module-level function `name` of the module whose globals are `namespace`
    (for a family member made in a loop: it then imports, pickles and prints like a written one)."""
    function.__name__ = function.__qualname__ = name
    function.__module__ = namespace["__name__"]
    function.__doc__ = doc
    namespace[name] = function
    return function


def grid_family(namespace: dict[str, Any], family: Callable[[Any, str], Any], prefix: str,
                members: Iterable[tuple[str, str, str]]) -> None:
    """Register `prefix_<value>(g) = family(g, value)` as a Grid -> Grid primitive of the module whose
    globals are `namespace`, for each (value, former name or "", doc) of `members`, in that order."""
    def member_of(value: str) -> Callable[[Any], Any]:
        def member(g: Any) -> Any:
            return family(g, value)
        return member

    for value, former, doc in members:
        name = f"{prefix}_{value}"
        primitive(GRID, returns=GRID, name=name, formerly=[former] if former else [])(
            derived(namespace, name, member_of(value), doc))
