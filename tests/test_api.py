"""The public API (geo.api): its documented examples run as tests, and what they promise
matches the command line and the GeoPackage export."""
from __future__ import annotations

import datetime as dt
import doctest
import io
import json
from contextlib import redirect_stdout

import pyogrio
import pytest

import geo.api as api
from geo import cli
from geo.export_gpkg import write_geopackage
from geo.lookup import UnknownName

EXAMPLES = [t for t in doctest.DocTestFinder().find(api) if t.examples]


def test_every_public_function_has_a_runnable_example():
    documented = {t.name.rsplit(".", 1)[-1] for t in EXAMPLES}
    assert set(api.__all__) - {"LAYERS", "Atlas"} <= documented


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda t: t.name)
def test_docstring_examples_run(example, atlas):
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(example, out=out.write)
    assert runner.failures == 0, out.getvalue()


def test_a_failing_example_is_reported():
    # the runner above would catch a wrong expectation (the check cannot pass vacuously)
    broken = doctest.DocTestParser().get_doctest(">>> as_day('2020-11-10').year\n2019\n",
                                                 {"as_day": api.as_day}, "broken", None, 0)
    runner = doctest.DocTestRunner()
    runner.run(broken, out=lambda _: None)
    assert runner.failures == 1


def test_answer_is_the_dict_the_cli_prints_as_json(atlas, capsys):
    assert cli.main(["place", "Lachin", "--date", "2021-06-01", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert api.answer(api.load(), "Lachin", "2021-06-01") == printed


def test_unknown_place_raises_with_suggestions(atlas):
    with pytest.raises(UnknownName):
        api.answer(api.load(), "Atlantis", "2021-06-01")


def test_frames_have_the_geopackage_columns_then_the_day_columns(atlas, tmp_path):
    path = write_geopackage(api.load(), tmp_path / "atlas.gpkg")
    for layer in ("control", "corridors", "places"):
        table = pyogrio.read_dataframe(path, layer=layer)
        whole = api.frame(api.load(), layer)
        assert list(whole.columns) == list(table.columns)
        day = api.frame(api.load(), layer, "2021-06-01")
        assert list(day.columns) == [c for c in table.columns if c != "geometry"] + list(api.DAY_COLUMNS) + ["geometry"]
        assert day.crs.to_epsg() == 4326


def test_frame_of_a_day_holds_what_the_atlas_draws_that_day(atlas):
    # the 2020 ceasefire: Shusha taken 8 November 2020 (its control areas change that day)
    for day in (dt.date(2020, 11, 7), dt.date(2020, 11, 8), dt.date(2020, 11, 9)):
        ids = set(api.frame(atlas, "control", day)["id"])
        assert ids == {f.id for f in atlas.features_on(day)["control"]}
    lachin = api.frame(atlas, "corridors", "2022-12-12").set_index("id").loc["cor-lachin-2022"]
    assert lachin["status_on_date"] == "blocked"
    assert api.frame(atlas, "corridors", "2022-12-11").set_index("id").loc["cor-lachin-2022", "status_on_date"] == "open"


def test_uncertain_on_date_follows_the_time_rule(atlas):
    feature = next(f for f in atlas.layer("control") if f.validity.uncertain_intervals)
    first, last = feature.validity.uncertain_intervals[0]
    for day, expected in ((first - dt.timedelta(days=1), False), (first, True), (last, True),
                          (last + dt.timedelta(days=1), False)):
        if not feature.is_valid_on(day):
            continue
        row = api.frame(atlas, "control", day).set_index("id").loc[feature.id]
        assert bool(row["uncertain_on_date"]) is expected, day
        record = next(f for f in api.features_on(atlas, day, "control")["control"] if f["id"] == feature.id)
        assert record["properties"]["uncertain_on_date"] is expected


def test_answer_at_a_point_and_the_days_either_side_of_a_change(atlas):
    # Shusha/Shushi: held by Armenian forces from 8 May 1992, by Azerbaijan from 8 November 2020
    lon, lat = 46.74989, 39.76006
    assert api.answer_at(atlas, lon, lat, "1992-05-07")["held_by"] == "azerbaijani"
    assert api.answer_at(atlas, lon, lat, "1992-05-08")["held_by"] == "armenian"
    assert api.answer_at(atlas, lon, lat, "2020-11-07")["held_by"] == "armenian"
    assert api.answer_at(atlas, lon, lat, "2020-11-09")["held_by"] == "azerbaijani"
    point = api.answer_at(atlas, lon, lat, "2021-06-01")
    assert set(point) >= set(api.answer(atlas, "Shusha", "2021-06-01")) | {"features_here"}


def test_excerpts_on_a_day_and_a_window(atlas):
    day = dt.date(2020, 11, 10)
    found = api.excerpts_on(atlas, day)
    assert [e["id"] for e in found] == [e.id for e in atlas.excerpts_on(day)]
    assert all(e["citation"] and e["vantage"] for e in found)
    assert len(api.excerpts_on(atlas, day, window_days=30)) >= len(found)


def test_bad_day_and_layer_are_named():
    from geo.errors import DateError
    with pytest.raises(DateError):
        api.as_day("2021-13-01")
    with pytest.raises(KeyError, match="roads"):
        api._layers("roads")


def test_load_returns_the_loaded_atlas_until_a_file_changes(tmp_path, tiny):
    data, _ = tiny
    first = api.load(data)
    assert api.load(data) is first
    story = data / "provenance.json"
    story.write_text("{}", encoding="utf-8")
    assert api.load(data) is not first
