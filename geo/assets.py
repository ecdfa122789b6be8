"""Offline web assets: Leaflet from an installed package, and the base map.

Leaflet 1.9.4 comes from the PyPI package ``django-js-lib-leaflet`` (BSD-2-Clause
Leaflet, repackaged as plain static files; it needs no Django). Nothing is fetched
from a CDN.
"""
from __future__ import annotations

import base64
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .io import DEFAULT_DATA_DIR

LEAFLET_VERSION = "1.9.4"
BASEMAP_FILE = DEFAULT_DATA_DIR / "basemap" / "countries.geojson"


def _leaflet_dir():
    return resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    return (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def leaflet_css(inline_images: bool = True) -> str:
    """Leaflet's stylesheet; with ``inline_images`` its images become data: URIs."""
    css = (_leaflet_dir() / "leaflet.css").read_text(encoding="utf-8")
    if not inline_images:
        return css

    def inline(match: re.Match) -> str:
        name = match.group(1)
        data = (_leaflet_dir() / "images" / name).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    return re.sub(r"url\(images/([a-z0-9-]+\.png)\)", inline, css)


def leaflet_files() -> dict[str, bytes]:
    """Leaflet's files for a server to serve: relative path -> bytes."""
    source = _leaflet_dir()
    files = {name: (source / name).read_bytes() for name in ("leaflet.js", "leaflet.css")}
    for image in sorted((source / "images").iterdir(), key=lambda p: p.name):
        files[f"images/{image.name}"] = image.read_bytes()
    return files


def copy_leaflet(target: Path) -> Path:
    """Copy leaflet.js, leaflet.css and its images into ``target`` (for a server to serve)."""
    target = Path(target)
    (target / "images").mkdir(parents=True, exist_ok=True)
    for name, data in leaflet_files().items():
        (target / name).write_bytes(data)
    return target


def script_safe(code: str) -> str:
    """JavaScript or CSS text that cannot end the ``<script>``/``<style>`` element holding it."""
    return re.sub(r"</(script|style)", r"<\\/\1", code, flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def basemap(data_dir: Path | str | None = None) -> dict:
    """Country outlines of the region (Natural Earth), drawn under every map: the dataset's
    ``basemap/countries.geojson`` (an installed package has no checkout beside it), else the
    shipped data's."""
    path = Path(data_dir) / "basemap" / "countries.geojson" if data_dir else BASEMAP_FILE
    if not path.is_file():
        path = BASEMAP_FILE
    return json.loads(path.read_text(encoding="utf-8"))


