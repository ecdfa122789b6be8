"""The layer registry: one record per layer of the atlas, in drawing order (bottom first).

Validation (allowed geometry types and kinds), drawing (styles and legend), exports
(GeoPackage tables), figures (what is measured) and the dashboard all read this table.
Adding a layer is one :class:`Layer` record here plus its ``data/layers/<id>.geojson``;
``tests/test_layers.py`` checks that every record is complete.

Each layer has a ROLE (:data:`ROLES`): what it is to the atlas (the ground held, a zone, a
route, ...). Code asks the registry for a role (:func:`with_role`, :func:`has_role`; the
engine data carries each layer's role for the browser) and never tests a layer id by name:
``tests/test_layers.py`` fails when a layer id is written in code outside this file.

Styles are Leaflet path options. A layer's features are styled by the value of one
property (``style_by``: ``kind`` for most layers, ``held_by`` for ``control``); the
entry ``"*"`` styles every other value.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
OKABE_ITO = MappingProxyType({
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
    "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#666666"})

#: How a feature is drawn on a day inside one of its uncertain intervals (applied over its style).
UNCERTAIN_DASH = "2 6"
UNCERTAIN_STYLE = MappingProxyType({"dashArray": UNCERTAIN_DASH, "opacityFactor": 0.7})
#: How a highlighted feature (e.g. the features an excerpt concerns) is outlined.
HIGHLIGHT_STYLE = MappingProxyType({"color": OKABE_ITO["yellow"], "weight": 6, "opacity": 1})
#: The default stroke opacity of every style that does not set one.
DEFAULT_OPACITY = 0.9

AREA_TYPES = frozenset({"Polygon", "MultiPolygon"})
LINE_TYPES = frozenset({"LineString", "MultiLineString"})
POINT_TYPES = frozenset({"Point", "MultiPoint"})

#: What a layer is to the atlas; behaviour is keyed on these, never on a layer's id.
ROLES: Mapping[str, str] = MappingProxyType({
    "district": "administrative areas: the district a point lies in, with its control history",
    "control": "the ground held by each side on a day (who held a point or a feature)",
    "line": "a line between the sides (measured, not a zone)",
    "route": "a road or corridor with a dated status (open, blocked, ...): said where it runs",
    "zone": "a peacekeeping or monitoring zone: said of what lies in or near it",
    "event": "a dated event (a point on the strip under the slider, a key date's caption)",
    "place": "a named place (labelled; undated)",
})


@dataclass(frozen=True)
class StyleEntry:
    """One legend entry and the Leaflet style that draws it."""

    label: str
    style: Mapping[str, object]


@dataclass(frozen=True)
class Layer:
    """Everything the atlas needs to know about one layer."""

    id: str
    title: str
    #: GeoJSON geometry types a feature of this layer may have
    geometry_types: frozenset[str]
    #: the values ``kind`` may take (None: any)
    kinds: frozenset[str] | None
    #: style key (value of ``style_by``) -> legend label and style; ``"*"`` is the fallback
    styles: Mapping[str, StyleEntry]
    #: the GeoPackage table holding the layer, and its geometry family when the table is empty
    table: str
    family: str
    #: what the layer is to the atlas: one of :data:`ROLES`
    role: str
    #: what the figures measure for the layer: "area" per side, "length" per feature, or None
    measured: str | None = None
    #: the property whose value selects the style
    style_by: str = "kind"
    #: show a text label beside each point (places)
    labels: bool = False
    #: properties every feature of the layer must have, with the values allowed (None: any text)
    required: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    #: the layer's features may also come as event tables (GeoParquet files in ``data/tables/``,
    #: :mod:`geo.event_store`), drawn aggregated at the density the view needs
    tables: bool = False

    def style_key(self, properties: Mapping[str, object]) -> str:
        """The key of ``styles`` that draws a feature with these properties."""
        value = properties.get(self.style_by)
        if isinstance(value, str) and value in self.styles:
            return value
        return "*" if "*" in self.styles else next(iter(self.styles))

    def style(self, properties: Mapping[str, object]) -> dict:
        """A feature's base style (before the uncertain and highlight styles are applied)."""
        style = dict(self.styles[self.style_key(properties)].style)
        style.setdefault("opacity", DEFAULT_OPACITY)
        return style


def _entry(label: str, **style) -> StyleEntry:
    return StyleEntry(label, MappingProxyType(style))


def _styles(**entries: StyleEntry) -> Mapping[str, StyleEntry]:
    return MappingProxyType({"*" if k == "other" else k: v for k, v in entries.items()})


#: The sides in the ``control`` layer's ``held_by`` property.
SIDES: Mapping[str, str] = MappingProxyType({
    "armenian": "Armenian and Karabakh Armenian forces",
    "azerbaijani": "Azerbaijani forces",
    "peacekeepers": "Russian peacekeepers (the Lachin corridor, 2020-2023)",
})

C = OKABE_ITO
#: Road and corridor statuses (``status_history``) and how each is drawn over the route's own
#: style: every status its own colour and dash, so the map answers "which road was open".
ROAD_STATUSES: Mapping[str, StyleEntry] = MappingProxyType({
    "open": _entry("Open"),
    "blocked": _entry("Closed or blocked", color="#b2182b", weight=5, dashArray="9 6"),
    "closed": _entry("Closed or blocked", color="#b2182b", weight=4, dashArray="9 6"),
    "checkpoint": _entry("Open through a checkpoint", color="#5e3c99", weight=5, dashArray="16 4 3 4"),
    "exodus": _entry("Used by the departing population", color="#4d4d4d", weight=6, dashArray=None),
    "disused": _entry("Disused", color="#9a9a9a", weight=2.5, dashArray="3 5"),
    "proposed": _entry("Proposed, not built", color=C["blue"], weight=3, dashArray="10 7"),
})


def _with_statuses(**entries: StyleEntry) -> Mapping[str, StyleEntry]:
    """A route layer's styles: one per kind, and one per kind and status (``kind|status``)."""
    out = dict(_styles(**entries))
    for key, entry in list(out.items()):
        for status, over in ROAD_STATUSES.items():
            out[f"{key}|{status}"] = StyleEntry(f"{entry.label}: {over.label.lower()}",
                                                MappingProxyType({**entry.style, **over.style}))
    return MappingProxyType(out)


REGISTRY: tuple[Layer, ...] = (
    Layer("provinces", "Districts and provinces", AREA_TYPES, None, _styles(
        autonomous_oblast=_entry("Former Nagorno-Karabakh AO (1923-1991)", color="#333333", weight=2.2,
                                 fillOpacity=0, dashArray="12 3 2 3"),
        other=_entry("District / province boundary", color="#8c8c8c", weight=0.8, fillColor="#ffffff",
                     fillOpacity=0.05)),
        table="provinces", family="Polygon", role="district"),
    Layer("control", "Who held the ground", AREA_TYPES, frozenset({"held_area"}), _styles(
        armenian=_entry("Held by Armenian forces", color="#a85d00", weight=0.8, fillColor=C["orange"],
                        fillOpacity=0.5),
        azerbaijani=_entry("Held by Azerbaijani forces", color="#004f7c", weight=0.8, fillColor=C["blue"],
                           fillOpacity=0.32),
        # held by neither side: a neutral grey, not a third side's colour
        peacekeepers=_entry("Lachin corridor under Russian peacekeepers", color="#4d4d4d", weight=0.8,
                            fillColor="#8f8f8f", fillOpacity=0.45)),
        table="control", family="Polygon", role="control", measured="area", style_by="held_by",
        required=MappingProxyType({"held_by": frozenset(SIDES)})),
    Layer("line_of_contact", "Line of contact", LINE_TYPES,
          frozenset({"ceasefire_line_1994", "contact_line_2020"}), _styles(
        ceasefire_line_1994=_entry("Line of contact 1994-2020", color=C["vermillion"], weight=4),
        contact_line_2020=_entry("Line of contact 2020-2023", color="#3b0f70", weight=4, dashArray="14 4")),
        table="line_of_contact", family="LineString", role="line", measured="length"),
    Layer("corridors", "Corridors and routes", LINE_TYPES, None, _with_statuses(
        lachin_corridor=_entry("Lachin road", color=C["green"], weight=5),
        nakhchivan_link=_entry("Nakhchivan link", color=C["blue"], weight=4, dashArray="10 6"),
        other=_entry("Other route or railway", color="#1a1a1a", weight=2.5, dashArray="4 4")),
        table="corridors", family="LineString", role="route", measured="length"),
    # Zones are outlines, never fills: a filled zone would read as ground held.
    Layer("peacekeeping", "Peacekeeping and monitoring", AREA_TYPES | LINE_TYPES | {"Point"}, None, _styles(
        russian_peacekeeping_zone=_entry("Russian peacekeeping zone (outline)", color=C["purple"], weight=3,
                                         fillOpacity=0, dashArray="8 4"),
        eu_monitoring=_entry("EU monitoring in Armenia (outline)", color="#1b7837", weight=3, fillOpacity=0,
                             dashArray="14 4 2 4"),
        other=_entry("Monitoring (OSCE, Russian-Turkish centre)", color="#8a6d00", weight=2.5,
                     fillColor=C["yellow"], fillOpacity=0.9, radius=7, dashArray="6 3")),
        table="peacekeeping", family="Unknown", role="zone"),
    Layer("events", "Events", POINT_TYPES, None, _styles(
        other=_entry("Event", color=C["black"], weight=1.5, fillColor=C["vermillion"], fillOpacity=0.9, radius=7)),
        table="events", family="Point", role="event", tables=True),
    Layer("places", "Places", frozenset({"Point"}), None, _styles(
        other=_entry("Place", color=C["black"], weight=1, fillColor="#ffffff", fillOpacity=1, radius=3.5)),
        table="places", family="Point", role="place", labels=True),
)
del C

BY_ID: Mapping[str, Layer] = MappingProxyType({layer.id: layer for layer in REGISTRY})
#: Layer ids in drawing order (bottom first); layer files are ``data/layers/<id>.geojson``.
LAYER_IDS: tuple[str, ...] = tuple(BY_ID)


def get(layer_id: str) -> Layer:
    """The record of a layer (``KeyError`` names the known layers)."""
    try:
        return BY_ID[layer_id]
    except KeyError:
        raise KeyError(f"unknown layer {layer_id!r}; the layers are {', '.join(LAYER_IDS)}") from None


def title(layer_id: str) -> str:
    return get(layer_id).title


def role(layer_id: str) -> str:
    """The role of a layer (one of :data:`ROLES`)."""
    return get(layer_id).role


@lru_cache(maxsize=None)  # asked per feature in loops over 100,000 of them
def has_role(layer_id: str, *roles: str) -> bool:
    """Whether the layer plays one of ``roles``; an unknown role is an error (a typo would
    silently match nothing)."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise KeyError(f"unknown role(s) {', '.join(sorted(unknown))}; the roles are {', '.join(ROLES)}")
    return get(layer_id).role in roles


def with_role(*roles: str) -> tuple[str, ...]:
    """The ids of the layers playing one of ``roles``, in drawing order."""
    return tuple(layer.id for layer in REGISTRY if has_role(layer.id, *roles))


def only(role: str) -> str:
    """The id of the one layer playing ``role`` (an error when none or several do)."""
    ids = with_role(role)
    if len(ids) != 1:
        raise KeyError(f"{len(ids)} layers play the role {role!r} ({', '.join(ids) or 'none'}); one was expected")
    return ids[0]


def table_layer() -> str:
    """The id of the one layer whose features may come as event tables (``data/tables/``)."""
    ids = [layer.id for layer in REGISTRY if layer.tables]
    if len(ids) != 1:
        raise KeyError(f"{len(ids)} layers take event tables ({', '.join(ids) or 'none'}); one was expected")
    return ids[0]


def measured(kind: str) -> tuple[Layer, ...]:
    """The layers whose figures measure ``kind`` ("area" or "length")."""
    return tuple(layer for layer in REGISTRY if layer.measured == kind)


def legend_entries() -> list[tuple[str, StyleEntry]]:
    """(layer id, entry) of every row of the full (static) legend, in drawing order: each
    style, and each road status once (drawn on the layer's first kind). The map engine's
    legend lists only what is drawn on the day shown."""
    rows = []
    for layer in REGISTRY:
        statuses = set()
        for key, entry in layer.styles.items():
            status = key.partition("|")[2]
            shown_as = ROAD_STATUSES[status].label if status else None
            if shown_as and shown_as in statuses:
                continue
            statuses.add(shown_as)
            rows.append((layer.id, entry))
    return rows
