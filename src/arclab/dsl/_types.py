"""The DSL's value types. Grids inside the DSL are plain read-only uint8 numpy arrays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

GRID = "Grid"
OBJECT = "Object"
OBJECTS = "Objects"
COLOUR = "Colour"
INT = "Int"
BOOL = "Bool"
POS = "Pos"
SIZE = "Size"
COLOURMAP = "ColourMap"
NAME = "Name"
"""The name of a property, feature or primitive: a parameter of learned programs."""

TYPES = (GRID, OBJECT, OBJECTS, COLOUR, INT, BOOL, POS, SIZE, COLOURMAP, NAME)

MAX_SIDE = 30


@dataclass(frozen=True, eq=False, slots=True)
class Object:
    """A set of cells of a grid: its bounding box position, a mask, and the colours under it."""

    top: int
    left: int
    mask: np.ndarray
    """bool array of the bounding box; True where the object has a cell."""
    colours: np.ndarray
    """uint8 array of the bounding box; the object's colours under the mask, 0 elsewhere."""

    @property
    def height(self) -> int:
        return int(self.mask.shape[0])

    @property
    def width(self) -> int:
        return int(self.mask.shape[1])

    @property
    def size(self) -> int:
        return int(np.count_nonzero(self.mask))  # the mask is bool: its sum, without a ufunc reduce

    def key(self) -> tuple[Any, ...]:
        return (self.top, self.left, self.mask.shape, self.mask.tobytes(), self.colours.tobytes())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Object) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())


def frozen(array: np.ndarray) -> np.ndarray:
    """Mark an array read-only so values can be shared between candidates safely."""
    array.setflags(write=False)
    return array


def value_key(value: Any) -> Any:
    """A hashable key that is equal exactly when two DSL values are equal."""
    if isinstance(value, np.ndarray):
        return (value.shape, value.tobytes())
    if isinstance(value, Object):
        return value.key()
    if isinstance(value, tuple):  # objects (the commonest tuples) keyed without a call per element
        return tuple([v.key() if type(v) is Object else value_key(v) for v in value])
    return value
