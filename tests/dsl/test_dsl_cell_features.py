"""Cell features: shapes, a few exact values, and that every feature is defined on any grid."""

from __future__ import annotations

import numpy as np
import pytest

from arclab.dsl import CELL_FEATURES
from arclab.dsl.cell_features import NONE, feature_names

G = np.array([[0, 0, 0, 0],
              [0, 2, 2, 0],
              [0, 2, 0, 2],
              [3, 0, 2, 2]], dtype=np.uint8)


@pytest.mark.parametrize("name", list(CELL_FEATURES))
def test_every_feature_gives_one_small_int_per_cell(name: str) -> None:
    for g in (G, np.zeros((1, 1), np.uint8), np.arange(6, dtype=np.uint8).reshape(2, 3)):
        values = np.asarray(CELL_FEATURES[name].function(g))
        assert values.shape == g.shape
        assert np.issubdtype(values.dtype, np.integer)
        assert values.min() >= 0


def test_rays_see_the_first_foreground_colour() -> None:
    assert CELL_FEATURES["ray_down"].function(G)[0].tolist() == [3, 2, 2, 2]
    assert CELL_FEATURES["ray_left"].function(G)[2].tolist() == [NONE, NONE, 2, 2]
    assert CELL_FEATURES["ray_up_left"].function(G)[3, 3] == 2
    assert CELL_FEATURES["ray_up"].function(G)[0, 0] == NONE


def test_enclosed_background() -> None:
    assert CELL_FEATURES["enclosed"].function(G)[2, 2] == 1
    assert CELL_FEATURES["enclosed"].function(G).sum() == 1


def test_object_features() -> None:
    assert CELL_FEATURES["object_size"].function(G)[1, 1] == 6  # 8-connected, one colour
    assert CELL_FEATURES["object_size"].function(G)[3, 0] == 1
    assert CELL_FEATURES["blob_size"].function(G)[3, 0] == 7  # with the 2s it touches diagonally
    assert CELL_FEATURES["size_rank"].function(G)[3, 0] == 2


def test_between_and_neighbour_counts() -> None:
    assert CELL_FEATURES["between_h"].function(G)[2, 2] == 2
    assert CELL_FEATURES["between_h"].function(G)[0, 0] == NONE
    assert CELL_FEATURES["fg_neighbours4"].function(G)[2, 2] == 4
    assert CELL_FEATURES["same_neighbours8"].function(G)[1, 1] == 2


def test_unknown_feature_names_are_errors() -> None:
    assert feature_names("colour,ray_up") == ["colour", "ray_up"]
    with pytest.raises(ValueError, match="no cell feature"):
        feature_names("colour,sideways")


def test_object_box_features() -> None:
    ring = np.array([[0, 0, 0, 0, 0], [0, 2, 2, 2, 0], [0, 2, 0, 2, 0], [0, 2, 2, 2, 0], [3, 0, 0, 0, 0]], np.uint8)
    assert CELL_FEATURES["object_height"].function(ring)[1, 1] == 3
    assert CELL_FEATURES["object_width"].function(ring)[4, 0] == 1
    assert CELL_FEATURES["object_is_box"].function(ring)[4, 0] == 1 and CELL_FEATURES["object_is_box"].function(ring)[1, 1] == 0
    assert CELL_FEATURES["object_has_hole"].function(ring)[1, 1] == 1 and CELL_FEATURES["object_has_hole"].function(ring)[4, 0] == 0
    assert CELL_FEATURES["in_box"].function(ring)[2, 2] == 2 and CELL_FEATURES["in_box"].function(ring)[0, 0] == NONE


def test_in_colour_box() -> None:
    g = np.array([[8, 0, 0, 0], [0, 1, 0, 0], [0, 0, 8, 0], [0, 0, 0, 0]], np.uint8)
    box = CELL_FEATURES["in_colour_box"].function(g)
    assert box[1, 1] == 8 and box[0, 1] == 8 and box[0, 0] == NONE and box[3, 3] == NONE


def test_nearest_edge() -> None:
    g = np.array([[1, 0, 0, 0, 2], [1, 0, 0, 3, 2], [1, 0, 0, 0, 2]], np.uint8)
    near = CELL_FEATURES["nearest_edge"].function(g)
    assert near[1].tolist() == [1, 1, NONE, 2, 2]  # the middle cell is as far from 1 as from 2
    assert CELL_FEATURES["nearest_edge"].function(np.zeros((2, 2), np.uint8)).tolist() == [[NONE, NONE]] * 2


def test_object_half_features() -> None:
    bars = np.array([[0, 2, 0, 0], [0, 2, 0, 2], [0, 2, 0, 2], [0, 2, 0, 0]], np.uint8)
    assert CELL_FEATURES["object_half_v"].function(bars)[:, 1].tolist() == [1, 1, 3, 3]
    assert CELL_FEATURES["object_half_v"].function(bars)[:, 3].tolist() == [0, 1, 3, 0]
    assert CELL_FEATURES["object_half_h"].function(np.array([[4, 4, 4, 0]], np.uint8)).tolist() == [[1, 2, 3, 0]]


def test_neighbour_colours_lines_and_global_colours() -> None:
    assert CELL_FEATURES["neighbour_colours4"].function(G)[2, 2] == 1 << 2
    assert CELL_FEATURES["neighbour_colours8"].function(G)[2, 0] == (1 << 0) | (1 << 2) | (1 << 3)
    assert CELL_FEATURES["row_uniform"].function(G)[0].tolist() == [1, 1, 1, 1]
    assert CELL_FEATURES["col_uniform"].function(G)[0, 0] == 0
    assert (CELL_FEATURES["least_colour"].function(G) == 3).all()
    assert (CELL_FEATURES["main_colour"].function(G) == 2).all()
    assert CELL_FEATURES["grid_colours"].function(G)[0, 0] == 3
    assert CELL_FEATURES["col_from_centre"].function(G)[0].tolist() == [3, 1, 1, 3]
    assert CELL_FEATURES["on_antidiagonal"].function(G)[3, 0] == 1


def test_nearest_hit_along_a_line() -> None:
    g = np.array([[1, 0, 0, 0, 2], [0, 0, 0, 0, 0]], np.uint8)
    assert CELL_FEATURES["nearest_h"].function(g)[0].tolist() == [2, 1, NONE, 2, 1]
    assert CELL_FEATURES["nearest_v"].function(g)[1].tolist() == [1, NONE, NONE, NONE, 2]


def test_line_ends_give_the_edge_colour_of_each_row_and_column() -> None:
    assert CELL_FEATURES["row_first"].function(G)[:, 2].tolist() == [0, 0, 0, 3]
    assert CELL_FEATURES["row_last"].function(G)[2].tolist() == [2, 2, 2, 2]
    assert CELL_FEATURES["col_first"].function(G)[3].tolist() == [0, 0, 0, 0]
    assert CELL_FEATURES["col_last"].function(G)[0].tolist() == [3, 0, 2, 2]


def test_shape_count_counts_objects_of_the_same_shape_whatever_their_colour() -> None:
    g = np.array([[1, 1, 0, 0, 2, 2],
                  [0, 1, 0, 0, 0, 2],
                  [0, 0, 0, 0, 0, 0],
                  [3, 0, 0, 4, 4, 0],
                  [3, 0, 0, 0, 4, 0]], dtype=np.uint8)
    counts = CELL_FEATURES["shape_count"].function(g)
    assert counts[0, 0] == counts[0, 5] == counts[4, 4] == 3  # one L shape in three colours
    assert counts[3, 0] == 1  # the only vertical bar
    assert counts[2, 2] == 0  # background


def test_deciding_rule_is_the_first_rule_that_matches() -> None:
    from arclab.dsl.cell_features import cell_rules, deciding_rule

    rules = ((0, ("colour", 3, 5)), (1, ("is_bg", 0, 7)))
    which = deciding_rule(G, rules)
    assert which[3, 0] == 0 and which[1, 1] == 1 and which[0, 0] == -1
    out = cell_rules(G, rules)
    assert out[3, 0] == 5 and out[1, 1] == 7 and out[0, 0] == 0
    with pytest.raises(ValueError, match="malformed rule"):
        deciding_rule(G, ((0, ("colour", 3)),))
