"""The static site: the engine and its data as plain files for any static host or CDN.

``karabakh-atlas export site -o DIR`` writes::

    DIR/index.html          the timeline page (links the files below, fetches data.json)
    DIR/data.json           the atlas for the engine (geo.engine.engine_data)
    DIR/engine/*.js, *.css  the engine, as shipped in geo/static/engine
    DIR/leaflet/            Leaflet and its images (from the installed package)

No Python runs at read time. ``index.html#2021-06-01`` opens a day. Browsers do not let
a page opened from ``file://`` fetch its data, so serve the folder over HTTP, e.g.
``python -m http.server -d DIR``; the one-file timeline (``export html --timeline``) is the
version that opens from disk.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from . import engine, export_html
from .assets import copy_leaflet
from .atlas import Atlas
from .dataset import stamp
from .errors import ExportError
from .io import write_atomic


def write_site(atlas: Atlas, target: Path | str, convention: str = "en", layers: Iterable[str] | None = None,
               today: dt.date | None = None) -> list[Path]:
    """Write the site into ``target`` (created if missing); return the files written.
    Each file is written atomically; ``index.html`` last, so a reader never gets a page
    whose data is missing."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ExportError(f"cannot write the site to {target}: it is a file, not a directory")
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / "engine").mkdir(exist_ok=True)
        copy_leaflet(target / "leaflet")
    except OSError as exc:
        raise ExportError(f"cannot write the site to {target}: {exc.strerror}") from None
    data = engine.engine_data(atlas, convention, layers, today=today)
    written = [write_atomic(target / "data.json", engine.to_json_file(data))]
    for name in engine.static_names():
        written.append(write_atomic(target / "engine" / name, engine.static_text(name)))
    page = export_html.page_html(title=f"Karabakh Atlas — timeline 1988–{data['last'][:4]}", mode="timeline",
                                 side=export_html.timeline_side_html(data["exportDay"]),
                                 caption=export_html.timeline_caption_html(convention, stamp(atlas).text()),
                                 site=True)
    written.append(write_atomic(target / "index.html", page))
    return written
