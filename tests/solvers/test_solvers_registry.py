"""Solvers by name: lazy lookup, typed arguments from key=value strings, clear errors."""

from __future__ import annotations

import subprocess
import sys
from typing import Literal

import pytest

from arclab.solvers import (
    BUILTIN_SOLVERS,
    Attempt,
    SolveContext,
    Solver,
    SolverArgumentError,
    SolverLoadError,
    SolverSpec,
    UnknownSolverError,
    available_solvers,
    make_solver,
    parse_assignments,
    solver_spec,
)
from arclab.task import Example, Grid, Task


def typed(count: int = 1, rate: float = 0.5, greedy: bool = False, name: str = "x",
          limit: int | None = None, mode: Literal["fast", "slow"] = "fast") -> object:
    """A factory with one argument of each supported type."""
    return lambda task, context: ()


def needs(depth: int) -> object:
    return lambda task, context: ()


def untyped(value: list[int] | None = None) -> object:
    return lambda task, context: ()


def not_a_solver() -> object:
    return 42


def test_arguments_are_converted_by_type_hints() -> None:
    spec = solver_spec(f"{__name__}:typed", ["count=3", "rate=1e-2", "greedy=yes", "name=a=b", "limit=none",
                                              "mode=slow"])
    assert spec.args == {"count": 3, "rate": 0.01, "greedy": True, "name": "a=b", "limit": None, "mode": "slow"}
    assert solver_spec(f"{__name__}:typed", {"limit": "7", "count": 2}).args["limit"] == 7
    assert solver_spec(f"{__name__}:typed").args == {"count": 1, "rate": 0.5, "greedy": False, "name": "x",
                                                     "limit": None, "mode": "fast"}
    assert spec.describe() == f"{__name__}:typed count=3 greedy=true limit=None mode=slow name=a=b rate=0.01"


@pytest.mark.parametrize("args, message", [
    (["count=three"], "count='three'"),
    (["count=1.5"], "count='1.5'"),
    (["greedy=maybe"], "expected true or false"),
    (["mode=medium"], "not one of fast, slow"),
    (["cuont=1"], "no argument 'cuont' \\(did you mean count\\?\\)"),
    (["count"], "not key=value"),
])
def test_bad_arguments_are_named(args: list[str], message: str) -> None:
    with pytest.raises(SolverArgumentError, match=message):
        solver_spec(f"{__name__}:typed", args)


def test_missing_and_unsupported_arguments() -> None:
    with pytest.raises(SolverArgumentError, match="needs the argument depth"):
        solver_spec(f"{__name__}:needs")
    assert solver_spec(f"{__name__}:needs", ["depth=2"]).args == {"depth": 2}
    with pytest.raises(SolverLoadError, match="factories take int, float, bool, str"):
        solver_spec(f"{__name__}:untyped", ["value=1"])


def test_unknown_names_suggest_close_ones() -> None:
    with pytest.raises(UnknownSolverError, match="did you mean identity"):
        solver_spec("identty")
    with pytest.raises(UnknownSolverError, match="solvers: .*constant.*identity"):
        solver_spec("zzz")


def test_registered_but_unloadable_solvers_say_why() -> None:
    with pytest.raises(SolverLoadError, match="cannot be imported"):
        solver_spec("no_such_module_anywhere:factory")
    with pytest.raises(SolverLoadError, match="has no 'missing'"):
        solver_spec(f"{__name__}:missing")
    with pytest.raises(SolverLoadError, match="has no solve"):
        solver_spec(f"{__name__}:not_a_solver").build()


def test_synth_is_registered_lazily() -> None:
    assert BUILTIN_SOLVERS["synth"] == "arclab.solvers.synth:synth"
    assert "synth" in available_solvers()


def test_the_registry_imports_nothing_heavy() -> None:
    code = ("import sys, arclab.solvers as s; s.available_solvers(); s.solver_spec('identity');"
            "print(sorted(m for m in sys.modules if m.startswith(('ray', 'arclab.solvers.synth', 'arclab.search'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_function_solvers_are_adapted_and_specs_pickle() -> None:
    import pickle

    spec = solver_spec(f"{__name__}:typed", ["count=2"])
    assert pickle.loads(pickle.dumps(spec)) == spec
    solver = spec.build()
    assert isinstance(solver, Solver)
    assert isinstance(make_solver("identity"), Solver)


def test_parse_assignments_keeps_the_last_value() -> None:
    assert parse_assignments(["a=1", "b=", "a=2"]) == {"a": "2", "b": ""}


def test_context_rng_depends_on_seed_and_task_only() -> None:
    a = SolveContext(seed=1, deadline=None, time_limit=None, task_id="t").rng().random()
    b = SolveContext(seed=1, deadline=123.0, time_limit=5.0, task_id="t").rng().random()
    c = SolveContext(seed=2, deadline=None, time_limit=None, task_id="t").rng().random()
    assert a == b != c
    assert SolveContext(seed=0, deadline=None, time_limit=None).time_left() == float("inf")
    assert SolveContext(seed=0, deadline=0.0, time_limit=1.0).expired()


def test_baselines() -> None:
    task = Task("x", (Example(Grid([[1]]), Grid([[1]])),), (Example(Grid([[1, 2], [3, 4]])),))
    context = SolveContext(seed=0, deadline=None, time_limit=None, task_id="x")
    assert make_solver("identity").solve(task, context) == ((Attempt(Grid([[1, 2], [3, 4]])),),)
    assert make_solver("constant", colour=7).solve(task, context) == ((Attempt(Grid([[7, 7], [7, 7]])),),)
    with pytest.raises(SolverArgumentError, match="outside 0-9"):
        make_solver("constant", colour=12)
    assert isinstance(solver_spec("constant", ["colour=3"]), SolverSpec)
