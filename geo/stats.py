"""Figures for one day: area held by each side, lengths of lines and corridors."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .atlas import Atlas
from .frame import frame_for
from .measure import area_km2, length_km
from .layers import SIDES, measured
from . import i18n
from .i18n import N_, _, current, format_date, format_decimal


def stats_for_date(atlas: Atlas, day: dt.date) -> dict[str, Any]:
    """``{"date", "area_km2": {side: km²}, "frame", "lines": [{id, layer, kind, name, length_km}]}``.

    Areas are those inside the stated frame of :mod:`geo.frame` (``frame`` describes it,
    with the ground drawn for both sides, ``uncertain``, and ``not_drawn``); a dataset
    without the frame's provinces gets the area of the drawn control areas (``frame`` None).
    """
    layers = atlas.features_on(day)
    areas = {side: 0.0 for side in SIDES}
    frame = None
    try:
        area_frame = frame_for(atlas)
    except KeyError:
        for layer in measured("area"):  # area held per side (the layer's style_by property: held_by)
            for feature in layers[layer.id]:
                side = feature.properties.get(layer.style_by)
                areas[side] = areas.get(side, 0.0) + area_km2(feature.geometry)
    else:
        inside = area_frame.areas(day)
        areas = {side: inside[side] for side in SIDES}
        frame = {**area_frame.describe(), "uncertain_km2": inside["uncertain"], "not_drawn_km2": inside["not_drawn"]}
    lines = [{"id": f.id, "layer": f.layer, "kind": f.kind, "name": f.name,
              "length_km": round(length_km(f.geometry), 1)}
             for layer in measured("length") for f in layers[layer.id]]
    return {"date": day.isoformat(), "area_km2": {k: round(v, 1) for k, v in areas.items()}, "frame": frame,
            "lines": lines}


#: The labels of the rows that are not a side's (``rules.js`` figureRows writes the same).
UNCERTAIN_ROW = N_("Change of hands under way: date uncertain")
NOT_DRAWN_ROW = N_("Not drawn")


def figure_rows(row: dict[str, float], sides: list[str] | None = None) -> list[dict[str, Any]]:
    """The rows of the area held on a day, from a row of the frame's figures (``{side: km²,
    "uncertain", "not_drawn"}``): each side's, then the ground drawn for both sides (a change
    of hands inside its uncertain interval) and the ground drawn for none. They add up to
    the frame: 19 September 2023 does not read as 0 km² held with 3,000 km² missing."""
    sides = list(SIDES) if sides is None else sides
    out = [{"key": k, "label": SIDES.get(k, k), "km2": row.get(k, 0.0)} for k in sides]
    out.append({"key": "uncertain", "label": UNCERTAIN_ROW, "km2": row.get("uncertain", 0.0)})
    out.append({"key": "not_drawn", "label": NOT_DRAWN_ROW, "km2": row.get("not_drawn", 0.0)})
    return out


def format_stats(stats: dict[str, Any]) -> str:
    """The figures as text in the interface language (:mod:`geo.i18n`; JSON stays as it is)."""
    def number(value: float, digits: int = 1) -> str:
        return format_decimal(value, digits=digits) if current() != "en" else f"{value:,.{digits}f}"
    frame = stats.get("frame")
    rows_of = figure_rows({**stats["area_km2"], "uncertain": frame["uncertain_km2"], "not_drawn": frame["not_drawn_km2"]},
                          list(stats["area_km2"])) if frame else \
        [{"key": s, "label": SIDES[s], "km2": km2} for s, km2 in stats["area_km2"].items()]
    total = _("Total (the frame)")
    labels = [i18n.text(r["label"]) for r in rows_of]  # registry labels and the rows' own (N_ below)
    width = max([len(label) for label in labels] + [len(line["name"]) for line in stats["lines"]]
                + ([len(total)] if frame else []))
    where = (_("inside the frame of {frame}, {km2} km²", frame=i18n.text(frame["label"]), km2=number(frame["km2"], 0)) if frame
             else _("the drawn control areas"))
    day = format_date(stats["date"]) if current() != "en" else stats["date"]
    rows = [_("Karabakh Atlas figures for {date}", date=day), "",
            _("Area held (km², equal-area projection; {where}):", where=where)]
    for label, item in zip(labels, rows_of):
        rows.append(f"  {label:<{width}} {number(item['km2']):>10}")
    if frame:
        rows.append(f"  {total:<{width}} {number(frame['km2']):>10}")
    rows += ["", _("Lengths (km, geodesic):")]
    if not stats["lines"]:
        rows.append("  " + _("(no line or corridor valid on this day)"))
    for line in stats["lines"]:
        rows.append(f"  {line['name']:<{width}} {number(line['length_km']):>10}  [{line['id']}]")
    return "\n".join(rows) + "\n"
