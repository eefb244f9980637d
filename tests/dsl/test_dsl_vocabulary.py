"""Vocabularies: one typed registration path for properties, features, layouts and extractors."""

from __future__ import annotations

import numpy as np
import pytest

from arclab.dsl import (
    CELL_FEATURES, COLOUR, COLOUR_SET, INT, LAYOUTS, OBJECT_EXTRACTORS, OBJECT_PROPERTIES, OBJECTS, PRIMITIVES,
    VOCABULARIES, Vocabulary, extract_objects,
)


def test_every_vocabulary_is_registered_once_with_typed_entries() -> None:
    assert set(VOCABULARIES) == {"object_properties", "cell_features", "local_features", "layouts",
                                 "object_extractors", "grid_scalars"}
    for vocabulary in VOCABULARIES.values():
        assert len(vocabulary) > 0
        for name, entry in vocabulary.items():
            assert entry.name == name and entry.returns in vocabulary.returns and callable(entry.function)


def test_an_entry_is_checked_when_added() -> None:
    table: Vocabulary[object] = Vocabulary("things", "thing", [INT], flags=["odd"])
    table.add("one", lambda: 1, returns=INT, flags=["odd"], doc="One.")
    with pytest.raises(ValueError, match="added twice"):
        table.add("one", lambda: 1, returns=INT)
    with pytest.raises(ValueError, match="returns 'Colour'"):
        table.add("red", lambda: 2, returns=COLOUR)
    with pytest.raises(ValueError, match="undeclared flags"):
        table.add("two", lambda: 2, returns=INT, flags=["even"])
    assert table.names(flag="odd") == ("one",) and table["one"].doc == "One."


def test_an_unknown_name_is_a_value_error_with_the_closest_names() -> None:
    with pytest.raises(ValueError, match=r"no object property 'sizes' \(did you mean size"):
        OBJECT_PROPERTIES.get_entry("sizes")
    with pytest.raises(ValueError, match="no layout 'rows9'"):
        LAYOUTS.function("rows9")


def test_cell_feature_kinds_are_entry_types() -> None:
    assert set(CELL_FEATURES.names(returns=COLOUR_SET)) == {
        "row_colours", "col_colours", "neighbour_colours4", "neighbour_colours8"}
    colours = set(CELL_FEATURES.names(returns=COLOUR))
    assert {"colour", "in_box", "mirror_h", "ray_up", "down_right", "between_a"} <= colours
    assert not colours & {"is_bg", "object_size", "row"}


def test_extractors_are_primitives_generated_from_one_parameterised_function() -> None:
    g = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 2]], dtype=np.uint8)
    assert list(OBJECT_EXTRACTORS) == ["objects4", "objects8", "blobs", "colour_sets"]
    for name, entry in OBJECT_EXTRACTORS.items():
        assert PRIMITIVES[name].function is entry.function and PRIMITIVES[name].result_type == OBJECTS
        params = dict(entry.params)
        assert entry.function(g) == extract_objects(g, params["connectivity"], params["by_colour"])
    assert len(extract_objects(g, 4, True)) == 3 and len(extract_objects(g, 8, True)) == 2
    assert len(extract_objects(g, 8, False)) == 1 and len(extract_objects(g, 0, True)) == 2
    assert OBJECT_EXTRACTORS.names(flag="connected") == ("objects4", "objects8", "blobs")


def test_with_background_the_background_cells_are_objects_too() -> None:
    g = np.array([[1, 0, 0], [0, 0, 0], [0, 0, 1]], dtype=np.uint8)
    assert len(extract_objects(g, 4, True)) == 2
    with_bg = extract_objects(g, 4, True, with_background=True)
    assert len(with_bg) == 3 and sum(o.size for o in with_bg) == 9
    assert len(extract_objects(g, 0, False, with_background=True)) == 1
    with pytest.raises(ValueError, match="connectivity 6"):
        extract_objects(g, 6, True)


def test_layouts_are_one_strip_family_and_two_special_cases() -> None:
    g = np.arange(36, dtype=np.uint8).reshape(6, 6) % 10
    assert LAYOUTS["grid3"].params == (("rows", 3), ("cols", 3))
    assert len(LAYOUTS.function("grid3")(g)) == 9 and LAYOUTS.function("cols2")(g)[1] == (0, 3, 6, 3)


def test_every_primitive_is_a_module_level_function_that_pickles() -> None:
    import importlib
    import pickle

    for name, prim in PRIMITIVES.items():
        function = prim.function
        assert getattr(importlib.import_module(function.__module__), function.__qualname__) is function, name
        assert pickle.loads(pickle.dumps(function)) is function
