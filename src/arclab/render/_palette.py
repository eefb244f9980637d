"""The standard ARC colours, 0-9, and the colours of the chrome around grids."""

from __future__ import annotations

# black, blue, red, green, yellow, grey, magenta, orange, azure, maroon
ARC_PALETTE: tuple[str, ...] = (
    "#000000", "#0074D9", "#FF4136", "#2ECC40", "#FFDC00",
    "#AAAAAA", "#F012BE", "#FF851B", "#7FDBFF", "#870C25",
)
"""Colour i as a CSS hex string."""

COLOUR_NAMES: tuple[str, ...] = (
    "black", "blue", "red", "green", "yellow", "grey", "magenta", "orange", "azure", "maroon",
)

GRID_LINE = "#555555"
"""The lines between cells."""
BACKGROUND = "#FFFFFF"
LABEL = "#222222"
WRONG_MARK = "#FFFFFF"
"""The cross drawn over a cell that differs from the expected output."""
RIGHT_CELL = "#F2F2F2"
"""A cell of a diff that is right: blank, so that only the wrong cells stand out."""
RIGHT_FRAME = "#2ECC40"
WRONG_FRAME = "#FF4136"


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' as an (r, g, b) tuple."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
