"""Who held a point on a day, read from the exported GeoJSON of that day (the fact tests of
tests/test_record.py and tests/test_record_ground.py)."""
from __future__ import annotations

import datetime as dt

from shapely.geometry import Point, shape

from geo.export import geojson_for_date

D = dt.date.fromisoformat


def snapshot(atlas, day):
    return geojson_for_date(atlas, D(day))["features"]


def holders(atlas, where, day):
    """{held_by: uncertain?} of the control areas drawn over a point (a feature id or
    (lon, lat)) on ``day``."""
    point = atlas.by_id[where].geometry if isinstance(where, str) else Point(where)
    out = {}
    for f in snapshot(atlas, day):
        p = f["properties"]
        if p["layer"] == "control" and shape(f["geometry"]).contains(point):
            uncertain = any(a <= day <= b for a, b in p["uncertain_intervals"])
            out[p["held_by"]] = out.get(p["held_by"], False) or uncertain
    return out


def certain(side):
    return {side: False}
