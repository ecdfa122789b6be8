"""GeoPackage export: tables, round trip through geopandas/pyogrio, atomic writes."""
from __future__ import annotations

import json
import sqlite3

import geopandas as gpd
import pyogrio
import pytest

from geo import load_atlas
from geo.cli import main
from geo.export_gpkg import FEATURE_COLUMNS, geopackage_bytes, write_geopackage
from geo.model import LAYERS

from conftest import DATA_DIR
from hostile import BREAK_OUT, IMG, PLACE_NAMES, SCRIPT, TEMPLATE, hostile  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def shipped_exports(tmp_path_factory):
    """``export gpkg`` and ``export geojson --all`` of the shipped dataset, through the CLI."""
    folder = tmp_path_factory.mktemp("gpkg")
    gpkg, geojson = folder / "atlas.gpkg", folder / "atlas.geojson"
    assert main(["export", "gpkg", "--data", str(DATA_DIR), "-o", str(gpkg)]) == 0
    assert main(["export", "geojson", "--data", str(DATA_DIR), "--all", "-o", str(geojson)]) == 0
    return gpkg, json.loads(geojson.read_text(encoding="utf-8"))


def _value(v):
    return None if v is None or v != v else v  # NaN (a missing text read back) -> None


def test_tables_of_the_geopackage(shipped_exports):
    gpkg, _ = shipped_exports
    layers = {name: geometry for name, geometry in pyogrio.list_layers(gpkg)}
    assert set(layers) == set(LAYERS) | {"excerpts", "sources"}
    assert layers["excerpts"] is None and layers["sources"] is None
    assert layers["control"] == "MultiPolygon" and layers["places"] == "Point"
    with sqlite3.connect(gpkg) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
        kinds = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
        srs = {row[0] for row in db.execute("SELECT srs_id FROM gpkg_geometry_columns")}
    assert kinds["excerpts"] == kinds["sources"] == "attributes" and kinds["control"] == "features"
    assert srs == {4326}
    control = pyogrio.read_info(gpkg, layer="control")
    assert list(control["fields"]) == list(FEATURE_COLUMNS)
    assert "held_by" not in pyogrio.read_info(gpkg, layer="places")["fields"]


def test_round_trip_matches_the_geojson_export(shipped_exports, atlas):
    gpkg, geojson = shipped_exports
    expected: dict[str, dict[str, dict]] = {name: {} for name in LAYERS}
    for feature in geojson["features"]:
        expected[feature["properties"]["layer"]][feature["id"]] = feature["properties"]
    for layer in LAYERS:
        frame = gpd.read_file(gpkg, layer=layer, engine="pyogrio")
        assert len(frame) == len(expected[layer]), layer
        assert frame.crs.to_epsg() == 4326
        for row in frame.itertuples():
            props = expected[layer][row.id]
            assert _value(row.valid_from) == props["valid_from"], row.id
            assert _value(row.valid_to) == props["valid_to"], row.id
            assert bool(row.valid_from_uncertain) == props["valid_from_uncertain"]
            assert bool(row.valid_to_uncertain) == props["valid_to_uncertain"]
            assert (_value(row.excerpt_ids) or "") == ";".join(props["excerpt_ids"])
            assert row.accuracy_km == props["accuracy_km"] and row.method == props["method"]
            feature = atlas.by_id[row.id]
            assert _value(row.valid_from_start) == (feature.validity.start.isoformat() if feature.validity.start
                                                    else None)
            assert _value(row.valid_to_start) == (feature.validity.end.isoformat() if feature.validity.end else None)
            assert row.geometry.equals(feature.geometry), row.id  # same shape (Polygon may become MultiPolygon)
            other = json.loads(row.properties_json) if _value(row.properties_json) else {}
            for key in ("source_ids", "date_basis", "control_history", "status_history"):
                if key in props:
                    assert other[key] == props[key], (row.id, key)
    excerpts = pyogrio.read_dataframe(gpkg, layer="excerpts")
    sources = pyogrio.read_dataframe(gpkg, layer="sources")
    assert list(excerpts["id"]) == [e.id for e in atlas.excerpts]
    assert sorted(sources["id"]) == sorted(atlas.sources)


def test_hostile_text_round_trips_exactly(hostile, tmp_path):
    data, texts = hostile
    atlas = load_atlas(data, texts)
    path = write_geopackage(atlas, tmp_path / "hostile.gpkg")
    places = pyogrio.read_dataframe(path, layer="places")
    assert places.loc[0, "names_hy"] == PLACE_NAMES["hy"] and places.loc[0, "names_ru"] == PLACE_NAMES["ru"]
    events = pyogrio.read_dataframe(path, layer="events")
    assert events.loc[0, "kind"] == IMG and f"{SCRIPT} {BREAK_OUT}" in events.loc[0, "method"]
    assert json.loads(events.loc[0, "properties_json"])["names"]["alt"][0].startswith("ev-hostile")
    sources = pyogrio.read_dataframe(path, layer="sources").set_index("id")
    assert sources.loc["src-hostile", "title"] == f"Title {SCRIPT} {BREAK_OUT} {TEMPLATE}"
    excerpts = pyogrio.read_dataframe(path, layer="excerpts").set_index("id")
    assert excerpts.loc["src-hostile-01", "quote"] == atlas.excerpts_by_id["src-hostile-01"].quote


def test_empty_layers_are_empty_tables(tiny, tmp_path):
    data, _ = tiny
    path = write_geopackage(load_atlas(data, check_quotes=False), tmp_path / "tiny.gpkg")
    counts = {name: pyogrio.read_info(path, layer=name)["features"] for name in LAYERS}
    assert counts == {"provinces": 1, "control": 2, "line_of_contact": 1, "corridors": 0, "peacekeeping": 0,
                      "events": 0, "places": 1}


def test_geopackage_bytes(tiny):
    data, _ = tiny
    blob = geopackage_bytes(load_atlas(data, check_quotes=False))
    assert blob[:16] == b"SQLite format 3\x00" and blob[68:72] == b"GPKG"


def test_failed_write_keeps_the_old_file_and_leaves_nothing(tiny, tmp_path, monkeypatch, capsys):
    data, _ = tiny
    out = tmp_path / "atlas.gpkg"
    out.write_text("previous")
    import geo.io

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(geo.io.os, "replace", boom)
    assert main(["export", "gpkg", "--data", str(data), "-o", str(out)]) == 3
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.gpkg", "data", "texts"]


def test_writer_failure_midway_leaves_nothing(tiny, tmp_path, monkeypatch):
    data, _ = tiny
    import geo.export_gpkg

    calls = []
    real = geo.export_gpkg.pyogrio.write_dataframe

    def fail_on_third(*args, **kwargs):
        calls.append(kwargs.get("layer"))
        if len(calls) == 3:
            raise pyogrio.errors.DataSourceError("disk went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(geo.export_gpkg.pyogrio, "write_dataframe", fail_on_third)
    out = tmp_path / "atlas.gpkg"
    assert main(["export", "gpkg", "--data", str(data), "-o", str(out)]) == 3
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["data", "texts"]


def test_cli_gpkg_reports_size_and_refuses_missing_directory(tiny, tmp_path, capsys):
    data, _ = tiny
    out = tmp_path / "a.gpkg"
    assert main(["export", "gpkg", "--data", str(data), "-o", str(out)]) == 0
    assert f"wrote {out} (" in capsys.readouterr().err
    assert main(["export", "gpkg", "--data", str(data), "-o", str(tmp_path / "nope" / "a.gpkg")]) == 3
    assert "does not exist" in capsys.readouterr().err
