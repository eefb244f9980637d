"""Learn how the parts of a partitioned input combine, cell by cell, into the output.

Many tasks split the input into equal parts (by separator lines or into strips) and build an
output of one part's shape: and/or/xor of the parts, an overlay with some colour on top, and so
on. Instead of a primitive per combination, the table from the parts' colours at a cell to the
output colour is read off the train pairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from ..dsl import LAYOUTS, Call, Const, Expr, Var
from ..dsl.partition import part_keys, parts_background, parts_by
from ._learn import most_shared
from ._registry import strategy


def _split_all(grids: Sequence[np.ndarray], layout: str) -> list[list[np.ndarray]] | None:
    try:
        return [parts_by(g, layout) for g in grids]
    except ValueError:
        return None


@strategy(order=20)
def parts_rule_programs(train_in: Sequence[np.ndarray], train_out: Sequence[np.ndarray],
                        test_in: Sequence[np.ndarray]) -> Iterator[tuple[Expr, float]]:
    """Programs `parts_rule(x, layout, keys, table)` exact on the train pairs and defined on the tests."""
    for rank, layout in enumerate(LAYOUTS):
        train_parts = _split_all(train_in, layout)
        test_parts = _split_all(test_in, layout)
        if train_parts is None or test_parts is None:
            continue
        counts = {len(p) for p in train_parts + test_parts}
        if len(counts) != 1:
            continue
        if any(p[0].shape != o.shape for p, o in zip(train_parts, train_out)):
            continue
        for keys in ("fg", "colours"):
            table = _learn(train_parts, train_out, test_parts, keys)
            if table is not None:
                cost = 5.0 + 0.1 * rank + (0.5 if keys == "colours" else 0.0) + 0.05 * len(table)
                yield Call("parts_rule", (Var(), Const(layout), Const(keys), Const(table))), cost


def _learn(train_parts: list[list[np.ndarray]], train_out: Sequence[np.ndarray], test_parts: list[list[np.ndarray]],
           keys: str) -> tuple[tuple[tuple[int, ...], int | str], ...] | None:
    """The table key -> target consistent on every train cell, or None.

    A target is a literal colour or "partK" (the colour of part K there); per key the target most
    keys share is preferred, so an overlay rule carries over to colours it has not seen.
    """
    n = len(train_parts[0])
    allowed: dict[tuple[int, ...], int] = {}
    for parts, out in zip(train_parts, train_out):
        bg = parts_background(parts)
        key_rows = part_keys(parts, keys, bg).tolist()
        values = np.stack([p.ravel() for p in parts], axis=-1).tolist()
        for key, vals, y in zip(key_rows, values, out.ravel().tolist()):
            mask = 1 << y
            for k, v in enumerate(vals):
                if v == y:
                    mask |= 1 << (10 + k)
            key = tuple(key)
            allowed[key] = allowed.get(key, mask) & mask
            if allowed[key] == 0:
                return None
    for parts in test_parts:
        bg = parts_background(parts)
        if any(tuple(k) not in allowed for k in part_keys(parts, keys, bg).tolist()):
            return None
    chosen = most_shared(list(allowed.values()), range(10 + n))
    return tuple(sorted((key, b if b < 10 else f"part{b - 10}") for key, b in zip(allowed, chosen)))
