"""Front-end assets for drawing grids in a browser: the script, and CSS made from the palette."""

from __future__ import annotations

from importlib import resources

from ._palette import ARC_PALETTE, GRID_LINE, RIGHT_CELL, RIGHT_FRAME, WRONG_FRAME


def grid_js() -> str:
    """The ArcGrid script (a global `ArcGrid` with gridElement and figure)."""
    return (resources.files(__package__) / "assets" / "grid.js").read_text(encoding="utf-8")


def grid_css() -> str:
    """Styles for ArcGrid's elements, in the standard ARC palette."""
    colours = "\n".join(f".arc-grid > .c{i}, .arc-swatch.c{i} {{ background: {hex_}; }}" for i, hex_ in enumerate(ARC_PALETTE))
    cross = ("linear-gradient(45deg, transparent 42%, #fff 42%, #fff 58%, transparent 58%), "
             "linear-gradient(-45deg, transparent 42%, #fff 42%, #fff 58%, transparent 58%)")
    return f"""\
.arc-grid {{ display: inline-grid; gap: 1px; background: {GRID_LINE}; border: 1px solid {GRID_LINE};
  width: max-content; }}
{colours}
.arc-grid.diff > .right {{ background: {RIGHT_CELL}; }}
.arc-grid.diff > .wrong {{ background-image: {cross}; }}
.arc-figure {{ display: inline-flex; flex-direction: column; gap: 4px; margin: 0 14px 10px 0;
  vertical-align: top; }}
.arc-figure > figcaption {{ font-size: 12px; color: #333; white-space: nowrap; }}
.arc-figure.frame-right > .arc-grid {{ outline: 3px solid {RIGHT_FRAME}; outline-offset: 2px; }}
.arc-figure.frame-wrong > .arc-grid {{ outline: 3px solid {WRONG_FRAME}; outline-offset: 2px; }}
.arc-empty {{ width: 48px; height: 48px; border: 1px dashed #999; color: #999; font-size: 11px;
  display: flex; align-items: center; justify-content: center; }}
"""
