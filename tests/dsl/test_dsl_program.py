"""Programs as expression trees: their text parses back, parse errors are specific, evaluate is total."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from arclab.dsl import (
    COLOUR, COLOURMAP, GRID, INT, PRIMITIVES, Call, Const, Expr, ParseError, Primitive, Var, evaluate, parse,
    program_size,
)

NAMES = any("Name" in p.arg_types for p in PRIMITIVES.values())
"""Name constants, tuple-keyed tables and negative table entries came with the learned-table primitives."""

needs_names = pytest.mark.skipif(not NAMES, reason="no primitive takes a Name yet")


def grid(rows: list[list[int]]) -> np.ndarray:
    array = np.array(rows, dtype=np.uint8)
    array.setflags(write=False)
    return array


ROUND_TRIP = [
    "x",
    "rot90(x)",
    "recolour(x, 1, 2)",
    "shift(x, -1, 2)",
    "shift(flip_h(x), -3, -10)",
    "map_colours(x, {1: 2})",
    "map_colours(x, {})",
    "map_colours(rot90(x), {0: 5, 3: 4})",
    "crop_to(x, largest(objects4(x)))",
    "recolour_size(x, objects8(rot90(x)), 3, 2)",
    "tile(scale_up(crop_content(x), 2), 1, 3)",
    "overlay(x, flip_h(x))",
    "filled(count(blobs(x)), 2, colour_of(smallest(colour_sets(x))))",
]

NAMED_ROUND_TRIP = [
    "local_rule(x, 'box', {(0, 10, 10, 10, 10, 0, 0, 0, 0): 3})",
    "local_rule(x, 'cross', {(0, 1, 0, 0, 0): 2, (1, 10, 0, 1, 1): 0})",
    "recolour_by(x, objects4(x), 'size', {1: 2, 3: 4})",
    "map_colours(x, {-1: 2, 3: -4})",
    "recolour_by(x, objects4(x), \"it's\", {})",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_text_round_trips(text: str) -> None:
    program = parse(text)
    assert str(program) == text
    assert parse(str(program)) == program


@needs_names
@pytest.mark.parametrize("text", NAMED_ROUND_TRIP)
def test_names_and_tables_round_trip(text: str) -> None:
    program = parse(text)
    assert str(program) == text
    assert parse(str(program)) == program


def test_trees_print_as_calls() -> None:
    assert str(Call("shift", (Var(), Const(-1), Const(0)))) == "shift(x, -1, 0)"
    assert str(Call("map_colours", (Call("rot90", (Var(),)), Const(((1, 2), (3, 4)))))) == \
        "map_colours(rot90(x), {1: 2, 3: 4})"
    assert parse("crop_to(x, largest(objects4(x)))") == \
        Call("crop_to", (Var(), Call("largest", (Call("objects4", (Var(),)),))))
    assert program_size(parse("crop_to(x, largest(objects4(x)))")) == 5


def test_tables_and_spacing_are_canonical() -> None:
    program = parse("  map_colours( x,{3:4, 1:2} ) ")
    assert program == Call("map_colours", (Var(), Const(((1, 2), (3, 4)))))
    assert str(program) == "map_colours(x, {1: 2, 3: 4})"


@pytest.mark.parametrize("text, message", [
    ("y", "unknown name"),
    ("rot90(X)", "unknown name"),
    ("rot90", "unknown name"),
    ("rot91(x)", "unknown primitive"),
    ("__import__('os')", "unknown primitive"),
    ("rot90(x", "not a program"),
    ("", "not a program"),
    ("rot90(x) rot90(x)", "not a program"),
    ("x + 1", "unsupported"),
    ("x.T", "unsupported"),
    ("1.5", "unsupported"),
    ("rot90(g=x)", "unsupported"),
    ("[x]", "unsupported"),
    ("map_colours(x, {1: x})", "hold integers"),
])
def test_parse_errors_name_the_problem_and_the_text(text: str, message: str) -> None:
    with pytest.raises(ParseError) as error:
        parse(text)
    assert message in str(error.value)
    assert repr(text.strip()) in str(error.value) or repr(text) in str(error.value)
    assert isinstance(error.value, ValueError)


def test_parse_rejects_a_wrong_number_of_arguments() -> None:
    with pytest.raises(ParseError):
        parse("rot90(x, x)")


def test_parse_rejects_a_bare_tuple() -> None:
    with pytest.raises(ParseError):
        parse("shift(x, (1, 2), 0)")


OBJ_G = grid([[0, 1, 1, 0, 0],
              [0, 1, 0, 0, 2],
              [0, 0, 0, 2, 0],
              [3, 0, 0, 0, 0]])


def test_evaluate_runs_a_program() -> None:
    assert evaluate(Var(), OBJ_G) is OBJ_G
    assert evaluate(parse("count(objects4(x))"), OBJ_G) == 4
    result = evaluate(parse("rot90(crop_to(x, largest(objects4(x))))"), OBJ_G)
    assert result.tolist() == [[1, 0], [1, 1]]
    assert evaluate(parse("map_colours(object_grid(largest(objects4(x))), {0: 7, 1: 2})"), OBJ_G).tolist() == \
        [[2, 2], [2, 7]]


@pytest.mark.parametrize("text, rows", [
    ("crop_content(x)", [[4, 4], [4, 4]]),
    ("rot90(flip_h(crop_content(x)))", [[4, 4], [4, 4]]),  # the undefined step is innermost
    ("object_grid(largest(objects4(x)))", [[1, 0, 2]]),  # a tie two calls down
    ("scale_up(x, 11)", [[1]]),
    ("filled(count(objects4(x)), 0, 1)", [[1, 0]]),
    ("concat_right(x, rot90(x))", [[1, 2]]),
    ("erase_object(rot90(x), largest(objects4(x)))", [[0, 0, 0, 1]]),  # an object off the rotated grid
])
def test_evaluate_is_none_when_a_step_is_undefined(text: str, rows: list[list[int]]) -> None:
    assert evaluate(parse(text), grid(rows)) is None


@pytest.mark.parametrize("text", ["recolour(x, 1, -1)", "fg_to_colour(x, 12)"])
def test_evaluate_is_none_for_a_colour_out_of_range(text: str) -> None:
    assert evaluate(parse(text), grid([[0, 1], [0, 0]])) is None


# Random well-typed programs from the registry.

def _ints(low: int, high: int) -> st.SearchStrategy[Const]:
    return st.integers(low, high).map(Const)


def _tables(low: int, high: int, tuple_keys: bool) -> st.SearchStrategy[Const]:
    values = st.integers(low, high)
    tables: st.SearchStrategy[dict[Any, int]] = st.dictionaries(values, values, max_size=3)
    if tuple_keys:
        keys = st.lists(st.integers(0, 10), min_size=1, max_size=9).map(tuple)
        tables = tables | st.dictionaries(keys, values, max_size=3)
    return tables.map(lambda d: Const(tuple(sorted(d.items()))))


def leaves(in_range: bool) -> dict[str, st.SearchStrategy[Expr]]:
    """Programs of depth 0 per type: the input and small constants.

    Out of range, colours stay 0..9 but tables take any small ints (negative ones where the grammar has
    them) and names any short text; in range, tables map colours to colours and there are no names.
    """
    leaf: dict[str, st.SearchStrategy[Expr]] = {GRID: st.just(Var()), COLOUR: _ints(0, 9), INT: _ints(-3, 12)}
    if in_range:
        leaf[COLOURMAP] = _tables(0, 9, tuple_keys=False)
    else:
        leaf[COLOURMAP] = _tables(-2 if NAMES else 0, 12, tuple_keys=NAMES)
        if NAMES:
            leaf["Name"] = st.text(max_size=8).map(Const)
    return leaf


def min_depths(leaf_types: set[str]) -> dict[str, int]:
    """The least call depth at which each type can be built."""
    depth = {t: 0 for t in leaf_types}
    changed = True
    while changed:
        changed = False
        for p in PRIMITIVES.values():
            if all(a in depth for a in p.arg_types):
                d = 1 + max((depth[a] for a in p.arg_types), default=0)
                if d < depth.get(p.result_type, 1 << 30):
                    depth[p.result_type] = d
                    changed = True
    return depth


class Programs:
    """Hypothesis strategies for well-typed programs of a type, at most `depth` calls deep."""

    def __init__(self, leaf: dict[str, st.SearchStrategy[Expr]], exclude: frozenset[str] = frozenset()) -> None:
        self.leaf = leaf
        self.primitives = [p for p in PRIMITIVES.values() if p.name not in exclude]
        self.depth = min_depths(set(leaf))
        self.cache: dict[tuple[str, int], st.SearchStrategy[Expr]] = {}

    def of(self, type_: str, depth: int) -> st.SearchStrategy[Expr]:
        if (type_, depth) not in self.cache:
            self.cache[type_, depth] = self._of(type_, depth)
        return self.cache[type_, depth]

    def _of(self, type_: str, depth: int) -> st.SearchStrategy[Expr]:
        options = [self.leaf[type_]] if type_ in self.leaf else []
        usable = [p for p in self.primitives if p.result_type == type_
                  and all(self.depth.get(a, 1 << 30) < depth for a in p.arg_types)]
        if usable:
            options.append(st.sampled_from(usable).flatmap(lambda p: self._call(p, depth)))
        return st.one_of(options)

    def _call(self, p: Primitive, depth: int) -> st.SearchStrategy[Expr]:
        args = st.tuples(*(self.of(a, depth - 1) for a in p.arg_types))
        return args.map(lambda values: Call(p.name, tuple(values)))

    def any_type(self, depth: int) -> st.SearchStrategy[Expr]:
        types = sorted(t for t, d in self.depth.items() if d <= depth)
        return st.sampled_from(types).flatmap(lambda t: self.of(t, depth))


ANY_CONSTANTS = Programs(leaves(in_range=False))


def depth(expr: Expr) -> int:
    return 1 + max(map(depth, expr.args), default=0) if isinstance(expr, Call) else 0


@settings(max_examples=150, deadline=None)
@given(ANY_CONSTANTS.any_type(3))
def test_random_programs_round_trip(program: Expr) -> None:
    assert depth(program) <= 3
    text = str(program)
    assert parse(text) == program
    assert str(parse(text)) == text


# Name-taking primitives are left out here: unknown names are the xfail cases in test_dsl_primitives.
IN_RANGE = Programs(leaves(in_range=True), exclude=frozenset(n for n, p in PRIMITIVES.items() if "Name" in p.arg_types))
SMALL_GRIDS = st.tuples(st.integers(1, 6), st.integers(1, 6)).flatmap(
    lambda shape: hnp.arrays(np.uint8, shape, elements=st.sampled_from([0, 0, 0, 1, 2, 5])))


@settings(max_examples=80, deadline=None)
@given(IN_RANGE.of(GRID, 3), SMALL_GRIDS)
def test_evaluate_never_raises_on_well_typed_programs(program: Expr, g: np.ndarray) -> None:
    g.setflags(write=False)
    result = evaluate(program, g)
    if result is not None:
        assert isinstance(result, np.ndarray) and result.dtype == np.uint8 and not result.flags.writeable
        assert 1 <= min(result.shape) and max(result.shape) <= 30 and result.max() <= 9
