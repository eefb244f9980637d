"""Tasks: a few train examples and test inputs whose outputs may be withheld."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ._grid import Grid


@dataclass(frozen=True, slots=True)
class Example:
    """One input-output pair. In a test pair the output is None when withheld."""

    input: Grid
    output: Grid | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """An ARC task: train examples (outputs known) and test pairs (outputs optional)."""

    id: str
    train: tuple[Example, ...]
    test: tuple[Example, ...]
    source: str = field(default="", compare=False)

    @property
    def test_inputs(self) -> tuple[Grid, ...]:
        """The test inputs, in order."""
        return tuple(pair.input for pair in self.test)

    @property
    def test_outputs(self) -> tuple[Grid | None, ...]:
        """The test outputs, in order; None where withheld."""
        return tuple(pair.output for pair in self.test)

    @property
    def has_solutions(self) -> bool:
        """True when every test output is known, so the task can be scored."""
        return all(pair.output is not None for pair in self.test)

    def without_test_outputs(self) -> Task:
        """The task as a solver may see it: test outputs removed."""
        return replace(self, test=tuple(Example(pair.input) for pair in self.test))

    def with_test_outputs(self, outputs: tuple[Grid, ...]) -> Task:
        """The task with its test outputs set (e.g. from a separate solutions file)."""
        if len(outputs) != len(self.test):
            raise ValueError(f"task {self.id}: {len(outputs)} outputs for {len(self.test)} test inputs")
        return replace(self, test=tuple(Example(p.input, o) for p, o in zip(self.test, outputs)))
