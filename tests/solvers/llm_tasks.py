"""Small task directories for the language-model solver tests."""

from __future__ import annotations

import json
from pathlib import Path


def write_task(directory: Path, task_id: str, test_inputs: list[list[list[int]]],
               train: list[tuple[list[list[int]], list[list[int]]]] | None = None,
               test_outputs: list[list[list[int]]] | None = None) -> None:
    """One task file; each test output equals its input unless given (so it can be scored)."""
    directory.mkdir(parents=True, exist_ok=True)
    train = train or [([[1, 2], [3, 4]], [[1, 2], [3, 4]])]
    outputs = test_outputs or test_inputs
    task = {"train": [{"input": i, "output": o} for i, o in train],
            "test": [{"input": grid, "output": out} for grid, out in zip(test_inputs, outputs)]}
    (directory / f"{task_id}.json").write_text(json.dumps(task))


def write_small_tasks(directory: Path, count: int) -> Path:
    """`count` small tasks l00, l01, ...; every third has two test inputs."""
    for i in range(count):
        grid = [[9, i % 10], [(i * 7) % 10, 0]]
        tests = [grid, [[9, 9, i % 10]]] if i % 3 == 2 else [grid]
        write_task(directory, f"l{i:02d}", tests)
    return directory


def write_fault_tasks(directory: Path, faults: dict[str, int]) -> Path:
    """One task per name; its test input's first cell picks the proxy's fault (see fault_proxy)."""
    for task_id, fault in faults.items():
        write_task(directory, task_id, [[[fault, 0], [0, fault]]])
    return directory
