"""Outputs are safe and faithful: CSV cells never run as formulas, everything that validates
round-trips through GeoJSON, CSV and GeoPackage, MultiPoint events are circle markers
(issue 10)."""
from __future__ import annotations

import copy
import csv
import io

import pytest

from browser import chromium, offline_page  # noqa: F401  (fixtures)

from geo import load_atlas
from geo.escape import csv_cell, csv_uncell, terminal
from geo.export import excerpts_csv

from conftest import DATA_DIR, edge_dataset, tiny_dataset, write_dataset
from hostile import hostile_dataset
from roundtrip import check_csv, check_geojson, check_geopackage

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "'=kept", "'plain"]


@pytest.mark.parametrize("text", FORMULAS + ["plain", "", "a=b", "1-2", "Ağdam"])
def test_csv_cells_are_neutralised_reversibly(text):
    cell = csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert csv_uncell(cell) == text
    assert (cell == text) == (not text.startswith(("=", "+", "-", "@", "\t", "\r", "'")))


def test_csv_export_neutralises_formulas(tmp_path, dataset_files):
    text = "Shusha fell on 8 May 1992, and Lachin"
    dataset_files["sources/src-a.json"]["source"]["title"] = "=cmd|' /C calc'!A0"
    dataset_files["sources/src-a.json"]["source"]["authors"] = ["@author", "+plus"]
    dataset_files["sources/src-a.json"]["source"]["vantage"] = "-minus"
    data, texts = write_dataset(tmp_path, dataset_files)
    atlas = load_atlas(data, texts)
    rows = list(csv.reader(io.StringIO(excerpts_csv(atlas), newline="")))
    titles = {row[8] for row in rows[1:]}
    assert titles == {"'=cmd|' /C calc'!A0"}
    assert {row[9] for row in rows[1:]} == {"'@author; +plus"}
    assert text in [row[5] for row in rows[1:]]
    check_csv(atlas)


def test_terminal_text_shows_control_characters():
    assert terminal("a\x1b[2Jb\rc\x00d\x9be\u202ef") == "a\\x1b[2Jb\\x0dc\\x00d\\x9be\\u202ef"
    assert terminal("two\nlines\x07", keep_newlines=True) == "two\nlines\\x07"


def _datasets(root):
    yield "tiny", write_dataset(root / "tiny", tiny_dataset())
    yield "edge", write_dataset(root / "edge", edge_dataset())
    yield "hostile", hostile_dataset(root / "hostile")
    yield "shipped", (DATA_DIR, None)


@pytest.mark.parametrize("name", ["tiny", "edge", "hostile", "shipped"])
def test_everything_that_validates_round_trips(name, tmp_path):
    data, texts = dict(_datasets(tmp_path))[name]
    atlas = load_atlas(data, texts, check_quotes=texts is not None)
    check_geojson(atlas, data)
    check_csv(atlas)
    check_geopackage(atlas, data, tmp_path / "atlas.gpkg")


def test_name_lists_round_trip_through_the_geopackage(tmp_path):
    files = copy.deepcopy(tiny_dataset())
    files["layers/places.geojson"]["features"][0]["properties"]["names"]["ru"] = ["Один; два", "три"]
    data, texts = write_dataset(tmp_path, files)
    check_geopackage(load_atlas(data, texts), data, tmp_path / "atlas.gpkg")


@pytest.mark.browser
def test_multipoint_events_are_circle_markers_not_pins(tmp_path, offline_page):
    import datetime as dt

    from geo.export_html import day_map_html

    data, texts = hostile_dataset(tmp_path / "hostile")
    page_file = tmp_path / "day.html"
    page_file.write_text(day_map_html(load_atlas(data, texts), dt.date(2021, 6, 1), None, "en"), encoding="utf-8")
    offline_page.open(page_file)
    page = offline_page.page
    kinds = page.evaluate("""() => {
      const drawn = window.kaEngine.byId["ev-hostile-multi"].layer;
      return drawn.getLayers().map(part => part instanceof L.CircleMarker ? "circle" : "other");
    }""")
    assert kinds == ["circle", "circle"]  # one circle marker per point
    assert page.locator("img.leaflet-marker-icon, img.leaflet-marker-shadow").count() == 0
    offline_page.assert_no_errors()
