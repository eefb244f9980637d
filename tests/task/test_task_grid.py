"""Grid: validation, value semantics, immutability and conversions (hypothesis properties)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arclab.task import MAX_SIZE, Grid, GridError

FAST = settings(max_examples=60, deadline=None)  # per test, so other suites keep their own profile


@st.composite
def grid_rows(draw: st.DrawFn, max_side: int = MAX_SIZE) -> list[list[int]]:
    """Rows of a valid grid: small grids cell by cell (they shrink well), big ones from a seed (fast)."""
    height = draw(st.integers(1, max_side))
    width = draw(st.integers(1, max_side))
    if height * width <= 36:
        colour = st.integers(0, 9)
        return [draw(st.lists(colour, min_size=width, max_size=width)) for _ in range(height)]
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.integers(0, 10, size=(height, width)).tolist()  # type: ignore[no-any-return]


@FAST
@given(grid_rows())
def test_list_round_trip(rows: list[list[int]]) -> None:
    grid = Grid(rows)
    assert grid.to_list() == rows
    assert grid.shape == (len(rows), len(rows[0]))
    assert [list(row) for row in grid] == rows


@FAST
@given(grid_rows())
def test_numpy_round_trip(rows: list[list[int]]) -> None:
    grid = Grid(rows)
    array = grid.to_numpy()
    assert array.dtype == np.uint8 and array.tolist() == rows
    assert Grid(array) == grid
    assert Grid.from_numpy(array.astype(np.int64)) == grid


@FAST
@given(grid_rows(max_side=4), grid_rows(max_side=4))
def test_equal_means_equal_hash(a: list[list[int]], b: list[list[int]]) -> None:
    ga, gb = Grid(a), Grid(b)
    assert (ga == gb) == (a == b)
    if ga == gb:
        assert hash(ga) == hash(gb)
    assert Grid(a) == ga and hash(Grid(a)) == hash(ga)


def test_shape_is_part_of_the_value() -> None:
    row, column = Grid([[1, 2]]), Grid([[1], [2]])
    assert row != column
    assert len({row, column, Grid([[1, 2]])}) == 2


@FAST
@given(grid_rows(max_side=5))
def test_immutable(rows: list[list[int]]) -> None:
    grid = Grid(rows)
    before = hash(grid)
    with pytest.raises(ValueError):
        grid.array[0, 0] = 1
    with pytest.raises(ValueError):
        grid.array.setflags(write=True)
    with pytest.raises(AttributeError):
        grid.shape = (1, 1)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del grid._array
    copy = grid.to_numpy()
    copy[0, 0] = (copy[0, 0] + 1) % 10
    rows[0][0] = (rows[0][0] + 1) % 10
    assert grid.to_numpy()[0, 0] != copy[0, 0]
    assert hash(grid) == before


@FAST
@given(grid_rows(max_side=6))
def test_pickles_by_value(rows: list[list[int]]) -> None:
    grid = Grid(rows)
    again = pickle.loads(pickle.dumps(grid))
    assert again == grid and hash(again) == hash(grid)


@FAST
@given(grid_rows(max_side=5), st.data())
def test_out_of_range_colour_rejected(rows: list[list[int]], data: st.DataObject) -> None:
    r = data.draw(st.integers(0, len(rows) - 1))
    c = data.draw(st.integers(0, len(rows[0]) - 1))
    rows[r][c] = data.draw(st.one_of(st.integers(max_value=-1), st.integers(min_value=10)))
    with pytest.raises(GridError) as error:
        Grid(rows)
    assert f"[{r}][{c}]" in str(error.value)


@FAST
@given(grid_rows(max_side=5), st.data())
def test_non_integer_colour_rejected(rows: list[list[int]], data: st.DataObject) -> None:
    r = data.draw(st.integers(0, len(rows) - 1))
    c = data.draw(st.integers(0, len(rows[0]) - 1))
    rows[r][c] = data.draw(st.sampled_from([True, False, 1.0, 2.5, "3", None, [1]]))  # type: ignore[assignment]
    with pytest.raises(GridError) as error:
        Grid(rows)
    assert f"[{r}][{c}]" in str(error.value)


@FAST
@given(st.integers(0, 40), st.integers(0, 40))
def test_sizes_outside_1_to_30_rejected(height: int, width: int) -> None:
    rows = [[0] * width for _ in range(height)]
    if 1 <= height <= 30 and 1 <= width <= 30:
        assert Grid(rows).shape == (height, width)
        assert Grid(np.zeros((height, width), dtype=np.int32)).shape == (height, width)
    else:
        with pytest.raises(GridError):
            Grid(rows)
        if height and width:
            with pytest.raises(GridError):
                Grid(np.zeros((height, width), dtype=np.int32))


@pytest.mark.parametrize("value, message", [
    ([[1, 2], [3]], "ragged"),
    ([], "height 0"),
    ([[]], "width 0"),
    ("012", "list of rows"),
    ([1, 2], "list of cells"),
    (np.zeros((2, 2), dtype=float), "integers"),
    (np.zeros((2, 2), dtype=bool), "integers"),
    (np.zeros((2, 2, 2), dtype=int), "2-D"),
    (np.full((2, 2), 10), "outside 0-9"),
    (np.full((2, 2), -1), "outside 0-9"),
])
def test_invalid_values_rejected(value: object, message: str) -> None:
    with pytest.raises(GridError, match=message):
        Grid(value)  # type: ignore[arg-type]


def test_numpy_integer_cells_accepted() -> None:
    assert Grid([[np.int64(3), np.uint8(4)]]) == Grid([[3, 4]])  # type: ignore[list-item]


def test_accessors() -> None:
    grid = Grid([[1, 2, 3], [4, 5, 6]])
    assert (grid.height, grid.width, len(grid)) == (2, 3, 2)
    assert grid[1, 2] == 6 and isinstance(grid[1, 2], int)
    assert "2x3" in repr(grid)
