"""Self-contained HTML exports: the map of one day, and the whole timeline with a slider.

Both files inline Leaflet (:mod:`geo.assets`), their styles and their data, so they open
from disk with no request to any server. They draw with :mod:`geo.render`'s styles,
legend, tooltips and popups, so they look like the dashboard.

Escaping: every text from data reaches the page through :mod:`geo.escape` -- either as
HTML built in Python by ``render``/this module, or as JSON written by
:func:`geo.escape.json_for_script`. The timeline's JavaScript never builds HTML from data
strings: it only moves the pre-escaped HTML strings computed here into the page.
Data text never goes through a Jinja template either (branca's ``Element(text)``
compiles its text as a template, so it is not used for anything holding data).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from branca.element import Element
from shapely.geometry import mapping

from . import __version__, escape, render
from .assets import basemap, leaflet_css, leaflet_js, script_safe
from .atlas import ATLAS_START, Atlas
from .crs import MAP_CENTRE
from .errors import ExportError
from .model import LAYER_TITLES, LAYERS, VANTAGE_GROUPS, Excerpt, Feature, Source
from .names import CONVENTIONS, label

ATTRIBUTION = ("Boundaries: Natural Earth (public domain). Places: GeoNames (CC BY 4.0). Other geometry drawn "
               "by Karabakh Atlas; see each feature's method and accuracy_km.")
DISCLAIMER = ("Lines and areas drawn by hand are approximate; they show the atlas's reading of its cited "
              "sources, not an official boundary.")
BASEMAP_STYLE = {"color": "#8a8a8a", "weight": 1, "fillColor": "#f4f1ea", "fillOpacity": 1}

#: Geometry simplification for the timeline file (Douglas-Peucker, topology preserved).
#: 0.002 degrees is about 220 m north-south and 170 m east-west at 40 degrees N; a
#: feature is never simplified by more than SIMPLIFY_SHARE of its own accuracy_km, so the
#: 1 km control areas get 0.2 km (0.0018 degrees) and the 2-15 km layers 0.002 degrees:
#: far below what the drawn lines claim, and below a pixel at the opening zoom (9).
SIMPLIFY_DEGREES = 0.002
SIMPLIFY_SHARE = 0.2
KM_PER_DEGREE = 111.32
COORD_DECIMALS = 5  # about 1 m
#: Play button: days advanced per tick and tick length (the whole span plays in about a minute).
PLAY_STEP_DAYS, PLAY_TICK_MS = 10, 40

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


class RawHtml(Element):
    """HTML placed in a folium page as it is (not compiled as a Jinja template)."""

    def __init__(self, html: str):
        super().__init__()
        self._html = html

    def render(self, **kwargs) -> str:
        return self._html


# -- helpers shared by both pages -------------------------------------------------------
def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _convention(convention: str) -> str:
    if convention not in CONVENTIONS:
        raise ExportError(f"unknown naming convention {convention!r}; choose from {', '.join(CONVENTIONS)}")
    return convention


def _layers(layers: Iterable[str] | None) -> list[str]:
    if layers is None:
        return list(LAYERS)
    wanted = set(layers)
    unknown = wanted - set(LAYERS)
    if unknown:
        raise ExportError(f"unknown layer(s) {', '.join(sorted(unknown))}; choose from {', '.join(LAYERS)}")
    return [name for name in LAYERS if name in wanted]


def sources_cited(atlas: Atlas, excerpts: Iterable[Excerpt]) -> list[Source]:
    """The sources of ``excerpts``, each once, in the order they are first cited."""
    seen: dict[str, Source] = {}
    for excerpt in excerpts:
        if excerpt.source_id not in seen and excerpt.source_id in atlas.sources:
            seen[excerpt.source_id] = atlas.sources[excerpt.source_id]
    return list(seen.values())


def source_item_html(source: Source) -> str:
    """One cited source: title (linked if it has a safe URL), authors, vantage group, published."""
    authors = ", ".join(source.authors) if source.authors else "author not named"
    group = VANTAGE_GROUPS.get(source.vantage_group, source.vantage_group)
    return (f'<li class="ka-source" data-source="{escape.text(source.id)}">'
            f'{escape.link(source.title, source.meta.get("url"))}'
            f' <span class="ka-meta">— {escape.text(authors)}; vantage: {escape.text(group)};'
            f' published {escape.text(source.published.text)}</span></li>')


def _notes_html() -> str:
    return (f'<p class="ka-attribution">{escape.text(ATTRIBUTION)}</p>'
            f'<p class="ka-disclaimer">{escape.text(DISCLAIMER)}</p>')


def _class_id(feature_id: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c == "-") else "-" for c in feature_id.lower())


PAGE_CSS = """
html, body { height: 100%; margin: 0; padding: 0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
       color: #1d1d1d; background: #fff; }
.ka-side { overflow-y: auto; padding: 12px 16px 24px; box-sizing: border-box; border-left: 1px solid #ccc;
           background: #fbfbf9; }
.ka-side h1 { font-size: 20px; margin: 0 0 2px; }
.ka-side h2 { font-size: 15px; margin: 14px 0 6px; }
.ka-sub { margin: 0; color: #444; }
.ka-excerpt { border-top: 1px solid #ddd; padding: 8px 0; }
.ka-excerpt blockquote { margin: 0 0 4px; font-style: italic; }
.ka-none { color: #555; font-style: italic; }
.ka-foot { margin-top: 18px; color: #555; font-size: 12px; }
.ka-caption { position: absolute; top: 10px; left: 54px; z-index: 1000; max-width: min(380px, 60%);
              max-height: calc(100% - 330px); min-height: 40px; overflow-y: auto; box-sizing: border-box;
              background: rgba(255,255,255,.94); border: 1px solid #999; border-radius: 4px;
              padding: 6px 10px; font-size: 12.5px; line-height: 1.4; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.ka-caption summary { cursor: pointer; font-weight: 600; font-size: 14px; }
.ka-caption-date { font-size: 17px; }
.ka-caption ul { margin: 2px 0 4px; padding-left: 18px; }
.ka-caption p { margin: 6px 0 0; }
.ka-caption-head { margin-top: 6px; font-weight: 600; }
.ka-attribution { color: #333; }
.ka-disclaimer { color: #6b2a00; }
/* a clicked shape keeps the keyboard focus: no focus box for the mouse, kept for the keyboard */
.leaflet-container .leaflet-interactive:focus:not(:focus-visible) { outline: none; }
.ka-legend { border: 1px solid #999; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
"""


# -- the map of one day -------------------------------------------------------------------
DAY_CSS = """
body.ka-day { display: grid; grid-template-columns: minmax(0, 1fr) 420px; grid-template-rows: 100vh; }
body.ka-day > .folium-map { grid-column: 1; grid-row: 1; width: 100% !important; height: 100% !important; }
body.ka-day > .ka-side { grid-column: 2; grid-row: 1; }
@media (max-width: 900px) {
  body.ka-day { display: flex; flex-direction: column; }
  body.ka-day > .folium-map { order: 0; flex: none; height: 78vh !important; }
  body.ka-day > .ka-side { order: 1; }
  .ka-side { border-left: 0; border-top: 1px solid #ccc; }
}
"""

# Runs after folium's script: moves the caption and legend into the map (so they sit on
# it and do not pass clicks or wheel events to it), marks each drawn feature's path with
# a class ka-f-<id>, and offers window.kaVisibleIds() (read-only) for tests.
#: Shared by both pages: a popup opens under the caption (which sits above the map's
#: panes), so the caption folds; on a small screen it starts folded.
CAPTION_JS = """
function kaFoldCaptionOnPopup(map) {
  function foldCaption() {
    var details = document.querySelector("#ka-caption details");
    if (details) { details.open = false; }
  }
  map.on("popupopen", foldCaption);
  if (map.getContainer().clientWidth < 800) { foldCaption(); }
}
"""

DAY_JS = """
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var map = window[%(map)s];
  if (!map) { return; }
  var box = map.getContainer();
  ["ka-caption", "ka-legend-box"].forEach(function (name) {
    var el = document.getElementById(name) || document.querySelector("." + name);
    if (el) {
      box.appendChild(el);
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.disableScrollPropagation(el);
    }
  });
  function featureLayers() {
    var found = [];
    map.eachLayer(function (layer) {
      var p = layer.feature && layer.feature.properties;
      if (p && p.layer && p.id) { found.push(layer); }
    });
    return found;
  }
  kaFoldCaptionOnPopup(map);
  featureLayers().forEach(function (layer) {
    var el = layer.getElement && layer.getElement();
    var id = String(layer.feature.properties.id).toLowerCase().replace(/[^a-z0-9-]/g, "-");
    if (el) { el.classList.add("ka-f-" + id); }
  });
  window.kaVisibleIds = function () {
    return featureLayers().map(function (layer) { return layer.feature.properties.id; }).sort();
  };
});
"""


def _head(html: str, title: str, body_class: str) -> str:
    """Put ``<meta charset>``, the viewport and the title first in folium's <head>."""
    head = (f'<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape.text(title)}</title>\n<meta name="generator" content="karabakh-atlas {__version__}">')
    html = html.replace("<html>", '<html lang="en">', 1).replace("<head>", head, 1)
    return html.replace("<body>", f'<body class="{body_class}">', 1)


def day_caption_html(atlas: Atlas, day: dt.date, convention: str, excerpts: list[Excerpt]) -> str:
    """The box on the day map: date, naming convention, sources cited, attribution, disclaimer."""
    sources = sources_cited(atlas, excerpts)
    if sources:
        cited = '<ul class="ka-sources">' + "".join(source_item_html(s) for s in sources) + "</ul>"
    else:
        cited = '<p class="ka-none">No excerpt in the atlas speaks of this day, so no source is cited.</p>'
    return (f'<div id="ka-caption" class="ka-caption"><details open><summary>'
            f'<span class="ka-caption-date">{escape.text(long_date(day))}</span></summary>'
            f'<div>Date shown: <b>{escape.text(day.isoformat())}</b> · names: '
            f'{escape.text(render.naming_label(convention))}</div>'
            f'<div class="ka-caption-head">Sources cited by this day\'s excerpts</div>{cited}'
            f'{_notes_html()}</details></div>')


def _excerpt_list_html(atlas: Atlas, excerpts: list[Excerpt], convention: str) -> str:
    if not excerpts:
        return '<p class="ka-none">No excerpt in the atlas speaks of this day.</p>'
    return "".join(render.excerpt_html(atlas, e, convention) for e in excerpts)


def day_map_html(atlas: Atlas, day: dt.date, layers: Iterable[str] | None = None, convention: str = "en") -> str:
    """One self-contained HTML page: the map of ``day`` (the chosen layers, names in
    ``convention``) with legend, caption, tooltips and popups, and the day's excerpts."""
    convention = _convention(convention)
    wanted = _layers(layers)
    excerpts = atlas.excerpts_on(day)
    m = render.base_map(assets="inline")
    for group in render.feature_groups(atlas, day, wanted, convention):
        group.add_to(m)
    root = m.get_root()
    root.header.add_child(RawHtml(f"<style>{script_safe(PAGE_CSS + DAY_CSS)}</style>"), name="ka_day_css")
    root.html.add_child(render.legend_element(), name="ka_legend")
    root.html.add_child(RawHtml(day_caption_html(atlas, day, convention, excerpts)), name="ka_caption")
    layer_names = ", ".join(LAYER_TITLES[name] for name in wanted) or "none"
    side = (f'<aside class="ka-side" aria-label="Excerpts"><h1>Karabakh Atlas</h1>'
            f'<p class="ka-sub">The map of <b>{escape.text(long_date(day))}</b> · names: '
            f'{escape.text(render.naming_label(convention))}</p>'
            f'<p class="ka-sub">Layers: {escape.text(layer_names)}</p>'
            f'<h2>Excerpts speaking of this day ({len(excerpts)})</h2>'
            f'<div class="ka-excerpts" id="ka-excerpts">{_excerpt_list_html(atlas, excerpts, convention)}</div>'
            f'<p class="ka-foot">Made with karabakh-atlas {escape.text(__version__)}. Every quote is verbatim '
            f'from its source; hover over a feature for its names and dates, click it for its excerpts.</p>'
            f'</aside>')
    root.html.add_child(RawHtml(side), name="ka_side")
    root.script.add_child(RawHtml(CAPTION_JS + DAY_JS % {"map": escape.json_for_script(m.get_name())}),
                          name="ka_day_js")
    html = root.render()
    return _head(html, f"Karabakh Atlas — {long_date(day)}", "ka-day")


# -- the timeline ----------------------------------------------------------------------
def simplify_tolerance(feature: Feature) -> float:
    """Degrees of Douglas-Peucker tolerance for a feature (0 for points)."""
    if feature.geometry.geom_type in ("Point", "MultiPoint"):
        return 0.0
    return min(SIMPLIFY_DEGREES, SIMPLIFY_SHARE * max(feature.accuracy_km, 0.0) / KM_PER_DEGREE)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORD_DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def display_geometry(feature: Feature) -> dict:
    """The feature's geometry for the timeline: simplified within its accuracy, rounded to ~1 m."""
    geometry = feature.geometry
    tolerance = simplify_tolerance(feature)
    if tolerance > 0:
        simplified = geometry.simplify(tolerance, preserve_topology=True)
        if not simplified.is_empty:
            geometry = simplified
    shape = mapping(geometry)
    if shape["type"] == "GeometryCollection":  # not produced by simplify of the layers' types; kept as is
        return shape
    return {"type": shape["type"], "coordinates": _rounded(shape["coordinates"])}


def _status_starts(feature: Feature) -> list[dt.date]:
    return sorted({c.since.first for c in feature.status_changes})


def _variants(atlas: Atlas, feature: Feature, convention: str) -> list[list]:
    """[start ISO or None, tooltip HTML, popup HTML] for each period of the feature's
    status history (a tooltip shows the status in force on the day shown)."""
    out = [[None, render.tooltip_html(feature, convention, None), render.popup_html(atlas, feature, convention, None)]]
    for start in _status_starts(feature):
        out.append([start.isoformat(), render.tooltip_html(feature, convention, start),
                    render.popup_html(atlas, feature, convention, start)])
    return out


def _timeline_feature(atlas: Atlas, feature: Feature, convention: str) -> dict:
    style = dict(render.style_for(feature))
    style["className"] = f"ka-f ka-f-{_class_id(feature.id)}"
    v = feature.validity
    props = {"id": feature.id, "layer": feature.layer,
             "from": v.start.isoformat() if v.start else None, "to": v.end.isoformat() if v.end else None,
             "style": style, "variants": _variants(atlas, feature, convention), "label": None}
    if feature.layer == "places" and feature.geometry.geom_type == "Point":
        props["label"] = f'<span class="ka-label">{escape.text(label(feature, convention))}</span>'
    return {"type": "Feature", "geometry": display_geometry(feature), "properties": props}


def timeline_data(atlas: Atlas, convention: str = "en", layers: Iterable[str] | None = None,
                  today: dt.date | None = None) -> dict:
    """Everything the timeline page needs, with every data text already escaped as HTML."""
    convention = _convention(convention)
    wanted = _layers(layers)
    today = today or dt.date.today()
    layer_items = []
    for name in wanted:
        features = sorted(atlas.layer(name), key=lambda f: (f.validity.start or dt.date.min, f.id))
        layer_items.append({"name": name, "title": escape.text(LAYER_TITLES[name]),
                            "features": {"type": "FeatureCollection",
                                         "features": [_timeline_feature(atlas, f, convention) for f in features]}})
    ordered = sorted(atlas.excerpts, key=lambda e: (e.date.first, e.date.last, e.id), reverse=True)
    excerpts = [{"id": e.id, "first": e.date.first.isoformat(), "last": e.date.last.isoformat(),
                 "source": e.source_id, "html": render.excerpt_html(atlas, e, convention)} for e in ordered]
    sources = {sid: source_item_html(s) for sid, s in atlas.sources.items()}
    return {"start": ATLAS_START.isoformat(), "exportDay": today.isoformat(), "initial": today.isoformat(),
            "keyDates": [d.isoformat() for d in atlas.key_dates],
            "map": {"center": list(MAP_CENTRE), "zoom": 9, "minZoom": 6, "maxZoom": 14},
            "basemap": basemap(), "basemapStyle": BASEMAP_STYLE, "layers": layer_items,
            "excerpts": excerpts, "sources": sources,
            "play": {"stepDays": PLAY_STEP_DAYS, "tickMs": PLAY_TICK_MS}}


TIMELINE_CSS = """
body.ka-timeline { display: grid; grid-template-columns: minmax(0, 1fr) 420px;
                   grid-template-rows: auto minmax(0, 1fr); height: 100vh; }
.ka-bar { grid-column: 1 / 3; grid-row: 1; display: flex; flex-wrap: wrap; align-items: center;
          gap: 6px 16px; padding: 8px 14px; border-bottom: 1px solid #bbb; background: #f3f1ec; }
.ka-date-big { font-size: 34px; font-weight: 700; line-height: 1.1; min-width: 9.5em; font-variant-numeric: tabular-nums; }
.ka-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.ka-controls button, .ka-controls input { font: inherit; padding: 3px 9px; }
.ka-controls button { cursor: pointer; border: 1px solid #777; border-radius: 4px; background: #fff; }
.ka-controls button:disabled { cursor: default; color: #999; border-color: #ccc; }
.ka-names { color: #444; }
.ka-slider-row { flex: 1 0 100%; display: flex; align-items: center; gap: 10px; }
.ka-slider-row input[type=range] { flex: 1; min-width: 200px; accent-color: #0072B2; }
.ka-slider-end { color: #555; font-size: 12px; white-space: nowrap; }
#ka-map { grid-column: 1; grid-row: 2; position: relative; min-height: 300px; }
body.ka-timeline > .ka-side { grid-column: 2; grid-row: 2; }
@media (max-width: 900px) {
  body.ka-timeline { display: block; height: auto; }
  #ka-map { height: 70vh; }
  .ka-date-big { font-size: 26px; }
  .ka-side { border-left: 0; border-top: 1px solid #ccc; }
}
"""

# The timeline's script. It reads its data from the JSON element #ka-data and inserts
# only HTML strings that Python escaped (tooltips, popups, excerpts, sources, labels);
# every other text is set with textContent.
TIMELINE_JS = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("ka-data").textContent);
  var DAY_MS = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];

  function parseIso(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
    if (!m) { return null; }
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    var d = new Date(t);
    return (d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]) ? t : null;
  }
  function isoOf(t) { return new Date(t).toISOString().slice(0, 10); }
  function longDate(iso) {
    var p = iso.split("-");
    return (+p[2]) + " " + MONTHS[+p[1] - 1] + " " + p[0];
  }
  function localToday() {
    var n = new Date();
    return isoOf(Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()));
  }

  var FIRST = DATA.start;
  var LAST = [localToday(), DATA.exportDay].concat(DATA.keyDates.slice(-1)).sort().pop();
  var START_MS = parseIso(FIRST);
  var MAX_INDEX = Math.round((parseIso(LAST) - START_MS) / DAY_MS);
  function indexOfIso(iso) { return Math.round((parseIso(iso) - START_MS) / DAY_MS); }
  function isoAt(i) { return isoOf(START_MS + i * DAY_MS); }

  // -- the map ----------------------------------------------------------------------
  var map = L.map("ka-map", {center: DATA.map.center, zoom: DATA.map.zoom, minZoom: DATA.map.minZoom,
                             maxZoom: DATA.map.maxZoom, preferCanvas: false});
  L.control.scale().addTo(map);
  L.geoJSON(DATA.basemap, {interactive: false, style: function () { return DATA.basemapStyle; }}).addTo(map);

  var entries = [];
  var overlays = {};
  DATA.layers.forEach(function (item, i) {
    var pane = "ka-pane-" + item.name;
    map.createPane(pane).style.zIndex = String(410 + i);
    var group = L.layerGroup().addTo(map);
    overlays[item.title] = group;  // the title is escaped HTML
    L.geoJSON(item.features, {
      pane: pane,
      style: function (f) { return f.properties.style; },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, L.extend({pane: pane}, f.properties.style));
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layer.bindTooltip(p.variants[0][1], {sticky: true});  // HTML escaped in Python
        layer.bindPopup(p.variants[0][2], {maxWidth: 420, autoPanPaddingTopLeft: [10, 56]});  // escaped in Python
        layer.on("mouseover", function () { layer.setStyle({weight: 5}); });
        layer.on("mouseout", function () { layer.setStyle(p.style); });
        var labelMarker = null;
        if (p.label && layer.getLatLng) {
          labelMarker = L.marker(layer.getLatLng(), {interactive: false, keyboard: false,
            icon: L.divIcon({html: p.label, className: "ka-label-icon", iconSize: [0, 0], iconAnchor: [-6, 8]})});
        }
        entries.push({id: p.id, from: p.from, to: p.to, group: group, layer: layer, label: labelMarker,
                      variants: p.variants, variant: 0, shown: false});
      }
    });
  });
  L.control.layers(null, overlays, {collapsed: true, position: "topright"}).addTo(map);
  kaFoldCaptionOnPopup(map);
  ["ka-caption", "ka-legend-box"].forEach(function (name) {
    var el = document.getElementById(name) || document.querySelector("." + name);
    if (el) {
      map.getContainer().appendChild(el);
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.disableScrollPropagation(el);
    }
  });

  // The atlas's rule: shown on D when start(valid_from) <= D < start(valid_to), open ends null.
  function validOn(e, iso) { return (e.from === null || e.from <= iso) && (e.to === null || iso < e.to); }
  function variantOn(e, iso) {
    var k = 0;
    for (var j = 1; j < e.variants.length; j++) { if (e.variants[j][0] <= iso) { k = j; } }
    return k;
  }
  function showFeatures(iso) {
    entries.forEach(function (e) {
      var on = validOn(e, iso);
      if (on !== e.shown) {
        if (on) {
          e.group.addLayer(e.layer);
          if (e.label) { e.group.addLayer(e.label); }
        } else {
          e.group.removeLayer(e.layer);
          if (e.label) { e.group.removeLayer(e.label); }
        }
        e.shown = on;
      }
      var k = variantOn(e, iso);
      if (k !== e.variant) {
        e.layer.setTooltipContent(e.variants[k][1]);
        e.layer.setPopupContent(e.variants[k][2]);
        e.variant = k;
      }
    });
  }

  // -- excerpts and sources -------------------------------------------------------------
  var excerptList = document.getElementById("ka-excerpts");
  var sourceList = document.getElementById("ka-sources");
  var noSources = document.getElementById("ka-no-sources");
  var lastKey = null;
  function note(text) {
    var p = document.createElement("p");
    p.className = "ka-none";
    p.textContent = text;
    return p;
  }
  function showExcerpts(iso) {
    var found = DATA.excerpts.filter(function (x) { return x.first <= iso && iso <= x.last; });
    var key = found.map(function (x) { return x.id; }).join(" ");
    document.getElementById("ka-excerpt-count").textContent = String(found.length);
    if (key === lastKey) { return; }
    lastKey = key;
    excerptList.innerHTML = found.map(function (x) { return x.html; }).join("");  // escaped in Python
    if (!found.length) { excerptList.appendChild(note("No excerpt in the atlas speaks of this day.")); }
    var seen = {};
    var items = [];
    found.forEach(function (x) {
      if (!seen[x.source] && DATA.sources[x.source]) { seen[x.source] = true; items.push(DATA.sources[x.source]); }
    });
    sourceList.innerHTML = items.join("");  // escaped in Python
    noSources.hidden = items.length > 0;
  }

  // -- controls ------------------------------------------------------------------------
  var slider = document.getElementById("ka-slider");
  var dateInput = document.getElementById("ka-date-input");
  var bigDate = document.getElementById("ka-date");
  var prevButton = document.getElementById("ka-prev");
  var nextButton = document.getElementById("ka-next");
  var playButton = document.getElementById("ka-play");
  slider.min = "0";
  slider.max = String(MAX_INDEX);
  dateInput.min = FIRST;
  dateInput.max = LAST;
  document.getElementById("ka-slider-first").textContent = longDate(FIRST);
  document.getElementById("ka-slider-last").textContent = longDate(LAST);

  function nextKey(iso) {
    for (var i = 0; i < DATA.keyDates.length; i++) {
      var k = DATA.keyDates[i];
      if (k > iso && k <= LAST) { return k; }
    }
    return null;
  }
  function prevKey(iso) {
    for (var i = DATA.keyDates.length - 1; i >= 0; i--) {
      var k = DATA.keyDates[i];
      if (k < iso && k >= FIRST) { return k; }
    }
    return null;
  }

  var current = null;
  var hashTimer = null;
  // The address follows the date shown, a little later (so that dragging or playing does
  // not flood the history API); a hash changed meanwhile by someone else is left alone:
  // its hashchange event sets the date.
  function writeHash(iso) {
    clearTimeout(hashTimer);
    var before = location.hash;
    hashTimer = setTimeout(function () {
      if (location.hash !== before || location.hash === "#" + iso) { return; }
      try { history.replaceState(null, "", "#" + iso); } catch (err) { location.hash = iso; }
    }, 150);
  }
  function setDate(iso) {
    if (parseIso(iso) === null) { return false; }
    if (iso < FIRST) { iso = FIRST; }
    if (iso > LAST) { iso = LAST; }
    current = iso;
    slider.value = String(indexOfIso(iso));
    slider.setAttribute("aria-valuetext", longDate(iso));
    if (dateInput.value !== iso) { dateInput.value = iso; }
    bigDate.textContent = longDate(iso);
    document.getElementById("ka-excerpt-date").textContent = longDate(iso);
    document.title = "Karabakh Atlas — " + longDate(iso);
    showFeatures(iso);
    showExcerpts(iso);
    prevButton.disabled = prevKey(iso) === null;
    nextButton.disabled = nextKey(iso) === null;
    writeHash(iso);
    return true;
  }

  var timer = null;
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    playButton.textContent = "▶ Play";
    playButton.setAttribute("aria-pressed", "false");
  }
  function play() {
    if (+slider.value >= MAX_INDEX) { setDate(FIRST); }
    playButton.textContent = "❚❚ Pause";
    playButton.setAttribute("aria-pressed", "true");
    timer = setInterval(function () {
      var i = +slider.value + DATA.play.stepDays;
      if (i >= MAX_INDEX) { setDate(LAST); stop(); } else { setDate(isoAt(i)); }
    }, DATA.play.tickMs);
  }
  playButton.addEventListener("click", function () { if (timer === null) { play(); } else { stop(); } });
  slider.addEventListener("input", function () { stop(); setDate(isoAt(+slider.value)); });
  dateInput.addEventListener("change", function () {
    stop();
    if (!setDate(dateInput.value)) { dateInput.value = current; }
  });
  prevButton.addEventListener("click", function () { stop(); var d = prevKey(current); if (d) { setDate(d); } });
  nextButton.addEventListener("click", function () { stop(); var d = nextKey(current); if (d) { setDate(d); } });

  function hashDate() {
    var h = location.hash.replace(/^#/, "");
    return parseIso(h) === null ? null : h;
  }
  window.addEventListener("hashchange", function () {
    var h = hashDate();
    if (h && h !== current) { stop(); setDate(h); }
  });

  // Read-only helpers (used by the tests): ids of the features drawn now, and the date shown.
  window.kaVisibleIds = function () {
    return entries.filter(function (e) { return e.shown && map.hasLayer(e.group); })
                  .map(function (e) { return e.id; }).sort();
  };
  window.kaCurrentDate = function () { return current; };

  setDate(hashDate() || DATA.initial);
}());
"""


def timeline_html(atlas: Atlas, convention: str = "en", layers: Iterable[str] | None = None,
                  today: dt.date | None = None) -> str:
    """One self-contained HTML page with the whole temporal dataset and a date slider
    (from 1988-02-20 to today); ``#YYYY-MM-DD`` in the address opens that day."""
    data = timeline_data(atlas, convention, layers, today)
    naming = escape.text(render.naming_label(convention))
    year = escape.text(data["exportDay"][:4])
    caption = (f'<div id="ka-caption" class="ka-caption"><details open><summary>About this map</summary>'
               f'<div>Names: {naming} (other variants in the tooltips)</div>'
               f'<div class="ka-caption-head">Sources cited by the excerpts of this day</div>'
               f'<ul class="ka-sources" id="ka-sources"></ul>'
               f'<p class="ka-none" id="ka-no-sources">No excerpt in the atlas speaks of this day.</p>'
               f'{_notes_html()}</details></div>')
    return "".join([
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<title>Karabakh Atlas — timeline 1988–{year}</title>\n',
        f'<meta name="generator" content="karabakh-atlas {escape.text(__version__)}">\n',
        f"<style>{script_safe(leaflet_css())}</style>\n",
        f"<style>{script_safe(render.MAP_CSS + PAGE_CSS + TIMELINE_CSS)}</style>\n",
        f"<script>{script_safe(leaflet_js())}</script>\n",
        '</head>\n<body class="ka-timeline">\n',
        '<header class="ka-bar">',
        '<div class="ka-date-big" id="ka-date" aria-live="polite"></div>',
        '<div class="ka-controls">',
        '<button type="button" id="ka-prev" title="The previous date on which the map or the excerpts change">'
        '◀ Previous key date</button>',
        '<button type="button" id="ka-play" aria-pressed="false" title="Play through time">▶ Play</button>',
        '<button type="button" id="ka-next" title="The next date on which the map or the excerpts change">'
        'Next key date ▶</button>',
        '<label>Date <input type="date" id="ka-date-input" required></label>',
        f'<span class="ka-names">Names: {naming}</span>',
        '</div>',
        '<div class="ka-slider-row"><span class="ka-slider-end" id="ka-slider-first"></span>',
        '<input type="range" id="ka-slider" step="1" aria-label="Date shown on the map">',
        '<span class="ka-slider-end" id="ka-slider-last"></span></div>',
        '</header>\n',
        '<div id="ka-map"></div>\n',
        '<aside class="ka-side" aria-label="Excerpts"><h1>Karabakh Atlas</h1>',
        '<p class="ka-sub">The atlas through time: move the slider, use the key-date buttons or type a date. '
        'The address of this page ends with the date shown, so it can be sent to point at a moment.</p>',
        '<h2>Excerpts speaking of <span id="ka-excerpt-date"></span> (<span id="ka-excerpt-count">0</span>)</h2>',
        '<div class="ka-excerpts" id="ka-excerpts"></div>',
        f'<p class="ka-foot">Made with karabakh-atlas {escape.text(__version__)} on '
        f'{escape.text(data["exportDay"])}. Every quote is verbatim from its source; hover over a feature for its '
        f'names and dates, click it for its excerpts.</p></aside>\n',
        caption, "\n", f'<div class="ka-legend-box">{render.legend_html()}</div>\n',
        f'<script type="application/json" id="ka-data">{escape.json_for_script(data)}</script>\n',
        f"<script>{script_safe(CAPTION_JS + TIMELINE_JS)}</script>\n",
        "</body>\n</html>\n",
    ])
