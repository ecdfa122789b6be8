"""The browser map engine: its static files and the data it draws.

The engine is JavaScript and CSS in ``geo/static/engine/`` (read here through
:mod:`importlib.resources`): ``rules.js`` answers every per-day question (what a feature is
on a day, which excerpts speak of it, who held a point, the balance, the permalink) from
the data Python writes here, ``engine.js`` draws the atlas on a Leaflet canvas and
filters it by date, ``timebar.js`` is the slider / step / play bar, ``page.js`` runs a
standalone page (the exported timeline, day map and static site), ``component.js``
runs it as the dashboard's Streamlit component. The same files serve every use.

Python owns the time rule (:mod:`geo.dates`): :func:`engine_data` writes, for every
feature, the bounds :meth:`geo.model.Feature.time_bounds` computes (ISO days) and the
days on which its drawing may change; the JavaScript only compares ISO date strings.
Every text from data is either plain text the engine sets with ``textContent``, or HTML
escaped here through :mod:`geo.escape` (excerpts, sources).

Geometry is simplified within each feature's ``accuracy_km`` and quantised to integer
steps of 10^-5 degrees (about 1 m), delta-encoded (see ``decode`` in ``engine.js``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Iterable

from shapely.geometry.base import BaseGeometry

from . import cartography, escape, event_bins, i18n, render
from . import layers as layer_registry
from .assets import basemap
from .atlas import ATLAS_START, Atlas
from .crs import MAP_CENTRE
from .errors import ExportError
from .model import VANTAGE_GROUPS, Feature, Source
from .names import CONVENTIONS, label, variants
from .story import key_date_captions, read_story
from .i18n import _
from .i18n.messages import FEATURE_TEXTS, VARIANT_CONTEXT

#: The engine's files, in the order a page loads them (after Leaflet): i18n.js (the interface
#: language: translations and long dates, from the engine data's "i18n"), rules.js (the rules of
#: a day, no DOM; also run under Node by the tests) first, then the drawing and the panels.
SCRIPTS = ("i18n.js", "rules.js", "engine.js", "timebar.js", "cartography.js",
           # the reader's additions, each over the files before it: uncertain ground hatched, the
           # answer card, compare two dates, the place search and the map as text, labels that
           # do not collide
           "uncertain.js", "answer.js", "compare.js", "access.js", "labels.js",
           # event tables drawn as counts per grid cell at the density the view needs
           "tables.js")
STYLESHEET = "engine.css"
PAGE_SCRIPT = "page.js"
COMPONENT_SCRIPT = "component.js"

#: Douglas-Peucker tolerance: at most SIMPLIFY_SHARE of a feature's accuracy, at most SIMPLIFY_DEGREES.
SIMPLIFY_DEGREES = 0.002
SIMPLIFY_SHARE = 0.2
KM_PER_DEGREE = 111.32
#: Coordinates are integers in units of 10^-QUANTUM_DECIMALS degrees.
QUANTUM_DECIMALS = 5
#: Play: days advanced per tick, tick length, and how long play rests on each captioned key
#: date (the stops of the guided story, data/story.json) so that its caption can be read.
PLAY = {"stepDays": 10, "tickMs": 40, "keyPauseMs": 2500}
MAP_VIEW = {"center": list(MAP_CENTRE), "zoom": 9, "minZoom": 6, "maxZoom": 14}
#: Country outlines: international borders drawn darker and thicker than any district line.
BASEMAP_STYLE = {"color": "#3d3d3d", "weight": 2.2, "fillColor": "#f4f1ea", "fillOpacity": 1}
#: Rivers and lakes of the base map (data/basemap/rivers.geojson).
RIVER_STYLE = {"color": "#3f88c5", "weight": 1.4, "opacity": 0.9, "fillColor": "#a9cbe6", "fillOpacity": 1}
NAMED_RIVER_WEIGHT = 2.4


# -- static files ----------------------------------------------------------------------
def _static():
    return resources.files("geo") / "static" / "engine"


@lru_cache(maxsize=None)
def static_text(name: str) -> str:
    """One of the engine's files (``engine.js``, ``engine.css``, ...) as text."""
    return (_static() / name).read_text(encoding="utf-8")


def scripts() -> str:
    """The engine's scripts (engine and time bar), concatenated, for inlining."""
    return "\n".join(static_text(name) for name in SCRIPTS)


def static_names() -> list[str]:
    return [entry.name for entry in _static().iterdir() if entry.name.endswith((".js", ".css"))]


# -- geometry ---------------------------------------------------------------------------
def simplify_tolerance(feature: Feature) -> float:
    """Degrees of Douglas-Peucker tolerance for a feature (0 for points)."""
    if feature.geometry.geom_type in ("Point", "MultiPoint"):
        return 0.0
    return min(SIMPLIFY_DEGREES, SIMPLIFY_SHARE * max(feature.accuracy_km, 0.0) / KM_PER_DEGREE)


def display_geometry(feature: Feature, simplify: bool = True) -> BaseGeometry:
    """The geometry as drawn: simplified within its accuracy (topology kept)."""
    geometry = feature.geometry
    tolerance = simplify_tolerance(feature) if simplify else 0.0
    if tolerance > 0:
        simplified = geometry.simplify(tolerance, preserve_topology=True)
        if not simplified.is_empty:
            geometry = simplified
    return geometry


def _ring(coords) -> list[int]:
    """A coordinate sequence as [x0, y0, dx1, dy1, ...] in integer quanta."""
    scale = 10 ** QUANTUM_DECIMALS
    out, px, py = [], 0, 0
    for x, y in ((round(c[0] * scale), round(c[1] * scale)) for c in coords):
        out += [x - px, y - py]
        px, py = x, y
    return out


def encode_geometry(geometry: BaseGeometry) -> list:
    """``[type, parts]``: type "P" (points), "L" (lines) or "A" (areas); parts are rings of
    delta-encoded integer coordinates (an area is a list of rings, outer first)."""
    kind = geometry.geom_type
    if kind == "Point":
        return ["P", [_ring(geometry.coords)]]
    if kind == "MultiPoint":
        return ["P", [_ring(p.coords) for p in geometry.geoms]]
    if kind == "LineString":
        return ["L", [_ring(geometry.coords)]]
    if kind == "MultiLineString":
        return ["L", [_ring(g.coords) for g in geometry.geoms]]
    if kind in ("Polygon", "MultiPolygon"):
        polygons = [geometry] if kind == "Polygon" else list(geometry.geoms)
        return ["A", [[_ring(p.exterior.coords)] + [_ring(r.coords) for r in p.interiors] for p in polygons]]
    raise ExportError(f"cannot draw a {kind} geometry")


# -- records ----------------------------------------------------------------------------
def _convention(convention: str) -> str:
    if convention not in CONVENTIONS:
        raise ExportError(f"unknown naming convention {convention!r}; choose from {', '.join(CONVENTIONS)}")
    return convention


def chosen_layers(layers: Iterable[str] | None) -> list[str]:
    """The layers asked for, in drawing order (all when None); unknown names are an error."""
    if layers is None:
        return list(layer_registry.LAYER_IDS)
    wanted = set(layers)
    unknown = wanted - set(layer_registry.LAYER_IDS)
    if unknown:
        raise ExportError(f"unknown layer(s) {', '.join(sorted(unknown))}; "
                          f"choose from {', '.join(layer_registry.LAYER_IDS)}")
    return [name for name in layer_registry.LAYER_IDS if name in wanted]


def tooltip_lines(feature: Feature, convention: str) -> list[str]:
    """The plain-text lines of a feature's tooltip: its name in the convention, the other
    variants, its layer, its dates and accuracy (the status in force is added on the day)."""
    name = label(feature, convention)
    others = "; ".join(f"{variant_label(lang)}: {v}" for lang, v in variants(feature) if v != name)
    layer_line = _(layer_registry.title(feature.layer))
    if layer_registry.has_role(feature.layer, "control") and feature.properties.get("held_by") in layer_registry.SIDES:
        side = layer_registry.SIDES[feature.properties["held_by"]]
        layer_line += " · " + _(side)
    return [name, others, layer_line, _("Valid: {validity}", validity=render.validity_text(feature)),
            _("Accuracy: ± {km} km", km=i18n.format_decimal(feature.accuracy_km))]


def variant_label(text: str) -> str:
    """A name variant's label ("Armenian (BGN/PCGN romanization)") in the interface language."""
    return i18n.pgettext(VARIANT_CONTEXT, text)


def feature_record(feature: Feature, convention: str, excerpt_index: dict[str, int],
                   excerpt_ids: Iterable[str], simplify: bool = True) -> dict:
    """One feature for the engine: id, layer, style key, geometry, the time rule's bounds
    (``a`` start, ``b`` end, ``u`` uncertain intervals, ``s`` status changes), the further
    days on which its drawing changes (``c``), tooltip lines (``t``), method (``m``), an
    event's note (``o``) and linked excerpts (``x``, indices into the excerpt list). The
    record's texts (method, note, status labels) are in the interface language where the
    catalogue has them (geo/i18n/messages.py FEATURE_TEXTS), else in English."""
    layer = layer_registry.get(feature.layer)
    bounds = feature.time_bounds()
    changes = sorted(d.isoformat() for d in feature.change_days)
    record = {"i": feature.id, "l": feature.layer, "k": layer.style_key(feature.properties),
              "g": encode_geometry(display_geometry(feature, simplify)),
              "a": bounds["start"], "b": bounds["end"], "t": tooltip_lines(feature, convention)}
    extra = [d for d in changes if d not in (bounds["start"], bounds["end"])]
    if extra:
        record["c"] = extra
    if bounds["uncertain"]:
        record["u"] = bounds["uncertain"]
    if bounds["status"]:
        texts = {c.since.first.isoformat(): c.since.text for c in feature.status_changes}
        record["s"] = [[s["from"], s["uncertain_to"], s["status"], i18n.text(s["label"]), texts[s["from"]]]
                       for s in bounds["status"]]
    if layer.labels and feature.kind:  # the kind of a labelled place: its label's priority (labels.js)
        record["n"] = feature.kind
    if feature.method:
        record["m"] = i18n.text(feature.method)
    note = feature.properties.get("note")
    if isinstance(note, str) and note and "note" in FEATURE_TEXTS.get(layer.role, ()):
        record["o"] = i18n.text(note)
    linked = [excerpt_index[e] for e in excerpt_ids if e in excerpt_index]
    if linked:
        record["x"] = linked
    return record


#: Tooltip lines (by position) and fields whose texts repeat across features: written once in
#: the data's ``strings`` and referred to by index (the engine puts the texts back on load).
INTERNED_LINES = (1, 2, 4)


def intern_strings(records: list[dict]) -> list[str]:
    """Replace repeated texts (layer line, variants, accuracy, method) of ``records`` by
    indices into the returned table, in place: 100,000 events share a handful of them."""
    table: dict[str, int] = {}

    def ref(text: str) -> int:
        return table.setdefault(text, len(table))
    for record in records:
        for i in INTERNED_LINES:
            if i < len(record["t"]):
                record["t"][i] = ref(record["t"][i])
        if "m" in record:
            record["m"] = ref(record["m"])
    return list(table)


def source_item_html(source: Source) -> str:
    """One cited source: title (linked if it has a safe URL), authors, vantage group, published."""
    authors = ", ".join(source.authors) if source.authors else _("author not named")
    group = _(VANTAGE_GROUPS.get(source.vantage_group, source.vantage_group))
    meta = escape.text(_("{authors}; vantage: {group}; published {published}", authors="\ue000", group=group,
                         published=render.date_words(source.published)))
    named = f"<span data-ka-verbatim>{escape.text(authors)}</span>" if source.authors else escape.text(authors)
    meta = meta.replace("\ue000", named)  # the authors' names as written
    return (f'<li class="ka-source" data-source="{escape.text(source.id)}">'
            f'<span data-ka-verbatim>{escape.link(source.title, source.meta.get("url"))}</span>'
            f' <span class="ka-meta">— {meta}</span></li>')


def style_table(layer_ids: Iterable[str]) -> dict:
    """``{"layer:key": {"label", "certain", "uncertain"}}``: every style the engine uses,
    from the layer registry (the one place styles live)."""
    table = {}
    for layer_id in layer_ids:
        for key, entry in layer_registry.get(layer_id).styles.items():
            certain, uncertain = render.key_styles(layer_id, key)
            table[f"{layer_id}:{key}"] = {"label": style_label(layer_id, key), "certain": certain, "uncertain": uncertain}
    return table


def style_label(layer_id: str, key: str) -> str:
    """The legend label of a style in the interface language (a route's ``kind|status``
    label part by part: "Lachin road: open")."""
    return i18n.label(layer_registry.get(layer_id).styles[key].label)


def excerpt_records(atlas: Atlas, convention: str = "en", html: bool = True) -> list[dict]:
    """The excerpts for the engine, newest period first (the order of
    :meth:`geo.atlas.Atlas.excerpts_on`): id, first and last day they speak of, source, HTML."""
    ordered = sorted(atlas.excerpts, key=lambda e: (e.date.first, e.date.last, e.id), reverse=True)
    return [{"id": e.id, "first": e.date.first.isoformat(), "last": e.date.last.isoformat(),
             "source": e.source_id, "html": render.excerpt_html(atlas, e, convention) if html else ""}
            for e in ordered]


def map_change_days(features: Iterable[Feature]) -> list[str]:
    """The days on which what the map draws may change (a feature appears or goes, turns
    uncertain or certain, changes status): the time bar's "next change on the map"."""
    return sorted({d.isoformat() for f in features for d in f.change_days})


def excerpt_days(excerpts: list[dict]) -> list[str]:
    """The first day each excerpt speaks of, once each, in order: "next excerpt"."""
    return sorted({x["first"] for x in excerpts})


def opening_day(atlas: Atlas, today: dt.date | None = None) -> dt.date:
    """The day a page opens on when no date is asked for: the latest key date (up to today)
    of which an excerpt speaks - a day the record has something to say about, not an empty
    today; today when there is none."""
    today = today or dt.date.today()
    for day in reversed([d for d in atlas.key_dates if d <= today]):
        if atlas.excerpts_on(day):
            return day
    return today


def last_day(atlas: Atlas, today: dt.date | None = None) -> dt.date:
    """The slider's last day: today, or the last key date if the data reach further."""
    today = today or dt.date.today()
    return max([today] + atlas.key_dates[-1:])


def engine_data(atlas: Atlas, convention: str = "en", layers: Iterable[str] | None = None,
                today: dt.date | None = None, initial: dt.date | None = None,
                excerpts: bool = True, simplify: bool = True, lang: str | None = None) -> dict:
    """Everything the engine draws, for every date: features with their time bounds,
    styles, layers, key dates, excerpts and sources (their HTML escaped here); every
    interface text in ``lang`` (default: the current language, :mod:`geo.i18n`), whose
    catalogue travels in ``i18n`` (names follow ``convention``, apart from it)."""
    with i18n.use(lang) as lang:
        data = _engine_data(atlas, convention, layers, today, initial, excerpts, simplify)
        data["i18n"] = i18n.engine_catalogue(lang)
        return data


def _engine_data(atlas: Atlas, convention: str, layers: Iterable[str] | None, today: dt.date | None,
                 initial: dt.date | None, excerpts: bool, simplify: bool) -> dict:
    convention = _convention(convention)
    wanted = chosen_layers(layers)
    today = today or dt.date.today()
    excerpt_list = excerpt_records(atlas, convention, excerpts)
    index = {e["id"]: i for i, e in enumerate(excerpt_list)}
    features, drawn = [], []
    for name in wanted:
        for f in sorted(atlas.layer(name), key=lambda f: (f.validity.start or dt.date.min, f.id)):
            features.append(feature_record(f, convention, index, atlas.excerpt_ids_for(f.id), simplify))
            drawn.append(f)
    strings = intern_strings(features)
    stops, _problems = read_story(atlas.root) if atlas.root else ([], [])
    captions = key_date_captions(atlas, stops, convention)
    tables = event_bins.engine_tables(getattr(atlas, "tables", ()), wanted)
    registry_layers = [{"id": name, "title": _(layer_registry.title(name)), "labels": layer_registry.get(name).labels,
                        "role": layer_registry.role(name)} for name in wanted]
    return {
        "version": 1,
        "names": convention,
        "namesLabel": i18n.naming_label(convention),
        "first": ATLAS_START.isoformat(),
        "last": last_day(atlas, today).isoformat(),
        "exportDay": today.isoformat(),
        "initial": (initial or opening_day(atlas, today)).isoformat(),
        "keyDates": [d.isoformat() for d in atlas.key_dates],
        "mapDays": map_change_days(drawn),
        "excerptDays": excerpt_days(excerpt_list),
        "quantum": QUANTUM_DECIMALS,
        "map": MAP_VIEW,
        "basemap": basemap(atlas.root),
        "basemapStyle": BASEMAP_STYLE,
        "riverStyle": {**RIVER_STYLE, "namedWeight": NAMED_RIVER_WEIGHT},
        "layers": registry_layers,
        "styles": style_table(wanted),
        "highlight": dict(layer_registry.HIGHLIGHT_STYLE),
        "features": features,
        "strings": strings,
        "excerpts": excerpt_list,
        "sources": {sid: source_item_html(s) for sid, s in atlas.sources.items()},
        "play": {**PLAY, "pauseDates": sorted(captions)},
        "captions": captions,
        **cartography.extras(atlas, convention),
        # event tables, counted per month and grid cell (geo/event_bins.py, drawn by tables.js)
        **({"tables": tables} if tables else {}),
    }


def data_json(data: dict) -> str:
    """The engine data as compact JSON (safe inside a ``<script>`` element too)."""
    return escape.json_for_script(data)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def to_json_file(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
