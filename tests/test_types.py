"""Types: mypy --strict over every package under src/arclab (configured in pyproject.toml), and every
`type: ignore` left in the code says why it is there."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "arclab"


def test_the_configuration_is_strict_over_every_package() -> None:
    """New modules are checked as they appear: the whole tree, strict, with nothing of ours loosened."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert config["files"] == ["src/arclab"] and config["strict"] is True
    loosened = [o for o in config.get("overrides", []) if any(str(m).startswith("arclab") for m in
                                                              ([o["module"]] if isinstance(o["module"], str)
                                                               else o["module"]))]
    assert not loosened, loosened


def test_mypy_strict_passes() -> None:
    if importlib.util.find_spec("mypy") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("mypy is not installed (it is in the dev extra: pip install -e '.[dev]')")
        pytest.skip("mypy is not installed (pip install -e '.[dev]')")
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True,
                            timeout=900, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_every_type_ignore_says_why() -> None:
    """`# type: ignore[code]  # why`: a bare ignore, or one without a reason after it, is not allowed."""
    bare = []
    for path in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if "type: ignore" in line and not re.search(r"# type: ignore\[[\w,\s-]+\]\s+#\s*\S", line):
                bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bare, "\n".join(bare)
