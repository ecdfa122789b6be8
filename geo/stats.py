"""Figures for one day: area held by each side, lengths of lines and corridors."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .atlas import Atlas
from .frame import frame_for
from .measure import area_km2, length_km
from .layers import SIDES, measured
from . import i18n
from .i18n import _, current, format_date, format_decimal


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


def format_stats(stats: dict[str, Any]) -> str:
    """The figures as text in the interface language (:mod:`geo.i18n`; JSON stays as it is)."""
    def number(value: float, digits: int = 1) -> str:
        return format_decimal(value, digits=digits) if current() != "en" else f"{value:,.{digits}f}"
    uncertain, not_drawn = _("Uncertain (drawn for both sides)"), _("Not drawn")
    width = max([len(_(SIDES[s])) for s in stats["area_km2"]] + [len(line["name"]) for line in stats["lines"]]
                + ([len(uncertain), len(not_drawn)] if stats.get("frame") else []))
    frame = stats.get("frame")
    where = (_("inside the frame of {frame}, {km2} km²", frame=i18n.text(frame["label"]), km2=number(frame["km2"], 0)) if frame
             else _("the drawn control areas"))
    day = format_date(stats["date"]) if current() != "en" else stats["date"]
    rows = [_("Karabakh Atlas figures for {date}", date=day), "",
            _("Area held (km², equal-area projection; {where}):", where=where)]
    for side, km2 in stats["area_km2"].items():
        rows.append(f"  {_(SIDES[side]):<{width}} {number(km2):>10}")
    if frame:
        rows.append(f"  {uncertain:<{width}} {number(frame['uncertain_km2']):>10}")
        rows.append(f"  {not_drawn:<{width}} {number(frame['not_drawn_km2']):>10}")
    rows += ["", _("Lengths (km, geodesic):")]
    if not stats["lines"]:
        rows.append("  " + _("(no line or corridor valid on this day)"))
    for line in stats["lines"]:
        rows.append(f"  {line['name']:<{width}} {number(line['length_km']):>10}  [{line['id']}]")
    return "\n".join(rows) + "\n"
