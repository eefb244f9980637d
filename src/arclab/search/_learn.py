"""Parameters read off the train pairs instead of enumerated: colour maps."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..dsl.colour import ROLE, colour_roles, role_code


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


def learn_role_map(refs: Sequence[np.ndarray], candidates: Sequence[np.ndarray],
                   outputs: Sequence[np.ndarray]) -> tuple[tuple[int, int], ...] | None:
    """A role map (see `map_roles`) m with m(candidate, ref) == output on every pair, or None.

    Colours are named by their rank in each pair's reference (the input), so "the commonest colour
    becomes the rarest" holds across pairs whose colours differ. A key keeps its colour where it
    can; a target is a literal colour where one fits every pair, else a role.
    """
    options: dict[int, set[int]] = {}
    for ref, cand, out in zip(refs, candidates, outputs):
        if cand.shape != out.shape:
            return None
        roles = colour_roles(ref)
        codes = np.unique(cand.astype(np.int16) * 16 + out)
        for a, b in zip((codes // 16).tolist(), (codes % 16).tolist()):
            key = role_code(a, roles)
            fits = {b, role_code(b, roles)} | ({key} if a == b else set())
            options[key] = options.get(key, fits) & fits
            if not options[key]:
                return None
    table = tuple((key, min(fits, key=lambda t: (t >= ROLE, t)))
                  for key, fits in sorted(options.items()) if key not in fits)
    if not table or all(key < ROLE and target < ROLE for key, target in table):
        return None  # nothing changes, or a plain colour map says it
    return table


def learn_pair_map(firsts: Sequence[np.ndarray], seconds: Sequence[np.ndarray], outputs: Sequence[np.ndarray],
                   test_firsts: Sequence[np.ndarray], test_seconds: Sequence[np.ndarray],
                   ) -> tuple[tuple[tuple[int, int], int], ...] | None:
    """A table (first colour, second colour) -> output colour exact on every pair, covering the tests.

    Only entries that change the first grid's colour are listed. None when the pairs conflict or a
    test input shows a colour pair never seen in training.
    """
    table = np.full(100, -1, dtype=np.int16)
    for a, b, out in zip(firsts, seconds, outputs):
        if a.shape != out.shape or b.shape != out.shape:
            return None
        codes = a.astype(np.int16) * 10 + b
        keys = np.unique(codes * 16 + out)
        pair, colour = keys // 16, keys % 16
        if len(np.unique(pair)) != len(pair):
            return None
        known = table[pair]
        if ((known >= 0) & (known != colour)).any():
            return None
        table[pair] = colour
    for a, b in zip(test_firsts, test_seconds):
        if a.shape != b.shape or (table[np.unique(a.astype(np.int16) * 10 + b)] < 0).any():
            return None
    pairs = tuple(((int(k) // 10, int(k) % 10), int(c)) for k, c in enumerate(table) if c >= 0 and k // 10 != c)
    return pairs or None


def most_shared(masks: Sequence[int], bits: range) -> list[int]:
    """Per mask (a set of allowed targets as bits), the allowed bit in `bits` that most masks allow
    (-1 when it allows none of them).

    Sharing one target across keys (say, "copy the colour the ray hits", or "take part 1") is what
    lets a learned table carry over to colours the train pairs never showed.
    """
    support = {b: sum(1 for m in masks if m >> b & 1) for b in bits}
    order = sorted(bits, key=lambda b: (-support[b], b))
    return [next((b for b in order if m >> b & 1), -1) for m in masks]
