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
    """A literal: an int, a name (str), or a table written {key: value, ...} (kept as sorted pairs).

    Table keys are ints or tuples of ints; values are ints, names, or tuples of them.
    """

    value: Any

    def __str__(self) -> str:
        if isinstance(self.value, tuple):
            return "{" + ", ".join(f"{a!r}: {b!r}" for a, b in self.value) + "}"
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
    if isinstance(node, ast.Constant) and type(node.value) in (int, str):
        return Const(node.value)
    if isinstance(node, ast.UnaryOp):
        value = _literal(node, text, names=False)
        if type(value) is not int:
            raise ParseError(f"only integers can be negated: {text!r}")
        return Const(value)
    if isinstance(node, ast.Dict):
        pairs = []
        for k, v in zip(node.keys, node.values):
            if k is None:
                raise ParseError(f"unsupported ** in a table: {text!r}")
            pairs.append((_literal(k, text, names=False), _literal(v, text, names=True)))
        return Const(tuple(sorted(pairs)))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        from ._registry import PRIMITIVES, resolve

        op = resolve(node.func.id)  # a program stored before a rename reads as the renamed call
        if op not in PRIMITIVES:
            raise ParseError(f"unknown primitive {node.func.id!r} in {text!r}")
        arity = len(PRIMITIVES[op].arg_types)
        if len(node.args) != arity:
            raise ParseError(f"{node.func.id} takes {arity} argument(s), got {len(node.args)}: {text!r}")
        args = tuple(_from_ast(a, text) for a in node.args)
        return Call(op, tuple(_renamed(op, k, a) for k, a in enumerate(args)))
    raise ParseError(f"unsupported syntax {ast.dump(node)[:40]} in {text!r}")


PRIMITIVE_NAME_ARGS = {"map_objects": 2}
"""Primitives with an argument that names a primitive (by position): parse renames it too."""


def _renamed(op: str, position: int, arg: Expr) -> Expr:
    """A former primitive name given as an argument, renamed (any other argument as it is)."""
    if PRIMITIVE_NAME_ARGS.get(op) == position and isinstance(arg, Const) and isinstance(arg.value, str):
        from ._registry import resolve

        return Const(resolve(arg.value))
    return arg


def _literal(node: ast.AST, text: str, names: bool) -> Any:
    """An int or a tuple of ints from a table key; a value may also hold names (str)."""
    if isinstance(node, ast.Constant) and (type(node.value) is int or (names and type(node.value) is str)):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand, text, names)
        if type(inner) is int:
            return -inner
    if isinstance(node, ast.Tuple):
        return tuple(_literal(e, text, names) for e in node.elts)
    raise ParseError(f"table keys hold integers and tuples of integers only, values also names: {text!r}")


def program_size(expr: Expr) -> int:
    """Number of nodes in the tree."""
    if isinstance(expr, Call):
        return 1 + sum(program_size(a) for a in expr.args)
    return 1


def evaluate(expr: Expr, grid: Any) -> Any:
    """Run a program on one input grid (a uint8 numpy array); None if any step is undefined."""
    from ._registry import PRIMITIVES

    if isinstance(expr, Var):
        return grid
    if isinstance(expr, Const):
        return expr.value
    values = []
    for arg in expr.args:
        value = evaluate(arg, grid)
        if value is None:
            return None
        values.append(value)
    try:
        return PRIMITIVES[expr.op].function(*values)
    except (ValueError, IndexError, ZeroDivisionError, OverflowError):
        return None


__all__ = ["Call", "Const", "Expr", "ParseError", "Var", "evaluate", "parse", "program_size", "value_key"]
