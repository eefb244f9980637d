"""Parameters read off the train pairs instead of enumerated: colour maps."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def learn_colour_map(candidates: Sequence[np.ndarray], outputs: Sequence[np.ndarray]) -> tuple[tuple[int, int], ...] | None:
    """The colour map m with m(candidate) == output on every pair, or None.

    Only colours that change are listed; a colour seen mapping to two colours means no map.
    """
    table = np.full(10, 255, dtype=np.int16)
    for cand, out in zip(candidates, outputs):
        if cand.shape != out.shape:
            return None
        codes = np.unique(cand.astype(np.int16) * 16 + out)
        src, dst = codes // 16, codes % 16
        if len(np.unique(src)) != len(src):
            return None
        known = table[src]
        if ((known != 255) & (known != dst)).any():
            return None
        table[src] = dst
    pairs = tuple((int(a), int(b)) for a, b in enumerate(table) if b != 255 and a != b)
    return pairs or None
