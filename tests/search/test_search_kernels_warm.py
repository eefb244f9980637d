"""warm_kernels compiles every version of the kernels that a search then calls, so nothing is
compiled inside a task's seconds (a version first met there once took 19 s past the deadline)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from arclab.dsl import kernels_compiled

_SCRIPT = """
import json, time
from arclab.dsl import _kernels, warm_kernels
from arclab.search import _cells
from arclab.datasets import load_tasks
from arclab.solvers.synth import synth

def versions():
    found = {}
    for module in (_kernels, _cells):
        for name in dir(module):
            signatures = getattr(getattr(module, name), "signatures", None)
            if signatures is not None:
                found[module.__name__ + "." + name] = sorted(map(str, signatures))
    return found

warm_kernels()
before = versions()
tasks = load_tasks("arc-agi-1/training")
solver = synth()
for task_id in ("00d62c1b", "0a938d79"):
    solver.search(tasks[task_id], time.monotonic() + 1.0)
after = versions()
print(json.dumps({name: [s for s in sigs if s not in before.get(name, [])] for name, sigs in after.items()}))
"""


@pytest.mark.skipif(not kernels_compiled(), reason="the kernels are off (no numba or ARCLAB_NUMBA=0)")
def test_a_search_after_warming_compiles_no_new_kernel_version() -> None:
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True, timeout=600)
    new = json.loads(out.stdout.strip().splitlines()[-1])
    assert {name: sigs for name, sigs in new.items() if sigs} == {}
