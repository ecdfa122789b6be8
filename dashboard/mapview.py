"""The dashboard's map: the atlas's map engine (geo/static/engine) as a Streamlit
component (components v2), mounted once and kept while the app reruns.

The engine, Leaflet and the atlas's data (one JSON file per naming convention, written
once per process) are served by Streamlit itself from ``dashboard/static/`` (static file
serving, see .streamlit/config.toml); without it they go inline in the component's data.
The time bar is in the component, so a date move never waits for Python: the component
reports the date a moment after the last move, and the app's panels follow in a rerun.
"""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from geo import engine
from geo.assets import copy_leaflet, leaflet_css, leaflet_js
from geo.atlas import Atlas
from geo.io import write_atomic

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Streamlit serves ``<app dir>/static/`` at ``<base URL>/app/static/`` when static serving is on.
STATIC_ROUTE = "app/static"
MAP_HEIGHT = 620
COMPONENT_HTML = '<div class="ka-dash"><div class="ka-dash-bar"></div><div class="ka-dash-map"></div></div>'
COMPONENT_CSS = """
.ka-dash-bar { padding: 4px 0 8px; }
.ka-dash-map { width: 100%; border: 1px solid #ccc; border-radius: 4px; }
.ka-dash .ka-date-big { font-size: 1.6rem; }
"""

#: The component: registered once per process.
atlas_map = st.components.v2.component("karabakh_atlas.map", html=COMPONENT_HTML, css=COMPONENT_CSS,
                                       js=engine.static_text(engine.COMPONENT_SCRIPT), isolate_styles=False)


def base_url(base_url_path: str) -> str:
    base = base_url_path.strip("/")
    return ("/" + base if base else "") + "/" + STATIC_ROUTE


@dataclass
class MapAssets:
    """Where the component loads the engine, Leaflet and the data from (URLs or inline text)."""

    atlas: Atlas
    url: str | None  # the static route, or None: everything inline
    today: dt.date

    def __post_init__(self):
        self._lock = threading.Lock()
        self._data: dict[str, tuple[str, dict]] = {}

    def data(self, names: str) -> tuple[str, dict]:
        """(file name, engine data) for a naming convention, built and written once."""
        with self._lock:
            if names not in self._data:
                data = engine.engine_data(self.atlas, names, today=self.today, excerpts=False)
                text = engine.to_json_file(data)
                name = f"data-{names}-{engine.fingerprint(text)}.json"
                if self.url is not None:
                    target = STATIC_DIR / "engine" / name
                    if not target.exists():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        write_atomic(target, text)
                self._data[names] = (name, data)
            return self._data[names]

    def payload(self, names: str) -> dict:
        name, data = self.data(names)
        if self.url is None:
            return {"assets": {"styles": [{"name": "leaflet.css", "text": leaflet_css()},
                                          {"name": "engine.css", "text": engine.static_text(engine.STYLESHEET)}],
                               "scripts": [{"name": "leaflet.js", "text": leaflet_js()},
                                           *({"name": n, "text": engine.static_text(n)} for n in engine.SCRIPTS)]},
                    "data": data}
        return {"assets": {"styles": [{"name": "leaflet.css", "url": f"{self.url}/leaflet/leaflet.css"},
                                      {"name": "engine.css", "url": f"{self.url}/engine/{engine.STYLESHEET}"}],
                           "scripts": [{"name": "leaflet.js", "url": f"{self.url}/leaflet/leaflet.js"},
                                       *({"name": n, "url": f"{self.url}/engine/{n}"} for n in engine.SCRIPTS)]},
                "dataUrl": f"{self.url}/engine/{name}"}


def prepare_static() -> bool:
    """Copy Leaflet and the engine into ``dashboard/static`` for Streamlit to serve; False if impossible."""
    try:
        copy_leaflet(STATIC_DIR / "leaflet")
        (STATIC_DIR / "engine").mkdir(parents=True, exist_ok=True)
        for name in engine.static_names():
            (STATIC_DIR / "engine" / name).write_text(engine.static_text(name), encoding="utf-8")
        return True
    except OSError:
        return False


def show(assets: MapAssets, names: str, layers, highlight, command: dict, on_date, on_clicked, on_view):
    """Mount the map (the same instance on every rerun: key "map")."""
    data = {**assets.payload(names), "layers": list(layers), "highlight": sorted(highlight),
            "command": command, "height": MAP_HEIGHT}
    return atlas_map(key="map", data=data, default={"date": command["date"], "view": None},
                     on_date_change=on_date, on_clicked_change=on_clicked, on_view_change=on_view,
                     height="content")
