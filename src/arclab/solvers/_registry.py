"""Solvers by name: a lazy map from names to import strings, plus plugins from entry points.

A solver is made by a factory: a plain function whose keyword arguments have type hints
(int, float, bool, str, optionally `| None` or a Literal). `-S key=value` strings are converted
with those hints, so every run records typed, complete arguments (defaults included).
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from ..task import ArclabError, Task
from ._types import Prediction, SolveContext, Solver

ENTRY_POINT_GROUP = "arclab.solvers"
"""Outside packages add solvers with an entry point in this group: `name = "module:factory"`."""

BUILTIN_SOLVERS: Mapping[str, str] = types.MappingProxyType({
    "identity": "arclab.solvers.baselines:identity",
    "constant": "arclab.solvers.baselines:constant",
    "synth": "arclab.solvers.synth:synth",
    "openai": "arclab.solvers.llm:openai",
    "ensemble": "arclab.solvers.ensemble:ensemble",
    "hf": "arclab.solvers.hf:hf",
})
"""The solvers arclab ships, by name; each module is imported only when its solver is used."""

_TRUE = frozenset({"1", "true", "yes", "on", "y", "t"})
_FALSE = frozenset({"0", "false", "no", "off", "n", "f"})
_NONE = frozenset({"none", "null"})


class SolverError(ArclabError):
    """A solver cannot be found, loaded or given its arguments."""


class UnknownSolverError(SolverError):
    """No solver has this name (the message suggests close names)."""


class SolverLoadError(SolverError):
    """The solver is registered but its module or factory cannot be loaded or called."""


class SolverArgumentError(SolverError):
    """A solver argument is unknown, missing or of the wrong type."""


@dataclass(frozen=True, slots=True)
class SolverSpec:
    """A solver fully named: where its factory lives and every argument it is called with.

    Picklable and JSON-friendly, so it crosses to worker processes and into the run's record.
    """

    name: str
    """The name asked for (a registered name or an import string)."""
    target: str
    """The factory's import string, "package.module:function"."""
    args: Mapping[str, Any] = field(default_factory=dict)
    """Every keyword argument of the factory, converted to its type, defaults included."""

    def build(self) -> Solver:
        """Import the factory and call it with `args`."""
        factory = _import_target(self.name, self.target)
        try:
            made = factory(**dict(self.args))
        except SolverError:
            raise
        except Exception as error:
            raise SolverLoadError(f"solver {self.name!r}: {self.target}(...) failed: "
                                  f"{type(error).__name__}: {error}") from error
        return _as_solver(self.name, made)

    def describe(self) -> str:
        """The name with its arguments, as one would type them: `constant colour=3`."""
        args = " ".join(f"{key}={_format(value)}" for key, value in sorted(self.args.items()))
        return f"{self.name} {args}".strip()


def available_solvers() -> dict[str, str]:
    """Every solver name (built-in and from installed plugins) with its import string."""
    found = dict(sorted(_plugin_targets().items()))
    found.update(BUILTIN_SOLVERS)  # built-in names win over plugins
    return dict(sorted(found.items()))


def solver_target(name: str) -> str:
    """The import string for a solver name; a "module:function" string is its own target."""
    if name in BUILTIN_SOLVERS:
        return BUILTIN_SOLVERS[name]
    plugins = _plugin_targets()
    if name in plugins:
        return plugins[name]
    if ":" in name:
        return name
    known = sorted({*BUILTIN_SOLVERS, *plugins})
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise UnknownSolverError(f"no solver named {name!r}{hint}; solvers: {', '.join(known)}")


def load_factory(name: str) -> Callable[..., Any]:
    """Import and return the factory for a solver name or import string."""
    return _import_target(name, solver_target(name))


def solver_spec(name: str, args: Mapping[str, Any] | Iterable[str] = ()) -> SolverSpec:
    """Resolve a solver and check its arguments against the factory's type hints.

    `args` is a mapping (values may be strings, converted by type) or `key=value` strings.
    """
    raw = parse_assignments(args) if not isinstance(args, Mapping) else dict(args)
    target = solver_target(name)
    factory = _import_target(name, target)
    return SolverSpec(name, target, _bind(name, factory, raw))


def make_solver(name: str, **args: Any) -> Solver:
    """A ready solver: `make_solver("constant", colour=3)`."""
    return solver_spec(name, args).build()


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """`["a=1", "b=x"]` -> {"a": "1", "b": "x"}; a repeated key keeps the last value."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise SolverArgumentError(f"solver argument {item!r} is not key=value")
        out[key] = value
    return out


# --- internals ------------------------------------------------------------------------------------

def _plugin_targets() -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _import_target(name: str, target: str) -> Callable[..., Any]:
    module_name, sep, attr = target.partition(":")
    if not sep or not module_name or not attr:
        raise SolverLoadError(f"solver {name!r}: {target!r} is not an import string 'module:function'")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SolverLoadError(f"solver {name!r} is registered as {target} but cannot be imported: "
                              f"{error}") from error
    obj: Any = module
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise SolverLoadError(f"solver {name!r}: module {module_name} has no {attr!r}") from None
    if not callable(obj):
        raise SolverLoadError(f"solver {name!r}: {target} is not callable")
    factory: Callable[..., Any] = obj
    return factory


class _FunctionSolver:
    """Adapts a plain `solve(task, context)` function returned by a factory."""

    __slots__ = ("_function",)

    def __init__(self, function: Callable[[Task, SolveContext], Prediction]) -> None:
        self._function = function

    def solve(self, task: Task, context: SolveContext) -> Prediction:
        return self._function(task, context)


def _as_solver(name: str, made: Any) -> Solver:
    if callable(getattr(made, "solve", None)):
        solver: Solver = made
        return solver
    if callable(made):
        return _FunctionSolver(made)
    raise SolverLoadError(f"solver {name!r}: the factory returned {type(made).__name__}, "
                          "which has no solve(task, context) method")


def _bind(name: str, factory: Callable[..., Any], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Convert and complete the arguments for `factory`, or say exactly what is wrong."""
    try:
        signature = inspect.signature(factory)
        hints = typing.get_type_hints(factory)
    except (TypeError, ValueError, NameError) as error:
        raise SolverLoadError(f"solver {name!r}: cannot read the factory's signature: {error}") from error
    params = {p.name: p for p in signature.parameters.values()
              if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    takes_any = any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())
    args: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in params:
            if takes_any:
                args[key] = value
                continue
            close = difflib.get_close_matches(key, list(params), n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]}?)" if close else ""
            accepted = ", ".join(params) or "none"
            raise SolverArgumentError(f"solver {name!r} has no argument {key!r}{hint}; arguments: {accepted}")
        args[key] = _convert(name, key, value, hints.get(key, str))
    for key, param in params.items():
        if key in args:
            continue
        if param.default is inspect.Parameter.empty:
            raise SolverArgumentError(f"solver {name!r} needs the argument {key} (-S {key}=...)")
        args[key] = param.default
    return {key: args[key] for key in sorted(args)}


def _convert(name: str, key: str, value: Any, hint: Any) -> Any:
    """`value` (a string from the command line, or already typed) as an instance of `hint`."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        options = [h for h in typing.get_args(hint) if h is not type(None)]
        if value is None or (isinstance(value, str) and value.strip().lower() in _NONE
                             and len(options) < len(typing.get_args(hint))):
            return None
        errors = []
        for option in options:
            try:
                return _convert(name, key, value, option)
            except SolverArgumentError as error:
                errors.append(str(error))
        raise SolverArgumentError(errors[0] if errors else f"solver {name!r}: bad value for {key}")
    if origin is typing.Literal:
        choices = typing.get_args(hint)
        for choice in choices:
            if value == choice or (isinstance(value, str) and value == str(choice)):
                return choice
        raise SolverArgumentError(f"solver {name!r}: {key}={value!r} is not one of "
                                  f"{', '.join(map(str, choices))}")
    try:
        if hint is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError("expected true or false")
        if hint is int:
            if isinstance(value, bool) or isinstance(value, float):
                raise ValueError("expected an integer")
            return int(value) if isinstance(value, int) else int(str(value).strip())
        if hint is float:
            if isinstance(value, bool):
                raise ValueError("expected a number")
            return float(value)
        if hint is str or hint is Any:
            if not isinstance(value, str):
                raise ValueError("expected a string")
            return value
    except ValueError as error:
        raise SolverArgumentError(f"solver {name!r}: {key}={value!r}: {error}") from None
    raise SolverLoadError(f"solver {name!r}: argument {key} has type {hint!r}; "
                          "factories take int, float, bool, str, their `| None` forms, or a Literal")


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
