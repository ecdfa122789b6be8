"""The dashboard's shareable view state (no streamlit here).

A view is ``?date=YYYY-MM-DD&layers=a,b,c&names=en|az|hy|ru``, and, when they differ from
the defaults, ``&view=LAT,LNG,ZOOM`` (the map's centre and zoom), ``&window=30`` (days either
side for the excerpts), ``&sources=a,b``, ``&vantage=a,b`` and ``&selected=ID`` (the feature
clicked): the keys of :data:`geo.cite.PERMALINK_KEYS`. :func:`parse_query`
turns whatever a link carries into a valid :class:`View` plus notes saying what was
replaced by a default; :func:`to_query` is its inverse. Both are pure functions.

Python reads the address once, when a session opens the page (the sidebar's layers and
names, and the view the map component starts from, with notes about malformed values);
from then on the component (``geo/static/engine/component.js``) writes the address in the
same form and answers Back and Forward itself.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Mapping

from geo.atlas import ATLAS_START
from geo.model import LAYERS
from geo.i18n import N_, _
from geo.names import CONVENTIONS

DEFAULT_NAMES = "en"
#: Windows (days either side of the chosen date) offered for the excerpt panel.
WINDOWS: tuple[int, ...] = (0, 30, 180, 365)


#: What an id in a link may look like (source, vantage group, feature): checked against the atlas later.
ID_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,80}")
MAX_ZOOM = 18
#: A value longer than this is not read at all (a note says so); a list keeps at most MAX_IDS ids.
MAX_VALUE_LENGTH = 2000
MAX_IDS = 100


def _decimal(value: float) -> str:
    """A coordinate with at most 5 decimals and no trailing zeros."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class MapView:
    """The map's centre (latitude, longitude) and zoom."""

    lat: float
    lng: float
    zoom: int

    def to_engine(self) -> dict:
        return {"center": [self.lat, self.lng], "zoom": self.zoom}

    @classmethod
    def from_engine(cls, value: object) -> "MapView | None":
        """The view the map reports (``{"center": [lat, lng], "zoom": z}``), or None if malformed."""
        try:
            (lat, lng), zoom = value["center"], value["zoom"]  # type: ignore[index]
            return cls._checked(float(lat), float(lng), int(zoom))
        except (TypeError, KeyError, ValueError, OverflowError):  # OverflowError: an infinite zoom
            return None

    @classmethod
    def _checked(cls, lat: float, lng: float, zoom: int) -> "MapView | None":
        if -90 <= lat <= 90 and -180 <= lng <= 180 and 0 <= zoom <= MAX_ZOOM:
            return cls(round(lat, 5), round(lng, 5), zoom)
        return None

    def text(self) -> str:
        """``LAT,LNG,ZOOM``, written exactly as the map component writes it (component.js)."""
        return f"{_decimal(self.lat)},{_decimal(self.lng)},{self.zoom}"


@dataclass(frozen=True)
class View:
    """What the dashboard shows: a day, the visible layers (in drawing order), a naming
    convention, and the map's centre and zoom, the excerpt window, the source and vantage
    filters and the feature clicked (None / 0 / () when not chosen)."""

    day: dt.date
    layers: tuple[str, ...]
    names: str
    map: MapView | None = None
    window: int = 0
    sources: tuple[str, ...] = ()
    vantages: tuple[str, ...] = ()
    feature: str | None = None


def default_view(today: dt.date) -> View:
    return View(day=today, layers=LAYERS, names=DEFAULT_NAMES)


def ordered_layers(names) -> tuple[str, ...]:
    """Known layer names in drawing order, without duplicates."""
    wanted = set(names)
    return tuple(layer for layer in LAYERS if layer in wanted)


def clamp(day: dt.date, today: dt.date) -> dt.date:
    return min(max(day, ATLAS_START), today)


def _shown(value: str, limit: int = 40) -> str:
    """A URL value as it may appear in a note: short, and only harmless characters."""
    cleaned = re.sub(r"[^0-9A-Za-z ,.:_+-]", "?", value)
    return cleaned if len(cleaned) <= limit else cleaned[:limit] + "…"


def _single(value) -> str:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value)


def _bounded(params: Mapping[str, object], notes: list[str]) -> dict[str, object]:
    """The parameters whose value is not too long to read; a note for each left out."""
    kept = {}
    for key, value in params.items():
        if len(_single(value)) > MAX_VALUE_LENGTH:
            notes.append(_("The link's `{key}` is longer than {n} characters and was ignored.",
                           key=_shown(str(key), 20), n=MAX_VALUE_LENGTH))
        else:
            kept[key] = value
    return kept


#: What a note says of the ids of a parameter it had to leave out: (unknown ones, too many).
ID_NOTES = {
    "sources": (N_("Unknown source(s) in the link were left out: `{raw}`."),
                N_("The link names more than {n} sources; only the first {n} are used.")),
    "vantage": (N_("Unknown vantage point(s) in the link were left out: `{raw}`."),
                N_("The link names more than {n} vantage points; only the first {n} are used.")),
    "selected": (N_("Unknown feature in the link was left out: `{raw}`."),
                 N_("The link names more than {n} features; only the first {n} are used.")),
}


def _ids(params: Mapping[str, object], key: str, known, notes: list[str]) -> tuple[str, ...]:
    """The ids of a comma-separated parameter that the atlas knows (``known``: None accepts any well-formed id)."""
    if key not in params:
        return ()
    raw = _single(params[key])
    asked = [item.strip() for item in raw.split(",") if item.strip()]
    kept = tuple(dict.fromkeys(i for i in asked if ID_PATTERN.fullmatch(i) and (known is None or i in known)))
    unknown, too_many = ID_NOTES[key]
    if len(kept) < len(set(asked)):
        notes.append(_(unknown, raw=_shown(raw)))
    if len(kept) > MAX_IDS:
        notes.append(_(too_many, n=MAX_IDS))
        kept = kept[:MAX_IDS]
    return kept


def parse_query(params: Mapping[str, object], today: dt.date,
                known: Mapping[str, object] | None = None) -> tuple[View, list[str]]:
    """The view a link asks for, and a note for every value that had to fall back to a default.

    Unknown parameters are ignored. ``layers=`` (empty) means no layer; unknown layer
    names are dropped; a date outside 1988-02-20..today is moved to the nearest end.
    ``known`` may hold the atlas's ids (``"sources"``, ``"vantages"``, ``"features"``):
    ids in the link that it does not hold are dropped with a note.
    """
    ids = known or {}
    view, notes = default_view(today), []
    params = _bounded(params, notes)
    day, layers, names = view.day, view.layers, view.names
    if "date" in params:
        raw = _single(params["date"]).strip()
        try:
            asked = dt.date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
        except ValueError:
            asked = None
        if asked is None:
            notes.append(_("The link's date `{raw}` is not a day written YYYY-MM-DD; showing {day} instead.",
                           raw=_shown(raw), day=day.isoformat()))
        else:
            day = clamp(asked, today)
            if day != asked:
                notes.append(_("The link's date {asked} is outside the atlas's period ({first} to {last}); showing {day}.",
                               asked=asked.isoformat(), first=ATLAS_START.isoformat(), last=today.isoformat(),
                               day=day.isoformat()))
    if "layers" in params:
        raw = _single(params["layers"])
        asked_layers = [name.strip() for name in raw.split(",") if name.strip()]
        unknown = [name for name in asked_layers if name not in LAYERS]
        known = ordered_layers(asked_layers)
        if unknown and not known:
            notes.append(_("The link's layers `{raw}` name no layer of the atlas; showing every layer.", raw=_shown(raw)))
        else:
            layers = known
            if unknown:
                notes.append(_("Unknown layer(s) in the link were left out: `{raw}`.", raw=_shown(",".join(unknown))))
    if "names" in params:
        raw = _single(params["names"]).strip()
        if raw in CONVENTIONS:
            names = raw
        else:
            notes.append(_("The link's naming convention `{raw}` is not one of {choices}; using {default}.",
                           raw=_shown(raw), choices=", ".join(CONVENTIONS), default=DEFAULT_NAMES))
    map_view = None
    if "view" in params:
        raw = _single(params["view"]).strip()
        parts = raw.split(",")
        try:
            map_view = MapView._checked(float(parts[0]), float(parts[1]), int(parts[2])) if len(parts) == 3 else None
        except ValueError:
            map_view = None
        if map_view is None:
            notes.append(_("The link's map view `{raw}` is not LATITUDE,LONGITUDE,ZOOM; showing the whole region.",
                           raw=_shown(raw)))
    window = 0
    if "window" in params:
        raw = _single(params["window"]).strip()
        if raw.isdigit() and int(raw) in WINDOWS:
            window = int(raw)
        else:
            notes.append(_("The link's excerpt window `{raw}` is not one of {choices} days; showing that day only.",
                           raw=_shown(raw), choices=", ".join(map(str, WINDOWS))))
    sources = _ids(params, "sources", ids.get("sources"), notes)
    vantages = _ids(params, "vantage", ids.get("vantages"), notes)
    features = _ids(params, "selected", ids.get("features"), notes)
    return View(day, layers, names, map_view, window, sources, vantages, features[-1] if features else None), notes


def to_query(view: View) -> dict[str, str]:
    """The query parameters of a view (the inverse of :func:`parse_query`); the optional
    parts only when they differ from the defaults."""
    query = {"date": view.day.isoformat(), "layers": ",".join(ordered_layers(view.layers)), "names": view.names}
    if view.window:
        query["window"] = str(view.window)
    if view.sources:
        query["sources"] = ",".join(view.sources)
    if view.vantages:
        query["vantage"] = ",".join(view.vantages)
    if view.feature:
        query["selected"] = view.feature
    if view.map is not None:
        query["view"] = view.map.text()
    return query


def component_start(view: View) -> dict:
    """The view the map component starts from (it owns the view from then on)."""
    return {"date": view.day.isoformat(), "window": view.window, "sources": list(view.sources),
            "vantages": list(view.vantages), "selected": view.feature,
            "map": view.map.to_engine() if view.map else None}


def reported_view(start: View, reported: object, layers: tuple[str, ...], names: str, today: dt.date) -> View:
    """The view shown: the one the map component last reported (``{"date", "window",
    "sources", "vantages", "selected", "map"}``, checked like a link), else ``start``; with the
    sidebar's ``layers`` and ``names``."""
    if not isinstance(reported, Mapping) or not isinstance(reported.get("date"), str):
        return View(start.day, layers, names, start.map, start.window, start.sources, start.vantages, start.feature)

    def joined(key: str) -> str:
        value = reported.get(key)
        return ",".join(map(str, value)) if isinstance(value, (list, tuple)) else ""
    params = {"date": reported["date"], "window": str(reported.get("window") or 0), "sources": joined("sources"),
              "vantage": joined("vantages"), "selected": str(reported.get("selected") or "")}
    view, _ = parse_query({k: v for k, v in params.items() if v}, today)
    return View(view.day, layers, names, MapView.from_engine(reported.get("map")), view.window, view.sources,
                view.vantages, view.feature)
