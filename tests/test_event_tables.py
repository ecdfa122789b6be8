"""Event tables at scale: imported as GeoParquet (``data/tables/*.parquet``) a block at a time,
bad rows skipped and reported, checked column by column, drawn by the engine as counts per
month and grid cell that add up to the rows, exported as GeoJSON streamed."""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess

import geopandas
import pytest

from conftest import ROOT
from geo import engine, event_bins, event_store, load_atlas
from geo.cli import main
from geo.crs import ATLAS_REGION
from geo.datapackage import descriptor
from geo.errors import DatasetError
from geo.ingest.events_table import MAX_PROBLEMS_KEPT, import_table, write_table
from test_rules_parity import node

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
ACLED_HEADER = (FIXTURES / "acled-sample.csv").read_text(encoding="utf-8").splitlines()[0]
JS_TEST = ROOT / "tests" / "js" / "tables.test.cjs"


def acled_row(event_id: str, date: str = "2022-09-13", time_precision: str = "1", lat: str = "40.2",
              lon: str = "45.9", geo_precision: str = "1") -> str:
    values = dict.fromkeys(ACLED_HEADER.split(","), "")
    values.update(event_id_cnty=event_id, event_date=date, time_precision=time_precision, event_type="Battles",
                  sub_event_type="Armed clash", location="Sotk", latitude=lat, longitude=lon,
                  geo_precision=geo_precision, source="Test Wire", notes="A test row.", fatalities="1")
    return ",".join(values[c] for c in ACLED_HEADER.split(","))


def write_csv(path, rows: list[str]):
    path.write_text("\n".join([ACLED_HEADER] + rows) + "\n", encoding="utf-8")
    return path


# -- import ----------------------------------------------------------------------------------
def test_bad_rows_are_skipped_and_reported_by_row_and_field(tmp_path):
    table = write_csv(tmp_path / "t.csv", [
        acled_row("OK1"),                                   # row 2
        acled_row("BAD2", date="9999-01-01"),               # row 3: a 9999 date
        acled_row("BAD3", time_precision="inf"),            # row 4: an infinite precision
        acled_row("BAD4", lat="nan"),                       # row 5
        acled_row("BAD5", lon="inf"),                       # row 6
        acled_row("BAD6", geo_precision="7"),               # row 7: out of range
        acled_row("BAD7", date="0999-12-31"),               # row 8
        acled_row("OK2", date="2022-09-14"),                # row 9
    ])
    out = tmp_path / "t.parquet"
    result = write_table(table, "acled", out)
    assert (result.rows, result.events, result.unreadable) == (8, 2, 6)
    assert result.problems == [
        "t.csv: row 3: event_date: 9999-01-01 is outside the years 1000-2999",
        "t.csv: row 4: time_precision: not a precision code: 'inf'",
        "t.csv: row 5: latitude: not a finite number: 'nan'",
        "t.csv: row 6: longitude: not a finite number: 'inf'",
        "t.csv: row 7: geo_precision: unknown precision code 7 (expected 1-3)",
        "t.csv: row 8: event_date: 0999-12-31 is outside the years 1000-2999",
    ]
    assert sorted(geopandas.read_parquet(out)["id"]) == ["acled-ok1", "acled-ok2"]
    assert event_store.table_meta(out)["import"] == {"rows_read": 8, "kept": 2, "outside": 0, "imprecise": 0,
                                                     "duplicates": 0, "unreadable": 6}


def test_a_row_of_the_wrong_number_of_fields_is_skipped_with_where_it_lies(tmp_path):
    table = write_csv(tmp_path / "t.csv", [acled_row("OK1"), "TST9,2022-09-13", acled_row("OK2"),
                                            acled_row("BAD", date="9999-01-01")])
    result = write_table(table, "acled", tmp_path / "t.parquet")
    assert (result.rows, result.events, result.unreadable) == (4, 2, 2)
    # Arrow does not say where in its block the short row was: the rows of that block get a range
    assert result.problems == ["t.csv: row 4-5: event_date: 9999-01-01 is outside the years 1000-2999",
                               "t.csv: a row of rows 2-5: 2 field(s), the header has 31: 'TST9,2022-09-13'"]


def test_a_value_that_is_not_utf8_spoils_its_row_only(tmp_path):
    table = tmp_path / "t.csv"
    text = "\n".join([ACLED_HEADER, acled_row("OK1"), acled_row("BAD", date="2022-09-13"), acled_row("OK2")]) + "\n"
    data = b"\xef\xbb\xbf" + text.encode("utf-8").replace(b"BAD,2022", b"B\xffD,2022")  # a BOM, then the header
    table.write_bytes(data)
    result = write_table(table, "acled", tmp_path / "t.parquet")
    assert (result.rows, result.events, result.problems) == (3, 2, ["t.csv: row 3: event_id_cnty: not UTF-8 text"])


def test_a_table_of_bad_rows_keeps_the_first_problems_and_counts_the_rest(tmp_path, capsys):
    rows = [acled_row(f"B{i}", date="9999-01-01") for i in range(MAX_PROBLEMS_KEPT + 30)] + [acled_row("OK")]
    table = write_csv(tmp_path / "t.csv", rows)
    out = tmp_path / "tables" / "t.parquet"
    out.parent.mkdir()
    assert main(["ingest", "events", str(table), "--format", "acled", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "t.csv: row 2: event_date: 9999-01-01 is outside" in err
    assert f"... and {MAX_PROBLEMS_KEPT + 30 - 10} more unreadable row(s)" in err
    assert f"1 event(s) from {MAX_PROBLEMS_KEPT + 31} row(s)" in err and "note:" not in err


def test_parquet_round_trip_holds_what_the_geojson_import_holds(tmp_path):
    out = tmp_path / "acled.parquet"
    write_table(FIXTURES / "acled-sample.csv", "acled", out)
    frame = geopandas.read_parquet(out)
    assert frame.crs.to_epsg() == 4326 or frame.crs.to_string() == "OGC:CRS84"
    assert list(frame.geometry.geom_type.unique()) == ["Point"]
    first = frame.set_index("id").loc["acled-tst101"]
    assert (first["first"], first["last"], bool(first["date_exact"])) == (dt.date(2022, 9, 13),) * 2 + (True,)
    assert (first.geometry.x, first.geometry.y) == (45.8917, 40.2072)
    # exported back as GeoJSON (streamed), each event has the properties of the GeoJSON import
    expected = {f["properties"]["id"]: f for f in import_table(FIXTURES / "acled-sample.csv", "acled").features}
    data = tmp_path / "data"
    data.mkdir()
    (data / "layers").mkdir()
    (data / "tables").mkdir()
    out.rename(data / "tables" / "acled.parquet")
    atlas = load_atlas(data, check_quotes=False)
    exported = tmp_path / "events.geojson"
    assert main(["export", "tables", "--data", str(data), "-o", str(exported)]) == 0
    collection = json.loads(exported.read_text(encoding="utf-8"))
    assert collection["tables"] == [{"file": "tables/acled.parquet", "rows": 3,
                                     "dataset": "Armed Conflict Location & Event Data (ACLED)"}]
    features = collection["features"]
    assert len(features) == len(expected) == atlas.tables[0].rows == 3
    for feature in features:
        want = expected[feature["properties"]["id"]]
        assert feature["geometry"] == want["geometry"]
        assert feature["properties"] == {**want["properties"], "source_table": "acled-sample.csv"}


def test_an_output_that_is_neither_parquet_nor_geojson_is_refused(tmp_path, capsys):
    out = tmp_path / "t.csv.out"
    assert main(["ingest", "events", str(FIXTURES / "acled-sample.csv"), "--format", "acled", "-o", str(out)]) == 2
    assert "writes .parquet (GeoParquet" in capsys.readouterr().err and not out.exists()


# -- validation ------------------------------------------------------------------------------
def stored_row(i: int, **over) -> dict:
    row = dict(id=f"acled-r{i}", name=f"Event {i}", first=dt.date(2022, 9, 13), last=dt.date(2022, 9, 13),
               date_exact=True, accuracy_km=5.0, method="test", citation="Test Wire", source_event_id=f"R{i}",
               extra=None, lon=45.9, lat=40.2)
    row.update(over)
    return row


def write_stored(path, rows: list[dict]):
    with event_store.writing(path, {"dataset": "Test table"}) as writer:
        for row in rows:
            writer.add(**row)
    return path


def test_validate_names_the_bad_rows_of_a_table_by_number(tiny, capsys):
    data, texts = tiny
    (data / "tables").mkdir()
    write_stored(data / "tables" / "t.parquet", [
        stored_row(1), stored_row(2, last=dt.date(9999, 1, 1)), stored_row(3, accuracy_km=math.inf),
        stored_row(4, id="acled-r1"), stored_row(5, lon=60.0), stored_row(6, first=dt.date(2022, 9, 14)),
        stored_row(7, id="Bad Id"), stored_row(8)])
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    for line in ("tables/t.parquet: acled-r2: last: row 2: missing, or a day outside the years 1000-2999",
                 "tables/t.parquet: acled-r3: accuracy_km: row 3: must be a finite, non-negative number of km",
                 "tables/t.parquet: acled-r1: id: row 4: duplicate id (an earlier row of the table has it)",
                 "tables/t.parquet: acled-r5: geometry: row 5: not a point inside the atlas region",
                 "tables/t.parquet: acled-r6: last: row 6: the last possible day is before the first",
                 "tables/t.parquet: Bad Id: id: row 7: missing or malformed id"):
        assert line in err, line
    assert "row 1:" not in err and "row 8:" not in err
    assert ": 6 problem(s); quarantined: tables/t.parquet" in err
    # the dashboard leaves the bad table out and serves the rest; a load without quarantine refuses
    atlas = load_atlas(data, texts, quarantine=True)
    assert atlas.tables == () and {p.file for p in atlas.quarantined} == {"tables/t.parquet"}
    with pytest.raises(DatasetError):
        load_atlas(data, texts)


def test_geometries_that_are_not_points_in_the_region_are_named_by_row(tiny, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely
    data, texts = tiny
    (data / "tables").mkdir()
    rows = [stored_row(i) for i in range(1, 6)]
    columns = {name: [r[name] for r in rows] for name in event_store.Writer.COLUMNS}
    batch = event_store.to_batch(columns)
    wkb = [shapely.to_wkb(g) for g in (shapely.Point(45.9, 40.2), shapely.LineString([(45, 40), (46, 41)]),
                                       shapely.Point(), shapely.Point(float("nan"), 40.0))] + [b"junk"]
    batch = batch.set_column(batch.schema.get_field_index("geometry"), "geometry", pa.array(wkb, pa.binary()))
    pq.write_table(pa.Table.from_batches([batch]).replace_schema_metadata(event_store.schema_with({}).metadata),
                   data / "tables" / "g.parquet")
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    for line in ("tables/g.parquet: acled-r2: geometry: row 2: not a Point (an event table holds points)",
                 "tables/g.parquet: acled-r3: geometry: row 3: empty point",
                 "tables/g.parquet: acled-r4: geometry: row 4: not a point inside the atlas region",
                 "tables/g.parquet: acled-r5: geometry: row 5: unreadable WKB"):
        assert line in err, line
    assert "row 1:" not in err


def test_a_table_id_may_not_repeat_a_feature_id_and_a_stray_file_is_named(tiny, capsys):
    data, texts = tiny
    layer_file = sorted((data / "layers").glob("*.geojson"))[0]
    feature_id = json.loads(layer_file.read_text(encoding="utf-8"))["features"][0]["properties"]["id"]
    (data / "tables").mkdir()
    write_stored(data / "tables" / "t.parquet", [stored_row(1, id=feature_id)])
    (data / "tables" / "notes.csv").write_text("x\n")
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    assert f"tables/t.parquet: {feature_id}: id: row 1: duplicate feature id (also in a layer file)" in err
    assert "tables/notes.csv: -: -: not read: tables/ holds event tables (GeoParquet, *.parquet)" in err


def test_a_file_that_is_not_an_event_table_is_a_problem_not_a_crash(tiny, capsys):
    data, texts = tiny
    (data / "tables").mkdir()
    (data / "tables" / "x.parquet").write_bytes(b"not parquet at all")
    geopandas.GeoDataFrame({"id": ["a"]}, geometry=geopandas.points_from_xy([45.9], [40.2]),
                           crs="EPSG:4326").to_parquet(data / "tables" / "y.parquet")
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    assert "tables/x.parquet: -: -: not a Parquet file" in err
    assert "tables/y.parquet: -: first: missing column" in err


# -- the engine's counts ---------------------------------------------------------------------
def synthetic_rows(n: int = 400) -> list[dict]:
    x0, y0, x1, y1 = ATLAS_REGION
    rows = []
    for i in range(n):
        lon = x0 + (x1 - x0) * ((i * 37) % 101) / 100  # on the region's edges too
        lat = y0 + (y1 - y0) * ((i * 53) % 97) / 96
        first = dt.date(2020, 9, 27) + dt.timedelta(days=(i * 7) % 75)
        rows.append(stored_row(i, lon=round(lon, 6), lat=round(lat, 6), first=first,
                               last=first + dt.timedelta(days=i % 3), date_exact=i % 3 == 0))
    return rows


@pytest.fixture
def counted(tiny):
    data, texts = tiny
    (data / "tables").mkdir()
    rows = synthetic_rows()
    write_stored(data / "tables" / "syn.parquet", rows)
    atlas = load_atlas(data, texts)
    return atlas, rows


def test_the_counts_add_up_to_the_rows(counted):
    atlas, rows = counted
    record = engine.engine_data(atlas, today=dt.date(2025, 1, 1))["tables"][0]
    assert record["rows"] == len(rows) and record["title"] == "Test table" and record["layer"] == "events"
    months = record["months"]
    assert sum(m[0] for m in months.values()) == len(rows)
    for key, month in months.items():
        in_month = [r for r in rows if r["first"].strftime("%Y-%m") == key]
        assert month[0] == len(in_month) == sum(month[3::2])  # the cells' counts add up to the month
        assert month[1] == sum(not r["date_exact"] for r in in_month)
    assert set(months) == {"2020-09", "2020-10", "2020-11", "2020-12"}


def test_a_point_is_counted_in_its_cell():
    x0, y0, cols, _rows = event_bins.grid()
    import numpy as np
    cells = event_bins.cells_of(np.array([x0, x0 + 0.1001, x0 + 0.0999]), np.array([y0, y0, y0 + 0.1001]))
    assert list(cells) == [0, 1, cols]


def test_the_engine_merges_cells_into_blocks_that_add_up(counted, tmp_path):
    """tables.js (Node): on the days either side of each month's edge and at every zoom, the
    blocks drawn hold the events Python counts from the points themselves."""
    atlas, rows = counted
    record = engine.engine_data(atlas, today=dt.date(2025, 1, 1))["tables"][0]
    x0, y0, cols, grid_rows = event_bins.grid()
    cases = []
    for day in ("2020-09-26", "2020-09-27", "2020-09-30", "2020-10-01", "2020-12-10", "2020-12-11", "2021-01-01"):
        for zoom in (6, 7, 9, 14):
            factor = 2 ** max(0, math.ceil(math.log2(24 / (0.1 * 256 * 2 ** zoom / 360))))
            blocks = {}
            for r in rows:
                if r["first"].isoformat()[:7] != day[:7]:
                    continue
                cx = min(max(math.floor((r["lon"] - x0) / 0.1), 0), cols - 1)
                cy = min(max(math.floor((r["lat"] - y0) / 0.1), 0), grid_rows - 1)
                blocks[(cy // factor, cx // factor)] = blocks.get((cy // factor, cx // factor), 0) + 1
            cases.append({"day": day, "zoom": zoom, "factor": factor, "total": sum(blocks.values()),
                          "blocks": [{"count": c, "south": round(y0 + by * 0.1 * factor, 6),
                                      "west": round(x0 + bx * 0.1 * factor, 6)}
                                     for (by, bx), c in sorted(blocks.items())]})
    assert any(c["total"] for c in cases) and any(not c["total"] for c in cases)
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"table": record, "cases": cases}))
    result = subprocess.run([node(), "--test", str(JS_TEST)], env={**os.environ, "KA_TABLE_CASES": str(path)},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_shipped_atlas_has_no_table_and_draws_none(atlas):
    assert atlas.tables == ()
    assert "tables" not in engine.engine_data(atlas, today=dt.date(2025, 1, 1), excerpts=False)
    assert "tables.js" in engine.SCRIPTS


# -- the data package ------------------------------------------------------------------------
def test_the_datapackage_describes_a_table(counted):
    atlas, rows = counted
    resources = {r["path"]: r for r in descriptor(atlas.root)["resources"]}
    table = resources["tables/syn.parquet"]
    assert (table["format"], table["mediatype"], table["rows"]) == ("parquet", "application/vnd.apache.parquet",
                                                                     len(rows))
    assert [f["name"] for f in table["schema"]["fields"]] == [f.name for f in event_store.SCHEMA]
    assert table["sources"] == [{"title": "Test table"}] and "encoding" not in table
