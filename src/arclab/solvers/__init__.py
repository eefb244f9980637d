"""Solvers: the interface every solver implements, and the registry that finds them by name."""

from ._registry import (
    BUILTIN_SOLVERS,
    ENTRY_POINT_GROUP,
    SolverArgumentError,
    SolverError,
    SolverLoadError,
    SolverSpec,
    UnknownSolverError,
    available_solvers,
    load_factory,
    make_solver,
    parse_assignments,
    solver_spec,
    solver_target,
)
from ._prompt import PROMPT_FORMATS, Message, ParseFailure, PromptFormat, format_prompt, parse_grid, render_grid
from ._types import MAX_ATTEMPTS, Attempt, Prediction, SolveContext, Solver

__all__ = [
    "Attempt",
    "BUILTIN_SOLVERS",
    "ENTRY_POINT_GROUP",
    "MAX_ATTEMPTS",
    "Message",
    "PROMPT_FORMATS",
    "ParseFailure",
    "Prediction",
    "PromptFormat",
    "SolveContext",
    "Solver",
    "SolverArgumentError",
    "SolverError",
    "SolverLoadError",
    "SolverSpec",
    "UnknownSolverError",
    "available_solvers",
    "format_prompt",
    "load_factory",
    "make_solver",
    "parse_assignments",
    "parse_grid",
    "render_grid",
    "solver_spec",
    "solver_target",
]
