"""Renamed primitives: programs written with a former name (stored by earlier runs) still parse and run."""

from __future__ import annotations

import numpy as np
import pytest

from arclab.dsl import ALIASES, PRIMITIVES, Call, Const, Var, evaluate, parse, resolve

RENAMES = {
    "mirror_tile": "concat_mirror_both", "mirror_right": "concat_mirror_right", "mirror_down": "concat_mirror_down",
    "hconcat": "concat_right", "vconcat": "concat_down", "symmetrize": "complete_symmetry_hole",
    "mirror_lr": "complete_symmetry_lr", "mirror_ud": "complete_symmetry_ud", "mirror_all": "complete_symmetry_all",
    "repair_symmetry": "complete_symmetry_any_axis",
}
"""Every rename so far, written out by hand: the alias table must keep each one."""


def grid(rows: list[list[int]]) -> np.ndarray:
    return np.array(rows, dtype=np.uint8)


def test_the_alias_table_holds_every_rename_and_only_points_at_primitives() -> None:
    assert RENAMES.items() <= ALIASES.items()
    assert all(new in PRIMITIVES and old not in PRIMITIVES for old, new in ALIASES.items())


@pytest.mark.parametrize("old, new", sorted(RENAMES.items()))
def test_an_old_name_parses_as_the_renamed_call(old: str, new: str) -> None:
    arity = len(PRIMITIVES[new].arg_types)
    args = ", ".join(["x"] * arity if arity == 1 or PRIMITIVES[new].arg_types[1] == "Grid" else ["x", "0"])
    program = parse(f"{old}({args})")
    assert isinstance(program, Call) and program.op == new
    assert str(program) == f"{new}({args})"
    assert resolve(old) == new and resolve(new) == new


@pytest.mark.parametrize("old_text, new_text, rows, out", [
    ("mirror_right(x)", "concat_mirror_right(x)", [[1, 2]], [[1, 2, 2, 1]]),
    ("vconcat(x, mirror_down(x))", "concat_down(x, concat_mirror_down(x))", [[1], [2]],
     [[1], [2], [1], [2], [2], [1]]),
    ("mirror_lr(x)", "complete_symmetry_lr(x)", [[1, 0, 0], [2, 3, 0]], [[1, 0, 1], [2, 3, 2]]),
    ("repair_symmetry(x, 0)", "complete_symmetry_any_axis(x, 0)", [[7, 1, 2, 2, 1], [7, 3, 0, 4, 3]],
     [[7, 1, 2, 2, 1], [7, 3, 4, 4, 3]]),
])
def test_a_stored_program_reruns_to_the_same_output(old_text: str, new_text: str, rows: list[list[int]],
                                                    out: list[list[int]]) -> None:
    old, new = parse(old_text), parse(new_text)
    assert old == new and str(old) == new_text
    assert evaluate(old, grid(rows)).tolist() == out


def test_a_primitive_named_as_an_argument_is_renamed_too() -> None:
    program = parse("map_objects(x, blobs(x), 'mirror_lr')")
    assert program == Call("map_objects", (Var(), Call("blobs", (Var(),)), Const("complete_symmetry_lr")))
    g = grid([[0, 0, 0, 0], [0, 1, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]])
    old_const = Call("map_objects", (Var(), Call("blobs", (Var(),)), Const("mirror_lr")))
    assert np.array_equal(evaluate(old_const, g), evaluate(program, g))


def test_an_unknown_name_is_still_a_parse_error() -> None:
    from arclab.dsl import ParseError

    with pytest.raises(ParseError, match="unknown primitive 'mirror_sideways'"):
        parse("mirror_sideways(x)")
