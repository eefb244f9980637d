"""Before rewriting the value and trace fixtures after a primitive rename: check, by running it, that
the renamed primitives give the fixtures' values and the enumeration its trace under their former
names, so the rewrite changes names only. Run it with the fixtures still holding the former names:

    PYTHONPATH=src .venv/bin/python tests/dsl/rename_check.py

Exits 1 if anything differs. With --write, when all is the same, it then rewrites both fixtures
under the new names (the same costs in the same order; digests and hashes of the new texts).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "search")]

import test_dsl_values_fixture as values  # noqa: E402
import test_search_enumerate_trace as enumeration  # noqa: E402

from arclab.dsl import ALIASES, PRIMITIVES, Call  # noqa: E402

_PRINT = Call.__str__


def check() -> bool:
    """Print each comparison; True when every renamed primitive and trace is the same under its former name."""
    ok = True
    fixture = json.loads(values.FIXTURE.read_text())["primitives"]
    for old, new in ALIASES.items():
        if old not in fixture:
            continue
        PRIMITIVES[old] = PRIMITIVES[new]  # the former name's seeded calls, the renamed primitive's function
        try:
            same = values.digest(old) == fixture[old]
        finally:
            del PRIMITIVES[old]
        ok &= same
        print(f"values {old} -> {new}: {'same' if same else 'DIFFERENT'}")
    former = {new: old for old, new in ALIASES.items()}
    Call.__str__ = lambda self: f"{former.get(self.op, self.op)}({', '.join(str(a) for a in self.args)})"  # type: ignore[method-assign]
    trace = json.loads(enumeration.FIXTURE.read_text())
    costs = {ALIASES.get(name, name): cost for name, cost in trace["costs"].items()}
    for position, index in enumerate(enumeration.TASK_INDICES):
        same = enumeration.trace(index, costs) == trace["traces"][position]
        ok &= same
        print(f"trace of task {index}: {'same' if same else 'DIFFERENT'}")
    return ok


def write() -> None:
    """Rewrite both fixtures under the new names (call after `check` passed, before anything else changes)."""
    fixture = json.loads(values.FIXTURE.read_text())
    fixture["primitives"] = dict(sorted((ALIASES.get(name, name), values.digest(ALIASES[name]) if name in ALIASES
                                         else digest) for name, digest in fixture["primitives"].items()))
    values.FIXTURE.write_text(json.dumps(fixture, indent=1) + "\n")
    trace = json.loads(enumeration.FIXTURE.read_text())
    costs = {ALIASES.get(name, name): cost for name, cost in trace["costs"].items()}
    traces = [enumeration.trace(index, costs) for index in enumeration.TASK_INDICES]
    enumeration.FIXTURE.write_text(json.dumps({"costs": costs, "traces": traces}, indent=1) + "\n")


if __name__ == "__main__":
    same = check()
    if same and sys.argv[1:] == ["--write"]:
        Call.__str__ = _PRINT  # type: ignore[method-assign]
        write()
    sys.exit(0 if same else 1)
