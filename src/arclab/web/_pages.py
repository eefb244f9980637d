"""The page and its assets: a fixed list of files from this package, looked up by name."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import HTMLResponse, Response

from ..render import grid_css, grid_js

router = APIRouter(include_in_schema=False)

_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".svg": "image/svg+xml"}
_STATIC = ("index.html", "app.css", "app.js", "editor.js", "helpers.js", "views.js", "runs.js")


@lru_cache(maxsize=1)
def assets() -> dict[str, bytes]:
    """Every file the app serves under /static, by name (read once)."""
    folder = resources.files(__package__) / "static"
    files = {name: (folder / name).read_bytes() for name in _STATIC}
    files["grid.js"] = grid_js().encode()
    files["grid.css"] = grid_css().encode()
    return files


@router.get("/")
def index() -> HTMLResponse:
    return HTMLResponse(assets()["index.html"])


@router.get("/static/{name}")
def static(name: str = Path(max_length=40)) -> Response:
    body = assets().get(name)
    if body is None:
        raise HTTPException(404, "no such file")
    suffix = name[name.rfind("."):]
    return Response(body, media_type=_TYPES.get(suffix, "application/octet-stream"),
                    headers={"Cache-Control": "no-cache"})
