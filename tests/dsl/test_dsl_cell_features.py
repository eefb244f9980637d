"""Cell features: shapes, a few exact values, and that every feature is defined on any grid."""

from __future__ import annotations

import numpy as np
import pytest

from arclab.dsl.cell_features import FEATURES, NONE, feature_names

G = np.array([[0, 0, 0, 0],
              [0, 2, 2, 0],
              [0, 2, 0, 2],
              [3, 0, 2, 2]], dtype=np.uint8)


@pytest.mark.parametrize("name", list(FEATURES))
def test_every_feature_gives_one_small_int_per_cell(name: str) -> None:
    for g in (G, np.zeros((1, 1), np.uint8), np.arange(6, dtype=np.uint8).reshape(2, 3)):
        values = np.asarray(FEATURES[name](g))
        assert values.shape == g.shape
        assert np.issubdtype(values.dtype, np.integer)
        assert values.min() >= 0


def test_rays_see_the_first_foreground_colour() -> None:
    assert FEATURES["ray_down"](G)[0].tolist() == [3, 2, 2, 2]
    assert FEATURES["ray_left"](G)[2].tolist() == [NONE, NONE, 2, 2]
    assert FEATURES["ray_up_left"](G)[3, 3] == 2
    assert FEATURES["ray_up"](G)[0, 0] == NONE


def test_enclosed_background() -> None:
    assert FEATURES["enclosed"](G)[2, 2] == 1
    assert FEATURES["enclosed"](G).sum() == 1


def test_object_features() -> None:
    assert FEATURES["object_size"](G)[1, 1] == 6  # 8-connected, one colour
    assert FEATURES["object_size"](G)[3, 0] == 1
    assert FEATURES["blob_size"](G)[3, 0] == 7  # with the 2s it touches diagonally
    assert FEATURES["size_rank"](G)[3, 0] == 2


def test_between_and_neighbour_counts() -> None:
    assert FEATURES["between_h"](G)[2, 2] == 2
    assert FEATURES["between_h"](G)[0, 0] == NONE
    assert FEATURES["fg_neighbours4"](G)[2, 2] == 4
    assert FEATURES["same_neighbours8"](G)[1, 1] == 2


def test_unknown_feature_names_are_errors() -> None:
    assert feature_names("colour,ray_up") == ["colour", "ray_up"]
    with pytest.raises(ValueError, match="no cell feature"):
        feature_names("colour,sideways")


def test_object_box_features() -> None:
    ring = np.array([[0, 0, 0, 0, 0], [0, 2, 2, 2, 0], [0, 2, 0, 2, 0], [0, 2, 2, 2, 0], [3, 0, 0, 0, 0]], np.uint8)
    assert FEATURES["object_height"](ring)[1, 1] == 3
    assert FEATURES["object_width"](ring)[4, 0] == 1
    assert FEATURES["object_is_box"](ring)[4, 0] == 1 and FEATURES["object_is_box"](ring)[1, 1] == 0
    assert FEATURES["object_has_hole"](ring)[1, 1] == 1 and FEATURES["object_has_hole"](ring)[4, 0] == 0
    assert FEATURES["in_box"](ring)[2, 2] == 2 and FEATURES["in_box"](ring)[0, 0] == NONE


def test_neighbour_colours_lines_and_global_colours() -> None:
    assert FEATURES["neighbour_colours4"](G)[2, 2] == 1 << 2
    assert FEATURES["neighbour_colours8"](G)[2, 0] == (1 << 0) | (1 << 2) | (1 << 3)
    assert FEATURES["row_uniform"](G)[0].tolist() == [1, 1, 1, 1]
    assert FEATURES["col_uniform"](G)[0, 0] == 0
    assert (FEATURES["least_colour"](G) == 3).all()
    assert (FEATURES["main_colour"](G) == 2).all()
    assert FEATURES["grid_colours"](G)[0, 0] == 3
    assert FEATURES["col_from_centre"](G)[0].tolist() == [3, 1, 1, 3]
    assert FEATURES["on_antidiagonal"](G)[3, 0] == 1


def test_nearest_hit_along_a_line() -> None:
    g = np.array([[1, 0, 0, 0, 2], [0, 0, 0, 0, 0]], np.uint8)
    assert FEATURES["nearest_h"](g)[0].tolist() == [2, 1, NONE, 2, 1]
    assert FEATURES["nearest_v"](g)[1].tolist() == [1, NONE, NONE, NONE, 2]


def test_line_ends_give_the_edge_colour_of_each_row_and_column() -> None:
    assert FEATURES["row_first"](G)[:, 2].tolist() == [0, 0, 0, 3]
    assert FEATURES["row_last"](G)[2].tolist() == [2, 2, 2, 2]
    assert FEATURES["col_first"](G)[3].tolist() == [0, 0, 0, 0]
    assert FEATURES["col_last"](G)[0].tolist() == [3, 0, 2, 2]
