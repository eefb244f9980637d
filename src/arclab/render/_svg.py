"""Draw a scene as an SVG document (text, so it diffs and scales)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ._scene import Box, Line, Scene, Text


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def scene_to_svg(scene: Scene) -> str:
    """The scene as a standalone SVG document."""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{scene.width}" height="{scene.height}" '
           f'viewBox="0 0 {scene.width} {scene.height}" font-family="DejaVu Sans, Arial, sans-serif">',
           f'<rect width="100%" height="100%" fill="{scene.background}"/>']
    for item in scene.items:
        if isinstance(item, Box):
            fill = item.fill or "none"
            stroke = (f' stroke="{item.stroke}" stroke-width="{_num(item.stroke_width)}"'
                      if item.stroke else "")
            out.append(f'<rect x="{_num(item.x)}" y="{_num(item.y)}" width="{_num(item.w)}" '
                       f'height="{_num(item.h)}" fill="{fill}"{stroke}/>')
        elif isinstance(item, Line):
            out.append(f'<line x1="{_num(item.x1)}" y1="{_num(item.y1)}" x2="{_num(item.x2)}" '
                       f'y2="{_num(item.y2)}" stroke="{item.colour}" stroke-width="{_num(item.width)}"/>')
        elif isinstance(item, Text):
            weight = ' font-weight="bold"' if item.bold else ""
            out.append(f'<text x="{_num(item.x)}" y="{_num(item.y)}" font-size="{_num(item.size)}" '
                       f'fill="{item.colour}"{weight}>{escape(item.text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
