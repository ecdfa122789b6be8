"""What the map engine needs beyond the features to be read without misreading.

:func:`extras` adds to the engine data: the base map's rivers and lakes and country
labels, the area held by each side over time in the stated frame (:mod:`geo.frame`),
the strip of excerpts and events by vantage, each source's vantage group (for the
balance beside the excerpts), the dated control history of every district (for the
answer card), the stops of the guided story with their captions, and the ground that
changed hands between consecutive stops ("what changed"). The rules stay in Python
(frame, history, story); the browser draws their results.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from shapely.geometry import mapping
from shapely.ops import unary_union

from .answers import control_history
from .dataset import stamp
from .atlas import Atlas
from .balance import SIDE_GROUPS, strip
from .cite import ATLAS_AUTHOR, ATLAS_LICENCE, ATLAS_TITLE
from .frame import FRAME_IDS, frame_for
from .layers import SIDES
from .measure import area_km2
from .model import VANTAGE_GROUPS, Feature
from .names import CONVENTIONS, label
from .story import read_story
from . import i18n
from .i18n import N_, _

RIVERS_FILE = Path("basemap") / "rivers.geojson"
#: Rivers no registry ships at the base map's scale, drawn as schematic lines (each feature
#: carries ``schematic: true``, its method and accuracy_km; scripts/build_schematic_rivers.py).
SCHEMATIC_RIVERS_FILE = Path("basemap") / "schematic_rivers.geojson"
#: Country labels on the base map: name -> the points (lat, lon) where it is written, so
#: that one is in view at the zooms the atlas is read at.
COUNTRY_LABELS: dict[str, list[tuple[float, float]]] = {
    N_("ARMENIA"): [(40.35, 44.75), (39.55, 45.55), (39.25, 46.05)],
    N_("AZERBAIJAN"): [(40.45, 47.55), (39.75, 47.85), (39.35, 45.45)],
    N_("IRAN"): [(38.75, 46.95), (38.75, 45.35)],
    N_("GEORGIA"): [(41.6, 44.9)],
    N_("TURKEY"): [(39.9, 43.6)],
}
#: Rounding of what-changed geometry (degrees): finer than any drawn line's accuracy.
CHANGE_PRECISION = 1e-4


def rivers(atlas: Atlas, convention: str = "en") -> dict | None:
    """The dataset's ``basemap/rivers.geojson`` with the schematic rivers of
    ``basemap/schematic_rivers.geojson`` appended (None when it has neither), as drawn: each
    named water's ``name`` in the naming ``convention`` (like every place name) and a
    schematic river's ``method`` in the interface language."""
    if atlas.root is None:
        return None
    found = [json.loads(p.read_text(encoding="utf-8")) for p in
             (Path(atlas.root) / RIVERS_FILE, Path(atlas.root) / SCHEMATIC_RIVERS_FILE) if p.is_file()]
    if not found:
        return None
    return {"type": "FeatureCollection", "features": [drawn_water(f, convention) for doc in found for f in doc["features"]]}


def drawn_water(feature: dict, convention: str) -> dict:
    """A base-map water feature as the map labels it (its name in ``convention``, its method
    in the interface language); the file's feature is left as it is."""
    properties = dict(feature.get("properties") or {})
    names = properties.get("names") or {}
    if properties.get("name"):
        for key in CONVENTIONS.get(convention, CONVENTIONS["en"])[1]:
            if isinstance(names.get(key), str) and names[key].strip():
                properties["name"] = names[key]
                break
    if isinstance(properties.get("method"), str):
        properties["method"] = i18n.text(properties["method"])
    return {**feature, "properties": properties}


#: The two sides whose changes of hands are a district's history; a change to another
#: holder (the peacekeepers' corridor) is a route's, listed apart ("route": true).
WARRING_SIDES = ("armenian", "azerbaijani")


def histories(atlas: Atlas, convention: str) -> dict[str, list[dict[str, Any]]]:
    """District id -> its control history rows (date, first and last day, change, excerpt
    and source ids, whether it is a route's change)."""
    out = {}
    for district in atlas.with_role("district"):
        rows = []
        for entry in control_history(atlas, district):
            sources = list(entry.reference_ids) + [atlas.excerpts_by_id[e].source_id for e in entry.excerpt_ids
                                                   if e in atlas.excerpts_by_id]
            rows.append({"date": entry.date, "first": entry.first.isoformat(), "change": i18n.text(entry.change),
                         "excerpts": list(entry.excerpt_ids), "sources": list(dict.fromkeys(sources)),
                         "last": entry.last.isoformat(), "route": entry.side not in WARRING_SIDES})
        if rows:
            out[district.id] = rows
    return out


def _held(atlas: Atlas, day: dt.date, side: str):
    parts = [f.geometry for f in atlas.on_day(day, "control") if f.properties.get("held_by") == side]
    return unary_union(parts) if parts else None


#: The ground that changed hands, kept by the control layer's content (:func:`control_key`):
#: a new dataset version that leaves the control layer as it was (a save of a source) reuses it.
_GAINED: OrderedDict[str, dict[str, list[dict[str, Any]]]] = OrderedDict()
GAINED_KEPT = 4
_GAINED_LOCK = threading.Lock()


def control_key(atlas: Atlas) -> str:
    """A hash of everything :func:`gained_ground` reads: the control features' ids,
    properties (their dates, holder and change) and geometries."""
    digest = hashlib.sha256()
    for f in sorted(atlas.with_role("control"), key=lambda f: (f.layer, f.id)):
        digest.update(json.dumps([f.layer, f.id, f.properties], sort_keys=True, default=str).encode("utf-8"))
        digest.update(f.geometry.wkb)
    return digest.hexdigest()


def _gained_ground(atlas: Atlas) -> dict[str, list[dict[str, Any]]]:
    starts: dict[dt.date, list[Feature]] = {}
    for f in atlas.with_role("control"):
        if f.validity.start is not None:
            starts.setdefault(f.validity.start, []).append(f)
    out: dict[str, list[dict[str, Any]]] = {}
    for day, features in sorted(starts.items()):
        before = day - dt.timedelta(days=1)
        items = []
        for side in sorted({f.properties["held_by"] for f in features}):
            ground = unary_union([f.geometry for f in features if f.properties["held_by"] == side])
            others = [g for g in (_held(atlas, before, s) for s in SIDES if s != side) if g is not None]
            gained = ground.intersection(unary_union(others)) if others else None
            if gained is None or gained.is_empty or gained.area < 1e-4:
                continue
            gained = gained.simplify(0.002).buffer(0)
            # in English here: this result is shared by every language; changes() translates
            entries = list(dict.fromkeys(f.properties["change"] for f in features
                                         if f.properties["held_by"] == side and f.properties.get("change")))
            items.append({"to": side, "geometry": mapping(gained), "km2": round(area_km2(gained), 1),
                          "entries": entries})
        if items:
            out[day.isoformat()] = items
    return out


def gained_ground(atlas: Atlas) -> dict[str, list[dict[str, Any]]]:
    """Start day -> the ground each side gained that day (``{"to", "geometry", "km2",
    "entries"}``), computed once per content of the control layer (read only: shared)."""
    key = control_key(atlas)
    with _GAINED_LOCK:
        if key in _GAINED:
            _GAINED.move_to_end(key)
            return _GAINED[key]
    found = _gained_ground(atlas)
    with _GAINED_LOCK:
        _GAINED[key] = found
        while len(_GAINED) > GAINED_KEPT:
            _GAINED.popitem(last=False)
    return found


def changes(atlas: Atlas) -> dict[str, list[dict[str, Any]]]:
    """Key date -> the ground that changed hands since the previous key date:
    ``[{"to": side, "since": previous key date, "geometry": GeoJSON}]``. Every change of hands
    starts a control area on its key date (the control layer is painted from the chronology),
    so this is that area less the ground its side already held the day before."""
    keys = atlas.key_dates
    out: dict[str, list[dict[str, Any]]] = {}
    for iso, items in gained_ground(atlas).items():
        day = dt.date.fromisoformat(iso)
        i = bisect.bisect_left(keys, day)
        since = keys[i - 1] if i > 0 else day - dt.timedelta(days=1)
        out[iso] = [{"to": item["to"], "since": since.isoformat(), "geometry": item["geometry"],
                     "km2": item["km2"], "entries": [i18n.text(e) for e in item["entries"]]}  # reader's language
                    for item in items]
    return out


def fit_bounds(atlas: Atlas) -> list[list[float]] | None:
    """The view a page opens on: ``[[south, west], [north, east]]`` of the contested ground
    (the frame of :mod:`geo.frame`: the former oblast and the seven districts, which holds
    the northern front at Talish and Tartar), None for a dataset without it."""
    found = [atlas.by_id[i].geometry for i in FRAME_IDS if i in atlas.by_id]
    if not found:
        return None
    west, south, east, north = unary_union(found).bounds
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]


def source_titles(atlas: Atlas) -> dict[str, str]:
    """Source or reference id -> its title (the source documents and the provenance
    registry's references): what the answer card names instead of an id."""
    titles: dict[str, str] = {}
    registry = Path(atlas.root) / "provenance.json" if atlas.root else None
    if registry is not None and registry.is_file():
        for rid, entry in json.loads(registry.read_text(encoding="utf-8")).items():
            if isinstance(entry, dict) and isinstance(entry.get("title"), str):
                titles[rid] = entry["title"] + (f" ({entry['publisher']})" if isinstance(entry.get("publisher"), str) else "")
    titles.update({sid: s.title for sid, s in atlas.sources.items()})
    return titles


def changes_between(changes: dict[str, list[dict[str, Any]]], a: str, b: str) -> list[dict[str, Any]]:
    """What changed hands between the days a and b (either order): every change of
    :func:`changes` on a day after the earlier and up to the later, in date order, as
    ``{"date", "to", "km2", "entries"}`` (``rules.js`` changesBetween)."""
    lo, hi = min(a, b), max(a, b)
    return [{"date": day, "to": item["to"], "km2": item["km2"], "entries": item["entries"]}
            for day in sorted(changes) if lo < day <= hi for item in changes[day]]


def extras(atlas: Atlas, convention: str = "en") -> dict[str, Any]:
    """The engine data's cartography members (see the module docstring)."""
    stops, _problems = read_story(atlas.root) if atlas.root else ([], [])
    try:
        frame = frame_for(atlas)
        described = frame.describe()
        area = {"frame": {**described, "label": i18n.text(described.get("label"))}, "series": frame.series()}
    except KeyError:
        area = None
    return {
        "rivers": rivers(atlas, convention),
        "countryLabels": [{"name": i18n.text(n), "at": list(p)} for n, points in COUNTRY_LABELS.items() for p in points],
        "area": area,
        "strip": strip(atlas),
        "sideNames": {k: _(v) for k, v in SIDES.items()},
        "vantage": {sid: s.vantage_group for sid, s in atlas.sources.items()},
        "cite": {"author": ATLAS_AUTHOR, "title": ATLAS_TITLE, "licence": ATLAS_LICENCE,
                 "dataset": stamp(atlas).text(),
                 "sources": {sid: s.citation() for sid, s in atlas.sources.items()}},
        "vantageLabels": {k: _(v) for k, v in VANTAGE_GROUPS.items()},
        "sideGroups": list(SIDE_GROUPS),
        "histories": histories(atlas, convention),
        "sourceTitles": source_titles(atlas),
        "fit": fit_bounds(atlas),
        "districtNames": {f.id: label(f, convention) for f in atlas.with_role("district")},
        "stops": [s.record() for s in stops],
        "changes": {day: [{**item, "entries": [i18n.text(e) for e in item["entries"]]} for item in items]
                    for day, items in changes(atlas).items()},
    }
