"""QGIS layer styles (QML) of the GeoPackage's tables, from the layer registry.

Nothing here types a colour: every symbol is the atlas's own Leaflet style of that style
key (:func:`geo.render.key_styles`, the same certain and uncertain styles the map engine
draws), translated to QGIS symbol layers:

- areas: a simple fill (the fill colour and opacity) and an outline of its own (a simple
  line: colour, width, dashes), since QGIS draws custom dashes only on lines;
- lines: a simple line; points: a circle marker (Leaflet's radius is half its size);
- widths, sizes and dashes are Leaflet's CSS pixels, converted at 96 dpi to millimetres.

Each style is a rule-based renderer: one rule per style key (the value of the layer's
``style_by`` column, ``ELSE`` for the fallback); for roads, beneath it one rule per status
with a style of its own, by the status on the map's day (:data:`STATUS_ON_DAY`, from the
``status_days`` column); beneath those two rules, the feature on a day
inside one of its uncertain intervals (:data:`UNCERTAIN_FILTER`: dotted and fainter, as on
the atlas's map) and every other day. The day is QGIS's temporal controller's
(``@map_start_time``); with the controller off, a feature with any uncertain day is drawn
uncertain. The temporal properties are part of the style: a feature is shown from
``valid_from_start`` up to, not including, ``valid_to_start`` (the atlas's time rule), so
the temporal controller steps through the atlas's days. Places carry their name as a label.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr

from . import layers as layer_registry
from .render import key_styles

#: QGIS's name of each geometry family (``layerGeometryType``: 0 point, 1 line, 2 polygon).
GEOMETRY_CODE = {"Point": 0, "LineString": 1, "Polygon": 2}
#: Leaflet's CSS pixel in millimetres (96 dpi).
PX_MM = 25.4 / 96
#: Leaflet's default fill opacity of an area that does not set one.
LEAFLET_FILL_OPACITY = 0.2
#: The day shown by QGIS's temporal controller (NULL when the controller is off).
_DAY = "to_date(@map_start_time)"
#: A feature is drawn uncertain on the map's day when the day is inside the uncertain interval
#: of either bound: [valid_from, valid_from_last] or [valid_to_first, valid_to] (the columns of
#: :mod:`geo.export_gpkg`); with no day (no temporal controller), whenever it has one.
UNCERTAIN_FILTER = (
    f'CASE WHEN @map_start_time IS NULL THEN "uncertain" '
    f'ELSE ("valid_from_uncertain" AND {_DAY} >= "valid_from" AND {_DAY} <= "valid_from_last") '
    f'OR ("valid_to_uncertain" AND {_DAY} >= "valid_to_first" AND {_DAY} <= "valid_to") END')
#: The status of a route on the map's day: the last ``[first day, last day, status]`` of the
#: ``status_days`` column (:mod:`geo.export_gpkg`) whose first day is not after the day (NULL
#: before the first, with no status history or with the temporal controller off).
STATUS_ON_DAY = (f'array_last(array_filter(from_json("status_days"), to_date(@element[0]) <= {_DAY}))[2]')
#: The temporal controller's fields: shown when valid_from_start <= day < valid_to_start (NULL: open).
TEMPORAL_START, TEMPORAL_END = "valid_from_start", "valid_to_start"
UNCERTAIN_LABEL = "date uncertain (dotted, fainter)"
QGIS_VERSION = "3.22.16-Białowieża"

_HEX = re.compile(r"#([0-9a-fA-F]{6})")


def rgba(colour: str, opacity: float = 1.0) -> str:
    """``#rrggbb`` and an opacity as QGIS's ``r,g,b,a`` (0-255)."""
    match = _HEX.fullmatch(colour)
    if not match:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = match.group(1)
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{round(max(0.0, min(1.0, opacity)) * 255)}"


def _mm(px: float) -> str:
    return f"{px * PX_MM:.3f}".rstrip("0").rstrip(".")


def _dash(dash: str | None) -> str:
    return ";".join(_mm(float(part)) for part in re.split(r"[ ,]+", dash.strip())) if dash else ""


def _options(values: dict[str, str]) -> str:
    inner = "".join(f'<Option type="QString" name={quoteattr(k)} value={quoteattr(str(v))}/>'
                    for k, v in values.items())
    return f'<Option type="Map">{inner}</Option>'


def _symbol_layer(cls: str, values: dict[str, str]) -> str:
    return f'<layer class="{cls}" enabled="1" locked="0" pass="0">{_options(values)}</layer>'


def _line(style: dict, outline: bool = False) -> str:
    dash = style.get("dashArray")
    values = {"line_color": rgba(style["color"], style.get("opacity", layer_registry.DEFAULT_OPACITY)),
              "line_width": _mm(style.get("weight", 3)), "line_width_unit": "MM", "line_style": "solid",
              "use_custom_dash": "1" if dash else "0", "customdash": _dash(dash) or "5;2",
              "customdash_unit": "MM", "capstyle": "round", "joinstyle": "round", "offset": "0",
              "offset_unit": "MM", "draw_inside_polygon": "0", "ring_filter": "0"}
    return _symbol_layer("SimpleLine", values)


def _fill(style: dict) -> str:
    fill_opacity = style.get("fillOpacity", LEAFLET_FILL_OPACITY)
    values = {"color": rgba(style.get("fillColor", style["color"]), fill_opacity),
              "style": "solid" if fill_opacity > 0 else "no", "outline_style": "no",
              "outline_color": "0,0,0,0", "outline_width": "0", "outline_width_unit": "MM",
              "joinstyle": "round", "offset": "0,0", "offset_unit": "MM"}
    return _symbol_layer("SimpleFill", values) + _line(style, outline=True)


def _marker(style: dict) -> str:
    dash = style.get("dashArray")
    first = float(re.split(r"[ ,]+", dash.strip())[0]) if dash else 0
    values = {"name": "circle", "color": rgba(style.get("fillColor", style["color"]), style.get("fillOpacity", 0.2)),
              "outline_color": rgba(style["color"], style.get("opacity", layer_registry.DEFAULT_OPACITY)),
              "outline_width": _mm(style.get("weight", 3)), "outline_width_unit": "MM",
              "outline_style": ("dot" if first <= 2 else "dash") if dash else "solid",
              "size": _mm(2 * float(style.get("radius", 10))), "size_unit": "MM", "angle": "0",
              "scale_method": "diameter", "joinstyle": "round", "offset": "0,0", "offset_unit": "MM",
              "vertical_anchor_point": "1", "horizontal_anchor_point": "1"}
    return _symbol_layer("SimpleMarker", values)


_SYMBOL_TYPE = {"Polygon": "fill", "LineString": "line", "Point": "marker"}


def symbol(style: dict, family: str, name: str) -> str:
    """One QGIS symbol (``<symbol>``) drawing a Leaflet style on a geometry family."""
    body = {"Polygon": _fill, "LineString": _line, "Point": _marker}[family](style)
    return (f'<symbol type="{_SYMBOL_TYPE[family]}" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f"{body}</symbol>")


def _filter(column: str, key: str) -> str:
    if key == "*":
        return "ELSE"
    return f'"{column}" = \'{key.replace(chr(39), chr(39) * 2)}\''


def style_keys(layer_id: str) -> list[str]:
    """The layer's style keys of a table row (kind, or side): the fallback ``*`` last."""
    keys = [k for k in layer_registry.get(layer_id).styles if "|" not in k]
    return sorted(keys, key=lambda k: k == "*")


def status_keys(layer_id: str, key: str) -> list[str]:
    """The statuses with a style of their own for a style key (``key|status`` entries: roads)."""
    return [k.partition("|")[2] for k in layer_registry.get(layer_id).styles if k.partition("|")[0] == key and "|" in k]


def has_statuses(layer_id: str) -> bool:
    """Whether the layer draws a feature by its status on the day (its table has ``status_days``)."""
    return any("|" in k for k in layer_registry.get(layer_id).styles)


class _Rules:
    """Collects the symbols of a rule tree (each symbol is referenced by its number)."""

    def __init__(self, layer_id: str, family: str):
        self.layer_id, self.family, self.symbols = layer_id, family, []

    def pair(self, style_key: str, rule_key: str) -> str:
        """The uncertain and the certain rule drawing one style key (as children of a rule)."""
        certain, uncertain = key_styles(self.layer_id, style_key)
        out = []
        for suffix, style, label, filt in (("u", uncertain, UNCERTAIN_LABEL, UNCERTAIN_FILTER),
                                           ("c", certain, "date certain", "ELSE")):
            number = str(len(self.symbols))
            self.symbols.append(symbol(style, self.family, number))
            out.append(f'<rule key="{{{rule_key}-{suffix}}}" symbol="{number}" label={quoteattr(label)} '
                       f"filter={quoteattr(filt)}/>")
        return "".join(out)


def rules(layer_id: str, family: str) -> tuple[str, str]:
    """The ``<rules>`` and ``<symbols>`` of the layer's rule-based renderer: a rule per style
    key, beneath it (roads) a rule per status on the day, beneath each the uncertain and the
    certain style."""
    layer = layer_registry.get(layer_id)
    tree = _Rules(layer_id, family)
    rule_xml = []
    for i, key in enumerate(style_keys(layer_id)):
        label, base = layer.styles[key].label, f"{layer_id}-{i}"
        inner = ""
        for j, status in enumerate(status_keys(layer_id, key)):
            status_label = layer_registry.ROAD_STATUSES[status].label if status in layer_registry.ROAD_STATUSES \
                else status
            filt = f"{STATUS_ON_DAY} = '{status}'"
            inner += (f'<rule key="{{{base}-s{j}}}" label={quoteattr(status_label)} filter={quoteattr(filt)}>'
                      f"{tree.pair(f'{key}|{status}', f'{base}-s{j}')}</rule>")
        if inner:  # no status on the day (before the first, or no temporal controller): the kind's style
            inner += (f'<rule key="{{{base}-s}}" label="status not known on the day" filter="ELSE">'
                      f"{tree.pair(key, f'{base}-s')}</rule>")
        else:
            inner = tree.pair(key, base)
        rule_xml.append(f'<rule key="{{{base}}}" label={quoteattr(label)} '
                        f"filter={quoteattr(_filter(layer.style_by, key))}>{inner}</rule>")
    return (f'<rules key="{{{layer_id}-root}}">{"".join(rule_xml)}</rules>',
            f'<symbols>{"".join(tree.symbols)}</symbols>')


def _labeling(layer_id: str) -> str:
    if not layer_registry.get(layer_id).labels:
        return ""
    return ('<labeling type="simple"><settings calloutType="simple">'
            '<text-style fieldName="name" isExpression="0" fontSize="8" fontSizeUnit="Point" '
            'textColor="0,0,0,255" textOpacity="1" fontFamily="Sans Serif" namedStyle="Regular">'
            '<text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" '
            'bufferOpacity="0.85" bufferJoinStyle="128"/></text-style>'
            '<placement placement="6" dist="1" distUnits="MM" priority="5"/>'
            '<rendering obstacle="1" scaleVisibility="0" drawLabels="1" displayAll="0"/>'
            "</settings></labeling>")


def qml(layer_id: str, family: str) -> str:
    """The QML document (QGIS layer style) of a table of ``layer_id`` holding ``family``
    geometries ("Point", "LineString" or "Polygon")."""
    if family not in GEOMETRY_CODE:
        raise ValueError(f"no QGIS style for geometry family {family!r}; expected one of {', '.join(GEOMETRY_CODE)}")
    rule_xml, symbols = rules(layer_id, family)
    labels = _labeling(layer_id)
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            f'<qgis version="{QGIS_VERSION}" styleCategories="Symbology|Labeling|Temporal" '
            f'labelsEnabled="{1 if labels else 0}">'
            f'<temporal enabled="1" mode="2" limitMode="0" accumulate="0" startField="{TEMPORAL_START}" '
            f'endField="{TEMPORAL_END}" startExpression="" endExpression="" durationField="" durationUnit="d" '
            'fixedDuration="0"><fixedRange><start></start><end></end></fixedRange></temporal>'
            '<renderer-v2 type="RuleRenderer" forceraster="0" symbollevels="0" enableorderby="0" referencescale="-1">'
            f"{rule_xml}{symbols}</renderer-v2>{labels}"
            f"<layerGeometryType>{GEOMETRY_CODE[family]}</layerGeometryType></qgis>\n")
