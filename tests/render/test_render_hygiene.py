"""Hygiene of the view packages (render, report, web): every export and its public members say what they are."""

from __future__ import annotations

import importlib
import inspect

import pytest


@pytest.mark.parametrize("package", ["arclab.render", "arclab.report", "arclab.web"])
def test_every_export_is_documented(package: str) -> None:
    module = importlib.import_module(package)
    assert (module.__doc__ or "").strip()
    missing = []
    for name in module.__all__:
        obj = getattr(module, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_") or not (inspect.isfunction(member) or isinstance(member, property)):
                    continue
                if not (member.__doc__ or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing, f"undocumented in {package}: {missing}"


@pytest.mark.parametrize("package", ["render", "report", "web"])
def test_no_prints_in_library_code(package: str) -> None:
    from pathlib import Path

    import arclab

    folder = Path(arclab.__file__).parent / package
    offenders = [str(p.relative_to(folder)) for p in folder.rglob("*.py") if "print(" in p.read_text()]
    assert not offenders
