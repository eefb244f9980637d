"""Draw a scene as a PNG image with Pillow."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from ._scene import Box, Line, Scene, Text


@lru_cache(maxsize=8)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans where the system has it, else Pillow's own font (no system font needed)."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size=size)


def scene_to_image(scene: Scene) -> Image.Image:
    """The scene drawn on an RGB image."""
    image = Image.new("RGB", (scene.width, scene.height), scene.background)
    draw = ImageDraw.Draw(image)
    for item in scene.items:
        if isinstance(item, Box):
            box = (round(item.x), round(item.y), round(item.x + item.w) - 1, round(item.y + item.h) - 1)
            width = max(1, round(item.stroke_width)) if item.stroke else 0
            draw.rectangle(box, fill=item.fill, outline=item.stroke, width=width)
        elif isinstance(item, Line):
            draw.line((item.x1, item.y1, item.x2, item.y2), fill=item.colour, width=max(1, round(item.width)))
        elif isinstance(item, Text):
            draw.text((item.x, item.y), item.text, fill=item.colour, font=_font(round(item.size), item.bold),
                      anchor="ls")
    return image


def scene_to_png(scene: Scene) -> bytes:
    """The scene as PNG bytes."""
    buffer = io.BytesIO()
    scene_to_image(scene).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
