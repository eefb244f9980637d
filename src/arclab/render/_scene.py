"""Lay a figure out as drawing primitives (boxes, lines, text) that the SVG and PNG back ends share."""

from __future__ import annotations

from dataclasses import dataclass

from ._figure import Figure, Panel
from ._palette import (ARC_PALETTE, BACKGROUND, GRID_LINE, LABEL, RIGHT_CELL, RIGHT_FRAME, WRONG_FRAME,
                       WRONG_MARK)


@dataclass(frozen=True, slots=True)
class Box:
    """A filled rectangle, optionally outlined."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1.0


@dataclass(frozen=True, slots=True)
class Text:
    """Text whose baseline starts at (x, y)."""

    x: float
    y: float
    text: str
    size: float
    colour: str = LABEL
    bold: bool = False


Item = Box | Line | Text


@dataclass(frozen=True, slots=True)
class Scene:
    """Everything to draw, in order, on a width x height canvas."""

    width: int
    height: int
    background: str
    items: tuple[Item, ...]


MARGIN = 12
GAP = 20
LABEL_SIZE = 12
TITLE_SIZE = 15


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of sans-serif text (both back ends stay inside it)."""
    return len(text) * size * 0.62


def auto_cell(figure: Figure) -> int:
    """A cell size that keeps the largest grid around 300 pixels: 6 to 24 pixels."""
    sides = [max(p.grid.shape) for row in figure.rows for p in row if p.grid is not None]
    return max(6, min(24, 300 // max(sides, default=10)))


def _panel_items(panel: Panel, x: float, y: float, cell: int) -> list[Item]:
    items: list[Item] = [Text(x, y + LABEL_SIZE, panel.title, LABEL_SIZE)]
    top = y + LABEL_SIZE + 6
    grid = panel.grid
    if grid is None:
        items.append(Box(x, top, 3 * cell, 3 * cell, None, GRID_LINE, 1))
        return items
    h, w = grid.shape
    wrong = set(panel.diff.wrong) if panel.diff is not None else set()
    is_diff = panel.kind == "diff"
    for r in range(h):
        for c in range(w):
            colour = ARC_PALETTE[grid[r, c]]
            if is_diff and (r, c) not in wrong:
                colour = RIGHT_CELL
            items.append(Box(x + c * cell, top + r * cell, cell, cell, colour))
    line = 1.0 if cell >= 8 else 0.5
    for r in range(h + 1):
        items.append(Line(x, top + r * cell, x + w * cell, top + r * cell, GRID_LINE, line))
    for c in range(w + 1):
        items.append(Line(x + c * cell, top, x + c * cell, top + h * cell, GRID_LINE, line))
    if is_diff:
        inset = max(1.5, cell * 0.2)
        for r, c in sorted(wrong):
            x0, y0 = x + c * cell + inset, top + r * cell + inset
            x1, y1 = x + (c + 1) * cell - inset, top + (r + 1) * cell - inset
            for width, colour in ((3.0, "#000000"), (1.5, WRONG_MARK)):
                items.append(Line(x0, y0, x1, y1, colour, width))
                items.append(Line(x0, y1, x1, y0, colour, width))
    if panel.kind == "attempt" and panel.diff is not None:
        frame = RIGHT_FRAME if panel.diff.correct else WRONG_FRAME
        items.append(Box(x - 3, top - 3, w * cell + 6, h * cell + 6, None, frame, 3))
    return items


def _panel_size(panel: Panel, cell: int) -> tuple[float, float]:
    h, w = panel.grid.shape if panel.grid is not None else (3, 3)
    return max(w * cell, text_width(panel.title, LABEL_SIZE)), LABEL_SIZE + 6 + h * cell


def layout(figure: Figure, cell: int | None = None) -> Scene:
    """Place the figure's title and panels; `cell` is the side of a grid cell in pixels (auto if None)."""
    cell = cell or auto_cell(figure)
    items: list[Item] = []
    y: float = MARGIN
    width: float = MARGIN * 2
    if figure.title:
        items.append(Text(MARGIN, y + TITLE_SIZE, figure.title, TITLE_SIZE, bold=True))
        y += TITLE_SIZE + GAP // 2
        width = max(width, MARGIN * 2 + text_width(figure.title, TITLE_SIZE))
    for row in figure.rows:
        x: float = MARGIN
        row_height: float = 0
        for panel in row:
            pw, ph = _panel_size(panel, cell)
            items.extend(_panel_items(panel, x, y, cell))
            x += pw + GAP
            row_height = max(row_height, ph)
        width = max(width, x - GAP + MARGIN)
        y += row_height + GAP
    return Scene(int(width + 0.999), int(y - GAP + MARGIN + 0.999), BACKGROUND, tuple(items))
