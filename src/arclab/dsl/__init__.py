"""The grid DSL: typed primitives, and programs as expression trees that print and parse.

Importing this package registers every primitive in PRIMITIVES.
"""

from . import (  # noqa: F401  (importing registers the primitives)
    cell_features, colour, counting, drawing, geometry, local_rules, objects, partition, physics, properties, size, symmetry,
)
from ._program import Call, Const, Expr, ParseError, Var, evaluate, parse, program_size
from ._registry import PRIMITIVES, Primitive, primitive
from ._types import BOOL, COLOUR, COLOURMAP, GRID, INT, OBJECT, OBJECTS, POS, SIZE, TYPES, Object, value_key
from ._util import background

__all__ = [
    "BOOL", "COLOUR", "COLOURMAP", "GRID", "INT", "OBJECT", "OBJECTS", "POS", "SIZE", "TYPES",
    "Call", "Const", "Expr", "Object", "PRIMITIVES", "ParseError", "Primitive", "Var",
    "background", "evaluate", "parse", "primitive", "program_size", "value_key",
]
