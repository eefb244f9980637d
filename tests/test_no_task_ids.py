"""Hygiene: no ARC task id from the bundled datasets appears anywhere under src/ (no task-specific code)."""

from __future__ import annotations

import re
from pathlib import Path

from arclab.datasets import NAMED_DATASETS, load_tasks

SRC = Path(__file__).resolve().parents[1] / "src" / "arclab"
HEX8 = re.compile(rb"(?<![0-9a-fA-F])[0-9a-fA-F]{8}(?![0-9a-fA-F])")


def test_no_task_id_under_src() -> None:
    ids = {task.id.lower() for name in NAMED_DATASETS for task in load_tasks(name)}
    assert len(ids) > 1000  # ARC-AGI-2 training reuses many ARC-AGI-1 ids
    found = []
    files = [p for p in SRC.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files
    for path in files:
        for match in HEX8.finditer(path.read_bytes()):
            if match.group().decode().lower() in ids:
                found.append(f"{path.relative_to(SRC)}: {match.group().decode()}")
    assert not found, "task ids in library code: " + ", ".join(found[:20])
