"""Figures to SVG text, PNG bytes, or a file chosen by its suffix."""

from __future__ import annotations

from pathlib import Path

from ..task import ArclabError
from ._figure import Figure
from ._png import scene_to_png
from ._scene import layout
from ._svg import scene_to_svg

FORMATS = (".png", ".svg")


class RenderError(ArclabError):
    """A picture cannot be written: unknown format or unwritable file."""


def to_svg(figure: Figure, cell: int | None = None) -> str:
    """The figure as an SVG document; `cell` is the cell side in pixels (auto if None)."""
    return scene_to_svg(layout(figure, cell))


def to_png(figure: Figure, cell: int | None = None) -> bytes:
    """The figure as PNG bytes."""
    return scene_to_png(layout(figure, cell))


def save(figure: Figure, path: str | Path, cell: int | None = None) -> Path:
    """Write the figure to `path` as PNG or SVG, by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise RenderError(f"{path}: unknown picture format {suffix or '(none)'!r}; use .png or .svg")
    try:
        if suffix == ".svg":
            path.write_text(to_svg(figure, cell), encoding="utf-8")
        else:
            path.write_bytes(to_png(figure, cell))
    except OSError as error:
        raise RenderError(f"{path}: cannot write: {error.strerror}") from None
    return path
