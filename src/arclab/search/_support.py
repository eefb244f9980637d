"""How well the train pairs back a learned table: entries that change cells in one pair only.

A learned rule list or cell table is exact on the train pairs by construction. An entry that
changes cells in only one pair is that pair's answer written down, not a rule the pairs share:
left out of that pair, the learner would not have found it. Counting such entries ranks a table
that merely memorises below one whose every entry more than one pair shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np

from ..dsl import Call, Const, Expr, evaluate
from ..dsl.cell_features import deciding_rule, table_keys
from ..dsl.local_rules import cell_keys


LEARNED_TABLES = ("cell_rules", "cell_rule", "local_rule")
"""Primitives whose last argument is a table learned from the train pairs, keyed per cell."""


def memorised(program: Expr, train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray]) -> int:
    """Entries of a learned last step (one of LEARNED_TABLES on some source) that change
    cells in exactly one train pair; 0 for other programs, and with fewer than two pairs."""
    if len(train_in) < 2 or not isinstance(program, Call) or program.op not in LEARNED_TABLES:
        return 0
    consts = [a.value for a in program.args[1:] if isinstance(a, Const)]
    if len(consts) != len(program.args) - 1:
        return 0
    support: Counter[Hashable] = Counter()
    for x, out in zip(train_in, train_out):
        source = evaluate(program.args[0], x)
        if not isinstance(source, np.ndarray) or source.shape != out.shape:
            return 0
        support.update(_changing_entries(program.op, consts, source, source != out))
    return sum(1 for n in support.values() if n == 1)


def _changing_entries(op: str, consts: list[Any], source: np.ndarray, changed: np.ndarray) -> set[Hashable]:
    """The entries of the table (`op`'s constant arguments) that decide some changed cell of this pair."""
    if op == "cell_rules":
        which = deciding_rule(source, consts[0])
        return set(np.unique(which[changed]).tolist()) - {-1}
    table = dict(consts[1])
    keys = table_keys(source, consts[0]) if op == "cell_rule" else cell_keys(source, consts[0])
    return {keys[i] for i in np.flatnonzero(changed.ravel()).tolist() if keys[i] in table}


__all__ = ["memorised"]
