"""The dashboard's map and day panels: the atlas's map engine (geo/static/engine) as a
Streamlit component (components v2), mounted once and kept while the app reruns.

The engine's files and data are built once per dataset version into a cache directory
(:mod:`dashboard.served`) and served by Streamlit from there (a declared component path,
``/component/dashboard.mapview.<version>/...``). The date, the address and the day's panels
belong to the component (``component.js``): a date step never waits for Python.
"""
from __future__ import annotations

import html
from pathlib import Path

import streamlit as st
from streamlit.components.v1 import declare_component

from geo import engine
from geo.i18n import N_

from . import component_input

component_input.install()  # what a browser sends as the component's state is read within limits

MAP_HEIGHT = 620
#: The engine's scripts the component loads after Leaflet, in order.
SCRIPTS = (*engine.SCRIPTS, "panels.js")
#: The component's fixed text: English here, put in the interface language by component.js
#: (translateFixed, from each element's data-t) once the data of the language is loaded.
FIXED_TEXTS = (N_("Drag the slider, step between key dates or press Play: the map, the excerpts, the figures and the "
                  "table follow at once. Hover over a feature for its names and dates; click the map for the answer "
                  "card (who held that point that day, the zones and routes there, the district's history, the "
                  "feature's excerpts). Drawn lines and areas are approximate: each feature states its accuracy."),
               N_("Excerpts"), N_("Figures"), N_("What the map shows"), N_("Cite this view"),
               N_("Prepare the downloads of this view"))
COMPONENT_HTML = """<div class="ka-dash">
<div class="ka-dash-top"><div class="ka-dash-main"><div class="ka-dash-bar"></div><div class="ka-dash-map"></div>
<p class="ka-dash-hint" data-t="{hint}">{hint}</p></div>
<aside class="ka-dash-side" aria-label="Excerpts" data-t-label="Excerpts"></aside></div>
<section class="ka-dash-figures" aria-label="Figures" data-t-label="Figures"></section>
<section class="ka-dash-tablebox" aria-label="What the map shows" data-t-label="What the map shows"></section>
<details class="ka-dash-cite"><summary data-t="Cite this view">Cite this view</summary><p class="ka-cite-text"></p></details>
<button type="button" class="ka-dash-button ka-dash-downloads" data-t="{downloads}">{downloads}</button>
</div>""".format(
    hint=html.escape(FIXED_TEXTS[0]), downloads=html.escape(FIXED_TEXTS[5]))
COMPONENT_CSS = """
.ka-dash { font-size: 0.95rem; }
.ka-dash-top { display: grid; grid-template-columns: minmax(0, 7fr) minmax(0, 3fr); gap: 1rem; }
@media (max-width: 900px) { .ka-dash-top { grid-template-columns: minmax(0, 1fr); } }
.ka-dash-bar { padding: 4px 0 8px; }
.ka-dash-map { width: 100%; border: 1px solid #ccc; border-radius: 4px; }
.ka-dash .ka-date-big { font-size: 1.6rem; }
.ka-dash-hint, .ka-dash .ka-meta, .ka-dash-count { color: #444; font-size: 0.8rem; }
.ka-dash-side { display: flex; flex-direction: column; gap: 0.4rem; min-width: 0; }
.ka-dash-head { margin: 0.6rem 0 0.2rem; font-size: 1.1rem; }
.ka-dash-jump { width: 100%; padding: 0.35rem; }
.ka-dash-choice { margin-right: 0.7rem; white-space: nowrap; display: inline-block; }
.ka-dash-filter { border: 1px solid #ddd; margin: 0.3rem 0; max-height: 12rem; overflow: auto; }
.ka-dash-filter .ka-dash-choice { display: block; white-space: normal; }
.ka-dash-excerpts { max-height: 420px; overflow: auto; }
.ka-dash-excerpt { border-bottom: 1px solid #eee; padding: 0.2rem 0 0.5rem; }
.ka-dash-actions { display: flex; gap: 0.4rem; }
.ka-dash-button { flex: 1; padding: 0.25rem 0.4rem; border: 1px solid #bbb; border-radius: 4px; background: #fff; cursor: pointer; }
.ka-dash-button:hover { border-color: #d33; color: #d33; }
.ka-dash-highlight { border: 1px solid #e6c200; background: #fffbe0; padding: 0.4rem; border-radius: 4px; }
.ka-dash-balance.ka-balance-uneven { background: #fff6e0; border-left: 3px solid #e69f00; padding: 0.3rem 0.5rem; }
.ka-dash-figcols { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 1rem; }
@media (max-width: 700px) { .ka-dash-figcols { grid-template-columns: minmax(0, 1fr); } }
.ka-dash-areas { display: flex; flex-wrap: wrap; gap: 0.8rem 1.5rem; align-content: flex-start; }
.ka-dash-metric-label { font-size: 0.85rem; color: #444; }
.ka-dash-metric-value { font-size: 1.6rem; }
.ka-dash-table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
.ka-dash-table th, .ka-dash-table td { border-bottom: 1px solid #e5e5e5; padding: 0.2rem 0.4rem; text-align: left; }
.ka-dash-table .ka-num { text-align: right; }
.ka-dash-table-wrap { max-height: 420px; overflow: auto; }
.ka-dash-cite { margin: 0.8rem 0; }
.ka-dash-downloads { flex: none; padding: 0.4rem 0.8rem; }
/* map first: the map fills the window's height, the time bar at its lower edge, the answer
   and the excerpts in a side panel with its own scroll (it never moves the page) */
.ka-dash-top { grid-template-columns: minmax(0, 1fr) 300px; gap: 0.6rem; }
.ka-dash-main { display: flex; flex-direction: column; }
.ka-dash-map { order: 1; height: calc(100vh - 178px) !important; min-height: 380px; }
.ka-dash-bar { order: 2; padding: 2px 0 0; }
.ka-dash-hint { order: 3; }
.ka-dash .ka-timebar { display: grid; grid-template-columns: auto minmax(0, 1fr); column-gap: 10px; row-gap: 2px;
                       align-items: center; }
.ka-dash .ka-date-big { font-size: 1.15rem; grid-column: 1; grid-row: 1; min-width: 0; }
.ka-dash .ka-controls { grid-column: 2; grid-row: 1; gap: 4px; }
.ka-dash .ka-controls button, .ka-dash .ka-controls input { padding: 1px 6px; }
.ka-dash .ka-key-caption { grid-column: 1 / 3; grid-row: 2; min-height: 0; font-size: 0.8rem; }
.ka-dash .ka-slider-row { grid-column: 1 / 3; grid-row: 3; }
.ka-dash .ka-strip-row { grid-column: 1 / 3; grid-row: 4; }
.ka-dash-side { max-height: calc(100vh - 70px); overflow-y: auto; position: sticky; top: 3.2rem; }
.ka-dash .ka-card-box.ka-card-docked { position: sticky; top: 0; z-index: 5; }
.ka-dash .ka-card-docked .ka-card { width: auto; max-height: 50vh; }
@media (max-width: 900px) {
  .ka-dash-top { grid-template-columns: minmax(0, 1fr); }
  .ka-dash-map { height: 66vh !important; min-height: 0; }
  .ka-dash .ka-timebar { display: block; }
  .ka-dash-side { max-height: none; position: static; }
  .ka-dash .ka-card-box.ka-card-docked { position: fixed; left: 0; right: 0; bottom: 0; top: auto; z-index: 1200; }
  .ka-dash .ka-card-docked .ka-card { max-height: 45vh; border-radius: 0; }
}
"""

#: The component: registered once per process.
atlas_map = st.components.v2.component("karabakh_atlas.map", html=COMPONENT_HTML, css=COMPONENT_CSS,
                                       js=engine.static_text(engine.COMPONENT_SCRIPT), isolate_styles=False)


def serve(directory: Path) -> str:
    """Let Streamlit serve ``directory`` (one dataset version's files); return its URL path."""
    component = declare_component(directory.name, path=str(directory))
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return ("/" + base if base else "") + "/component/" + component.name


def show(base: str, names: str, layers, initial: dict, token: str, on_downloads, lang: str = "en",
         days: dict[str, str] | None = None) -> object:
    """Mount the map and the day panels (the same instance on every rerun: key "map").
    ``token`` names the session (the component keeps its view for the tab under it);
    ``on_downloads`` is called when the reader asks for the downloads of the view shown;
    ``days`` replace the engine data's days that move with the calendar (files built on
    another day, :func:`dashboard.served.days_of`)."""
    data = {"base": base, "scripts": list(SCRIPTS), "names": names, "lang": lang, "layers": list(layers),
            "initial": initial, "token": token, "height": MAP_HEIGHT, "days": days or {}}
    return atlas_map(key="map", data=data, on_downloads_change=on_downloads, height="content")
