"""Outside packages add solvers through the `arclab.solvers` entry point group.

The test installs a tiny package the way pip lays one out (the module plus a .dist-info with
entry_points.txt) into a temporary directory, offline, and puts that directory on the path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from arclab.solvers import available_solvers, solver_spec

PLUGIN = '''
from arclab.solvers import Attempt
from arclab.task import Grid


class Flip:
    def __init__(self, axis):
        self.axis = axis

    def solve(self, task, context):
        axis = 1 if self.axis == "h" else 0
        return tuple((Attempt(Grid(grid.to_numpy()[::-1] if axis == 0 else grid.to_numpy()[:, ::-1]),
                              {"program": f"flip({self.axis})"}),)
                     for grid in task.test_inputs)


def flip(axis: str = "h") -> Flip:
    """Mirror each test input."""
    return Flip(axis)
'''


def install_plugin(site: Path) -> Path:
    """Lay out `arclab-demo-plugin` in `site` as an installer would."""
    package = site / "arclab_demo_plugin"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(PLUGIN)
    info = site / "arclab_demo_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: arclab-demo-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[arclab.solvers]\ndemo-flip = arclab_demo_plugin:flip\n")
    (info / "top_level.txt").write_text("arclab_demo_plugin\n")
    (info / "RECORD").write_text("")
    return site


def test_plugin_solvers_are_found_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "demo-flip" not in available_solvers()
    monkeypatch.syspath_prepend(str(install_plugin(tmp_path / "site")))
    assert available_solvers()["demo-flip"] == "arclab_demo_plugin:flip"
    assert solver_spec("demo-flip", ["axis=v"]).args == {"axis": "v"}


def test_plugin_solver_runs_through_arclab_eval(tmp_path: Path) -> None:
    site = install_plugin(tmp_path / "site")
    tasks = tmp_path / "tasks"
    tasks.mkdir()
    for name, grid in (("a", [[1, 2, 3]]), ("b", [[4, 5], [6, 7]])):
        task = {"train": [{"input": grid, "output": [row[::-1] for row in grid]}],
                "test": [{"input": grid, "output": [row[::-1] for row in grid]}]}
        (tasks / f"{name}.json").write_text(json.dumps(task))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    arclab = str(Path(sys.executable).parent / "arclab")
    done = subprocess.run([arclab, "eval", str(tasks), "--solver", "demo-flip", "-S", "axis=h", "--workers", "1",
                           "--out", str(tmp_path / "run"), "--quiet"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "fully solved 2/2" in done.stdout
    unknown = subprocess.run([arclab, "eval", str(tasks), "--solver", "demo-flp", "--out", str(tmp_path / "x")],
                             env=env, capture_output=True, text=True)
    assert unknown.returncode == 1 and "did you mean demo-flip?" in unknown.stderr
