"""The dashboard's map: a base map whose code never changes, plus the day's layers.

streamlit-folium creates the Leaflet map once in its iframe and keeps it while the
map's own script stays the same (the component's key is a hash of that script); the
layers passed as ``feature_group_to_add`` are swapped in place. So changing the date
redraws the layers only, and zoom and pan stay.

Turning the day's folium feature groups into Leaflet code costs 100-150 ms of jinja
rendering, more than a whole rerun should take. :class:`LayerCode` renders them once
per (segment, layers, names, highlight, status labels) exactly as streamlit-folium
would, and the app hands the cached code to ``st_folium`` through
:class:`PrerenderedGroup`. ``tests/test_dashboard_content.py`` checks that what
streamlit-folium then sends to its iframe is identical to what it sends for the
original feature groups.
"""
from __future__ import annotations

import base64
import datetime as dt
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterable

import folium
import streamlit_folium as sf
from branca.element import Element, Template

from geo import render
from geo.assets import copy_leaflet, leaflet_css, leaflet_js
from geo.atlas import Atlas

from .content import shown_features

STATIC_DIR = Path(__file__).resolve().parent / "static"
LEAFLET_DIR = STATIC_DIR / "leaflet"
#: Streamlit serves ``<app dir>/static/`` at ``<base URL>/app/static/`` when static serving is on.
STATIC_ROUTE = "app/static"
#: Styles for the map inside the component's iframe: streamlit-folium sets the map's font to
#: 1rem (16px), too big for tooltips; Chrome outlines a clicked SVG path's bounding box.
IFRAME_CSS = """<style>
.leaflet-tooltip { font-size: 13px; line-height: 1.35; }
.leaflet-tooltip .ka-tip { min-width: 220px; }
path.leaflet-interactive:focus:not(:focus-visible) { outline: none; }
</style>"""
#: What the map reports back (each change reruns the app): clicks and the view.
RETURNED_OBJECTS = ["last_active_drawing", "last_object_clicked_count", "zoom", "center"]


def prepare_static() -> bool:
    """Copy Leaflet into ``dashboard/static/leaflet`` for Streamlit to serve; False if impossible."""
    try:
        copy_leaflet(LEAFLET_DIR)
        return True
    except OSError:
        return False


def leaflet_url(base_url_path: str) -> str:
    """The absolute path of the served Leaflet folder (it must resolve from the component's iframe)."""
    base = base_url_path.strip("/")
    return ("/" + base if base else "") + "/" + STATIC_ROUTE + "/leaflet"


def base_map(asset_url: str | None) -> folium.Map:
    """The base map (Natural Earth outlines, no tiles). Leaflet comes from ``asset_url``, or,
    when the app cannot serve files (``None``), from data: URLs - still nothing from a CDN."""
    m = render.base_map(assets="url", asset_url=asset_url or "")
    if asset_url is None:
        m.default_js = [("leaflet", _data_url("text/javascript", leaflet_js()))]
        m.default_css = [("leaflet_css", _data_url("text/css", leaflet_css(inline_images=True)))]
    m.get_root().header.add_child(Element(IFRAME_CSS), name="ka_dashboard_css")
    return m


def _data_url(mime: str, content: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content.encode('utf-8')).decode('ascii')}"


class PrerenderedGroup(folium.FeatureGroup):
    """A feature group whose Leaflet code was rendered before (by :func:`group_code`)."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str):
        super().__init__(name="prerendered")
        self.code = code

    def render(self, **kwargs) -> None:  # already rendered
        pass


def group_code(group: folium.FeatureGroup, index: int) -> str:
    """The code streamlit-folium generates for ``group`` as the ``index``-th feature group,
    without the lines it appends to add the group to the map (it appends them again)."""
    scratch = folium.Map(tiles=None)
    scratch._id = "div"  # streamlit-folium renames the map it draws to map_div
    group._id = f"feature_group_{index}"
    group.add_to(scratch)
    group.render()
    return sf.generate_leaflet_string(group, base_id=f"feature_group_{index}").replace(
        sf.get_full_id(scratch), "map_div")


class LayerCode:
    """The Leaflet code of the day's layers, cached per (segment, layers, names, highlight,
    status labels in force): everything the drawn layers depend on."""

    def __init__(self, atlas: Atlas, maxsize: int = 96):
        self.atlas = atlas
        self.maxsize = maxsize
        self._cache: OrderedDict[tuple, tuple[str, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, day: dt.date, layers: Iterable[str], convention: str, highlight: Iterable[str] = ()) -> tuple:
        layers = tuple(layers)
        features = shown_features(self.atlas, day, layers)
        shown = {f.id for f in features}
        statuses = tuple(render.status_on(f, day) for f in features if f.properties.get("status_history"))
        return (self.atlas.segment(day), layers, convention, tuple(sorted(set(highlight) & shown)), statuses)

    def code(self, day: dt.date, layers: Iterable[str], convention: str,
             highlight: Iterable[str] = ()) -> tuple[str, ...]:
        key = self.key(day, layers, convention, highlight)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        groups = render.feature_groups(self.atlas, day, key[1], convention, key[3], popups=False)
        code = tuple(group_code(g, i) for i, g in enumerate(groups))
        with self._lock:
            self._cache[key] = code
            while len(self._cache) > self.maxsize:
                self._cache.popitem(last=False)
        return code

    def groups(self, day: dt.date, layers: Iterable[str], convention: str,
               highlight: Iterable[str] = ()) -> list[PrerenderedGroup]:
        return [PrerenderedGroup(c) for c in self.code(day, layers, convention, highlight)]
