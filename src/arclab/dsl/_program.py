"""Programs are expression trees with a readable text form that parses back."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Union

from ._types import value_key

INPUT = "x"


@dataclass(frozen=True, slots=True)
class Var:
    """The program's input grid."""

    name: str = INPUT

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Const:
    """A literal: an int, or a colour map written as {a: b, ...} (kept as sorted pairs)."""

    value: Any

    def __str__(self) -> str:
        if isinstance(self.value, tuple):
            return "{" + ", ".join(f"{a}: {b}" for a, b in self.value) + "}"
        return repr(self.value)


@dataclass(frozen=True, slots=True)
class Call:
    """A primitive applied to argument expressions."""

    op: str
    args: tuple[Expr, ...]

    def __str__(self) -> str:
        return f"{self.op}({', '.join(str(a) for a in self.args)})"


Expr = Union[Var, Const, Call]


class ParseError(ValueError):
    """The text is not a program of this DSL."""


def parse(text: str) -> Expr:
    """The program whose text is `text` (inverse of str)."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError as error:
        raise ParseError(f"not a program: {error.msg}: {text!r}") from None
    return _from_ast(tree, text)


def _from_ast(node: ast.AST, text: str) -> Expr:
    if isinstance(node, ast.Name):
        if node.id != INPUT:
            raise ParseError(f"unknown name {node.id!r} in {text!r}")
        return Var(node.id)
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return Const(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        return Const(-int(node.operand.value))
    if isinstance(node, ast.Dict):
        pairs = []
        for k, v in zip(node.keys, node.values):
            if not (isinstance(k, ast.Constant) and isinstance(v, ast.Constant)):
                raise ParseError(f"colour maps hold integers only: {text!r}")
            pairs.append((int(k.value), int(v.value)))
        return Const(tuple(sorted(pairs)))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        from ._registry import PRIMITIVES

        if node.func.id not in PRIMITIVES:
            raise ParseError(f"unknown primitive {node.func.id!r} in {text!r}")
        return Call(node.func.id, tuple(_from_ast(a, text) for a in node.args))
    raise ParseError(f"unsupported syntax {ast.dump(node)[:40]} in {text!r}")


def program_size(expr: Expr) -> int:
    """Number of nodes in the tree."""
    if isinstance(expr, Call):
        return 1 + sum(program_size(a) for a in expr.args)
    return 1


def evaluate(expr: Expr, grid: Any, cache: dict[Any, Any] | None = None) -> Any:
    """Run a program on one input grid (a uint8 numpy array); None if any step is undefined."""
    from ._registry import PRIMITIVES

    if isinstance(expr, Var):
        return grid
    if isinstance(expr, Const):
        return expr.value
    values = []
    for arg in expr.args:
        value = evaluate(arg, grid, cache)
        if value is None:
            return None
        values.append(value)
    try:
        return PRIMITIVES[expr.op].function(*values)
    except (ValueError, IndexError, ZeroDivisionError):
        return None


__all__ = ["Call", "Const", "Expr", "ParseError", "Var", "evaluate", "parse", "program_size", "value_key"]
