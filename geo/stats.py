"""Figures for one day: area held by each side, lengths of lines and corridors."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .atlas import Atlas
from .frame import frame_for
from .measure import area_km2, length_km
from .layers import SIDES, measured


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
UNCERTAIN_ROW = "Change of hands under way: date uncertain"
NOT_DRAWN_ROW = "Not drawn"


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
    width = max([len(SIDES[s]) for s in stats["area_km2"]] + [len(line["name"]) for line in stats["lines"]] +
                [len(UNCERTAIN_ROW)])
    frame = stats.get("frame")
    where = (f"inside the frame of {frame['label']}, {frame['km2']:,.0f} km²" if frame
             else "the drawn control areas")
    rows = [f"Karabakh Atlas figures for {stats['date']}", "",
            f"Area held (km², equal-area projection; {where}):"]
    if frame:
        row = {**stats["area_km2"], "uncertain": frame["uncertain_km2"], "not_drawn": frame["not_drawn_km2"]}
        for item in figure_rows(row, list(stats["area_km2"])):
            rows.append(f"  {item['label']:<{width}} {item['km2']:>10,.1f}")
        rows.append(f"  {'Total (the frame)':<{width}} {frame['km2']:>10,.1f}")
    else:
        for side, km2 in stats["area_km2"].items():
            rows.append(f"  {SIDES[side]:<{width}} {km2:>10,.1f}")
    rows += ["", "Lengths (km, geodesic):"]
    if not stats["lines"]:
        rows.append("  (no line or corridor valid on this day)")
    for line in stats["lines"]:
        rows.append(f"  {line['name']:<{width}} {line['length_km']:>10,.1f}  [{line['id']}]")
    return "\n".join(rows) + "\n"
