"""Event tables (UCDP GED, ACLED) become point events that the atlas reads as part of
its events layer (``layers/events/*.geojson``)."""
import datetime as dt
import json

import pytest

from conftest import ROOT
from geo import load_atlas
from geo.cli import main
from geo.ingest.events_table import import_table

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"


def _props(result):
    return {f["properties"]["id"]: f["properties"] for f in result.features}


def test_ucdp_ged_rows_become_events_with_their_precision():
    result = import_table(FIXTURES / "ucdp-ged-sample.csv", "ucdp-ged")
    props = _props(result)
    assert sorted(props) == ["ucdp-ged-900001", "ucdp-ged-900002"]
    exact, week = props["ucdp-ged-900001"], props["ucdp-ged-900002"]
    assert (exact["valid_from"], exact["valid_to"], exact["date"]) == ("2022-09-13", "2022-09-14", "2022-09-13")
    assert exact["accuracy_km"] == 2 and not exact["date_uncertain"]
    assert exact["source_event_id"] == "900001" and "Shelling near Jermuk" in exact["citation"]
    assert (week["valid_from"], week["valid_to"]) == ("2022-09-12/2022-09-18", "2022-09-19")
    assert week["accuracy_km"] == 25 and week["date_uncertain"] and "date_prec 3" in week["method"]
    assert (result.rows, result.outside, result.imprecise) == (5, 1, 1)
    assert result.problems == ["ucdp-ged-sample.csv: row 6: where_prec: unknown precision code 9 (expected 1-7)"]


def test_acled_rows_become_events_with_their_precision():
    result = import_table(FIXTURES / "acled-sample.csv", "acled")
    props = _props(result)
    assert sorted(props) == ["acled-tst101", "acled-tst102", "acled-tst103"]
    day, week, month = props["acled-tst101"], props["acled-tst102"], props["acled-tst103"]
    assert (day["valid_from"], day["valid_to"], day["accuracy_km"]) == ("2022-09-13", "2022-09-14", 5)
    assert (week["valid_from"], week["valid_to"], week["accuracy_km"]) == ("2022-09-11/2022-09-17", "2022-09-18", 25)
    assert (month["valid_from"], month["valid_to"], month["accuracy_km"]) == ("2022-09-01/2022-09-30", "2022-10-01", 100)
    assert day["citation"] == "Test Wire; Example Daily" and day["fatalities"] == 2 and "Sotk" in day["notes"]
    assert result.outside == 1 and result.problems == ["acled-sample.csv: row 6: event_date: not a date: '13 Sept 2022?'"]


def test_the_atlas_reads_event_files_as_part_of_the_events_layer(tiny, capsys):
    data, texts = tiny
    (data / "layers" / "events").mkdir()
    for fmt, name in (("ucdp-ged", "ucdp-ged-sample.csv"), ("acled", "acled-sample.csv")):
        out = data / "layers" / "events" / f"{fmt}.geojson"
        assert main(["ingest", "events", str(FIXTURES / name), "--format", fmt, "-o", str(out)]) == 0
    assert "2 event(s) from 5 row(s)" in capsys.readouterr().err
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 0
    atlas = load_atlas(data, texts)
    events = {f.id: f for f in atlas.layer("events")}
    assert len(events) == 5
    on_13 = {f.id for f in atlas.features_on(dt.date(2022, 9, 13))["events"]}
    assert on_13 == {"ucdp-ged-900001", "ucdp-ged-900002", "acled-tst101", "acled-tst102", "acled-tst103"}
    on_18 = {f.id for f in atlas.features_on(dt.date(2022, 9, 18))["events"]}
    assert on_18 == {"ucdp-ged-900002", "acled-tst103"}  # the week of TST102 ends on the 17th
    assert events["ucdp-ged-900002"].validity.uncertain_on(dt.date(2022, 9, 13))
    assert not events["ucdp-ged-900001"].validity.uncertain_on(dt.date(2022, 9, 13))


def test_a_folder_not_named_after_a_layer_is_reported(tiny, capsys):
    data, texts = tiny
    (data / "layers" / "frontlines").mkdir()
    (data / "layers" / "frontlines" / "x.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    assert "layers/frontlines/x.geojson: -: -: unknown layer 'frontlines'" in capsys.readouterr().err


def test_a_table_of_another_layout_is_a_clear_error(tmp_path, capsys):
    out = tmp_path / "e.geojson"
    assert main(["ingest", "events", str(FIXTURES / "acled-sample.csv"), "--format", "ucdp-ged", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "not a UCDP Georeferenced Event Dataset table: missing column(s) id, date_start" in err
    assert not out.exists()
    assert main(["ingest", "events", str(FIXTURES / "acled-sample.csv"), "-o", str(out)]) == 2
    assert "needs --format" in capsys.readouterr().err
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert main(["ingest", "events", str(empty), "--format", "acled", "-o", str(out)]) == 2
    assert "no rows" in capsys.readouterr().err


def test_event_ids_and_text_from_a_table_are_safe(tmp_path):
    table = tmp_path / "t.csv"
    header = (FIXTURES / "acled-sample.csv").read_text().splitlines()[0]
    table.write_text(header + '\nTST/9 <b>,2022-09-13,2022,1,PV,Battles,"<script>alert(1)</script>",,,,,,,,,0,C,T,,,,'
                     '"Sotk"" onmouseover=x",40.2,45.9,1,"=cmd()",N,notes,0,,1\n')
    feature = import_table(table, "acled").features[0]["properties"]
    assert feature["id"] == "acled-tst-9-b"
    assert feature["name"] == '<script>alert(1)</script> in Sotk" onmouseover=x'  # kept as text; escaped where shown
    json.dumps(feature)
