"""Drawing the atlas with folium: styles, legend, tooltips and popups, base map.

The dashboard and the HTML exports both draw through here, so a map looks the same
everywhere. Every string from data passes through :mod:`geo.escape`.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

import folium
from branca.element import Element
from shapely.geometry import mapping

from . import escape
from .assets import basemap, leaflet_css, leaflet_js, script_safe
from .atlas import Atlas
from .crs import MAP_CENTRE
from . import dates
from . import layers as layer_registry
from .layers import SIDES
from .model import VANTAGE_GROUPS, Feature
from .names import CONVENTIONS, label, variants

#: Geometries drawn as circle markers (never Leaflet's default pin, whose images load from elsewhere).
POINT_TYPES = tuple(sorted(layer_registry.POINT_TYPES))
SEA = "#dde8f0"
UNCERTAIN_DASH = layer_registry.UNCERTAIN_DASH
HIGHLIGHT = dict(layer_registry.HIGHLIGHT_STYLE)


def key_styles(layer_id: str, key: str) -> tuple[dict, dict]:
    """The (certain, uncertain) Leaflet styles of one style key of a layer: the uncertain one
    is dotted and fainter (areas keep their fill hue, a little paler; places keep theirs)."""
    layer = layer_registry.get(layer_id)
    certain = dict(layer.styles[key].style)
    certain.setdefault("opacity", layer_registry.DEFAULT_OPACITY)
    certain.setdefault("dashArray", None)  # explicit: restyling an uncertain feature must clear its dots
    uncertain = dict(certain)
    factor = layer_registry.UNCERTAIN_STYLE["opacityFactor"]
    uncertain["dashArray"] = layer_registry.UNCERTAIN_STYLE["dashArray"]
    uncertain["opacity"] = factor
    if "fillOpacity" in uncertain and not layer.labels:
        uncertain["fillOpacity"] = round(uncertain["fillOpacity"] * factor, 3)
    return certain, uncertain


def style_for(feature: Feature, highlighted: bool = False, day: dt.date | None = None) -> dict:
    """The Leaflet style of a feature: its layer/kind style, dotted and fainter when it is
    uncertain on ``day`` (without a day: when any day of its life is), outlined in yellow
    when highlighted."""
    layer = layer_registry.get(feature.layer)
    certain, uncertain = key_styles(feature.layer, layer.style_key(feature.properties))
    style = uncertain if (feature.validity.uncertain_on(day) if day else feature.validity.uncertain) else certain
    if feature.geometry.geom_type in POINT_TYPES:
        style = {**style, "fill": True}  # folium's CircleMarker defaults to an unfilled ring
    if highlighted:
        style = {**style, **HIGHLIGHT}
    return style


def legend_items() -> list[tuple[str, dict]]:
    """(label, style) of every legend entry, plus the uncertain-date style."""
    items = [(entry.label, dict(entry.style)) for _, entry in layer_registry.legend_entries()]
    items.append(("Dates uncertain (dotted outline, fainter)", {"color": layer_registry.OKABE_ITO["grey"],
                                                              "weight": 3, "dashArray": UNCERTAIN_DASH}))
    return items


def legend_element() -> Element:
    """The legend as an element to add to a map's HTML (bottom right, over the map)."""
    return Element(f'<div class="ka-legend-box">{legend_html()}</div>')


def legend_html() -> str:
    rows = []
    for text, style in legend_items():
        colour = style.get("fillColor", style["color"]) if style.get("fillOpacity", 0) > 0.1 else style["color"]
        dash = "dotted" if style.get("dashArray") == UNCERTAIN_DASH else ("dashed" if style.get("dashArray") else "solid")
        rows.append(f'<div class="ka-legend-row"><span class="ka-swatch" style="border:3px {dash} {style["color"]};'
                    f'background:{colour}"></span>{escape.text(text)}</div>')
    return '<div class="ka-legend"><b>Legend</b>' + "".join(rows) + "</div>"


# -- text ----------------------------------------------------------------------------
def status_on(feature: Feature, day: dt.date) -> str | None:
    """The label of the feature's ``status_history`` entry in force on ``day``."""
    current, uncertain = dates.status_on(feature.status_changes, day)
    if current is None:
        return None
    return current.label + (f" (from {current.since.text}; date uncertain)" if uncertain else "")


def validity_text(feature: Feature) -> str:
    v = feature.validity
    start = v.valid_from.text if v.valid_from else "open"
    end = v.valid_to.text if v.valid_to else "open"
    note = " (uncertain date)" if v.uncertain else ""
    return f"{start} to {end}{note}"


def tooltip_html(feature: Feature, convention: str, day: dt.date | None = None) -> str:
    """Name in the chosen convention, the other variants, layer, dates, accuracy."""
    name = label(feature, convention)
    others = [f"{escape.text(lang)}: {escape.text(v)}" for lang, v in variants(feature) if v != name]
    parts = [f"<b>{escape.text(name)}</b>"]
    if others:
        parts.append(f'<span class="ka-variants">{"; ".join(others)}</span>')
    layer_line = escape.text(layer_registry.title(feature.layer))
    if feature.layer == "control":
        layer_line += f" · {escape.text(SIDES.get(feature.properties.get('held_by'), ''))}"
    parts.append(layer_line)
    parts.append(f"Valid: {escape.text(validity_text(feature))}")
    if day is not None and (status := status_on(feature, day)):
        parts.append(f"Status: {escape.text(status)}")
    parts.append(f"Accuracy: ± {escape.text(feature.accuracy_km)} km")
    return '<div class="ka-tip">' + "<br>".join(parts) + "</div>"


def quoted(quote: str) -> str:
    """The quote in quotation marks, unless it already starts and ends with them."""
    if quote[:1] in "“\"" and quote[-1:] in "”\"":
        return quote
    return f"“{quote}”"


def excerpt_html(atlas: Atlas, excerpt, convention: str = "en") -> str:
    """One excerpt as HTML: the quote, what it speaks of, its source with vantage."""
    source = atlas.source_of(excerpt)
    authors = ", ".join(source.authors) if source.authors else "author not named"
    title = escape.link(source.title, source.meta.get("url"))
    features = [label(atlas.by_id[i], convention) for i in excerpt.linked_ids if i in atlas.by_id]
    return (f'<div class="ka-excerpt" data-excerpt="{escape.text(excerpt.id)}">'
            f'<blockquote>{escape.text(quoted(excerpt.quote))}</blockquote>'
            f'<div class="ka-meta">Speaks of <b>{escape.text(excerpt.date.text)}</b>'
            f' · {escape.text(authors)}, {title} ({escape.text(source.published.text)})'
            f' · vantage: {escape.text(VANTAGE_GROUPS.get(source.vantage_group, source.vantage_group))}</div>'
            + (f'<div class="ka-meta">Concerns: {escape.text("; ".join(features))}</div>' if features else "")
            + "</div>")


def popup_html(atlas: Atlas, feature: Feature, convention: str, day: dt.date | None = None) -> str:
    """The feature's details (as in its tooltip), its method and the excerpts linked to it."""
    excerpts = atlas.excerpts_for(feature.id)
    body = "".join(excerpt_html(atlas, e, convention) for e in excerpts) or "<i>No excerpt is linked to this feature.</i>"
    return (f'<div class="ka-popup">{tooltip_html(feature, convention, day)}'
            f'<div class="ka-meta">Method: {escape.text(feature.method)}</div>'
            f'<div class="ka-meta">{len(excerpts)} linked excerpt(s)</div>{body}</div>')


# -- map -----------------------------------------------------------------------------
def display_collection(atlas: Atlas, features: Iterable[Feature], convention: str, day: dt.date | None,
                       highlight: frozenset[str] = frozenset(), popups: bool = True) -> dict:
    """GeoJSON for drawing: each feature's id, name, style, tooltip and (optionally) popup HTML."""
    out = []
    for f in features:
        props = {"id": f.id, "layer": f.layer, "name": escape.text(label(f, convention)),
                 "_style": style_for(f, f.id in highlight, day), "_tooltip": tooltip_html(f, convention, day)}
        if popups:
            props["_popup"] = popup_html(atlas, f, convention, day)
        out.append({"type": "Feature", "geometry": mapping(f.geometry), "properties": props})
    return {"type": "FeatureCollection", "features": out}


def _layer_geojson(collection: dict, layer: str, name: str, popups: bool = True) -> folium.GeoJson:
    point_layer = any(f["geometry"]["type"] in POINT_TYPES for f in collection["features"])
    marker = folium.CircleMarker(radius=5) if point_layer else None
    return folium.GeoJson(
        collection, name=name, marker=marker,
        style_function=lambda f: f["properties"]["_style"],
        tooltip=folium.GeoJsonTooltip(fields=["_tooltip"], labels=False, sticky=True),
        popup=folium.GeoJsonPopup(fields=["_popup"], labels=False, max_width=420) if popups else None,
        highlight_function=lambda f: {"weight": 5},
    )


def place_label(place: Feature, convention: str) -> folium.Marker:
    """A text label beside a place's point, in the chosen naming convention."""
    icon = folium.DivIcon(html=f'<span class="ka-label">{escape.text(label(place, convention))}</span>',
                          icon_size=(0, 0), icon_anchor=(-6, 8), class_name="ka-label-icon")
    return folium.Marker(location=(place.geometry.y, place.geometry.x), icon=icon, interactive=False)


def feature_groups(atlas: Atlas, day: dt.date, layers: Iterable[str], convention: str,
                   highlight: Iterable[str] = (), popups: bool = True) -> list[folium.FeatureGroup]:
    """One FeatureGroup per visible layer, in drawing order, for ``day``. Without
    ``popups`` a click only selects a feature (the dashboard lists its excerpts itself)."""
    wanted, marked = set(layers), frozenset(highlight)
    by_layer = atlas.features_on(day)
    groups = []
    for layer in layer_registry.LAYER_IDS:
        if layer not in wanted or not by_layer[layer]:
            continue
        group = folium.FeatureGroup(name=layer_registry.title(layer))
        # points and areas of one layer (e.g. peacekeeping) are drawn separately
        points = [f for f in by_layer[layer] if f.geometry.geom_type in POINT_TYPES]
        shapes = [f for f in by_layer[layer] if f.geometry.geom_type not in POINT_TYPES]
        for part, suffix in ((shapes, ""), (points, " (points)")):
            if part:
                collection = display_collection(atlas, part, convention, day, marked, popups)
                _layer_geojson(collection, layer, layer_registry.title(layer) + suffix, popups).add_to(group)
        if layer == "places":
            for place in points:
                if place.geometry.geom_type == "Point":
                    place_label(place, convention).add_to(group)
        groups.append(group)
    return groups


MAP_CSS = """
.leaflet-container { background: %s; font: 13px/1.35 system-ui, sans-serif; }
.leaflet-popup-content, .leaflet-tooltip { font-size: 13px; line-height: 1.35; }
.leaflet-popup-content blockquote { font-size: 13px; }
.ka-tip { max-width: 320px; white-space: normal; }
.ka-variants { color: #444; font-size: 12px; }
.ka-popup { max-height: 320px; overflow-y: auto; }
.ka-popup blockquote { margin: 6px 0 2px; font-style: italic; }
.ka-meta { color: #333; font-size: 12px; }
.ka-label { background: rgba(255,255,255,.75); padding: 0 2px; font-size: 11px; white-space: nowrap;
            color: #222; pointer-events: none; }
.ka-legend-box { position: absolute; bottom: 24px; right: 10px; z-index: 1000; }
.ka-legend { background: rgba(255,255,255,.92); padding: 6px 8px; font-size: 12px; line-height: 1.5; }
.ka-legend-row { display: flex; align-items: center; gap: 6px; }
.ka-swatch { display: inline-block; width: 18px; height: 10px; box-sizing: border-box; }
""" % SEA


def base_map(assets: str = "inline", asset_url: str = "", height: str = "100%") -> folium.Map:
    """A map of the region with no tile server: Natural Earth country outlines on a
    plain sea colour. ``assets="inline"`` embeds Leaflet in the page (for files);
    ``assets="url"`` loads it from ``asset_url`` (served by the app itself)."""
    m = folium.Map(location=MAP_CENTRE, zoom_start=9, tiles=None, control_scale=True,
                   prefer_canvas=False, height=height, min_zoom=6, max_zoom=14)
    if assets == "inline":
        m.default_js, m.default_css = [], []
        m.get_root().header.add_child(Element(
            f"<style>{script_safe(leaflet_css())}</style><script>{script_safe(leaflet_js())}</script>"),
            name="leaflet_inline")
    else:
        m.default_js = [("leaflet", f"{asset_url}/leaflet.js")]
        m.default_css = [("leaflet_css", f"{asset_url}/leaflet.css")]
    m.get_root().header.add_child(Element(f"<style>{MAP_CSS}</style>"), name="ka_css")
    folium.GeoJson(basemap(), name="Countries (Natural Earth)", control=False,
                   style_function=lambda f: {"color": "#8a8a8a", "weight": 1, "fillColor": "#f4f1ea",
                                             "fillOpacity": 1},
                   tooltip=None, smooth_factor=1).add_to(m)
    return m


def naming_label(convention: str) -> str:
    return CONVENTIONS.get(convention, CONVENTIONS["en"])[0]
