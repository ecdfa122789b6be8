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
import json
from pathlib import Path
from typing import Any

from shapely.geometry import mapping
from shapely.ops import unary_union

from .answers import control_history
from .dataset import stamp
from .atlas import Atlas
from .balance import SIDE_GROUPS, strip
from .cite import ATLAS_AUTHOR, ATLAS_LICENCE, ATLAS_TITLE
from .frame import frame_for
from .layers import SIDES
from .model import VANTAGE_GROUPS, Feature
from .names import label
from .story import read_story
from . import i18n
from .i18n import _

RIVERS_FILE = Path("basemap") / "rivers.geojson"
#: Rivers no registry ships at the base map's scale, drawn as schematic lines (each feature
#: carries ``schematic: true``, its method and accuracy_km; scripts/build_schematic_rivers.py).
SCHEMATIC_RIVERS_FILE = Path("basemap") / "schematic_rivers.geojson"
#: Country labels on the base map: name -> the points (lat, lon) where it is written, so
#: that one is in view at the zooms the atlas is read at.
COUNTRY_LABELS: dict[str, list[tuple[float, float]]] = {
    "ARMENIA": [(40.35, 44.75), (39.55, 45.55), (39.25, 46.05)],
    "AZERBAIJAN": [(40.45, 47.55), (39.75, 47.85), (39.35, 45.45)],
    "IRAN": [(38.75, 46.95), (38.75, 45.35)],
    "GEORGIA": [(41.6, 44.9)],
    "TURKEY": [(39.9, 43.6)],
}
#: Rounding of what-changed geometry (degrees): finer than any drawn line's accuracy.
CHANGE_PRECISION = 1e-4


def rivers(atlas: Atlas) -> dict | None:
    """The dataset's ``basemap/rivers.geojson`` with the schematic rivers of
    ``basemap/schematic_rivers.geojson`` appended (None when it has neither)."""
    if atlas.root is None:
        return None
    found = [json.loads(p.read_text(encoding="utf-8")) for p in
             (Path(atlas.root) / RIVERS_FILE, Path(atlas.root) / SCHEMATIC_RIVERS_FILE) if p.is_file()]
    if not found:
        return None
    return {"type": "FeatureCollection", "features": [f for doc in found for f in doc["features"]]}


def histories(atlas: Atlas, convention: str) -> dict[str, list[dict[str, Any]]]:
    """District id -> its control history rows (date, change, excerpt and source ids)."""
    out = {}
    for district in atlas.with_role("district"):
        rows = []
        for entry in control_history(atlas, district):
            sources = list(entry.reference_ids) + [atlas.excerpts_by_id[e].source_id for e in entry.excerpt_ids
                                                   if e in atlas.excerpts_by_id]
            rows.append({"date": entry.date, "first": entry.first.isoformat(), "change": i18n.text(entry.change),
                         "excerpts": list(entry.excerpt_ids), "sources": list(dict.fromkeys(sources))})
        if rows:
            out[district.id] = rows
    return out


def _held(atlas: Atlas, day: dt.date, side: str):
    parts = [f.geometry for f in atlas.on_day(day, "control") if f.properties.get("held_by") == side]
    return unary_union(parts) if parts else None


def changes(atlas: Atlas) -> dict[str, list[dict[str, Any]]]:
    """Key date -> the ground that changed hands since the previous key date:
    ``[{"to": side, "since": previous key date, "geometry": GeoJSON}]``. Every change of hands
    starts a control area on its key date (the control layer is painted from the chronology),
    so this is that area less the ground its side already held the day before."""
    keys = atlas.key_dates
    starts: dict[dt.date, list[Feature]] = {}
    for f in atlas.with_role("control"):
        if f.validity.start is not None:
            starts.setdefault(f.validity.start, []).append(f)
    out: dict[str, list[dict[str, Any]]] = {}
    for day, features in sorted(starts.items()):
        before = day - dt.timedelta(days=1)
        i = bisect.bisect_left(keys, day)
        since = keys[i - 1] if i > 0 else before
        items = []
        for side in sorted({f.properties["held_by"] for f in features}):
            ground = unary_union([f.geometry for f in features if f.properties["held_by"] == side])
            others = [g for g in (_held(atlas, before, s) for s in SIDES if s != side) if g is not None]
            gained = ground.intersection(unary_union(others)) if others else None
            if gained is None or gained.is_empty or gained.area < 1e-4:
                continue
            gained = gained.simplify(0.002).buffer(0)
            items.append({"to": side, "since": since.isoformat(), "geometry": mapping(gained)})
        if items:
            out[day.isoformat()] = items
    return out


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
        "rivers": rivers(atlas),
        "countryLabels": [{"name": n, "at": list(p)} for n, points in COUNTRY_LABELS.items() for p in points],
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
        "districtNames": {f.id: label(f, convention) for f in atlas.with_role("district")},
        "stops": [s.record() for s in stops],
        "changes": changes(atlas),
    }
