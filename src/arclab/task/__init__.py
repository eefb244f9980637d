"""The task model: grids, examples and tasks, and the ARC JSON format."""

from ._errors import ArclabError, GridError, TaskFormatError
from ._grid import MAX_SIZE, MIN_SIZE, NUM_COLOURS, Grid, check_grid
from ._json import grid_from_json, task_from_json, task_to_json
from ._task import Example, Task
from ._views import SYMMETRIES, ColourOrder, View, colour_renaming, task_views

__all__ = [
    "ArclabError",
    "ColourOrder",
    "Example",
    "Grid",
    "GridError",
    "MAX_SIZE",
    "MIN_SIZE",
    "NUM_COLOURS",
    "SYMMETRIES",
    "Task",
    "TaskFormatError",
    "View",
    "check_grid",
    "colour_renaming",
    "grid_from_json",
    "task_from_json",
    "task_to_json",
    "task_views",
]
