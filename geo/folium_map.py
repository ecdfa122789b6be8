"""folium maps of one day, drawn with the atlas's own cartography, for notebooks.

:func:`day_map` returns a :class:`folium.Map` of the features drawn on a day: one
toggleable group per layer of the layer registry (bottom first), each feature styled as
the map engine styles it (:func:`feature_style`: the registry's fills, outlines and
dashes, the road status style of a route, the dotted and fainter style of a feature
inside an uncertain interval), tooltips and popups from :mod:`geo.render`, place labels,
road status labels ("Lachin road: closed or blocked since ..."), a legend of what is
drawn that day and a caption with the date, the naming convention and the dataset
version. The base map (country outlines, rivers and lakes) is drawn from the dataset, so
no tile server is needed.

Leaflet comes from the installed ``django-js-lib-leaflet`` package, inlined as ``data:``
URLs (:func:`offline`): the map works with no network, in a notebook and in a saved
file. folium's other default assets (jQuery, Bootstrap, Font Awesome and the
awesome-markers plugin, all from CDNs) are left out; a user who adds an element that
needs them (``folium.Icon``) brings them back with ``offline(m, keep_cdn=True)``.

A user extends the map like any folium map (``folium.GeoJson(...).add_to(m)``,
``m.save("map.html")``); :func:`explore_kwds` gives ``GeoDataFrame.explore`` the same
styles and an offline map to draw on.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
from typing import Any, Callable, Iterable, Mapping

import folium
from branca.element import Element, MacroElement
from jinja2 import Template
from shapely.geometry import mapping

from . import engine, render
from . import layers as layer_registry
from .assets import basemap, leaflet_css, leaflet_js
from .atlas import Atlas
from .cartography import rivers
from .dataset import stamp
from .dates import status_on
from .export import feature_record
from .model import Feature
from .names import label

#: The uncertain-date mark of a legend row (as in the engine's live legend).
UNCERTAIN_SUFFIX = " (date of change uncertain)"
#: Properties added to each feature for the tooltip and the popup.
TOOLTIP, POPUP = "ka_tooltip", "ka_popup"


# -- offline assets ----------------------------------------------------------------------
def _data_url(mime: str, text: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"


def offline(m: folium.Map, keep_cdn: bool = False) -> folium.Map:
    """Make ``m`` load Leaflet from the installed package (inlined ``data:`` URLs) instead
    of a CDN; without ``keep_cdn`` folium's other CDN assets are dropped. Returns ``m``."""
    js = [("leaflet", _data_url("text/javascript", leaflet_js()))]
    css = [("leaflet_css", _data_url("text/css", leaflet_css()))]
    if keep_cdn:
        js += [item for item in folium.Map.default_js if item[0] != "leaflet"]
        css += [item for item in folium.Map.default_css if item[0] != "leaflet_css"]
    m.default_js, m.default_css = js, css  # instance attributes: folium's class defaults stay as they are
    return m


def blank_map(location: Iterable[float] | None = None, zoom_start: int | None = None, **kwargs: Any) -> folium.Map:
    """An offline folium map of the region with the atlas's styles loaded and no tiles."""
    view = engine.MAP_VIEW
    m = folium.Map(location=list(location or view["center"]), zoom_start=zoom_start or view["zoom"] - 1,
                   tiles=None, min_zoom=view["minZoom"], max_zoom=view["maxZoom"], control_scale=True, **kwargs)
    offline(m)
    m.get_root().header.add_child(Element(f"<style>{engine.static_text(engine.STYLESHEET)}</style>"),
                                  name="ka_engine_css")
    return m


def add_basemap(m: folium.Map, atlas: Atlas | None = None) -> folium.Map:
    """Country outlines (and the dataset's rivers and lakes) under everything else."""
    style = dict(engine.BASEMAP_STYLE)
    folium.GeoJson(basemap(), name="Countries", control=False, style_function=lambda _: style,
                   interactive=False).add_to(m)
    water = rivers(atlas) if atlas is not None else None
    if water:
        rs = engine.RIVER_STYLE

        def river_style(feature: dict) -> dict:
            named = (feature.get("properties") or {}).get("name")
            return {**rs, "weight": engine.NAMED_RIVER_WEIGHT if named else rs["weight"]}

        folium.GeoJson(water, name="Rivers and lakes", control=False, style_function=river_style,
                       interactive=False).add_to(m)
    return m


# -- styles -------------------------------------------------------------------------------
def style_key(layer_id: str, properties: Mapping[str, Any]) -> str:
    """The registry style key of a feature on a day: its kind (or side), with the road
    status in force that day (``kind|status``) when the layer styles that status."""
    layer = layer_registry.get(layer_id)
    key = layer.style_key(properties)
    status = properties.get("status_on_date")
    if status and f"{key}|{status}" in layer.styles:
        return f"{key}|{status}"
    return key


def feature_style(layer_id: str, properties: Mapping[str, Any]) -> dict:
    """The Leaflet style of a feature from its properties on a day (``uncertain_on_date``,
    ``status_on_date``, as :func:`geo.export.feature_record` and the API's frames carry
    them): the registry's style, dotted and fainter when uncertain (:func:`geo.render.key_styles`)."""
    certain, uncertain = render.key_styles(layer_id, style_key(layer_id, properties))
    style = uncertain if properties.get("uncertain_on_date") else certain
    if layer_registry.has_role(layer_id, "event", "place") or "radius" in style:
        style = {**style, "fill": True}
    return {k: v for k, v in style.items() if v is not None}


def style_function(layer_id: str) -> Callable[[dict], dict]:
    """A folium ``style_function`` (a GeoJSON feature -> its style) for one layer."""
    def style(feature: dict) -> dict:
        return feature_style(layer_id, feature.get("properties") or {})
    return style


def explore_kwds(layer_id: str, m: folium.Map | None = None) -> dict[str, Any]:
    """Keywords for ``GeoDataFrame.explore`` on a frame of one layer on a day (from
    :func:`geo.api.frame`): the atlas's styles, circle markers for points, no tiles, and an
    offline map to draw on (``m``, default a new :func:`blank_map` with the base map)::

        frame.explore(**explore_kwds(layer_id))
    """
    radius = next((e.style.get("radius") for e in layer_registry.get(layer_id).styles.values()
                   if e.style.get("radius")), 5)
    return {"m": m if m is not None else add_basemap(blank_map()),
            "style_kwds": {"style_function": style_function(layer_id)},
            "highlight_kwds": dict(layer_registry.HIGHLIGHT_STYLE),
            "marker_type": "circle_marker", "marker_kwds": {"radius": radius},
            "tooltip": ["name", "kind", "valid_from_edtf", "valid_to_edtf", "uncertain"], "popup": True,
            "tiles": None}


# -- the pieces of a day map --------------------------------------------------------------
class _Box(MacroElement):
    """A Leaflet control holding trusted, already escaped HTML (the legend, the caption)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
          var box = L.control({position: {{ this.position|tojson }}});
          box.onAdd = function () {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
          };
          box.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, html_text: str, position: str, css_class: str):
        super().__init__()
        self._name = "KaBox"
        self.html, self.position, self.css_class = html_text, position, css_class


def _swatch(style: Mapping[str, Any], family: str) -> str:
    colour = html.escape(str(style.get("color") or "#000"))
    dash = html.escape(str(style.get("dashArray") or ""))
    stroke = f'stroke="{colour}" stroke-width="{min(float(style.get("weight") or 1), 5)}" ' \
             f'stroke-opacity="{style.get("opacity", 1)}"' + (f' stroke-dasharray="{dash}"' if dash else "")
    if family == "Point":
        fill = html.escape(str(style.get("fillColor") or colour))
        shape = f'<circle cx="14" cy="7" r="5" fill="{fill}" fill-opacity="{style.get("fillOpacity", 1)}" {stroke}/>'
    elif family == "Polygon":
        fill = html.escape(str(style.get("fillColor") or "none"))
        shape = (f'<rect x="2" y="2" width="24" height="10" fill="{fill}" '
                 f'fill-opacity="{style.get("fillOpacity", 0.2)}" {stroke}/>')
    else:
        shape = f'<line x1="1" y1="7" x2="27" y2="7" {stroke}/>'
    return f'<svg class="ka-swatch-svg" width="28" height="14" viewBox="0 0 28 14" aria-hidden="true">{shape}</svg>'


_FAMILY = {"Point": "Point", "MultiPoint": "Point", "LineString": "Line", "MultiLineString": "Line",
           "Polygon": "Polygon", "MultiPolygon": "Polygon"}


def legend_rows(drawn: Iterable[tuple[Feature, dict]]) -> list[tuple[str, str, dict, str]]:
    """(id, label, style, geometry family) of each legend row for the features drawn, once
    per style (and once more for its uncertain form), control areas first, then layers
    bottom-up: what the engine's live legend lists."""
    seen: dict[str, tuple[int, str, str, dict, str]] = {}
    for feature, props in drawn:
        layer = layer_registry.get(feature.layer)
        key = style_key(feature.layer, props)
        uncertain = bool(props.get("uncertain_on_date"))
        row_id = f"{feature.layer}:{key}" + ("~" if uncertain else "")
        if row_id in seen:
            continue
        order = -1 if layer_registry.has_role(feature.layer, "control") else layer_registry.LAYER_IDS.index(feature.layer)
        text = layer.styles[key].label + (UNCERTAIN_SUFFIX if uncertain else "")
        seen[row_id] = (order, text, row_id, feature_style(feature.layer, props),
                        _FAMILY.get(feature.geometry.geom_type, "Line"))
    return [(r[2], r[1], r[3], r[4]) for r in sorted(seen.values(), key=lambda r: (r[0], r[1]))]


def legend_html(rows: list[tuple[str, str, dict, str]]) -> str:
    body = "".join(f'<div class="ka-legend-row" data-key="{html.escape(rid)}">{_swatch(style, family)}'
                   f"<span>{html.escape(text)}</span></div>" for rid, text, style, family in rows)
    body += (f'<div class="ka-legend-row ka-legend-base">{_swatch(engine.BASEMAP_STYLE, "Line")}'
             f"<span>International border</span></div>")
    if not rows:
        body = '<div class="ka-none">No layer is drawn on this day.</div>' + body
    return f'<details class="ka-legend ka-legend-live" open><summary>Legend</summary>{body}</details>'


def caption_html(atlas: Atlas, day: dt.date, convention: str) -> str:
    from .export_html import ATTRIBUTION, DISCLAIMER, long_date, sources_cited
    excerpts = atlas.excerpts_on(day)
    sources = sources_cited(atlas, excerpts)
    cited = ("".join(f"<li>{html.escape(s.citation())}</li>" for s in sources) if sources
             else "<li>No excerpt in the atlas speaks of this day.</li>")
    return (f'<div class="ka-caption"><details open><summary><span class="ka-caption-date">'
            f"{html.escape(long_date(day))}</span></summary>"
            f"<div>Date shown: <b>{day.isoformat()}</b> · names: {html.escape(render.naming_label(convention))}</div>"
            f'<div class="ka-caption-head">Sources cited by this day\'s excerpts ({len(excerpts)})</div>'
            f"<ul>{cited}</ul>"
            f'<p class="ka-attribution">{html.escape(ATTRIBUTION)} Karabakh Atlas, '
            f"{html.escape(stamp(atlas).text())}.</p>"
            f'<p class="ka-disclaimer">{html.escape(DISCLAIMER)}</p></details></div>')


def _status_label(feature: Feature, props: dict, day: dt.date, convention: str) -> str | None:
    """"Lachin road: closed or blocked since 12 December 2022" for a route with a status that day."""
    from .export_html import long_date
    current, uncertain = status_on(feature.status_changes, day)
    if current is None:
        return None
    key = style_key(feature.layer, props)
    entry = layer_registry.get(feature.layer).styles.get(key)
    status = entry.label.split(": ")[-1] if entry and "|" in key else current.status
    since = current.since.text
    try:
        since = long_date(dt.date.fromisoformat(since))
    except ValueError:
        pass
    return f"{label(feature, convention)}: {status} since {since}" + (" (date uncertain)" if uncertain else "")


def _midpoint(feature: Feature) -> tuple[float, float] | None:
    geometry = feature.geometry
    lines = list(getattr(geometry, "geoms", [geometry]))
    line = max(lines, key=lambda g: g.length) if lines else None
    if line is None or line.is_empty or line.geom_type != "LineString":
        return None
    coords = list(line.coords)
    lon, lat = coords[len(coords) // 2][:2]
    return lat, lon


#: The pane of the road status labels: above the place labels, as in the map engine.
STATUS_PANE = "ka-status-labels"


def _label_marker(text: str, at: tuple[float, float], css_class: str, anchor: tuple[int, int],
                  **options: Any) -> folium.Marker:
    icon = folium.DivIcon(html=f'<span class="{css_class}">{html.escape(text)}</span>',
                          class_name="ka-label-icon", icon_size=(0, 0), icon_anchor=anchor)
    return folium.Marker(location=list(at), icon=icon, interactive=False, keyboard=False, **options)


# -- the day map ------------------------------------------------------------------------

def tooltip_html(feature: Feature, convention: str, day: dt.date) -> str:
    """The engine's tooltip lines (:func:`geo.engine.tooltip_lines`) as escaped HTML, with the
    status in force on ``day``."""
    name, others, *rest = engine.tooltip_lines(feature, convention)
    current, uncertain = status_on(feature.status_changes, day)
    status = (current.label + (" (date uncertain)" if uncertain else "")) if current else None
    lines = [f"<b>{html.escape(name)}</b>"] + ([f'<span class="ka-variants">{html.escape(others)}</span>'] if others else [])
    lines += [html.escape(line) for line in rest[:-1]] + ([f"Status: {html.escape(status)}"] if status else [])
    return '<div class="ka-tip">' + "<br>".join(lines + [html.escape(rest[-1])]) + "</div>"


def popup_html(atlas: Atlas, feature: Feature, convention: str, day: dt.date) -> str:
    """The feature's tooltip, its method and the excerpts linked to it."""
    excerpts = atlas.excerpts_for(feature.id)
    body = "".join(render.excerpt_html(atlas, e, convention) for e in excerpts) \
        or "<i>No excerpt is linked to this feature.</i>"
    return (f'<div class="ka-popup">{tooltip_html(feature, convention, day)}'
            f'<div class="ka-meta">Method: {html.escape(feature.method)}</div>'
            f'<div class="ka-meta">{len(excerpts)} linked excerpt(s)</div>{body}</div>')

def day_map(atlas: Atlas, day: dt.date, layers: Iterable[str] | None = None, convention: str = "en",
            m: folium.Map | None = None, **map_kwargs: Any) -> folium.Map:
    """A folium map of ``day``: the chosen layers (default all) drawn with the atlas's
    cartography, names in ``convention``, with legend and caption (see the module docstring).

    The map's ``ka_groups`` attribute maps each layer id to its ``folium.FeatureGroup``.
    ``m``: draw onto this map instead of a new offline one (``map_kwargs`` go to
    :func:`blank_map`)."""
    wanted = engine.chosen_layers(layers)
    if m is None:
        m = add_basemap(blank_map(**map_kwargs), atlas)
    folium.map.CustomPane(STATUS_PANE, z_index=640, pointer_events=False).add_to(m)
    on_day = atlas.features_on(day)
    drawn: list[tuple[Feature, dict]] = []
    groups: dict[str, folium.FeatureGroup] = {}
    for layer_id in layer_registry.LAYER_IDS:
        if layer_id not in wanted:
            continue
        record = layer_registry.get(layer_id)
        group = folium.FeatureGroup(name=record.title, show=True)
        features = []
        for f in on_day.get(layer_id, ()):
            rec = feature_record(atlas, f, day)
            props = {**rec["properties"], TOOLTIP: tooltip_html(f, convention, day),
                     POPUP: popup_html(atlas, f, convention, day)}
            drawn.append((f, props))
            features.append({"type": "Feature", "id": f.id, "geometry": mapping(f.geometry), "properties": props})
        if features:
            folium.GeoJson({"type": "FeatureCollection", "features": features}, name=record.title,
                           style_function=style_function(layer_id),
                           highlight_function=lambda _: dict(layer_registry.HIGHLIGHT_STYLE),
                           marker=folium.CircleMarker(radius=5),
                           tooltip=folium.GeoJsonTooltip(fields=[TOOLTIP], labels=False, sticky=True),
                           popup=folium.GeoJsonPopup(fields=[POPUP], labels=False, max_width=360),
                           ).add_to(group)
        if record.labels:
            for f, _ in [d for d in drawn if d[0].layer == layer_id]:
                if f.geometry.geom_type == "Point":
                    _label_marker(label(f, convention), (f.geometry.y, f.geometry.x), "ka-label", (-6, 8)).add_to(group)
        for f, props in [d for d in drawn if d[0].layer == layer_id and d[0].status_changes]:
            text, at = _status_label(f, props, day, convention), _midpoint(f)
            if text and at:
                _label_marker(text, at, f"ka-status-label ka-status-{props.get('status_on_date')}",
                              (-8, -6), pane=STATUS_PANE).add_to(group)
        group.add_to(m)
        groups[layer_id] = group
    m.add_child(_Box(legend_html(legend_rows(drawn)), "bottomright", "ka-legend-box"), name="ka_legend")
    m.add_child(_Box(caption_html(atlas, day, convention), "topleft", "ka-caption-box"), name="ka_caption")
    folium.LayerControl(collapsed=True).add_to(m)
    m.ka_groups = groups
    return m


def saved_html(m: folium.Map) -> str:
    """The map as the HTML page ``m.save`` writes (for tests and downloads)."""
    return m.get_root().render()
