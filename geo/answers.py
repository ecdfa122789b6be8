"""Answers to "who held X on day D": control, zones, district history and excerpts.

:func:`answer` takes any feature (a place, a district, a control area, a corridor, ...)
and a day, and says who held it (or that the record is uncertain that day, or that the
ground was divided), which peacekeeping or monitoring zones and which corridors it lies
in or near, the district it lies in with that district's dated control history (each
date with the excerpts and references behind it), and the excerpts that concern it.
The dashboard's answer card, the exports and ``karabakh-atlas place`` all use it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union

from .atlas import Atlas
from .crs import GEOD
from .dates import parse_bound, status_on
from .escape import terminal
from .layers import has_role, with_role
from .lookup import NameIndex
from .measure import area_km2, length_km
from .model import SIDES, VANTAGE_GROUPS, Feature
from .names import label
from . import i18n
from .i18n import N_, _, current, format_date

#: A point this close (km) to a zone or corridor is "near" it, unless the feature's own
#: accuracy is coarser (the 2020 Lachin corridor was 5 km wide).
NEAR_KM = 5.0
#: Share of a feature's area (or length) under one side for it to count as held by that side.
HELD_SHARE = 0.95
#: The roles of the layers an answer lists as zones and routes (geo/layers.py), and the kinds
#: of a district layer's features that are a district (not the former oblast).
ZONE_ROLES = ("zone", "route")
DISTRICT_KINDS = ("district", "city_district", "province", "autonomous_republic")
OBLAST_ID = "prov-nkao"
#: How a zone or route lies to the place asked about (``relation``), for translation where shown.
RELATIONS = (N_("inside"), N_("partly inside"), N_("near"), N_("on"), N_("crosses"))
COUNTRIES = {"AM": N_("in Armenia"), "AZ": N_("in Azerbaijan"), "IR": N_("in Iran"), "GE": N_("in Georgia"),
             "TR": N_("in Turkey")}


# -- control history: the one door to it ---------------------------------------------
@dataclass(frozen=True)
class HistoryEntry:
    """One dated change of a district's control."""

    date: str
    first: dt.date
    last: dt.date
    event: str
    side: str
    excerpt_ids: tuple[str, ...]
    reference_ids: tuple[str, ...]
    note: str | None
    text: str | None = None  # the chronology's neutral one-line description of the change

    @property
    def change(self) -> str:
        if self.text:
            return self.text
        if self.event == "returned" and self.side == "azerbaijani":
            return "returned to Azerbaijani control"
        who = SIDES.get(self.side, self.side)
        if self.event in ("taken", "retaken"):
            return f"{self.event} by {who}"
        return f"{self.event}: {who}"


def control_history(atlas: Atlas, district: Feature) -> list[HistoryEntry]:
    """The dated control changes of a district, in date order.

    Read here and nowhere else, so the record can move (today: the district's
    ``control_history`` property, written from the chronology)."""
    entries = []
    for raw in district.properties.get("control_history") or []:
        when = parse_bound(raw["date"])
        entries.append(HistoryEntry(raw["date"], when.first, when.last, raw.get("event", "changed"),
                                    raw.get("held_by") or raw.get("side", ""), tuple(raw.get("excerpt_ids") or ()),
                                    tuple(raw.get("source_ids") or ()), raw.get("note") or raw.get("date_basis"),
                                    raw.get("change")))
    return sorted(entries, key=lambda e: (e.first, e.last))


def _history_rows(atlas: Atlas, district: Feature, day: dt.date) -> list[dict[str, Any]]:
    rows = []
    for entry in control_history(atlas, district):
        from_excerpts = [atlas.excerpts_by_id[e].source_id for e in entry.excerpt_ids if e in atlas.excerpts_by_id]
        sources = list(dict.fromkeys(list(entry.reference_ids) + from_excerpts))
        rows.append({"date": entry.date, "first": entry.first.isoformat(), "last": entry.last.isoformat(),
                     "change": entry.change, "event": entry.event, "side": entry.side,
                     "excerpt_ids": list(entry.excerpt_ids), "source_ids": sources,
                     "reference_ids": list(entry.reference_ids), "note": entry.note,
                     "before_date": entry.first <= day})
    return rows


# -- geometry helpers --------------------------------------------------------------
def distance_km(a: BaseGeometry, b: BaseGeometry) -> float:
    """Geodesic distance in km between the nearest points of two lon/lat geometries."""
    if a.intersects(b):
        return 0.0
    p, q = nearest_points(a, b)
    return GEOD.inv(p.x, p.y, q.x, q.y)[2] / 1000.0


def _measure(geometry: BaseGeometry, like: BaseGeometry | None = None) -> float:
    """Area (km²) when ``like`` (default: ``geometry``) is an area, length (km) when it is a
    line, 1 for a point: the unit shares are counted in. Parts of another dimension count 0."""
    kind = (like if like is not None else geometry).geom_type
    if geometry.is_empty:
        return 0.0
    if kind in ("Polygon", "MultiPolygon"):
        return area_km2(geometry)
    if kind in ("LineString", "MultiLineString"):
        return length_km(geometry)
    return 1.0


def _uncertain_interval(feature: Feature, day: dt.date) -> list[str] | None:
    for first, last in feature.validity.uncertain_intervals:
        if first <= day <= last:
            return [first.isoformat(), last.isoformat()]
    return None


def control_on(atlas: Atlas, geometry: BaseGeometry, day: dt.date) -> dict[str, Any]:
    """Who held ``geometry`` on ``day`` according to the drawn control areas.

    ``{"held_by": side | None, "status", "sides", "shares", "uncertain", "interval",
    "feature_ids"}``; ``status`` is ``held`` (by one side, or nearly all of an area:
    :data:`HELD_SHARE`), ``uncertain`` (areas of both sides are drawn over it: inside an
    uncertain interval the old and the new state are both drawn, and the change happened
    some day in ``interval``), ``divided`` (parts held by each side) or ``not drawn`` (no
    control area covers it that day). ``shares``: the part of the feature (area, length)
    under each side's drawn areas.
    """
    controls = [f for f in atlas.on_day(day, "control") if f.geometry.intersects(geometry)]
    whole = _measure(geometry)
    shares: dict[str, float] = {}
    parts: dict[str, list[BaseGeometry]] = {}
    for f in controls:
        part = f.geometry.intersection(geometry) if geometry.geom_type != "Point" else geometry
        share = _measure(part, geometry) / whole if whole else 1.0
        if share < 0.005:
            continue
        side = f.properties.get("held_by")
        shares[side] = shares.get(side, 0.0) + share
        parts.setdefault(side, []).append(part)
    kept = [f for f in controls if f.properties.get("held_by") in shares]
    intervals = [i for i in (_uncertain_interval(f, day) for f in kept) if i]
    interval = [min(i[0] for i in intervals), max(i[1] for i in intervals)] if intervals else None
    sides = sorted(shares)
    overlap = 0.0
    if len(sides) == 2:
        a, b = (unary_union(parts[s]) for s in sides)
        overlap = 1.0 if geometry.geom_type == "Point" else _measure(a.intersection(b), geometry) / (whole or 1.0)
    held_by, status = None, "not drawn"
    if len(sides) == 1:
        held_by, status = sides[0], "held"
    elif overlap >= 0.005:
        status = "uncertain"
    elif len(sides) == 2:
        dominant = max(sides, key=lambda s: shares[s])
        held_by, status = (dominant, "held") if shares[dominant] >= HELD_SHARE else (None, "divided")
    return {"held_by": held_by, "status": status, "sides": sides,
            "shares": {s: round(min(v, 1.0), 3) for s, v in shares.items()},
            "uncertain": bool(intervals), "interval": interval,
            "feature_ids": [f.id for f in kept]}


def zones_on(atlas: Atlas, feature: Feature, day: dt.date, convention: str = "en") -> list[dict[str, Any]]:
    """The peacekeeping/monitoring zones and corridors ``feature`` lies in or near on ``day``."""
    out = []
    layers = atlas.features_on(day)
    geometry = feature.geometry
    for layer in with_role(*ZONE_ROLES):
        for zone in layers.get(layer, ()):
            if zone.id == feature.id:
                continue
            near = max(NEAR_KM, zone.accuracy_km)
            if zone.geometry.geom_type in ("Polygon", "MultiPolygon") and geometry.geom_type != "Point":
                share = _measure(zone.geometry.intersection(geometry), geometry) / (_measure(geometry) or 1.0)
                if share < 0.01:
                    continue
                relation, km = ("inside" if share >= 0.99 else "partly inside"), 0.0
            elif zone.geometry.geom_type in ("Polygon", "MultiPolygon") and zone.geometry.covers(geometry):
                relation, km = "inside", 0.0
            else:
                km = distance_km(zone.geometry, geometry)
                if km > near:
                    continue
                relation = "near" if km > 0 else ("on" if geometry.geom_type == "Point" else "crosses")
            entry = {"id": zone.id, "layer": zone.layer, "kind": zone.kind, "name": label(zone, convention),
                     "relation": relation, "distance_km": round(km, 1)}
            current, uncertain = status_on(zone.status_changes, day)
            if current:
                entry["status"] = {"status": current.status, "label": current.label,
                                   "since": current.since.text, "uncertain": uncertain}
            out.append(entry)
    return out


def _district_of(atlas: Atlas, feature: Feature, day: dt.date) -> Feature | None:
    if has_role(feature.layer, "district") and feature.kind in DISTRICT_KINDS:
        return feature
    point = feature.geometry.representative_point()
    candidates = [f for f in atlas.with_role("district") if f.kind in DISTRICT_KINDS and f.geometry.covers(point)]
    return candidates[0] if candidates else None


def _in_former_oblast(atlas: Atlas, feature: Feature) -> bool | None:
    oblast = atlas.by_id.get(OBLAST_ID)
    if oblast is None:
        return None
    if feature.id == OBLAST_ID:
        return True
    return oblast.geometry.covers(feature.geometry.representative_point())


def features_at(atlas: Atlas, lon: float, lat: float, day: dt.date, tolerance_km: float = 1.0) -> list[Feature]:
    """Every feature drawn on ``day`` at (lon, lat), control areas first, then the other
    layers from the top of the map down (what a pointer there is over)."""
    point = Point(lon, lat)
    layers = atlas.features_on(day)
    order = [n for n in layers if has_role(n, "control")] + \
        [n for n in reversed(list(layers)) if not has_role(n, "control")]
    hits = []
    for name in order:
        for f in layers.get(name, ()):
            if f.geometry.geom_type in ("Polygon", "MultiPolygon"):
                if f.geometry.covers(point):
                    hits.append(f)
            elif distance_km(f.geometry, point) <= tolerance_km:
                hits.append(f)
    return hits


# -- the answer --------------------------------------------------------------------
def answer(atlas: Atlas, feature: Feature, day: dt.date, convention: str = "en",
           match: str | None = None) -> dict[str, Any]:
    """The answer card for ``feature`` on ``day`` as plain data (see the module docstring)."""
    control = control_on(atlas, feature.geometry, day)
    district = _district_of(atlas, feature, day)
    excerpt_ids = list(atlas.excerpt_ids_for(feature.id))
    excerpts = []
    for eid in excerpt_ids:
        e = atlas.excerpts_by_id[eid]
        group = atlas.sources[e.source_id].vantage_group
        excerpts.append({"id": e.id, "source_id": e.source_id, "vantage_group": group,
                         "vantage": VANTAGE_GROUPS.get(group, group), "date": e.date.text,
                         "speaks_of_date": e.speaks_of(day)})
    return {
        "place": {"id": feature.id, "name": label(feature, convention), "layer": feature.layer,
                  "kind": feature.kind, "names": _name_variants(feature), "matched": match,
                  "shown_on_date": feature.is_valid_on(day), "accuracy_km": feature.accuracy_km},
        "date": day.isoformat(),
        # one of the two sides, or None (not drawn, uncertain, divided, or the Lachin corridor under the
        # peacekeepers: ``control`` says which)
        "held_by": control["held_by"] if control["held_by"] in ("armenian", "azerbaijani") else None,
        "control": control,
        "zones": zones_on(atlas, feature, day, convention),
        "district": ({"id": district.id, "name": label(district, convention), "kind": district.kind,
                      "country": district.properties.get("country")} if district else None),
        "in_former_oblast": _in_former_oblast(atlas, feature),
        "history": _history_rows(atlas, district, day) if district else [],
        "excerpt_ids": excerpt_ids,
        "excerpts": excerpts,
    }


def _name_variants(feature: Feature) -> dict[str, Any]:
    return {k: v for k, v in feature.names.items() if v}


class Answers:
    """Answers by name over one atlas (the name index is built once)."""

    def __init__(self, atlas: Atlas):
        self.atlas = atlas
        self.index = NameIndex(atlas.features)

    def by_name(self, name: str, day: dt.date, convention: str = "en") -> dict[str, Any]:
        """The answer for the feature called ``name`` (or with that id); raises ``UnknownName``."""
        found = self.index.find(name)
        result = answer(self.atlas, found.feature, day, convention, match=found.matched)
        result["also_named"] = [{"id": f.id, "name": label(f, convention), "layer": f.layer} for f in found.others]
        return result


@dataclass(frozen=True)
class Row:
    """One line of an answer, as plain text from the data (not escaped): what it says
    (``kind``: title, held, zone, district, history_head, history, excerpts, also), its label
    ("Held by", ...; "" for a line continuing the one above) and its indent level. The
    terminal text (:func:`format_answer`) and the HTML card (:mod:`geo.answer_html`) are
    renderers of these rows, computed from the answer's dict; neither parses the other."""

    kind: str
    label: str
    text: str
    level: int = 0


def _held_text(result: dict[str, Any]) -> str:
    control = result["control"]
    if control["status"] == "held":
        held = f"{_(SIDES.get(control['held_by'], control['held_by']))}"
        if control["uncertain"]:
            held += _(" (uncertain: the change happened some day between {first} and {last})",
                      first=control['interval'][0], last=control['interval'][1])
        return held
    if control["status"] == "uncertain":
        return _("uncertain: areas of both sides are drawn here because the change happened some day between "
                 "{first} and {last}", first=control['interval'][0], last=control['interval'][1])
    if control["status"] == "divided":
        return _("divided: {shares}", shares=", ".join(f"{_(SIDES.get(s, s))} {v:.0%}" for s, v in control["shares"].items()))
    country = (result["district"] or {}).get("country")
    return _("no control area is drawn here on this day") + (
        _(" (outside the contested ground; {country})", country=_(COUNTRIES.get(country, country))) if country else "")


def _status_word(status: str) -> str:
    """A route's status as the text writes it: the key in English ("open", "blocked"), its
    legend label in the other interface languages."""
    from .layers import ROAD_STATUSES
    if current() == "en" or status not in ROAD_STATUSES:
        return status
    return _(ROAD_STATUSES[status].label).lower()


def answer_rows(result: dict[str, Any]) -> list[Row]:
    """The answer (:func:`answer`) as rows of plain text (see :class:`Row`)."""
    place = result["place"]
    others = sorted({v for k, v in place["names"].items() if isinstance(v, str) and v != place["name"]})
    rows = [Row("title", "", f"{place['name']}" + (f" ({' / '.join(others)})" if others else "")
                + " " + _("[{id}] on {date}", id=place['id'],
                          date=result['date'] if current() == "en" else format_date(result['date']))),
            Row("held", _("Held by"), _held_text(result))]
    if not result["zones"]:
        rows.append(Row("zone", _("Zones"), _("none")))
    for i, zone in enumerate(result["zones"]):
        km = f"{zone['distance_km']} km" if zone["distance_km"] >= 0.1 else _("under 0.1 km")
        relation = zone["relation"]
        where = _(relation) + (f", {km}" if zone["relation"] == "near" else "")
        status = ("; " + _("{status} since {date}", status=_status_word(zone['status']['status']), date=zone['status']['since'])
                  if "status" in zone else "")
        rows.append(Row("zone", _("Zones") if i == 0 else "", f"{zone['name']} [{zone['id']}] ({where}{status})"))
    if result["district"]:
        oblast = {True: _("; inside the former oblast (NKAO)"), False: _("; outside the former oblast (NKAO)")}.get(
            result["in_former_oblast"], "")
        rows.append(Row("district", _("District"), f"{result['district']['name']} [{result['district']['id']}]{oblast}"))
    if result["history"]:
        rows.append(Row("history_head", _("Control history of the district"), ""))
        for h in result["history"]:
            refs = "; ".join(x for x in (
                _("excerpts {ids}", ids=", ".join(h["excerpt_ids"])) if h["excerpt_ids"] else "",
                _("sources {ids}", ids=", ".join(h["source_ids"])) if h["source_ids"] else "") if x) or _("no source given")
            rows.append(Row("history", h["date"], f"{i18n.text(h['change'])}  ({refs})", level=1))
    rows.append(Row("excerpts", _("Excerpts that concern it"), ", ".join(result["excerpt_ids"]) or _("none")))
    if result.get("also_named"):
        rows.append(Row("also", _("Also named so"), ", ".join(f"{o['name']} [{o['id']}]" for o in result["also_named"])))
    return rows


def format_answer(result: dict[str, Any]) -> str:
    """The answer as plain text for a terminal (text from the data made safe to print)."""
    out = []
    for row in answer_rows(result):
        if row.kind == "title":
            line = row.text
        elif row.kind == "history_head":
            line = f"  {row.label}:"
        elif row.kind == "history":
            line = f"    {row.label:<22} {row.text}"
        elif row.kind in ("excerpts", "also"):
            line = f"  {row.label}: {row.text}"
        else:
            line = f"  {(row.label + ':') if row.label else '':<10} {row.text}"
        out.append(terminal(line))
    return "\n".join(out) + "\n"
