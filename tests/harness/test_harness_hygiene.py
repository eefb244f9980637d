"""Hygiene of the harness and solver packages: every export, method and data field documented;
no prints in library code; no bare except."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

import arclab.harness
import arclab.solvers
import arclab.solvers.llm

PACKAGES = (arclab.harness, arclab.solvers, arclab.solvers.llm)
SRC = Path(arclab.harness.__file__).resolve().parents[1]
OWN_FILES = sorted([*(SRC / "harness").glob("*.py"), *(p for p in (SRC / "solvers").glob("*.py") if p.name != "synth.py"),
                    *(SRC / "solvers" / "llm").glob("*.py"),
                    *(SRC / "cli" / f"cmd_{name}.py" for name in ("eval", "runs", "compare"))])


def _undocumented_fields(cls: type) -> list[str]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    missing = []
    for i, node in enumerate(body):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            following = body[i + 1] if i + 1 < len(body) else None
            documented = (isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                          and isinstance(following.value.value, str))
            if not documented:
                missing.append(node.target.id)
    return missing


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_every_export_is_documented(package: ModuleType) -> None:
    missing = []
    for name in package.__all__:
        obj = getattr(package, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if not inspect.isclass(obj) or issubclass(obj, BaseException):
            continue
        for attr, member in vars(obj).items():
            function = member.fget if isinstance(member, property) else member
            if not attr.startswith("_") and inspect.isfunction(function) and not (function.__doc__ or "").strip():
                missing.append(f"{name}.{attr}")
        if dataclasses.is_dataclass(obj) and obj.__module__.startswith(package.__name__):
            missing += [f"{name}.{field}" for field in _undocumented_fields(obj)]
    assert not missing, "undocumented: " + ", ".join(missing)


def test_no_print_and_no_bare_except_in_library_code() -> None:
    found = []
    for path in OWN_FILES:
        text = path.read_text()
        library = path.parent.name != "cli"
        if library and re.search(r"^\s*print\(", text, re.MULTILINE):
            found.append(f"{path.name}: print")
        if re.search(r"except\s*:", text):
            found.append(f"{path.name}: bare except")
    assert OWN_FILES and not found, found
