"""The grid DSL: typed primitives, the named vocabularies rules draw on, and programs as expression
trees that print and parse.

Importing this package registers every primitive in PRIMITIVES and fills every vocabulary in VOCABULARIES.
"""

from . import (  # noqa: F401  (importing registers the primitives)
    cell_features, colour, counting, drawing, geometry, local_rules, objects, partition, physics, properties, size, symmetry,
)
from ._kernels import kernel, kernels_compiled, on_warm, warm_kernels
from ._program import Call, Const, Expr, ParseError, Var, evaluate, parse, program_size
from ._registry import ALIASES, PRIMITIVES, Primitive, primitive, resolve
from ._types import BOOL, COLOUR, COLOURMAP, GRID, INT, OBJECT, OBJECTS, POS, SIZE, TYPES, Object, value_key
from ._util import background
from ._vocabulary import BOXES, COLOUR_SET, INTS, VOCABULARIES, Entry, Vocabulary, vocabulary
from .cell_features import CELL_FEATURES
from .counting import GRID_SCALARS
from .local_rules import LOCAL_FEATURES
from .objects import OBJECT_EXTRACTORS, extract_objects
from .partition import LAYOUTS
from .properties import OBJECT_PROPERTIES

__all__ = [
    "ALIASES", "BOOL", "BOXES", "CELL_FEATURES", "COLOUR", "COLOURMAP", "COLOUR_SET", "GRID", "GRID_SCALARS", "INT",
    "INTS", "LAYOUTS", "LOCAL_FEATURES", "OBJECT", "OBJECTS", "OBJECT_EXTRACTORS", "OBJECT_PROPERTIES", "POS",
    "SIZE", "TYPES", "VOCABULARIES",
    "Call", "Const", "Entry", "Expr", "Object", "PRIMITIVES", "ParseError", "Primitive", "Var", "Vocabulary",
    "background", "evaluate", "extract_objects", "kernel", "kernels_compiled", "on_warm", "parse", "primitive", "program_size", "resolve", "value_key",
    "vocabulary", "warm_kernels",
]
