"""Small task directories for the harness tests."""

from __future__ import annotations

import json
from pathlib import Path


def write_tasks(directory: Path, count: int, *, outputs: bool = True) -> Path:
    """`count` small tasks t00, t01, ...; even ones are solved by the identity answer; every fifth
    has two test inputs."""
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        grid = [[i % 10, (i + 1) % 10], [(i + 2) % 10, 3]]
        answer = grid if i % 2 == 0 else [[5]]
        tests = [{"input": grid, "output": answer}]
        if i % 5 == 4:
            tests.append({"input": [[i % 10]], "output": [[i % 10]]})
        if not outputs:
            for pair in tests:
                del pair["output"]
        task = {"train": [{"input": grid, "output": answer}], "test": tests}
        (directory / f"t{i:02d}.json").write_text(json.dumps(task))
    return directory
