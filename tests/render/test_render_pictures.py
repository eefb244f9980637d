"""Pictures: diffs, figure contents, and the SVG and PNG back ends drawing the same layout."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from arclab.render import (ARC_PALETTE, RenderError, diff_grids, layout, prediction_figure, save, task_figure,
                           to_png, to_svg)
from arclab.render._palette import RIGHT_CELL, hex_to_rgb
from arclab.render._scene import Box
from arclab.task import Example, Grid, Task

TASK = Task("t1", (Example(Grid([[1, 0], [0, 1]]), Grid([[2, 0], [0, 2]])),),
            (Example(Grid([[3, 0, 0]]), Grid([[4, 0, 0]])),))


def test_diff_same_shape_lists_wrong_cells() -> None:
    diff = diff_grids(Grid([[1, 2], [3, 4]]), Grid([[1, 0], [3, 5]]))
    assert diff.same_shape and not diff.correct
    assert diff.wrong == ((0, 1), (1, 1))
    assert diff.summary == "2 wrong cells"


def test_diff_shape_mismatch_and_exact_match() -> None:
    diff = diff_grids(Grid([[1, 2]]), Grid([[1], [2]]))
    assert not diff.same_shape and not diff.correct and diff.wrong == ()
    assert diff.summary == "shape 2x1, expected 1x2"
    assert diff_grids(Grid([[7]]), Grid([[7]])).correct


def test_task_figure_rows_and_titles() -> None:
    figure = task_figure(TASK, [[Grid([[4, 0, 1]]), None]])
    assert [len(row) for row in figure.rows] == [2, 5]
    titles = [p.title for p in figure.rows[1]]
    assert titles == ["test 0 input 1x3", "test 0 output 1x3", "attempt 1 1x3: wrong",
                      "diff 1: 1 wrong cell", "attempt 2: none"]


def test_hidden_test_outputs_leave_no_diff() -> None:
    figure = task_figure(TASK, [[Grid([[4, 0, 0]])]], show_test_outputs=False)
    assert [p.title for p in figure.rows[1]] == ["test 0 input 1x3", "attempt 1 1x3"]
    assert all(p.diff is None for p in figure.rows[1])


def test_svg_draws_every_cell_in_the_palette() -> None:
    svg = to_svg(task_figure(TASK), cell=10)
    root = ET.fromstring(svg)
    fills = [el.get("fill") for el in root.iter("{http://www.w3.org/2000/svg}rect")]
    # background + 4 + 4 + 3 + 3 cells
    assert len(fills) == 1 + 14
    assert fills.count(ARC_PALETTE[0]) == 8 and ARC_PALETTE[4] in fills
    texts = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "task t1" in texts and "test 0 output 1x3" in texts


def _cell_centres(figure_png: bytes, scene_boxes: list[Box]) -> list[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(figure_png)).convert("RGB")
    return [image.getpixel((int(b.x + b.w / 2), int(b.y + b.h / 2))) for b in scene_boxes]  # type: ignore[misc]


def test_png_matches_the_layout() -> None:
    figure = prediction_figure(Grid([[1, 2], [3, 4]]), Grid([[1, 2], [3, 5]]))
    scene = layout(figure, cell=20)
    png = to_png(figure, cell=20)
    assert Image.open(io.BytesIO(png)).size == (scene.width, scene.height)
    cells = [item for item in scene.items if isinstance(item, Box) and item.fill is not None]
    assert len(cells) == 12  # expected, attempt, diff
    got = _cell_centres(png, cells)
    # The diff blanks the three right cells and keeps the wrong one; its centre has the cross.
    assert got[:8] == [hex_to_rgb(ARC_PALETTE[v]) for v in (1, 2, 3, 4, 1, 2, 3, 5)]
    assert got[8:11] == [hex_to_rgb(RIGHT_CELL)] * 3


def test_save_by_suffix(tmp_path: Path) -> None:
    figure = task_figure(TASK)
    assert save(figure, tmp_path / "a.svg").read_text().startswith("<svg")
    assert Image.open(save(figure, tmp_path / "a.PNG")).format == "PNG"
    with pytest.raises(RenderError, match="unknown picture format"):
        save(figure, tmp_path / "a.jpg")
    with pytest.raises(RenderError, match="cannot write"):
        save(figure, tmp_path / "missing" / "a.png")


def test_largest_grids_keep_a_sane_size() -> None:
    big = Grid([[i % 10 for i in range(30)]] * 30)
    scene = layout(task_figure(Task("big", (Example(big, big),), (Example(big, big),)), [[big, big]]))
    assert scene.width < 3000 and scene.height < 1000
