"""The rivers and lakes under the map: real data, with provenance, where the map needs them."""
import json

from shapely.geometry import Point, shape

from conftest import DATA_DIR

RIVERS = json.loads((DATA_DIR / "basemap" / "rivers.geojson").read_text(encoding="utf-8"))
REGISTRY = json.loads((DATA_DIR / "provenance.json").read_text(encoding="utf-8"))


def _named(name):
    return next(shape(f["geometry"]) for f in RIVERS["features"] if f["properties"]["name"] == name)


def test_every_feature_cites_a_registered_source_with_a_hash():
    for f in RIVERS["features"]:
        for sid in f["properties"]["source_ids"]:
            assert len(REGISTRY[sid]["sha256"]) == 64 and REGISTRY[sid]["licence"], sid


def test_the_araks_runs_past_julfa_meghri_and_horadiz(atlas):
    araks = _named("Araks (Aras)")
    for place in ("place-julfa", "place-meghri", "place-horadiz"):
        assert araks.distance(atlas.by_id[place].geometry) < 0.07, place  # within ~7 km of the town


def test_the_sarsang_reservoir_is_drawn_where_the_place_is(atlas):
    reservoir = _named("Sarsang reservoir")
    assert reservoir.geom_type in ("Polygon", "MultiPolygon")
    assert reservoir.distance(atlas.by_id["place-sarsang-reservoir"].geometry) < 0.03


def test_names_in_every_convention():
    for f in RIVERS["features"]:
        if f["properties"]["name"]:
            assert {"en", "az", "hy", "ru"} <= set(f["properties"]["names"]), f["properties"]["id"]
