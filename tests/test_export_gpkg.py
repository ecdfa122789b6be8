"""GeoPackage export: tables, round trip through geopandas/pyogrio, DATE columns, one
geometry type per table, the QGIS styles in layer_styles, atomic writes."""
from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
import xml.etree.ElementTree as ET

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from geo import load_atlas
from geo.cli import main
from geo import layers as layer_registry
from geo.export_gpkg import (DATE_COLUMNS, FEATURE_COLUMNS, STYLES_TABLE, all_tables, geopackage_bytes, tables,
                             write_geopackage)
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


def _day(v):
    """A DATE read back by pyogrio (a Timestamp, NaT when NULL) as a date."""
    return None if v is None or pd.isna(v) else pd.Timestamp(v).date()


def _table_names(layer):
    return [t.name for t in tables(layer)]


def test_tables_of_the_geopackage(shipped_exports):
    gpkg, _ = shipped_exports
    layers = {name: geometry for name, geometry in pyogrio.list_layers(gpkg)}
    assert set(layers) == {t.name for t in all_tables()} | {"excerpts", "sources", STYLES_TABLE}
    assert layers["excerpts"] is None and layers["sources"] is None and layers[STYLES_TABLE] is None
    assert layers["control"] == "MultiPolygon" and layers["places"] == "Point"
    # a layer of areas, lines and points is one table per geometry family
    assert {n: layers[n] for n in _table_names("peacekeeping")} == {
        "peacekeeping_polygon": "MultiPolygon", "peacekeeping_line": "MultiLineString", "peacekeeping_point": "Point"}
    with sqlite3.connect(gpkg) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10300  # 1.3: read in full by GDAL < 3.7 (QGIS 3.22)
        kinds = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
        srs = {row[0] for row in db.execute("SELECT srs_id FROM gpkg_geometry_columns")}
    assert kinds["excerpts"] == kinds["sources"] == "attributes" and kinds["control"] == "features"
    assert srs == {4326}
    control = pyogrio.read_info(gpkg, layer="control")
    assert list(control["fields"]) == [c for c in FEATURE_COLUMNS if c != "status_days"]
    assert list(pyogrio.read_info(gpkg, layer="corridors")["fields"]) == [c for c in FEATURE_COLUMNS if c != "held_by"]
    assert "held_by" not in pyogrio.read_info(gpkg, layer="places")["fields"]


def test_round_trip_matches_the_geojson_export(shipped_exports, atlas):
    gpkg, geojson = shipped_exports
    expected: dict[str, dict[str, dict]] = {name: {} for name in LAYERS}
    for feature in geojson["features"]:
        expected[feature["properties"]["layer"]][feature["id"]] = feature["properties"]
    for layer in LAYERS:
        frame = pd.concat([gpd.read_file(gpkg, layer=name, engine="pyogrio") for name in _table_names(layer)])
        assert len(frame) == len(expected[layer]), layer
        assert frame.crs.to_epsg() == 4326
        for row in frame.itertuples():
            props = expected[layer][row.id]
            assert _value(row.valid_from_edtf) == props["valid_from"], row.id
            assert _value(row.valid_to_edtf) == props["valid_to"], row.id
            assert bool(row.valid_from_uncertain) == props["valid_from_uncertain"]
            assert bool(row.valid_to_uncertain) == props["valid_to_uncertain"]
            assert (_value(row.excerpt_ids) or "") == ";".join(props["excerpt_ids"])
            assert row.accuracy_km == props["accuracy_km"] and row.method == props["method"]
            feature = atlas.by_id[row.id]
            assert _day(row.valid_from_start) == feature.validity.start, row.id
            assert _day(row.valid_to_start) == feature.validity.end, row.id
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
    counts = {name: sum(pyogrio.read_info(path, layer=t)["features"] for t in _table_names(name)) for name in LAYERS}
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


# -- dates as DATE columns --------------------------------------------------------------------
def test_dates_are_date_columns(shipped_exports):
    gpkg, _ = shipped_exports
    with sqlite3.connect(gpkg) as db:
        for table in all_tables():
            declared = {row[1]: row[2] for row in db.execute(f'PRAGMA table_info("{table.name}")')}
            assert {c: declared[c] for c in DATE_COLUMNS} == {c: "DATE" for c in DATE_COLUMNS}, table.name
            assert declared["valid_from_edtf"] == declared["valid_to_edtf"] == "TEXT"
        for table, columns in (("excerpts", ("date_first", "date_last")), ("sources", ("published_first",))):
            declared = {row[1]: row[2] for row in db.execute(f'PRAGMA table_info("{table}")')}
            assert [declared[c] for c in columns] == ["DATE"] * len(columns), table
    # GDAL reports them as Date (not DateTime, not String); pyogrio reads them as days
    info = pyogrio.read_info(gpkg, layer="control")
    types = dict(zip(info["fields"], info["dtypes"]))
    assert {c: types[c] for c in DATE_COLUMNS} == {c: "datetime64[D]" for c in DATE_COLUMNS}
    assert types["valid_from_edtf"] == "object"


def test_date_values_are_the_first_and_last_days_each_edtf_value_can_mean(tiny, tmp_path):
    data, _ = tiny  # loc-a: valid_from "1994-05" (a month), valid_to "2020-09-27"; ctrl-a: exact days
    path = write_geopackage(load_atlas(data, check_quotes=False), tmp_path / "tiny.gpkg")
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT valid_from, valid_from_last, valid_to_first, valid_to, valid_from_start, "
                         "valid_to_start, valid_from_edtf, valid_to_edtf, valid_from_uncertain, valid_to_uncertain, "
                         "uncertain FROM line_of_contact WHERE id = 'loc-a'").fetchone()
        assert row == ("1994-05-01", "1994-05-31", "2020-09-27", "2020-09-27", "1994-05-01", "2020-09-27",
                       "1994-05", "2020-09-27", 1, 0, 1)
        row = db.execute("SELECT valid_from, valid_from_last, valid_to, valid_to_start, uncertain "
                         "FROM control WHERE id = 'ctrl-a'").fetchone()
        assert row == ("1994-05-12", "1994-05-12", "2020-09-27", "2020-09-27", 0)
        row = db.execute("SELECT valid_from, valid_to, valid_from_start, valid_to_start, valid_from_edtf "
                         "FROM places WHERE id = 'place-a'").fetchone()
        assert row == (None, None, None, None, None)  # open: NULL, never a made-up day
        assert db.execute("SELECT date_first, date_last FROM excerpts WHERE id = 'src-a-01'").fetchone() == (
            "1992-05-01", "1992-05-31")


def test_edtf_interval_bounds_and_far_years(tmp_path):
    from conftest import edge_dataset, write_dataset
    data, _ = write_dataset(tmp_path, edge_dataset())
    path = write_geopackage(load_atlas(data, check_quotes=False), tmp_path / "edge.gpkg")
    frame = pyogrio.read_dataframe(path, layer="control").set_index("id")
    # "1990/2010": may mean any day from 1 January 1990 to 31 December 2010
    assert (_day(frame.loc["ctrl-b", "valid_from"]), _day(frame.loc["ctrl-b", "valid_from_last"])) == (
        dt.date(1990, 1, 1), dt.date(2010, 12, 31))
    assert _day(frame.loc["ctrl-a", "valid_from"]) == dt.date(1000, 1, 1)
    assert _day(frame.loc["ctrl-a", "valid_to"]) == dt.date(2999, 12, 31)


# -- one geometry type per table ------------------------------------------------------------
def test_one_geometry_type_per_table_and_every_feature_in_one(shipped_exports, atlas):
    gpkg, _ = shipped_exports
    with sqlite3.connect(gpkg) as db:
        declared = dict(db.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
    seen: dict[str, str] = {}
    for table in all_tables():
        assert declared[table.name] == table.geometry_type.upper()
        frame = pyogrio.read_dataframe(gpkg, layer=table.name)
        assert set(frame.geometry.geom_type) <= {table.geometry_type}, table.name
        for fid in frame["id"]:
            assert fid not in seen, (fid, seen.get(fid), table.name)
            seen[fid] = table.name
    for layer in LAYERS:
        assert {f.id for f in atlas.layer(layer)} == {i for i, t in seen.items() if t in _table_names(layer)}
    # the shipped peacekeeping layer really mixes areas, lines and points
    assert {pyogrio.read_info(gpkg, layer=n)["features"] > 0 for n in _table_names("peacekeeping")} == {True}


def test_tables_follow_the_registry_not_the_data(tiny, tmp_path):
    data, _ = tiny  # no peacekeeping feature and no event at all: their tables are there, empty
    path = write_geopackage(load_atlas(data, check_quotes=False), tmp_path / "tiny.gpkg")
    assert {name: geometry for name, geometry in pyogrio.list_layers(path) if geometry} == {
        "provinces": "MultiPolygon", "control": "MultiPolygon", "line_of_contact": "MultiLineString",
        "corridors": "MultiLineString", "peacekeeping_polygon": "MultiPolygon", "peacekeeping_line": "MultiLineString",
        "peacekeeping_point": "Point", "events": "MultiPoint", "places": "Point"}
    assert pyogrio.read_info(path, layer="peacekeeping_point")["features"] == 0


# -- the QGIS styles ----------------------------------------------------------------------------
def _styles(gpkg):
    with sqlite3.connect(gpkg) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(f"SELECT * FROM {STYLES_TABLE}")]


def _rgb(colour):
    return ",".join(str(int(colour[i:i + 2], 16)) for i in (1, 3, 5))


def _options(layer_element):
    return {o.get("name"): o.get("value") for o in layer_element.iter("Option") if o.get("name")}


def test_every_table_has_a_default_style_with_its_registry_colours(shipped_exports):
    gpkg, _ = shipped_exports
    rows = _styles(gpkg)
    columns = set(rows[0])
    assert {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName", "styleQML",
            "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"} <= columns
    geometry_columns = dict(sqlite3.connect(gpkg).execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
    with sqlite3.connect(gpkg) as db:
        registered = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert registered[STYLES_TABLE] == "attributes"
    by_table = {}
    for row in rows:
        assert row["useAsDefault"] == 1 and row["f_table_catalog"] == "" and row["f_table_schema"] == ""
        assert dt.datetime.strptime(row["update_time"], "%Y-%m-%dT%H:%M:%S.%fZ")  # the GeoPackage's DATETIME form
        assert row["f_geometry_column"] == geometry_columns[row["f_table_name"]]
        assert row["f_table_name"] not in by_table
        by_table[row["f_table_name"]] = row
    assert set(by_table) == {t.name for t in all_tables()}
    for table in all_tables():
        root = ET.fromstring(by_table[table.name]["styleQML"].split("\n", 1)[1])  # after the DOCTYPE line
        assert root.tag == "qgis" and root.find("renderer-v2").get("type") == "RuleRenderer"
        values = {v for layer in root.iter("layer") for v in _options(layer).values()}
        record = layer_registry.get(table.layer)
        for key, entry in record.styles.items():  # every kind or side, and each road status of a kind
            for name in ("color", "fillColor"):
                filled = table.family != "LineString" and entry.style.get("fillOpacity", 1) > 0  # lines have no fill
                if name in entry.style and (name == "color" or filled):
                    assert any(v.startswith(_rgb(entry.style[name]) + ",") for v in values), (table.name, key, name)
        rules = root.find("renderer-v2/rules").findall("rule")
        assert len(rules) == len([k for k in record.styles if "|" not in k])
        statuses = {k.partition("|")[2] for k in record.styles if "|" in k}
        assert {r.get("filter").rpartition("= ")[2].strip("'") for r in root.iter("rule")
                if "status_days" in (r.get("filter") or "")} == statuses, table.name


def _rule_symbols(qml_text):
    root = ET.fromstring(qml_text.split("\n", 1)[1])
    symbols = {s.get("name"): s for s in root.iter("symbol")}
    return root, symbols


def test_the_style_draws_uncertain_dates_dotted_and_fainter(shipped_exports):
    gpkg, _ = shipped_exports
    fields = {t.name: set(pyogrio.read_info(gpkg, layer=t.name)["fields"]) for t in all_tables()}
    dash = ";".join(f"{float(p) * 25.4 / 96:.3f}".rstrip("0").rstrip(".") for p in
                    layer_registry.UNCERTAIN_DASH.split())
    for row in _styles(gpkg):
        root, symbols = _rule_symbols(row["styleQML"])
        leaves_parents = [r for r in root.iter("rule") if r.findall("rule") and r.find("rule").get("symbol")]
        assert leaves_parents
        for rule in leaves_parents:  # every rule that draws: its uncertain and its certain style
            uncertain, certain = rule.findall("rule")
            assert certain.get("filter") == "ELSE"
            # the filter reads the day of QGIS's temporal controller and the table's own columns
            filt = uncertain.get("filter")
            assert "@map_start_time" in filt
            import re
            assert set(re.findall(r'"(\w+)"', filt)) <= fields[row["f_table_name"]], row["f_table_name"]
            u, c = symbols[uncertain.get("symbol")], symbols[certain.get("symbol")]
            assert ET.tostring(u) != ET.tostring(c)
            u_opts = [_options(layer) for layer in u.iter("layer")]
            c_opts = [_options(layer) for layer in c.iter("layer")]
            if row["f_table_name"].endswith("point") or root.findtext("layerGeometryType") == "0":
                assert u_opts[0]["outline_style"] == "dot"
                assert int(u_opts[0]["outline_color"].split(",")[3]) < int(c_opts[0]["outline_color"].split(",")[3])
            else:
                line_u = next(o for o in u_opts if "line_color" in o)
                line_c = next(o for o in c_opts if "line_color" in o)
                assert (line_u["use_custom_dash"], line_u["customdash"]) == ("1", dash)
                assert int(line_u["line_color"].split(",")[3]) < int(line_c["line_color"].split(",")[3])


def test_the_style_sets_the_temporal_controller_to_the_atlas_days(shipped_exports):
    gpkg, _ = shipped_exports
    for row in _styles(gpkg):
        root, _ = _rule_symbols(row["styleQML"])
        temporal = root.find("temporal")
        # mode 2: start and end from fields; limitMode 0: the end day excluded, as in the atlas's rule
        assert (temporal.get("enabled"), temporal.get("mode"), temporal.get("limitMode")) == ("1", "2", "0")
        assert (temporal.get("startField"), temporal.get("endField")) == ("valid_from_start", "valid_to_start")


def test_places_are_labelled_by_name(shipped_exports):
    gpkg, _ = shipped_exports
    rows = {r["f_table_name"]: r for r in _styles(gpkg)}
    labelled = {name for name, r in rows.items() if _rule_symbols(r["styleQML"])[0].find("labeling") is not None}
    assert labelled == {t.name for t in all_tables() if layer_registry.get(t.layer).labels}
    assert _rule_symbols(rows["places"]["styleQML"])[0].find("labeling/settings/text-style").get("fieldName") == "name"


def test_styles_beside_the_geopackage_are_those_inside(tiny, tmp_path, capsys):
    data, _ = tiny
    styles = tmp_path / "styles"
    styles.mkdir()
    out = tmp_path / "a.gpkg"
    assert main(["export", "gpkg", "--data", str(data), "-o", str(out), "--styles", str(styles)]) == 0
    assert f"into {styles}" in capsys.readouterr().err
    inside = {r["f_table_name"]: r["styleQML"] for r in _styles(out)}
    beside = {p.stem: p.read_text(encoding="utf-8") for p in styles.iterdir()}
    assert beside == inside and len(beside) == len(all_tables())


# -- errors leave nothing half-written ---------------------------------------------------------------
def test_missing_styles_folder_is_refused_before_anything_is_written(tiny, tmp_path, capsys):
    data, _ = tiny
    out = tmp_path / "a.gpkg"
    assert main(["export", "gpkg", "--data", str(data), "-o", str(out), "--styles", str(tmp_path / "nope")]) == 3
    err = capsys.readouterr().err
    assert "nope" in err and "does not exist" in err
    assert not out.exists()


def test_a_symlink_at_the_target_is_refused_and_left_alone(tiny, tmp_path, capsys):
    data, _ = tiny
    elsewhere = tmp_path / "elsewhere.gpkg"
    elsewhere.write_text("not ours")
    link = tmp_path / "a.gpkg"
    link.symlink_to(elsewhere)
    assert main(["export", "gpkg", "--data", str(data), "-o", str(link)]) == 3
    err = capsys.readouterr().err
    assert "refusing to write" in err and "symbolic link" in err
    assert link.is_symlink() and elsewhere.read_text() == "not ours"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg", "data", "elsewhere.gpkg", "texts"]


def test_a_style_file_that_is_a_symlink_is_refused(tiny, tmp_path, capsys):
    data, _ = tiny
    styles = tmp_path / "styles"
    styles.mkdir()
    (tmp_path / "victim").write_text("keep")
    (styles / "control.qml").symlink_to(tmp_path / "victim")
    assert main(["export", "gpkg", "--data", str(data), "-o", str(tmp_path / "a.gpkg"), "--styles", str(styles)]) == 3
    assert "refusing to write" in capsys.readouterr().err
    assert (tmp_path / "victim").read_text() == "keep"


def test_a_date_option_is_a_usage_error(tiny, tmp_path, capsys):
    data, _ = tiny  # the GeoPackage holds every date: --date is not an option of it
    out = tmp_path / "a.gpkg"
    with pytest.raises(SystemExit) as exit_:
        main(["export", "gpkg", "--data", str(data), "-o", str(out), "--date", "2020-13-01"])
    assert exit_.value.code == 2 and "unrecognized arguments: --date" in capsys.readouterr().err
    assert not out.exists()


def test_an_unwritable_directory_is_a_clear_error(tiny, tmp_path, capsys):
    data, _ = tiny
    blocker = tmp_path / "file"
    blocker.write_text("x")  # a file where a directory is expected
    assert main(["export", "gpkg", "--data", str(data), "-o", str(blocker / "a.gpkg")]) == 3
    assert f"cannot write {blocker / 'a.gpkg'}" in capsys.readouterr().err


def test_roads_carry_their_status_days_for_the_style(tmp_path):
    from conftest import edge_dataset, write_dataset
    files = edge_dataset()
    road = copy.deepcopy(files["layers/line_of_contact.geojson"]["features"][0])
    road["properties"].update(id="cor-a", kind="lachin_corridor")
    files["layers/corridors.geojson"] = {"type": "FeatureCollection", "features": [road]}
    data, _ = write_dataset(tmp_path, files)
    path = write_geopackage(load_atlas(data, check_quotes=False), tmp_path / "edge.gpkg")
    with sqlite3.connect(path) as db:
        days = json.loads(db.execute("SELECT status_days FROM corridors WHERE id = 'cor-a'").fetchone()[0])
        columns = {row[1] for row in db.execute('PRAGMA table_info("control")')}
    # "1994-05": open from 1 May 1994 (uncertain to the 31st); "2000/2999": closed from 1 January 2000
    assert days == [["1994-05-01", "1994-05-31", "open"], ["2000-01-01", "2999-12-31", "closed"]]
    assert "status_days" not in columns  # only the layers drawn by status have it
