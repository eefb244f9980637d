"""The helpers behind the DSL's speed: content-keyed memos, the holes count, the colour-scan-free check."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from arclab.dsl import _util
from arclab.dsl._util import checked, holes, memo, rearranged


def test_holes_agrees_with_scipy_fill_holes_on_random_masks() -> None:
    rng = np.random.default_rng(7)
    for _ in range(400):
        h, w = rng.integers(1, 12, size=2)
        mask = rng.random((h, w)) < rng.choice([0.3, 0.6, 0.8])
        expected = int(ndimage.binary_fill_holes(mask).sum() - mask.sum())
        assert holes(mask) == expected


def test_holes_of_a_ring_is_its_inside() -> None:
    ring = np.ones((4, 5), dtype=bool)
    ring[1:3, 1:4] = False
    assert holes(ring) == 6
    ring[0, 2] = False  # a gap in the ring lets the inside out
    assert holes(ring) == 0


def test_memo_answers_by_content_not_identity() -> None:
    calls: list[int] = []

    @memo
    def total(g: np.ndarray, k: int) -> int:
        calls.append(k)
        return int(g.sum()) + k

    a = np.array([[1, 2], [3, 4]], dtype=np.uint8)
    assert total(a, 1) == 11
    assert total(a.copy(), 1) == 11  # equal cells: remembered
    assert total(a.T.copy(), 1) == 11  # other cells (same sum): computed again
    a2 = a.copy()
    a2[0, 0] = 9
    assert total(a2, 1) == 19
    assert total(a, 2) == 12
    assert calls == [1, 1, 1, 2]


def test_memo_tells_shapes_and_dtypes_apart() -> None:
    @memo
    def shape_of(g: np.ndarray) -> tuple[int, ...]:
        return tuple(g.shape)

    flat = np.zeros(6, dtype=np.uint8)
    assert shape_of(flat.reshape(2, 3)) == (2, 3)
    assert shape_of(flat.reshape(3, 2)) == (3, 2)
    assert shape_of(np.zeros((2, 3), dtype=np.int8)) == (2, 3)


def test_memo_repeats_a_remembered_value_error() -> None:
    calls: list[int] = []

    @memo
    def positive(k: int) -> int:
        calls.append(k)
        if k <= 0:
            raise ValueError(f"{k} is not positive")
        return k

    for _ in range(2):
        with pytest.raises(ValueError, match="-1 is not positive"):
            positive(-1)
    assert calls == [-1]


def test_memo_starts_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_util, "MEMO_SIZE", 3)
    calls: list[int] = []

    @memo
    def square(k: int) -> int:
        calls.append(k)
        return k * k

    for k in (1, 2, 3, 4, 1):
        assert square(k) == k * k
    assert calls == [1, 2, 3, 4, 1]


def test_rearranged_checks_sizes_like_checked() -> None:
    g = np.arange(12, dtype=np.uint8).reshape(3, 4) % 10
    out = rearranged(g[:, ::-1])
    assert not out.flags.writeable and np.array_equal(out, checked(g[:, ::-1]))
    for bad in (np.zeros((0, 3), dtype=np.uint8), np.zeros((31, 2), dtype=np.uint8), np.zeros(3, dtype=np.uint8)):
        with pytest.raises(ValueError, match="size"):
            rearranged(bad)
    with pytest.raises(ValueError, match="colour"):
        rearranged(np.full((2, 2), 12, dtype=np.int64))  # not uint8: checked in full
