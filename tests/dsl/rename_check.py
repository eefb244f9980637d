"""Before rewriting the value and trace fixtures after a primitive rename: check, by running it, that
the renamed primitives give the fixtures' values and the enumeration its trace under their former
names, so the rewrite changes names only. Run it with the fixtures still holding the former names:

    PYTHONPATH=src .venv/bin/python tests/dsl/rename_check.py

then rewrite the fixtures (see their tests' headers). Exits 1 if anything differs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "search")]

import test_dsl_values_fixture as values  # noqa: E402
import test_search_enumerate_trace as enumeration  # noqa: E402

from arclab.dsl import ALIASES, PRIMITIVES, Call  # noqa: E402


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


if __name__ == "__main__":
    sys.exit(0 if check() else 1)
