"""Every DSL primitive on small hand-worked cases, and a check that no primitive goes without one.

A case is a primitive name, its arguments and the expected result. Grids are written as nested
lists (run as read-only uint8 arrays); objects come from the object primitives themselves
(`Of("objects4", G)`); `UNDEFINED` means the primitive must raise ValueError. Background is the
grid's most frequent colour, ties going to the lowest.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from arclab.dsl import PRIMITIVES, Object

Rows = list[list[int]]


class Undefined:
    """The expected 'result' of a case where the primitive is undefined (raises ValueError)."""

    def __repr__(self) -> str:
        return "UNDEFINED"


UNDEFINED = Undefined()


@dataclass(frozen=True)
class Of:
    """An argument computed by another primitive when the case runs, e.g. Of("objects4", G)."""

    name: str
    args: tuple[Any, ...]


def of(name: str, *args: Any) -> Of:
    return Of(name, args)


@dataclass(frozen=True)
class Obj:
    """An expected object: its top-left corner and its cells, one string per row ('.' = not in it)."""

    top: int
    left: int
    cells: tuple[str, ...]

    def build(self) -> Object:
        mask = np.array([[ch != "." for ch in row] for row in self.cells], dtype=bool)
        colours = np.array([[0 if ch == "." else int(ch) for ch in row] for row in self.cells], dtype=np.uint8)
        return Object(self.top, self.left, mask, colours)


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[Any, ...]
    expected: Any
    why: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}-{self.why}" if self.why else self.name


def case(name: str, *args: Any, out: Any, why: str = "") -> Case:
    return Case(name, args, out, why)


def grid(rows: Rows) -> np.ndarray:
    """A read-only uint8 grid, as the DSL receives its input."""
    array = np.array(rows, dtype=np.uint8)
    array.setflags(write=False)
    return array


def resolve(arg: Any) -> Any:
    """A case argument as the primitive takes it."""
    if isinstance(arg, list):
        return grid(arg)
    if isinstance(arg, Of):
        return run(arg.name, tuple(resolve(a) for a in arg.args))
    return arg


def need(name: str) -> None:
    """Skip a case whose primitive is not registered (the solver adds primitives as it goes)."""
    if name not in PRIMITIVES:
        pytest.skip(f"{name} is not registered (yet)")


def run(name: str, args: tuple[Any, ...]) -> Any:
    need(name)
    return PRIMITIVES[name].function(*args)


# Shared inputs. OBJ_G has background 0; objects4 finds a 1-L (3 cells) at (0, 1), two single
# 2s at (1, 4) and (2, 3), and a single 3 at (3, 0); objects8 joins the two diagonal 2s.
OBJ_G: Rows = [[0, 1, 1, 0, 0],
               [0, 1, 0, 0, 2],
               [0, 0, 0, 2, 0],
               [3, 0, 0, 0, 0]]
L_OBJ = Obj(0, 1, ("11", "1."))
TOUCH_G: Rows = [[5, 0, 0, 0],
                 [0, 1, 1, 0],
                 [0, 0, 0, 0],
                 [2, 0, 0, 3]]
BLOB_G: Rows = [[0, 0, 0, 0],
                [0, 1, 2, 0],
                [0, 0, 0, 0],
                [0, 0, 0, 3]]
FIVES_G: Rows = [[5, 5, 5],  # background 5, an L of 1s at (1, 1)
                 [5, 1, 1],
                 [5, 5, 1]]
FRAME_G: Rows = [[4, 4, 4, 0, 0, 0, 0],  # a frame of 4s around a 1; a lone 2
                 [4, 1, 4, 0, 2, 0, 0],
                 [4, 4, 4, 0, 0, 0, 0]]
UNIFORM: Rows = [[4, 4], [4, 4]]
G23: Rows = [[1, 2, 3], [4, 5, 6]]
# Two 3x3 parts split by a column of 5s: A (1s) on the left, B (2s) on the right.
SEP_G: Rows = [[1, 0, 1, 5, 0, 2, 2],
               [0, 1, 0, 5, 0, 2, 0],
               [1, 0, 0, 5, 2, 0, 2]]
# Three 2x2 parts split by columns of 5s; the third differs from the other two.
ODD_G: Rows = [[1, 0, 5, 1, 0, 5, 2, 0],
               [0, 1, 5, 0, 1, 5, 0, 2]]
# Two 2x3 parts split by a row of 5s; the bottom one has more cells.
ROWS_G: Rows = [[1, 0, 0],
                [0, 0, 1],
                [5, 5, 5],
                [1, 1, 0],
                [0, 1, 0]]

# grey objects under edge markers: each takes the colour at the top of a column it covers
ADOPT_G: Rows = [[0, 6, 0, 8], [0, 0, 0, 0], [5, 5, 0, 5], [5, 5, 0, 0]]

CASES: list[Case] = [
    # colour
    case("most_common", [[3, 3, 1]], out=3),
    case("most_common", [[1, 1, 2], [2, 0, 0]], out=0, why="tie-lowest"),
    case("least_common", [[0, 0, 0], [5, 5, 7]], out=7),
    case("least_common", [[0, 0, 2, 1]], out=1, why="tie-lowest"),
    case("least_common", [[4, 4, 4]], out=4, why="absent-colours-ignored"),
    case("most_common_fg", [[0, 0, 0, 0], [0, 2, 3, 3]], out=3),
    case("most_common_fg", [[0, 0, 0], [0, 4, 2]], out=2, why="tie-lowest"),
    case("most_common_fg", [[6, 6]], out=UNDEFINED, why="no-foreground"),
    case("recolour", [[1, 0], [1, 2]], 1, 3, out=[[3, 0], [3, 2]]),
    case("recolour", [[0, 1]], 5, 2, out=UNDEFINED, why="colour-absent"),
    case("recolour", [[0, 1]], 1, 1, out=UNDEFINED, why="same-colour"),
    case("swap_colours", [[1, 2], [0, 1]], 1, 2, out=[[2, 1], [0, 2]]),
    case("swap_colours", [[1, 2], [0, 1]], 2, 1, out=UNDEFINED, why="not-canonical"),
    case("keep_colour", [[0, 1, 2], [2, 0, 0]], 2, out=[[0, 0, 2], [2, 0, 0]]),
    case("keep_colour", [[5, 5, 1], [5, 3, 5]], 1, out=[[5, 5, 1], [5, 5, 5]], why="background-5"),
    case("keep_colour", [[0, 1, 2], [2, 0, 0]], 0, out=UNDEFINED, why="background"),
    case("erase_colour", [[5, 5, 1], [5, 3, 5]], 3, out=[[5, 5, 1], [5, 5, 5]]),
    case("erase_colour", [[5, 5, 1], [5, 3, 5]], 7, out=UNDEFINED, why="colour-absent"),
    case("erase_colour", [[5, 5, 1], [5, 3, 5]], 5, out=UNDEFINED, why="background"),
    case("fg_to_colour", [[0, 1], [2, 0]], 4, out=[[0, 4], [4, 0]]),
    case("fg_to_colour", [[7, 7, 7], [1, 7, 2]], 3, out=[[7, 7, 7], [3, 7, 3]], why="background-7"),
    case("map_colours", [[1, 2], [3, 0]], ((1, 2), (2, 1)), out=[[2, 1], [3, 0]]),
    case("map_colours", [[1, 2], [3, 0]], (), out=[[1, 2], [3, 0]], why="empty-map"),
    # roles of the reference [[0, 0, 0], [5, 5, 7]]: 0 is role 0 (10), 5 role 1 (11), 7 role 2 (12)
    case("map_roles", [[5, 7, 0]], [[0, 0, 0], [5, 5, 7]], ((11, 12), (12, 11)), out=[[7, 5, 0]], why="swap-roles"),
    case("map_roles", [[5, 3, 0]], [[0, 0, 0], [5, 5, 7]], ((3, 4), (11, 0)), out=[[0, 4, 0]],
         why="literal-key-and-target"),
    case("map_roles", [[5, 0]], [[0, 0], [5, 5]], ((11, 12),), out=UNDEFINED, why="no-such-rank"),
    case("map_roles", [[0, 0]], [[0, 0], [5, 5]], ((11, 12),), out=[[0, 0]], why="no-such-rank-for-an-absent-colour"),
    case("map_roles", [[5, 0]], [[0, 0], [5, 5]], ((11, 4), (12, 3)), out=[[4, 0]], why="key-rank-absent"),
    # counting
    case("colour_count", [[0, 1, 1], [2, 0, 0]], out=2),
    case("colour_count", [[5, 5, 0]], out=1, why="background-5"),
    case("colour_count", [[3]], out=0, why="one-colour"),
    case("cells_of", [[0, 1, 1], [2, 0, 0]], 1, out=2),
    case("cells_of", [[0, 1, 1], [2, 0, 0]], 9, out=0, why="absent"),
    case("filled", 2, 3, 4, out=[[4, 4, 4], [4, 4, 4]]),
    case("filled", 0, 3, 1, out=UNDEFINED, why="empty"),
    case("filled", 31, 1, 1, out=UNDEFINED, why="too-tall"),
    case("colour_histogram", [[0, 1, 2], [2, 0, 2], [0, 0, 3]], out=[[2, 0, 0], [2, 0, 0], [2, 1, 3]]),
    case("colour_histogram", UNIFORM, out=UNDEFINED, why="no-colours"),
    case("colours_by_count", [[0, 0, 1, 2], [0, 2, 0, 2], [0, 3, 3, 0]], 0, out=[[2], [3], [1]]),
    case("colours_by_count", [[0, 0, 1, 2], [0, 2, 0, 2], [0, 3, 3, 0]], 1, out=[[3], [1]], why="skip-the-commonest"),
    case("colours_by_count", [[0, 0, 1, 2], [0, 2, 0, 2], [0, 3, 3, 0]], 3, out=UNDEFINED, why="none-left"),
    case("colours_by_count", UNIFORM, 0, out=UNDEFINED, why="no-colours"),
    # drawing
    case("fill_enclosed", [[0, 0, 0, 0, 0], [0, 2, 2, 2, 0], [0, 2, 0, 2, 0], [0, 2, 2, 2, 0]], 4,
         out=[[0, 0, 0, 0, 0], [0, 2, 2, 2, 0], [0, 2, 4, 2, 0], [0, 2, 2, 2, 0]]),
    case("fill_enclosed", [[0, 1], [0, 0]], 4, out=UNDEFINED, why="nothing-enclosed"),
    case("outline", [[0, 0, 0, 0], [0, 3, 0, 0], [0, 0, 0, 0]], 5,
         out=[[5, 5, 5, 0], [5, 3, 5, 0], [5, 5, 5, 0]]),
    case("inner_cells", [[0, 0, 0, 0, 0], [0, 1, 1, 1, 0], [0, 1, 1, 1, 0], [0, 1, 1, 1, 0], [0, 0, 0, 0, 0]], 6,
         out=[[0, 0, 0, 0, 0], [0, 1, 1, 1, 0], [0, 1, 6, 1, 0], [0, 1, 1, 1, 0], [0, 0, 0, 0, 0]]),
    case("inner_cells", [[0, 1, 0], [0, 0, 0]], 6, out=UNDEFINED, why="none-inner"),
    case("gravity_down", [[1, 0, 2], [0, 0, 0], [3, 0, 0]], out=[[0, 0, 0], [1, 0, 0], [3, 0, 2]]),
    case("gravity_up", [[1, 0, 2], [0, 0, 0], [3, 0, 0]], out=[[1, 0, 2], [3, 0, 0], [0, 0, 0]]),
    case("gravity_up", [[7, 7, 7], [7, 1, 7], [7, 7, 7]], out=[[7, 1, 7], [7, 7, 7], [7, 7, 7]],
         why="background-7"),
    case("gravity_left", [[0, 1, 0, 2], [0, 0, 0, 0], [3, 0, 0, 0]], out=[[1, 2, 0, 0], [0, 0, 0, 0], [3, 0, 0, 0]]),
    case("gravity_right", [[0, 1, 0, 2], [0, 0, 0, 0], [3, 0, 0, 0]], out=[[0, 0, 1, 2], [0, 0, 0, 0], [0, 0, 0, 3]]),
    case("extend_rows", [[0, 0, 0, 0, 0], [0, 1, 2, 0, 0], [0, 0, 0, 0, 0]],
         out=[[0, 0, 0, 0, 0], [1, 1, 2, 2, 2], [0, 0, 0, 0, 0]]),
    case("extend_rows", UNIFORM, out=UNDEFINED, why="no-seeds"),
    case("extend_rows", [[1] * 10] * 4 + [[1] + [0] * 9] + [[0] * 10] * 5, out=UNDEFINED, why="over-40-seeds"),
    case("extend_cols", [[0, 0, 0], [1, 0, 0], [2, 0, 0], [0, 0, 0]], out=[[1, 0, 0], [1, 0, 0], [2, 0, 0], [2, 0, 0]]),
    case("extend_cols", UNIFORM, out=UNDEFINED, why="no-seeds"),
    case("extend_cross", [[0, 0, 0], [0, 3, 0], [0, 0, 0]], out=[[0, 3, 0], [3, 3, 3], [0, 3, 0]]),
    case("extend_cross", UNIFORM, out=UNDEFINED, why="no-seeds"),
    case("extend_diagonals", [[0, 0, 0], [0, 3, 0], [0, 0, 0]], out=[[3, 0, 3], [0, 3, 0], [3, 0, 3]]),
    case("extend_diagonals", UNIFORM, out=UNDEFINED, why="no-seeds"),
    case("extend_down", [[0, 4, 0], [0, 0, 0], [0, 1, 0], [0, 0, 0]], out=[[0, 4, 0], [0, 4, 0], [0, 1, 0], [0, 1, 0]]),
    case("extend_down", UNIFORM, out=UNDEFINED, why="no-seeds"),
    case("extend_right", [[2, 0, 0], [0, 0, 0]], out=[[2, 2, 2], [0, 0, 0]]),
    case("extend_right", UNIFORM, out=UNDEFINED, why="no-seeds"),
    case("overlay", [[1, 1], [1, 1]], [[0, 2], [0, 0]], out=[[1, 2], [1, 1]]),
    case("overlay", [[1]], [[1, 2]], out=UNDEFINED, why="shapes-differ"),
    case("connect", [[0, 1, 0, 0], [0, 0, 0, 0], [0, 1, 0, 0], [2, 0, 0, 2]],
         out=[[0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [2, 2, 2, 2]]),
    case("connect", [[1, 0], [0, 1]], out=UNDEFINED, why="nothing-in-line"),
    case("border", [[0, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0]], 5, out=[[5, 5, 5], [5, 1, 5], [5, 0, 5], [5, 5, 5]]),
    # geometry
    case("rot90", G23, out=[[3, 6], [2, 5], [1, 4]]),
    case("rot180", G23, out=[[6, 5, 4], [3, 2, 1]]),
    case("rot270", G23, out=[[4, 1], [5, 2], [6, 3]]),
    case("flip_h", G23, out=[[3, 2, 1], [6, 5, 4]]),
    case("flip_v", G23, out=[[4, 5, 6], [1, 2, 3]]),
    case("transpose", G23, out=[[1, 4], [2, 5], [3, 6]]),
    case("antitranspose", G23, out=[[6, 3], [5, 2], [4, 1]]),
    case("crop_content", [[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 0]], out=[[1, 0], [0, 2]]),
    case("crop_content", UNIFORM, out=UNDEFINED, why="no-content"),
    case("shift", [[1, 2, 0], [0, 0, 0], [0, 0, 0]], 1, 1, out=[[0, 0, 0], [0, 1, 2], [0, 0, 0]]),
    case("shift", [[1, 2, 0], [0, 0, 0], [0, 0, 0]], 2, -1, out=[[0, 0, 0], [0, 0, 0], [2, 0, 0]], why="negative"),
    # objects
    case("objects4", OBJ_G, out=(L_OBJ, Obj(1, 4, ("2",)), Obj(2, 3, ("2",)), Obj(3, 0, ("3",)))),
    case("objects4", UNIFORM, out=UNDEFINED, why="no-objects"),
    case("objects8", OBJ_G, out=(L_OBJ, Obj(1, 3, (".2", "2.")), Obj(3, 0, ("3",)))),
    case("objects8", [[int(y % 2 == x % 2 == 0) for x in range(16)] for y in range(16)], out=UNDEFINED,
         why="over-60"),
    case("blobs", BLOB_G, out=(Obj(1, 1, ("12",)), Obj(3, 3, ("3",)))),
    case("blobs", UNIFORM, out=UNDEFINED, why="no-objects"),
    case("colour_sets", OBJ_G, out=(L_OBJ, Obj(1, 3, (".2", "2.")), Obj(3, 0, ("3",)))),
    case("colour_sets", [[1, 0, 1], [0, 0, 0]], out=(Obj(0, 0, ("1.1",)),), why="disconnected"),
    case("colour_sets", UNIFORM, out=UNDEFINED, why="no-objects"),
    case("largest", of("objects4", OBJ_G), out=L_OBJ),
    case("largest", of("objects4", [[1, 0, 2]]), out=UNDEFINED, why="tie"),
    case("smallest", of("objects8", OBJ_G), out=Obj(3, 0, ("3",))),
    case("smallest", of("objects4", OBJ_G), out=UNDEFINED, why="tie"),
    case("largest_box", of("objects4", OBJ_G), out=L_OBJ),
    case("largest_box", of("objects8", OBJ_G), out=UNDEFINED, why="tie"),
    case("most_colourful", of("blobs", BLOB_G), out=Obj(1, 1, ("12",))),
    case("most_colourful", of("objects4", OBJ_G), out=UNDEFINED, why="tie"),
    case("unique_colour", of("objects4", [[1, 0, 1], [0, 0, 0], [2, 0, 0]]), out=Obj(2, 0, ("2",))),
    case("unique_colour", of("objects4", OBJ_G), out=UNDEFINED, why="two-unique"),
    case("unique_shape", of("objects4", OBJ_G), out=L_OBJ),
    case("unique_shape", of("objects4", [[1, 0, 2]]), out=UNDEFINED, why="same-shapes"),
    case("unique_size", of("objects4", OBJ_G), out=L_OBJ),
    case("unique_size", of("objects8", OBJ_G), out=UNDEFINED, why="all-unique"),
    case("asymmetric", of("objects4", OBJ_G), out=L_OBJ),
    case("asymmetric", of("objects4", [[1, 0, 2]]), out=UNDEFINED, why="none"),
    case("symmetric", of("objects8", OBJ_G), out=Obj(3, 0, ("3",))),
    case("symmetric", of("objects4", OBJ_G), out=UNDEFINED, why="three"),
    case("count", of("objects4", OBJ_G), out=4),
    case("count", of("objects8", OBJ_G), out=3, why="8-connected"),
    case("object_grid", of("largest", of("objects4", OBJ_G)), out=[[1, 1], [1, 0]]),
    case("object_grid", of("largest", of("objects4", FIVES_G)), out=[[1, 1], [0, 1]], why="zero-outside"),
    case("crop_to", OBJ_G, of("largest", of("objects4", OBJ_G)), out=[[1, 1], [1, 0]]),
    case("crop_to", FIVES_G, of("largest", of("objects4", FIVES_G)), out=[[1, 1], [5, 1]], why="background-5"),
    case("erase_object", OBJ_G, of("largest", of("objects4", OBJ_G)),
         out=[[0, 0, 0, 0, 0], [0, 0, 0, 0, 2], [0, 0, 0, 2, 0], [3, 0, 0, 0, 0]]),
    case("keep_object", OBJ_G, of("largest", of("objects4", OBJ_G)),
         out=[[0, 1, 1, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]),
    case("colour_of", of("smallest", of("objects8", OBJ_G)), out=3),
    case("colour_of", of("largest", of("blobs", BLOB_G)), out=1, why="tie-lowest"),
    case("recolour_size", OBJ_G, of("objects4", OBJ_G), 7, 1,
         out=[[0, 1, 1, 0, 0], [0, 1, 0, 0, 7], [0, 0, 0, 7, 0], [7, 0, 0, 0, 0]]),
    case("recolour_size", OBJ_G, of("objects4", OBJ_G), 7, 2, out=UNDEFINED, why="no-such-size"),
    case("recolour_largest", OBJ_G, of("objects8", OBJ_G), 4,
         out=[[0, 4, 4, 0, 0], [0, 4, 0, 0, 2], [0, 0, 0, 2, 0], [3, 0, 0, 0, 0]]),
    case("recolour_smallest", OBJ_G, of("objects4", OBJ_G), 6,
         out=[[0, 1, 1, 0, 0], [0, 1, 0, 0, 6], [0, 0, 0, 6, 0], [6, 0, 0, 0, 0]], why="all-tied"),
    case("topmost", of("objects4", OBJ_G), out=L_OBJ),
    case("topmost", of("objects4", [[1, 0, 2]]), out=UNDEFINED, why="tie"),
    case("bottommost", of("objects4", OBJ_G), out=Obj(3, 0, ("3",))),
    case("leftmost", of("objects4", OBJ_G), out=Obj(3, 0, ("3",))),
    case("rightmost", of("objects4", OBJ_G), out=Obj(1, 4, ("2",))),
    case("rightmost", of("objects4", [[1, 0], [0, 0], [2, 0]]), out=UNDEFINED, why="tie"),
    case("with_colour", of("objects4", OBJ_G), 3, out=Obj(3, 0, ("3",))),
    case("with_colour", of("objects4", OBJ_G), 2, out=UNDEFINED, why="two"),
    case("with_colour", of("objects4", OBJ_G), 9, out=UNDEFINED, why="none"),
    case("touching", of("objects8", TOUCH_G), 5, out=Obj(1, 1, ("11",))),
    case("touching", of("objects8", TOUCH_G), 1, out=Obj(0, 0, ("5",))),
    case("touching", of("objects8", TOUCH_G), 3, out=UNDEFINED, why="none touches"),
    case("most_holes", of("objects4", [[1, 1, 1, 0, 0], [1, 0, 1, 0, 2], [1, 1, 1, 0, 0], [0, 0, 0, 0, 0]]),
         out=Obj(0, 0, ("111", "1.1", "111"))),
    case("most_holes", of("objects4", OBJ_G), out=UNDEFINED, why="tie"),
    case("map_objects", OBJ_G, of("objects4", OBJ_G), "flip_h",
         out=[[0, 1, 1, 0, 0], [0, 0, 1, 0, 2], [0, 0, 0, 2, 0], [3, 0, 0, 0, 0]]),
    case("map_objects", [[1, 1, 0], [0, 0, 0]], of("objects4", [[1, 1, 0], [0, 0, 0]]), "rot90", out=UNDEFINED,
         why="shape-changes"),
    # partition
    case("parts_and", SEP_G, 3, out=[[0, 0, 3], [0, 3, 0], [3, 0, 0]]),
    case("parts_and", [[1, 0, 1, 0], [1, 1, 0, 1]], 2, out=[[2, 0], [0, 2]], why="halves"),
    case("parts_and", [[1, 2, 3]], 2, out=UNDEFINED, why="no-partition"),
    case("parts_or", SEP_G, 3, out=[[3, 3, 3], [0, 3, 0], [3, 0, 3]]),
    case("parts_or", [[1, 2, 3]], 2, out=UNDEFINED, why="no-partition"),
    case("parts_or", ROWS_G, 4, out=[[4, 4, 0], [0, 4, 4]], why="row-separator"),
    case("parts_xor", SEP_G, 3, out=[[3, 3, 0], [0, 0, 0], [0, 0, 3]]),
    case("parts_xor", [[1, 2, 3]], 2, out=UNDEFINED, why="no-partition"),
    case("parts_nor", SEP_G, 3, out=[[0, 0, 0], [3, 0, 3], [0, 3, 0]]),
    case("parts_nor", [[1, 2, 3]], 2, out=UNDEFINED, why="no-partition"),
    case("parts_diff", SEP_G, 3, out=[[3, 0, 0], [0, 0, 0], [0, 0, 0]]),
    case("parts_diff", [[1, 2, 3]], 2, out=UNDEFINED, why="no-partition"),
    case("parts_overlay", SEP_G, out=[[1, 2, 2], [0, 2, 0], [2, 0, 2]]),
    case("parts_overlay", [[1, 2, 3]], out=UNDEFINED, why="no-partition"),
    case("odd_part", ODD_G, out=[[2, 0], [0, 2]]),
    case("parts_spread", [[1, 0, 5, 0, 0], [0, 0, 5, 0, 2], [5, 5, 5, 5, 5], [0, 0, 5, 0, 0], [0, 3, 5, 0, 0]],
         out=[[1, 0, 5, 1, 0], [0, 3, 5, 0, 3], [5, 5, 5, 5, 5], [1, 0, 5, 1, 0], [0, 3, 5, 0, 3]],
         why="overlay-in-every-cell"),
    case("parts_spread", [[1, 5, 0, 0]], out=UNDEFINED, why="cells-differ-in-size"),
    case("stamp_at_markers", [[2, 1, 0, 0, 0], [0, 3, 0, 0, 0], [0, 0, 0, 0, 5], [0, 0, 0, 0, 0]],
         out=[[2, 1, 0, 0, 0], [0, 3, 0, 2, 1], [0, 0, 0, 0, 3], [0, 0, 0, 0, 0]], why="centred"),
    case("stamp_at_markers", [[2, 1, 0, 0], [0, 3, 0, 3], [0, 0, 0, 0]],
         out=[[2, 1, 2, 1], [0, 3, 0, 3], [0, 0, 0, 0]], why="on-its-cell-of-that-colour"),
    case("stamp_at_markers", [[2, 0, 0], [0, 0, 5]], out=UNDEFINED, why="no-template"),
    case("part_colours", [[3, 3, 5, 0, 0], [3, 1, 5, 0, 4], [0, 0, 5, 0, 0], [5, 5, 5, 5, 5],
                          [2, 2, 5, 0, 0]], out=[[3, 0], [2, 0]], why="cells-by-majority"),
    case("part_colours", [[1, 5, 2, 2, 5, 3]], out=[[1, 2, 3]], why="unequal-cells-one-axis"),
    case("part_colours", [[1, 2], [3, 4]], out=UNDEFINED, why="no-separator"),
    case("odd_part", SEP_G, out=UNDEFINED, why="two-parts"),
    case("densest_part", ROWS_G, out=[[1, 1, 0], [0, 1, 0]]),
    case("densest_part", ODD_G, out=UNDEFINED, why="tie"),
    case("sparsest_part", ROWS_G, out=[[1, 0, 0], [0, 0, 1]]),
    case("sparsest_part", ODD_G, out=UNDEFINED, why="tie"),
    # size
    case("scale_up", [[1, 2]], 2, out=[[1, 1, 2, 2], [1, 1, 2, 2]]),
    case("scale_up", [[1, 2]], 1, out=UNDEFINED, why="factor-1"),
    case("scale_up", [[1] * 16], 2, out=UNDEFINED, why="too-wide"),
    case("scale_down", [[1, 1, 2, 2], [1, 1, 2, 2]], 2, out=[[1, 2]]),
    case("scale_down", [[1, 2], [1, 1]], 2, out=UNDEFINED, why="mixed-block"),
    case("scale_down", [[1, 1, 1]], 2, out=UNDEFINED, why="not-divisible"),
    case("tile", [[1, 2]], 2, 1, out=[[1, 2], [1, 2]]),
    case("tile", [[1, 2]], 1, 1, out=UNDEFINED, why="once"),
    case("concat_mirror_both", [[1, 2], [3, 0]], out=[[1, 2, 2, 1], [3, 0, 0, 3], [3, 0, 0, 3], [1, 2, 2, 1]]),
    case("concat_mirror_right", [[1, 2]], out=[[1, 2, 2, 1]]),
    case("concat_mirror_down", [[1], [2]], out=[[1], [2], [2], [1]]),
    case("concat_right", [[1], [2]], [[3], [4]], out=[[1, 3], [2, 4]]),
    case("concat_right", [[1], [2]], [[3]], out=UNDEFINED, why="heights-differ"),
    case("concat_down", [[1, 2]], [[3, 4]], out=[[1, 2], [3, 4]]),
    case("concat_down", [[1, 2]], [[3]], out=UNDEFINED, why="widths-differ"),
    case("left_half", G23, out=[[1], [4]]),
    case("left_half", [[1], [2]], out=UNDEFINED, why="too-narrow"),
    case("right_half", G23, out=[[3], [6]]),
    case("right_half", [[1], [2]], out=UNDEFINED, why="too-narrow"),
    case("top_half", [[1], [2], [3]], out=[[1]]),
    case("top_half", [[1, 2]], out=UNDEFINED, why="too-short"),
    case("bottom_half", [[1], [2], [3]], out=[[3]]),
    case("bottom_half", [[1, 2]], out=UNDEFINED, why="too-short"),
    case("dedup_lines", [[1, 1, 2], [1, 1, 2], [3, 3, 4]], out=[[1, 2], [3, 4]]),
    case("fractal", [[1, 0], [0, 1]], out=[[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]),
    case("fractal", [[0, 3, 0], [0, 0, 0]],
         out=[[0, 0, 0, 0, 3, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0, 0], [0] * 9, [0] * 9], why="one-cell"),
    case("fractal", [[1] * 6, [0] * 6], out=UNDEFINED, why="too-large"),
    case("trim", [[1, 2, 3], [4, 5, 6], [7, 8, 9]], out=[[5]]),
    case("trim", G23, out=UNDEFINED, why="too-small"),
    # symmetry
    case("complete_symmetry_hole", [[1, 2, 2, 1], [3, 0, 4, 3]], 0, out=[[1, 2, 2, 1], [3, 4, 4, 3]]),
    case("complete_symmetry_hole", [[1, 2, 2, 1], [3, 0, 4, 3]], 7, out=UNDEFINED, why="no-hole"),
    case("complete_symmetry_lr", [[1, 0, 0, 0], [2, 3, 0, 0], [0, 0, 0, 0]], out=[[1, 0, 0, 1], [2, 3, 3, 2], [0, 0, 0, 0]]),
    case("complete_symmetry_lr", [[1, 0, 1], [0, 0, 0]], out=UNDEFINED, why="already-symmetric"),
    case("complete_symmetry_ud", [[1, 2], [0, 0], [0, 0]], out=[[1, 2], [0, 0], [1, 2]]),
    case("complete_symmetry_ud", [[1, 2], [0, 0], [1, 2]], out=UNDEFINED, why="already-symmetric"),
    case("complete_symmetry_all", [[1, 0, 0], [0, 0, 0], [0, 0, 0]], out=[[1, 0, 1], [0, 0, 0], [1, 0, 1]]),
    case("complete_symmetry_all", [[0, 2, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
         out=[[0, 2, 2, 0], [2, 0, 0, 2], [2, 0, 0, 2], [0, 2, 2, 0]], why="square-orbit"),
    case("complete_symmetry_all", [[1, 0, 1], [0, 0, 0], [1, 0, 1]], out=UNDEFINED, why="already-symmetric"),
    case("continue_pattern", [[1, 2, 1, 2, 1, 0]], 0, out=[[1, 2, 1, 2, 1, 2]]),
    case("shoot_out", [[0, 0, 0, 0], [0, 3, 2, 2], [0, 0, 0, 0]], out=[[0, 0, 0, 0], [3, 3, 2, 2], [0, 0, 0, 0]]),
    case("shoot_through", [[0, 0, 0, 0], [3, 2, 2, 0], [0, 0, 0, 0]], out=[[0, 0, 0, 0], [3, 2, 2, 3], [0, 0, 0, 0]]),
    case("shoot_through", [[0, 0, 0], [0, 3, 2], [0, 0, 0]], out=UNDEFINED, why="no-rarer-colour"),
    case("shoot_out", [[2, 2, 2], [2, 3, 2], [2, 2, 2], [0, 0, 0]], out=UNDEFINED, why="marker-at-centre"),
    case("continue_runs", [[0, 0, 0, 0, 0], [1, 2, 0, 0, 0], [0, 0, 0, 3, 0]], out=[[0, 0, 0, 0, 0], [1, 2, 1, 2, 1], [0, 0, 0, 3, 0]]),
    case("continue_runs", [[0, 1, 0], [0, 0, 2]], out=UNDEFINED, why="no-run"),
    case("reflect_right", [[1, 2, 3]], out=[[1, 2, 3, 2, 1]]),
    case("reflect_down", [[1], [2]], out=[[1], [2], [1]]),
    case("reflect_down", [[1, 2]], out=UNDEFINED, why="one-row"),
    case("canvas", [[1, 0], [0, 2]], 2, out=[[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]),
    case("canvas", [[1]], 1, out=UNDEFINED, why="bad-factor"),
    case("connect_diagonal", [[0, 0, 2], [0, 0, 0], [2, 0, 0]], out=[[0, 0, 2], [0, 2, 0], [2, 0, 0]]),
    case("connect_diagonal", [[2, 2], [0, 0]], out=UNDEFINED, why="no-shared-diagonal"),
    case("elbow", [[0, 2, 0, 0], [0, 0, 0, 0], [0, 0, 0, 3]], 2, 8,
         out=[[0, 2, 8, 8], [0, 0, 0, 8], [0, 0, 0, 3]]),
    case("elbow", [[3, 0, 0], [0, 0, 0], [0, 0, 2]], 2, 5, out=[[3, 0, 0], [5, 0, 0], [5, 5, 2]]),
    case("elbow", [[0, 2, 0], [0, 0, 0], [0, 3, 0]], 2, 8, out=UNDEFINED, why="in-line"),
    case("elbow", [[2, 0, 3], [0, 0, 0], [0, 0, 3]], 2, 8, out=UNDEFINED, why="two-others"),
    case("extend_tips", [[0, 0, 0, 0, 0], [0, 3, 3, 0, 0], [0, 3, 3, 0, 0], [0, 0, 0, 3, 0], [0, 0, 0, 0, 0]],
         out=[[0, 0, 0, 0, 0], [0, 3, 3, 0, 0], [0, 3, 3, 0, 0], [0, 0, 0, 3, 0], [0, 0, 0, 0, 3]]),
    case("extend_tips", [[1, 1, 0, 0]], out=[[1, 1, 1, 1]], why="a-line-continues"),
    case("extend_tips", [[0, 0, 0, 0, 0], [0, 4, 0, 0, 0], [0, 0, 4, 4, 0], [0, 0, 4, 4, 0], [0, 0, 0, 0, 0]],
         out=[[4, 0, 0, 0, 0], [0, 4, 0, 0, 0], [0, 0, 4, 4, 0], [0, 0, 4, 4, 0], [0, 0, 0, 0, 0]]),
    case("extend_tips", [[0, 0, 0], [0, 5, 0], [0, 0, 0]], out=UNDEFINED, why="no-tips"),
    case("attract_smallest", [[3, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [2, 2, 0, 0]],
         out=[[3, 0, 0, 0], [2, 2, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]),
    case("repeat_band_rows", [[0, 0], [1, 0], [0, 2], [0, 0], [0, 0]], out=[[0, 2], [1, 0], [0, 2], [1, 0], [0, 2]]),
    case("repeat_band_rows", [[1, 0], [0, 2]], out=UNDEFINED, why="band-fills-grid"),
    case("repeat_band_cols", [[0, 3, 0, 0]], out=[[3, 3, 3, 3]]),
    case("repeat_band_cols", [[0, 0, 0]], out=UNDEFINED, why="no-picture"),
    case("continue_pattern", [[1, 2, 1, 2], [3, 4, 3, 4], [1, 2, 0, 0]], 0,
         out=[[1, 2, 1, 2], [3, 4, 3, 4], [1, 2, 1, 2]], why="2d"),
    case("continue_pattern", [[1, 2]], 0, out=UNDEFINED, why="no-holes"),
    case("denoise", [[1, 1, 1], [1, 2, 1], [1, 1, 1]], out=[[1, 1, 1], [1, 1, 1], [1, 1, 1]]),
    case("denoise", [[2, 1, 1], [1, 1, 1]], out=UNDEFINED, why="border-cell-is-not-noise"),
    # learned-table primitives (work in progress in the solver; their cases skip until registered)
    case("local_rule", [[0, 0, 0], [0, 1, 0], [0, 0, 0]], "neighbour_count", (((0, 1), 2),),
         out=[[2, 2, 2], [2, 1, 2], [2, 2, 2]]),
    case("local_rule", [[0, 0], [0, 1]], "cross", (((0, 10, 0, 10, 0), 5),), out=[[5, 0], [0, 1]], why="cross"),
    case("recolour_by", OBJ_G, of("objects4", OBJ_G), "size", ((1, 7), (3, 4)),
         out=[[0, 4, 4, 0, 0], [0, 4, 0, 0, 7], [0, 0, 0, 7, 0], [7, 0, 0, 0, 0]]),
    case("recolour_by", OBJ_G, of("objects4", OBJ_G), "size", ((1, 7),), out=UNDEFINED, why="no-rule"),
    case("adopt_colour", ADOPT_G, of("objects4", ADOPT_G), "col_first",
         out=[[0, 6, 0, 8], [0, 0, 0, 0], [6, 6, 0, 8], [6, 6, 0, 0]], why="edge-marker-above"),
    case("adopt_colour", ADOPT_G, of("objects4", ADOPT_G), "colour", out=UNDEFINED, why="not-a-colour-feature"),
    case("adopt_colour", [[5, 0], [0, 0]], of("objects4", [[5, 0], [0, 0]]), "col_first", out=UNDEFINED,
         why="nothing-seen"),
    case("cellwise", [[0, 1], [1, 0]], [[2, 2], [0, 0]], (((0, 2), 5),), out=[[5, 1], [1, 0]]),
    case("cell_rules", [[0, 0, 0], [0, 1, 0], [0, 0, 0]], ((0, ("colour", 1, 1)), (1, ("fg_neighbours4", 1, 2))),
         out=[[0, 2, 0], [2, 1, 2], [0, 2, 0]]),
    case("cell_rules", [[3, 0, 0], [0, 0, 0]], ((0, ("colour", 0, "ray_left", 3, "ray_left")),),
         out=[[3, 3, 3], [0, 0, 0]], why="conjunction-and-copy"),
    case("cell_rules", [[1, 0]], ((0, ("row_colours", 1, 5)),), out=[[5, 5]], why="colour-set-test"),
    case("cell_rules", [[1, 0, 2], [0, 0, 0]], ((0, ("between_h", -1, "between_h")),), out=[[1, 0, 2], [0, 0, 0]],
         why="any-colour-none-here"),
    case("cell_rules", [[2, 0, 2], [0, 0, 0]], ((0, ("between_h", -1, 4)),), out=[[2, 4, 2], [0, 0, 0]],
         why="any-colour"),
    case("cell_rules", [[1, 2, 3, 4, 5]], ((0, ("col_from_centre>=", 4, 0)),), out=[[0, 2, 3, 4, 0]],
         why="at-least-test"),
    case("cell_rules", [[1, 2]], ((0, ("sideways>=", 1, 0)),), out=UNDEFINED, why="at-least-unknown-feature"),
    case("cell_rules", [[1, 0]], ((0, ("colour", 1)),), out=UNDEFINED, why="malformed"),
    case("cell_rules", [[1, 0]], ((0, ("sideways", 1, 2)),), out=UNDEFINED, why="unknown-feature"),
    case("parts_of", [[1, 0, 5, 0, 2]], "lines", out=(Obj(0, 0, ("1.",)), Obj(0, 3, (".2",)))),
    case("parts_of", [[1, 0, 2, 0], [0, 0, 0, 0]], "cols3", out=UNDEFINED, why="no-equal-split"),
    case("repeat_to", [[1, 2, 1, 2], [3, 3, 3, 3]], 3, 5, out=[[1, 2, 1, 2, 1], [3, 3, 3, 3, 3], [1, 2, 1, 2, 1]]),
    case("repeat_to", [[1, 2]], 31, 2, out=UNDEFINED, why="too-large"),
    case("repeat_scaled", [[0, 0, 0], [2, 3, 2]], 1, 2, out=[[0, 0, 0, 0, 0, 0], [2, 3, 2, 3, 2, 3]]),
    case("repeat_scaled", [[1, 2, 2, 1, 2]], 2, 1, out=[[1, 2, 2, 1, 2], [1, 2, 2, 1, 2]]),
    case("repeat_scaled", [[1, 2]], 1, 1, out=UNDEFINED, why="identity"),
    case("repeat_scaled", [[1] * 20], 1, 2, out=UNDEFINED, why="too-large"),
    case("complete_symmetry_any_axis", [[1, 2, 3, 2], [4, 5, 0, 5]], 0, out=UNDEFINED,
         why="axis-off-centre-but-hole-has-no-mirror"),
    case("complete_symmetry_any_axis", [[7, 1, 2, 2, 1], [7, 3, 0, 4, 3]], 0, out=[[7, 1, 2, 2, 1], [7, 3, 4, 4, 3]],
         why="axis-off-centre"),
    case("complete_symmetry_any_axis", [[1, 2], [3, 4]], 0, out=UNDEFINED, why="no-holes"),
    case("repaired_hole", [[7, 1, 2, 2, 1], [7, 3, 0, 4, 3]], 0, out=[[4]]),
    case("repaired_hole", [[1, 2], [3, 4]], 0, out=UNDEFINED, why="no-holes"),
    case("lookup", [[0, 3], [0, 0]], "main_colour", ((2, ((1,),)), (3, ((4, 4),))), out=[[4, 4]]),
    case("lookup", [[0, 5], [0, 0]], "main_colour", ((2, ((1,),)), (3, ((4, 4),))), out=UNDEFINED, why="unseen"),
    case("lookup", [[0, 5], [0, 0]], "no_such_fact", (), out=UNDEFINED, why="unknown-fact"),
    case("crop_at", [[1, 2, 3], [4, 5, 6]], 0, 1, 2, 2, out=[[2, 3], [5, 6]]),
    case("crop_at", [[1, 2, 3], [4, 5, 6]], -1, -2, 1, 2, out=[[5, 6]], why="from-the-far-edges"),
    case("crop_at", [[1, 2, 3], [4, 5, 6]], 1, 1, 2, 2, out=UNDEFINED, why="outside"),
    case("block_majority", [[1, 1, 2, 2], [1, 3, 2, 2]], 2, out=[[1, 2]]),
    case("block_majority", [[1, 1, 2], [1, 3, 2]], 2, out=UNDEFINED, why="not-divisible"),
    case("fractal_of", [[1, 2], [2, 0]], 2, out=[[0, 0, 1, 2], [0, 0, 2, 0], [1, 2, 0, 0], [2, 0, 0, 0]]),
    case("fractal_nonzero", [[7, 0], [7, 7]], out=[[7, 0, 0, 0], [7, 7, 0, 0], [7, 0, 7, 0], [7, 7, 7, 7]]),
    case("cell_rule", [[0, 0, 0], [0, 1, 0], [0, 0, 0]], "fg_neighbours4,colour", (((1, 0), 2),),
         out=[[0, 2, 0], [2, 1, 2], [0, 2, 0]]),
    case("cell_rule", [[3, 0, 0], [0, 0, 0]], "ray_left", (((3,), "ray_left"),), out=[[3, 3, 3], [0, 0, 0]],
         why="copy-a-feature"),
    case("cell_rule", [[0, 1]], "no_such_feature", (), out=UNDEFINED, why="unknown-feature"),
    case("parts_rule", [[1, 0, 5, 0, 0], [1, 1, 5, 0, 1]], "lines", "fg", (((0, 0), 0), ((0, 1), 2), ((1, 0), 2), ((1, 1), 0)),
         out=[[2, 0], [2, 0]]),
    case("parts_rule", [[1, 0, 3, 3], [0, 0, 0, 3]], "cols2", "fg", (((0, 0), 0), ((0, 1), "part1"),
                                                                      ((1, 0), "part0"), ((1, 1), "part1")),
         out=[[3, 3], [0, 3]], why="overlay"),
    case("parts_rule", [[1, 0, 1], [1, 1, 1]], "cols2", "fg", (), out=UNDEFINED, why="no-equal-split"),
    case("parts_rule", [[1, 0], [1, 1]], "rows2", "fg", (((1, 1), 4),), out=UNDEFINED, why="key-not-in-table"),
    # physics: rigid objects (8-connected, multi-colour) fall, slide or move until contact
    case("drop_down", [[1, 1, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0], [0, 3, 3, 0]],
         out=[[0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 0, 0], [0, 3, 3, 2]]),
    case("drop_down", [[0, 0], [1, 2]], out=UNDEFINED, why="already-resting"),
    case("drop_up", [[1, 1, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0], [0, 3, 3, 0]],
         out=[[1, 1, 0, 2], [0, 3, 3, 0], [0, 0, 0, 0], [0, 0, 0, 0]]),
    case("drop_left", [[1, 1, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0], [0, 3, 3, 0]],
         out=[[1, 1, 0, 0], [2, 0, 0, 0], [0, 0, 0, 0], [3, 3, 0, 0]]),
    case("drop_right", [[1, 1, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0], [0, 3, 3, 0]],
         out=[[0, 0, 1, 1], [0, 0, 0, 2], [0, 0, 0, 0], [0, 0, 3, 3]]),
    case("attract", [[0, 0, 0, 0, 0], [2, 0, 0, 1, 1], [0, 0, 0, 1, 1], [0, 0, 0, 0, 0], [0, 0, 0, 3, 0]],
         out=[[0, 0, 0, 0, 0], [0, 0, 2, 1, 1], [0, 0, 0, 1, 1], [0, 0, 0, 3, 0], [0, 0, 0, 0, 0]]),
    case("attract", [[1, 0, 2]], out=UNDEFINED, why="no-single-largest"),
    case("cellwise", [[0, 1]], [[2], [2]], (), out=UNDEFINED, why="shapes-differ"),
    case("select_max", OBJ_G, of("objects4", OBJ_G), "size", out=L_OBJ),
    case("select_min", OBJ_G, of("objects4", OBJ_G), "size", out=UNDEFINED, why="tie"),
    case("select_min", OBJ_G, of("objects4", OBJ_G), "colour", out=Obj(0, 1, ("11", "1.")), why="colour"),
    case("select_where", OBJ_G, of("objects4", OBJ_G), "colour", 3, out=Obj(3, 0, ("3",))),
    case("select_where", OBJ_G, of("objects4", OBJ_G), "size", 1, out=UNDEFINED, why="not-unique"),
    case("select_max", FRAME_G, of("blobs", FRAME_G), "minor_cells", out=Obj(0, 0, ("444", "414", "444"))),
    case("select_max", BLOB_G, of("objects8", BLOB_G), "contacts", out=UNDEFINED, why="contacts-tie"),
    case("select_where", BLOB_G, of("objects8", BLOB_G), "contacts", 0, out=Obj(3, 3, ("3",)),
         why="contacts"),
    case("pad_edges", [[1, 2], [3, 8]], out=[[0, 1, 2, 0], [1, 1, 2, 2], [3, 3, 8, 8], [0, 3, 8, 0]]),
    case("pad_edges", [[5] * 29], out=UNDEFINED, why="too-wide"),
    case("crop_inside", FRAME_G, of("largest", of("blobs", FRAME_G)), out=[[1]]),
    case("crop_inside", OBJ_G, of("largest", of("objects4", OBJ_G)), out=UNDEFINED, why="no-inside"),
]


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_primitive_case(c: Case) -> None:
    args = tuple(resolve(a) for a in c.args)
    if c.expected is UNDEFINED:
        with pytest.raises(ValueError):
            run(c.name, args)
        return
    result = run(c.name, args)
    expected = c.expected
    if isinstance(expected, list):
        assert isinstance(result, np.ndarray) and result.dtype == np.uint8 and not result.flags.writeable
        assert result.tolist() == expected
    elif isinstance(expected, Obj):
        assert result == expected.build()
    elif isinstance(expected, tuple):
        assert result == tuple(o.build() for o in expected)
    else:
        assert type(result) is int and result == expected


def test_every_primitive_has_a_case() -> None:
    missing = sorted(set(PRIMITIVES) - {c.name for c in CASES})
    assert not missing, f"primitives without a case in CASES: {', '.join(missing)}"


@pytest.mark.parametrize("name", sorted(PRIMITIVES))
def test_primitive_is_documented_and_its_arity_matches(name: str) -> None:
    p = PRIMITIVES[name]
    summary = (inspect.getdoc(p.function) or "").split("\n\n")[0]
    assert summary.strip() and "\n" not in summary, f"{name}: needs a one-line docstring"
    assert p.doc == summary
    assert len(inspect.signature(p.function).parameters) == len(p.arg_types)


# Bugs found while writing the cases above (now fixed). Each test states the documented behaviour.


def test_shift_beyond_the_edge_is_consistent() -> None:
    """Shifting a 3x3 picture out of the grid by 3..7 cells gives one result (either fix is fine)."""
    g = grid([[1, 2, 0], [0, 0, 0], [0, 0, 0]])
    for dy, dx in [(1, 0), (0, 1)]:
        outcomes = []
        for k in range(3, 8):
            try:
                outcomes.append(run("shift", (g, k * dy, k * dx)).tolist())
            except ValueError:
                outcomes.append("undefined")
        assert outcomes == [outcomes[0]] * len(outcomes), (dy, dx, outcomes)


# A grid mostly of 5, with black (0) in an L beside a single 3.
ZERO_L: Rows = [[5, 5, 5, 5, 5],
                [5, 0, 5, 5, 5],
                [5, 0, 0, 5, 3],
                [5, 5, 5, 5, 5]]


def test_black_is_the_background_wherever_it_appears() -> None:
    from arclab.dsl import background

    assert background(grid(ZERO_L)) == 0
    assert background(grid([[5, 5], [5, 3]])) == 5
    assert background(grid([[2, 3], [3, 2]])) == 2
    objs = run("objects4", (grid(ZERO_L),))
    assert sorted(run("colour_of", (o,)) for o in objs) == [3, 5]


@pytest.mark.parametrize("name, extra", [("erase_object", ()), ("keep_object", ()), ("recolour_size", (4, 4)),
                                         ("recolour_largest", (4,)), ("recolour_smallest", (4,)),
                                         ("recolour_by", ("size", ((4, 4),))), ("map_objects", ("flip_h",))])
def test_object_outside_the_grid_is_undefined(name: str, extra: tuple[Any, ...]) -> None:
    need(name)
    big = grid([[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]])  # a 2x2 object at (1, 1)
    objs = run("objects4", (big,))
    target: Any = objs[0] if PRIMITIVES[name].arg_types[1] == "Object" else objs
    with pytest.raises(ValueError):
        run(name, (grid([[0, 0], [0, 2]]), target, *extra))


def test_a_blank_column_inside_a_part_is_not_a_separator() -> None:
    g = grid([[1, 0, 0, 5, 0, 2, 2],
              [0, 1, 0, 5, 0, 2, 0],
              [0, 0, 0, 5, 2, 0, 0]])
    assert run("parts_and", (g, 3)).tolist() == [[0, 0, 0], [0, 3, 0], [0, 0, 0]]


def test_recolour_by_touches_border() -> None:
    g = grid(OBJ_G)
    result = run("recolour_by", (g, run("objects4", (g,)), "touches_border", ((0, 8), (1, 9))))
    assert result.tolist() == [[0, 9, 9, 0, 0], [0, 9, 0, 0, 9], [0, 0, 0, 8, 0], [9, 0, 0, 0, 0]]


@pytest.mark.parametrize("name, bad", [("local_rule", "no_such_feature"), ("recolour_by", "no_such_property"),
                                       ("map_objects", "no_such_primitive"), ("map_objects", "recolour"),
                                       ("map_objects", "most_common")])
def test_unknown_name_is_undefined(name: str, bad: str) -> None:
    need(name)
    g = grid(OBJ_G)
    args: tuple[Any, ...] = (g, bad, ())
    if name != "local_rule":
        args = (g, run("objects4", (g,)), bad, ())[:len(PRIMITIVES[name].arg_types)]
    with pytest.raises(ValueError):
        run(name, args)
