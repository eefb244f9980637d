"""Stacking: programs each right on part of the output, painted one over another, make the whole.

While the enumeration runs, every candidate whose values have the train outputs' shapes is looked
at once: as a base (the cells it gets wrong, over all train pairs) and as a piece (the cells it
paints, i.e. not its background, all of them right). At the end each of the best bases is
completed greedily: the piece that repairs most of the base's wrong cells goes on top, until none is
left or the piece limit is reached. The program is `overlay(overlay(base, p1), p2)`; `overlay`
paints a grid's non-background cells over another, as the pieces were judged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from ..dsl import Call, Expr
from ..dsl._util import background
from ._enumerate import Candidate

MAX_PIECES_KEPT = 3000
"""Pieces kept for stacking (the first found: the cheapest)."""
BASES_TRIED = 12
"""Bases (fewest wrong cells first) that the greedy completion starts from."""
MAX_PART_COST = 6
"""Dearer candidates are neither bases nor pieces (a stack of them would rank below most answers,
and looking at every deep candidate would slow the enumeration)."""


class Stacker:
    """Collects bases and pieces from the enumeration's candidates; proposes stacked programs."""

    def __init__(self, outputs: Sequence[np.ndarray], max_pieces: int) -> None:
        self.outputs = [o.ravel() for o in outputs]
        self.max_pieces = max_pieces
        self.bases: list[tuple[int, float, Candidate, np.ndarray]] = []
        self.pieces: list[tuple[Candidate, np.ndarray]] = []

    def add(self, cand: Candidate, train_vals: Sequence[np.ndarray]) -> None:
        """Look at a candidate whose train values have the outputs' shapes."""
        if self.max_pieces <= 0 or cand.cost > MAX_PART_COST:
            return
        wrong = np.concatenate([v.ravel() != o for v, o in zip(train_vals, self.outputs)])
        n_wrong = int(wrong.sum())
        if 0 < n_wrong and (len(self.bases) < BASES_TRIED or n_wrong < self.bases[-1][0]):
            self.bases.append((n_wrong, cand.cost, cand, wrong))
            self.bases.sort(key=lambda b: (b[0], b[1]))
            del self.bases[BASES_TRIED:]
        if len(self.pieces) < MAX_PIECES_KEPT:
            painted = np.concatenate([v.ravel() != background(v) for v in train_vals])
            if painted.any() and not (painted & wrong).any():
                self.pieces.append((cand, painted))

    def programs(self) -> Iterator[tuple[Expr, float]]:
        """Stacked programs that are right on every train cell, with their costs (each overlay 1)."""
        if not self.pieces or not self.bases:
            return
        cover = np.stack([painted for _, painted in self.pieces])
        made: set[frozenset[int]] = set()
        for _, _, base, wrong in self.bases:
            chosen = _greedy(cover, wrong, self.max_pieces)
            parts = frozenset([id(base), *(id(self.pieces[k][0]) for k in chosen or ())])
            if chosen is None or parts in made:
                continue
            made.add(parts)
            expr: Expr = base.expr
            cost = float(base.cost)
            for k in chosen:
                piece = self.pieces[k][0]
                expr, cost = Call("overlay", (expr, piece.expr)), cost + piece.cost + 1
            yield expr, cost


def _greedy(cover: np.ndarray, wrong: np.ndarray, limit: int) -> list[int] | None:
    """Pieces (rows of `cover`) that together repair every wrong cell, most repairing first; None
    when `limit` pieces do not suffice. A piece placed later may not undo an earlier one: every
    piece is right wherever it paints, so painting in any order keeps the repaired cells right."""
    left = wrong.copy()
    chosen: list[int] = []
    while left.any():
        if len(chosen) == limit:
            return None
        gains = cover[:, left].sum(axis=1)
        best = int(gains.argmax())
        if gains[best] == 0:
            return None
        chosen.append(best)
        left &= ~cover[best]
    return chosen


__all__ = ["Stacker"]
