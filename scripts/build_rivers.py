"""Build data/basemap/rivers.geojson: rivers and lakes of the region under every map.

Sources (both installed from package registries, checked by sha256):

- Rivers: the CIA World Data Bank II river lines as processed in GSHHG 2.3.7 (Wessel &
  Smith), LGPL-3, from Debian's package ``gmt-gshhg-full`` (2.3.7-6), extracted with
  Debian's ``gmt`` (``gmt coast -I... -M -Df``). Levels 1-4 (double-lined, permanent
  major, additional major and additional rivers). GSHHG's rivers carry no names: the
  Araks (Aras) and the Kura are named here by the places they pass (a river is named
  when it passes within ``NAME_KM`` of every reference point, with the lines of its level
  that continue it); the others stay unnamed.
- Lakes and reservoirs: OpenStreetMap water polygons as simplified by the npm package
  ``@geo-maps/earth-lakes-10m`` 0.6.0 (data ODbL 1.0, code MIT): the named lakes
  (Sarsang reservoir, Lake Sevan, Mingachevir reservoir), each the union of the water
  polygons near its reference point.

Neither source has the Hakari, the Tartar (Terter) or the Vorotan (Bargushad) at this
scale: they are drawn as schematic lines from data/basemap/schematic_rivers.json by
scripts/build_schematic_rivers.py into data/basemap/schematic_rivers.geojson.

    apt-get install gmt gmt-gshhg-full
    npm pack @geo-maps/earth-lakes-10m@0.6.0 && tar xzf geo-maps-earth-lakes-10m-0.6.0.tgz
    python scripts/build_rivers.py package/map.geo.json
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pyproj import Geod
from shapely import set_precision
from shapely.geometry import LineString, MultiLineString, Point, box, mapping, shape
from shapely.ops import linemerge, nearest_points, unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from geo.romanize import with_hy_latn  # noqa: E402  (hy_Latn is made from hy, never typed)
OUT = ROOT / "data" / "basemap" / "rivers.geojson"
FRAME = box(43.0, 37.0, 50.5, 42.5)  # geo.crs.ATLAS_REGION
GSHHG_RIVERS = Path("/usr/share/gmt-gshhg/binned_river_f.nc")
NAME_KM = 7.0
LAKE_REACH_DEG = 0.03  # a lake is the union of the water polygons this close to its reference point
GEOD = Geod(ellps="WGS84")

#: The named rivers and lakes and the points that find them: data/basemap/rivers_named.json.
NAMED_FILE = ROOT / "data" / "basemap" / "rivers_named.json"
_NAMED = json.loads(NAMED_FILE.read_text(encoding="utf-8"))
#: River -> its names, reference points (lon, lat) it passes, and its WDB II levels there.
RIVERS = {r["name"]: (r["names"], [tuple(p) for p in r["passes"]], set(r["levels"])) for r in _NAMED["rivers"]}
#: Lake name -> names, a point inside it.
LAKES = {lake["name"]: (lake["names"], tuple(lake["inside"])) for lake in _NAMED["lakes"]}

def km(a, b) -> float:
    if a.intersects(b):
        return 0.0
    p, q = nearest_points(a, b)
    return GEOD.inv(p.x, p.y, q.x, q.y)[2] / 1000.0


def river_lines() -> list[tuple[int, LineString]]:
    """(level, line) for every WDB II river in the frame, bin pieces merged."""
    lon0, lat0, lon1, lat1 = FRAME.bounds
    dump = subprocess.run(["gmt", "coast", f"-R{lon0}/{lon1}/{lat0}/{lat1}", "-Ia", "-M", "-Df"],
                          check=True, capture_output=True, text=True,
                          cwd=tempfile.gettempdir()).stdout  # gmt writes gmt.history into its cwd
    pieces: dict[int, list[LineString]] = {}
    level, points = None, []

    def close():
        if level is not None and len(points) > 1:
            pieces.setdefault(level, []).append(LineString(points))

    for line in dump.splitlines():
        if line.startswith(">"):
            close()
            level, points = int(line.rsplit("Level", 1)[1]), []
        elif line.strip():
            x, y = map(float, line.split()[:2])
            points.append((x, y))
    close()
    out = []
    for lvl, lines in sorted(pieces.items()):
        if lvl > 4:
            continue
        merged = linemerge(MultiLineString(lines))
        out += [(lvl, part) for part in getattr(merged, "geoms", [merged])]
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        raise SystemExit(__doc__)
    registry = json.loads((ROOT / "data" / "provenance.json").read_text(encoding="utf-8"))
    lakes_raw = Path(argv[0]).read_bytes()
    checks = [(GSHHG_RIVERS.read_bytes(), registry["gshhg-wdb-rivers"]["sha256"], GSHHG_RIVERS),
              (lakes_raw, registry["osm-lakes-geo-maps"]["sha256"], argv[0])]
    for raw, expected, label in checks:
        sha = hashlib.sha256(raw).hexdigest()
        if sha != expected:
            raise SystemExit(f"{label}: sha256 {sha}, expected {expected} (see data/provenance.json)")
    features = []
    lines = river_lines()
    used: set[int] = set()
    for name, (names, refs, levels) in RIVERS.items():
        # lines of the river's levels near one of its reference points, then the lines of
        # those levels that continue them (touch them end to end)
        chosen = {i for i, (lvl, line) in enumerate(lines)
                  if lvl in levels and min(km(line, Point(r)) for r in refs) <= NAME_KM}
        grown = True
        while grown:
            grown = False
            for i, (lvl, line) in enumerate(lines):
                if i not in chosen and lvl in levels and any(line.distance(lines[j][1]) < 1e-3 for j in chosen):
                    chosen.add(i)
                    grown = True
        union = linemerge(MultiLineString([lines[i][1] for i in sorted(chosen)])) if chosen else None
        if union is None or any(km(union, Point(r)) > NAME_KM for r in refs):
            raise SystemExit(f"{name}: no GSHHG river passes all its reference points")
        used |= chosen
        features.append(("river", name, names, union, "gshhg-wdb-rivers"))
    features += [("river", None, {}, line, "gshhg-wdb-rivers") for i, (_, line) in enumerate(lines) if i not in used]
    collection = json.loads(lakes_raw)
    for name, (names, inside) in LAKES.items():
        near = Point(inside).buffer(LAKE_REACH_DEG)
        parts = []
        for geometry in collection["geometries"]:
            geom = shape(geometry)
            parts += [poly for poly in getattr(geom, "geoms", [geom]) if poly.intersects(near)]
        if not parts:
            raise SystemExit(f"{name}: no lake polygon near {inside}")
        hit = unary_union(parts)
        features.append(("lake", name, names, hit, "osm-lakes-geo-maps"))
    out = []
    for kind, name, names, geom, source in features:
        geom = set_precision(geom.intersection(FRAME).simplify(0.002, preserve_topology=True), 1e-4)
        if geom.is_empty:
            continue
        slug = (name or f"{kind}-{len(out)}").lower().replace(" ", "-").replace("(", "").replace(")", "")
        out.append({"type": "Feature", "properties": {
            "id": f"basemap-{slug}", "kind": kind, "name": names.get("en") if names else None,
            "names": with_hy_latn(names),
            "source_ids": [source]},
            "geometry": mapping(geom)})
    document = {"type": "FeatureCollection", "name": "rivers",
                "note": "Rivers (GSHHG 2.3.7 WDB II, LGPL-3) and lakes (OpenStreetMap via @geo-maps/earth-lakes-10m, "
                        "ODbL 1.0) of the region; built by scripts/build_rivers.py. The Hakari, Tartar (Terter) and "
                        "Vorotan (Bargushad) are not in these sources at this scale; their schematic lines are in "
                        "schematic_rivers.geojson.",
                "features": out}
    OUT.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(out)} features", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
