"""Pictures of tasks, predictions and diffs, as PNG and SVG, in the standard ARC palette."""

from ._assets import grid_css, grid_js
from ._diff import GridDiff, diff_grids
from ._figure import Figure, Panel, attempt_panels, grid_figure, prediction_figure, task_figure
from ._palette import ARC_PALETTE, COLOUR_NAMES
from ._save import FORMATS, RenderError, save, to_png, to_svg
from ._scene import Scene, layout

__all__ = [
    "ARC_PALETTE",
    "COLOUR_NAMES",
    "FORMATS",
    "Figure",
    "GridDiff",
    "Panel",
    "RenderError",
    "Scene",
    "attempt_panels",
    "diff_grids",
    "grid_css",
    "grid_figure",
    "grid_js",
    "layout",
    "prediction_figure",
    "save",
    "task_figure",
    "to_png",
    "to_svg",
]
