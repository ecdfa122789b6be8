"""Snapshot, measurement and export on the tiny dataset."""
import datetime as dt
import json

import pytest

from geo.model import SIDES
from shapely.geometry import LineString, box

from geo import load_atlas
from geo.export import excerpts_csv, excerpts_document, geojson_all, geojson_for_date
from geo.measure import area_km2, length_km
from geo.stats import stats_for_date


@pytest.fixture
def small(tiny):
    return load_atlas(*tiny)


def test_snapshot_by_layer(small):
    before = small.snapshot(dt.date(1990, 1, 1))
    during = small.snapshot(dt.date(2000, 1, 1))
    assert [f.id for f in before.layers["control"]] == []
    assert [f.id for f in during.layers["control"]] == ["ctrl-a", "ctrl-b"]
    assert [f.id for f in during.layers["places"]] == ["place-a"]  # open ends: always there


def test_snapshot_excerpts_speak_of_the_day(small):
    assert [e.id for e in small.snapshot(dt.date(1992, 5, 20)).excerpts] == ["src-a-01"]
    assert [e.id for e in small.snapshot(dt.date(2000, 1, 1)).excerpts] == ["src-a-02"]
    assert [e.id for e in small.snapshot(dt.date(1992, 6, 5), window_days=10).excerpts] == ["src-a-01"]


def test_snapshot_does_not_reread_files(tiny, monkeypatch):
    atlas = load_atlas(*tiny)
    import geo.io

    def forbidden(*args, **kwargs):
        raise AssertionError("snapshot read a file")

    monkeypatch.setattr(geo.io, "read_dataset", forbidden)
    monkeypatch.setattr("builtins.open", forbidden)
    assert atlas.snapshot(dt.date(2001, 1, 1)).layers["control"]


def test_snapshot_carries_each_features_linked_excerpts(small):
    snap = small.snapshot(dt.date(2000, 1, 1))
    assert snap.links["loc-a"] == ("src-a-01", "src-a-02")
    assert snap.links["prov-a"] == ()


def test_links_are_shown_both_ways(small):
    assert small.excerpt_ids_for("loc-a") == ("src-a-01", "src-a-02")
    assert small.excerpt_ids_for("place-a") == ("src-a-01",)
    assert small.excerpt_ids_for("prov-a") == ()


def test_step_between_key_dates(small):
    assert small.step(dt.date(2000, 1, 1), 1) == dt.date(2020, 9, 27)
    assert small.step(dt.date(2000, 1, 1), -1) == dt.date(1994, 5, 12)


def test_area_of_one_degree_cell_is_equal_area():
    # a 1°x1° cell at 39-40°N is about 111.2 km * 85.9 km ≈ 9,540 km² (geodesic reference)
    from geo.crs import GEOD
    cell = box(46, 39, 47, 40)
    geodesic = abs(GEOD.geometry_area_perimeter(cell)[0]) / 1e6
    assert area_km2(cell) == pytest.approx(geodesic, rel=1e-3)
    assert 9400 < area_km2(cell) < 9700


def test_length_is_geodesic():
    # one degree of latitude is about 111 km
    assert length_km(LineString([(46.5, 39.0), (46.5, 40.0)])) == pytest.approx(111.05, abs=0.1)


def test_stats_sum_areas_per_side(small):
    figures = stats_for_date(small, dt.date(2000, 1, 1))
    assert figures["area_km2"]["armenian"] == pytest.approx(area_km2(box(46.0, 39.0, 46.2, 39.5)), abs=0.1)
    assert [line["id"] for line in figures["lines"]] == ["loc-a"]
    assert stats_for_date(small, dt.date(1990, 1, 1))["area_km2"] == {side: 0.0 for side in SIDES}


def test_geojson_for_date_has_layer_and_excerpt_ids(small):
    doc = geojson_for_date(small, dt.date(2000, 1, 1))
    assert doc["type"] == "FeatureCollection"
    props = {f["properties"]["id"]: f["properties"] for f in doc["features"]}
    assert set(props) == {"prov-a", "ctrl-a", "ctrl-b", "loc-a", "place-a"}
    assert props["loc-a"]["layer"] == "line_of_contact"
    assert props["loc-a"]["excerpt_ids"] == ["src-a-01", "src-a-02"]
    assert props["loc-a"]["valid_from_uncertain"] is True   # "1994-05" is a month
    assert props["ctrl-a"]["valid_from_uncertain"] is False


def test_geojson_all_holds_every_feature(small):
    assert len(geojson_all(small)["features"]) == 5


def test_excerpts_document_shape(small):
    doc = excerpts_document(small)
    assert [s["id"] for s in doc["sources"]] == ["src-a"]
    assert {"id", "title", "authors", "published", "vantage", "text_file"} <= set(doc["sources"][0])
    assert set(doc["excerpts"][0]) >= {"id", "source_id", "quote", "date", "feature_ids", "place_ids"}
    json.dumps(doc)


def test_excerpts_csv_round_trips(small):
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(excerpts_csv(small))))
    assert [r["id"] for r in rows] == ["src-a-01", "src-a-02"]
    assert rows[0]["quote"] == "Shusha fell on 8 May 1992, and Lachin"
    assert rows[1]["date_last"] == "2020-12-31"
