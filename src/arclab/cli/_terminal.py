"""Grids drawn in the terminal with the standard ARC palette (24-bit colour)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..render import ARC_PALETTE
from ..task import Grid

ARC_PALETTE_RGB = tuple(tuple(int(hex_[i:i + 2], 16) for i in (1, 3, 5)) for hex_ in ARC_PALETTE)
"""The standard ARC colours as (r, g, b), from the one palette in arclab.render."""


def use_colour(stream: object = None) -> bool:
    """Colour when writing to a terminal (default: the current sys.stdout) and NO_COLOR is not set."""
    stream = sys.stdout if stream is None else stream  # looked up now: sys.stdout may have been replaced
    return "NO_COLOR" not in os.environ and bool(getattr(stream, "isatty", lambda: False)())


def grid_lines(grid: Grid, colour: bool) -> list[str]:
    """One string per row: two-character coloured cells, or digits when colour is off."""
    lines = []
    for row in grid:
        if colour:
            cells = [f"\x1b[48;2;{r};{g};{b}m  " for r, g, b in (ARC_PALETTE_RGB[v] for v in row)]
            lines.append("".join(cells) + "\x1b[0m")
        else:
            lines.append(" ".join(str(v) for v in row))
    return lines


def side_by_side(blocks: Sequence[tuple[str, Grid | None]], colour: bool, gap: int = 4) -> str:
    """Grids next to each other under their titles."""
    rendered = []
    for title, grid in blocks:
        lines = grid_lines(grid, colour) if grid is not None else ["?"]
        width = grid.width * 2 if grid is not None and colour else max(len(lines[0]), 1)
        if grid is not None and not colour:
            width = grid.width * 2 - 1
        label = f"{title} {grid.height}x{grid.width}" if grid is not None else title
        width = max(width, len(label))
        rendered.append((width, [label] + lines, grid))
    height = max(len(lines) for _, lines, _ in rendered)
    out = []
    for i in range(height):
        parts = []
        for width, lines, grid in rendered:
            if i < len(lines):
                text = lines[i]
                visible = len(text) if i == 0 or not colour or grid is None else grid.width * 2
                parts.append(text + " " * (width - visible))
            else:
                parts.append(" " * width)
        out.append((" " * gap).join(parts).rstrip())
    return "\n".join(out)
