"""Outputs that are each one colour: the colour from a Colour expression, each side from a
constant (when every output has it) or from an Int expression (a count, a size) of the input.

The enumerator offers its Colour and Int candidates; the cheapest ones right on every pair (up to
ALTERNATIVES test values) fill each part, and once all parts are known the answer is `filled(height, width, colour)`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..dsl import COLOUR, INT, Call, Const, Expr
from ..task import MAX_SIZE
from ._enumerate import Candidate

Part = tuple[Expr, float, tuple[int, ...]]
"""An expression, its cost (0 for a constant side) and its value on each test input."""


ALTERNATIVES = 2
"""Parts kept per name (with different test values): two attempts can differ in one part."""


class Uniform:
    """Builds `filled(h, w, colour)` programs from parts found one by one."""

    def __init__(self, outputs: Sequence[np.ndarray], num_tests: int) -> None:
        self.targets = {"height": [o.shape[0] for o in outputs], "width": [o.shape[1] for o in outputs],
                        "colour": [int(o.flat[0]) for o in outputs]}
        self.parts: dict[str, list[Part]] = {"height": [], "width": [], "colour": []}
        for side in ("height", "width"):
            if len(set(self.targets[side])) == 1:
                size = self.targets[side][0]
                self.parts[side].append((Const(size), 0.0, (size,) * num_tests))

    @staticmethod
    def of(outputs: Sequence[np.ndarray], num_tests: int) -> Uniform | None:
        """A builder when every output is one colour, else None."""
        if any((o != o.flat[0]).any() for o in outputs):
            return None
        return Uniform(outputs, num_tests)

    def types(self) -> frozenset[str]:
        """The candidate types it needs (Int only when some side varies)."""
        constant = all(self.parts[side] for side in ("height", "width"))
        return frozenset([COLOUR]) if constant else frozenset([COLOUR, INT])

    def add(self, cand: Candidate, train_vals: Sequence[Any],
            test_vals: Sequence[Any]) -> list[tuple[Expr, float, tuple[np.ndarray, ...]]]:
        """The programs (with their answers) this candidate completes."""
        found = []
        for name in ("colour",) if cand.type == COLOUR else ("height", "width"):
            part = (cand.expr, float(cand.cost), tuple(int(v) for v in test_vals))
            if list(train_vals) == self.targets[name] and self._admit(self.parts[name], part):
                found += self._programs({**self.parts, name: [part]})
        return found

    @staticmethod
    def _admit(known: list[Part], part: Part) -> bool:
        """Whether a part right on every pair is kept: while fewer than ALTERNATIVES test values
        are known, or when it is cheaper than the part kept for its test value, or than the
        dearest part kept (the enumerator's first sweep meets dear parts before cheap ones)."""
        same = [i for i, p in enumerate(known) if p[2] == part[2]]
        if same:
            if known[same[0]][1] <= part[1]:
                return False
            known[same[0]] = part
        elif len(known) < ALTERNATIVES:
            known.append(part)
        else:
            dearest = max(range(len(known)), key=lambda i: known[i][1])
            if known[dearest][1] <= part[1]:
                return False
            known[dearest] = part
        return True

    @staticmethod
    def _programs(parts: dict[str, list[Part]]) -> list[tuple[Expr, float, tuple[np.ndarray, ...]]]:
        out: list[tuple[Expr, float, tuple[np.ndarray, ...]]] = []
        for (h, h_cost, hs), (w, w_cost, ws), (c, c_cost, cs) in itertools.product(
                parts["height"], parts["width"], parts["colour"]):
            if all(1 <= v <= MAX_SIZE for v in hs + ws):
                answers = tuple(np.full((a, b), colour, dtype=np.uint8) for a, b, colour in zip(hs, ws, cs))
                out.append((Call("filled", (h, w, c)), 2 + h_cost + w_cost + c_cost, answers))
        return out


__all__ = ["Uniform"]
