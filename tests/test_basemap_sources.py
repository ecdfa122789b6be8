"""Base-map files: each with its sources in the registry and credited in every export; the
schematic rivers drawn through the points their file names, marked schematic."""
from __future__ import annotations

import importlib.util
import json

import pytest
from shapely.geometry import Point, shape

from conftest import DATA_DIR
from geo import attribution, cartography
from geo.export import geojson_all, geojson_for_date
from geo.export_html import ATTRIBUTION as HTML_ATTRIBUTION

REGISTRY = json.loads((DATA_DIR / "provenance.json").read_text(encoding="utf-8"))
SCHEMATIC = json.loads((DATA_DIR / "basemap" / "schematic_rivers.geojson").read_text(encoding="utf-8"))
SPEC = json.loads((DATA_DIR / "basemap" / "schematic_rivers.json").read_text(encoding="utf-8"))
ROOT = DATA_DIR.parent


def test_every_basemap_file_on_disk_is_listed_with_its_sources():
    on_disk = {str(p.relative_to(DATA_DIR)) for p in (DATA_DIR / "basemap").iterdir() if p.is_file()}
    on_disk |= {"layers/provinces.geojson", "layers/places.geojson"}
    assert on_disk == set(attribution.BASEMAP_FILES)


@pytest.mark.parametrize("sid", sorted({s for ids in attribution.BASEMAP_FILES.values() for s in ids}))
def test_each_source_is_registered_with_a_licence_and_credited(sid):
    entry = REGISTRY[sid]
    assert entry["title"] and entry["licence"] and entry.get("publisher"), sid
    assert attribution.CREDITS[sid] in attribution.ATTRIBUTION


def test_the_credits_name_the_licences_the_registry_records():
    assert "ODbL" in REGISTRY["osm-lakes-geo-maps"]["licence"] and "OpenStreetMap" in attribution.ATTRIBUTION
    assert "LGPL" in REGISTRY["gshhg-wdb-rivers"]["licence"] and "LGPL" in attribution.ATTRIBUTION


def test_every_export_carries_the_attribution(atlas):
    import datetime as dt

    assert HTML_ATTRIBUTION == attribution.ATTRIBUTION
    assert geojson_all(atlas)["attribution"] == attribution.ATTRIBUTION
    assert geojson_for_date(atlas, dt.date(2021, 6, 1))["attribution"] == attribution.ATTRIBUTION


def test_the_schematic_rivers_are_the_three_and_marked():
    props = {f["properties"]["id"]: f["properties"] for f in SCHEMATIC["features"]}
    assert set(props) == {"basemap-hakari", "basemap-tartar", "basemap-vorotan"}
    for p in props.values():
        assert p["schematic"] is True and p["accuracy_km"] >= 5 and "Schematic" in p["method"]
        assert p["source_ids"] == ["schematic-rivers"]


@pytest.mark.parametrize("river,places", [
    ("basemap-hakari", ["place-lachin-berdzor", "place-hakari-bridge", "place-aghali"]),
    ("basemap-tartar", ["place-kalbajar-karvachar", "place-agdara-martakert", "place-tartar", "place-barda"]),
    ("basemap-vorotan", ["place-sisian", "place-qubadli-kashunik"]),
])
def test_each_river_passes_its_towns(atlas, river, places):
    line = next(shape(f["geometry"]) for f in SCHEMATIC["features"] if f["properties"]["id"] == river)
    for place in places:
        assert line.distance(atlas.by_id[place].geometry) < 1e-6, place
    assert not line.distance(atlas.by_id["place-baku"].geometry) < 0.5


def test_the_rivers_end_where_their_file_says():
    lines = {f["properties"]["id"]: shape(f["geometry"]) for f in SCHEMATIC["features"]}
    kura = next(shape(f["geometry"]) for f in json.loads((DATA_DIR / "basemap" / "rivers.geojson").read_text(
        encoding="utf-8"))["features"] if f["properties"]["id"] == "basemap-kura")
    assert Point(lines["basemap-tartar"].coords[-1]).distance(kura) < 1e-4       # the Tartar reaches the Kura
    assert lines["basemap-vorotan"].coords[-1] in list(lines["basemap-hakari"].coords)  # the Vorotan joins the Hakari


def test_the_build_reproduces_the_committed_file(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("build_schematic_rivers", ROOT / "scripts" / "build_schematic_rivers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "schematic_rivers.geojson")
    assert module.main() == 0
    assert module.OUT.read_text(encoding="utf-8") == (DATA_DIR / "basemap" / "schematic_rivers.geojson").read_text(
        encoding="utf-8")


def test_a_point_without_its_source_is_refused():
    spec = importlib.util.spec_from_file_location("build_schematic_rivers", ROOT / "scripts" / "build_schematic_rivers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bad = {"rivers": [dict(SPEC["rivers"][0], points=[{"lonlat": [46.5, 39.5]}, {"lonlat": [46.6, 39.4], "source": "x"}])]}
    with pytest.raises(SystemExit, match="basemap-hakari points\\[0\\]"):
        module.build(bad, {}, {})


def test_the_engine_gets_the_schematic_rivers_with_the_others(atlas):
    rivers = cartography.rivers(atlas)
    ids = {f["properties"].get("id") for f in rivers["features"]}
    assert {"basemap-araks", "basemap-hakari", "basemap-tartar", "basemap-vorotan"} <= ids
    assert sum(1 for f in rivers["features"] if f["properties"].get("schematic")) == 3
