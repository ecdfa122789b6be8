"""The dashboard's building blocks, without Streamlit running: the panel data the browser
draws the day's panels from, the files served to the map (built into a cache directory,
never into the package), downloads and escaped HTML."""
import datetime as dt
import html
import json

import pytest

from dashboard import content, panel_data, served
from geo import engine, export, load_atlas
from geo.layers import measured
from geo.model import LAYERS
from geo.names import CONVENTIONS
from geo.stats import stats_for_date
from hostile import IMG, SCRIPT, hostile_dataset, with_javascript_url


@pytest.fixture(scope="module")
def hostile_atlas(tmp_path_factory):
    return load_atlas(*hostile_dataset(tmp_path_factory.mktemp("hostile")))


# -- the panel data ------------------------------------------------------------------------------
def test_table_facts_cover_every_feature_with_its_record_texts(atlas):
    facts = panel_data.table_facts(atlas)
    assert set(facts) == set(atlas.by_id)
    assert facts["loc-1994"] == ["ceasefire line 1994", "1994-05-12", "2020-09-27", atlas.by_id["loc-1994"].accuracy_km]
    assert any(row[2] == "(open)" for row in facts.values())


def test_line_lengths_are_the_figures_of_the_library(atlas):
    lengths = panel_data.line_lengths(atlas)
    assert {atlas.by_id[i].layer for i in lengths} == {layer.id for layer in measured("length")}
    for day in (dt.date(1995, 1, 1), dt.date(2021, 6, 1), dt.date(2023, 1, 1)):
        expected = stats_for_date(atlas, day)["lines"]
        assert expected and [lengths[line["id"]] for line in expected] == [line["length_km"] for line in expected]


def test_area_series_gives_the_librarys_areas_on_every_change_day(atlas):
    """The browser's figures read the area series (the last row on or before the day)."""
    series = engine.engine_data(atlas, "en", today=dt.date(2026, 1, 1))["area"]["series"]
    for day in sorted({dt.date.fromisoformat(r["date"]) for r in series})[:40]:
        for probe in (day - dt.timedelta(days=1), day):
            row = [r for r in series if r["date"] <= probe.isoformat()]
            if not row:
                continue
            expected = stats_for_date(atlas, probe)["area_km2"]
            assert {k: round(row[-1][k], 1) for k in expected} == pytest.approx(expected, abs=0.11), probe


def test_filter_choices_and_links(atlas):
    data = panel_data.panel_data(atlas)
    assert [s for s, _ in data["sources"]] == sorted(atlas.sources, key=lambda s: atlas.sources[s].title.lower())
    assert {v for v, _ in data["vantages"]} == {s.vantage_group for s in atlas.sources.values()}
    assert data["links"] == {e.id: list(e.linked_ids) for e in atlas.excerpts}
    assert data["windows"] == [0, 30, 180, 365] and data["layerTitles"].keys() == set(LAYERS)


# -- the served files ----------------------------------------------------------------------------
def test_the_files_are_built_once_per_version_into_the_cache(atlas, tmp_path):
    day = dt.date(2026, 1, 1)
    root = tmp_path / "cache"
    built = served.ensure_built(atlas, atlas.root, day, root)
    assert built.parent == root and built.name == f"v-{served.dataset_version(atlas.root)}"
    for names in CONVENTIONS:
        data = json.loads((built / served.data_file(names)).read_text(encoding="utf-8"))
        assert data["names"] == names and {r["i"] for r in data["features"]} == {f.id for f in atlas.features}
        assert data["panels"]["facts"].keys() == atlas.by_id.keys()
        assert all(x["html"] for x in data["excerpts"])  # the excerpt panel draws them
    assert {p.name for p in (built / "engine").iterdir()} >= {"engine.js", "panels.js", "component.js", "engine.css"}
    assert (built / "leaflet" / "leaflet.js").is_file()
    stamp = (built / served.data_file("en")).stat().st_mtime_ns
    assert served.ensure_built(atlas, atlas.root, day, root) == built  # not rebuilt
    assert (built / served.data_file("en")).stat().st_mtime_ns == stamp
    assert [p.name for p in root.iterdir()] == [built.name]  # no scratch directory left behind
    # a new day, the same files: the days that move with the calendar go to the component (days_of)
    assert served.ensure_built(atlas, atlas.root, dt.date(2026, 1, 2), root) == built


def test_an_edited_dataset_is_a_new_version(tmp_path):
    from conftest import tiny_dataset, write_dataset
    data, _ = write_dataset(tmp_path / "tiny", tiny_dataset())
    before = served.dataset_version(data)
    path = data / "layers" / "places.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace("Place-A", "Place-B"), encoding="utf-8")
    assert served.dataset_version(data) != before


def test_an_unwritable_cache_root_falls_back_to_a_temporary_directory(atlas, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    built = served.ensure_built(atlas, atlas.root, dt.date(2026, 1, 1), blocker / "cache")
    try:
        assert blocker not in built.parents and (built / served.data_file("hy")).is_file()
    finally:
        import shutil
        shutil.rmtree(built)


def test_the_cache_root_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(served.CACHE_ENV_VAR, str(tmp_path))
    assert served.cache_root() == tmp_path
    monkeypatch.delenv(served.CACHE_ENV_VAR)
    assert "karabakh-atlas" in str(served.cache_root())


# -- downloads ----------------------------------------------------------------------------------
def _downloads(day, layers, names="en"):
    from geo import exports
    return {label: (fmt, request, name) for label, fmt, request, name in
            exports.downloads(exports.Request(day, tuple(layers), names))}


def test_day_download_is_what_the_map_shows(atlas):
    day, layers = dt.date(2021, 6, 1), ("control", "corridors", "peacekeeping")
    fmt, request, name = _downloads(day, layers)["GeoJSON of this map"]
    document = json.loads(fmt.build(atlas, request))
    assert name == "karabakh-atlas_2021-06-01_control+corridors+peacekeeping.geojson"
    assert document == json.loads(export.to_json(export.geojson_for_date(atlas, day, layers)))
    drawn = [f.id for layer in layers for f in atlas.features_on(day)[layer]]
    assert sorted(f["id"] for f in document["features"]) == sorted(drawn)
    assert {"pk-russian-zone", "cor-lachin-2020"} <= {f["id"] for f in document["features"]}


def test_downloads_and_the_cli_come_from_one_export_registry(atlas):
    from geo import exports
    from geo.cli import build_parser
    found = _downloads(dt.date(2021, 6, 1), LAYERS, "az")
    assert json.loads(found["Whole dataset, all dates (GeoJSON)"][0].build(atlas, found["Whole dataset, all dates (GeoJSON)"][1])) \
        == json.loads(export.to_json(export.geojson_all(atlas)))
    fmt, request, name = found["Excerpts (CSV)"]
    assert fmt.build(atlas, request) == export.excerpts_csv(atlas) and name == "karabakh-atlas_excerpts.csv"
    assert found["Download this map as HTML"][2] == "karabakh-atlas_2021-06-01_az.html"
    assert found["Download the interactive timeline (HTML)"][2] == "karabakh-atlas_timeline_az.html"
    # every format is an export subcommand, every download is one of the formats
    export_parser = next(a for a in build_parser()._subparsers._group_actions[0].choices["export"]._actions
                         if a.dest == "format")
    assert set(export_parser.choices) == set(exports.BY_NAME)
    assert {fmt.name for fmt, _, _ in found.values()} <= set(exports.BY_NAME)


def test_html_from_data_is_escaped_and_kept_in_one_block(hostile_atlas):
    for source_id in hostile_atlas.sources:
        block = content.source_html(hostile_atlas, source_id)
        assert "<script" not in block and "<img" not in block and "`" not in block and "\n" not in block
        assert html.unescape(block).count(hostile_atlas.sources[source_id].title) == 1


def test_a_javascript_url_is_never_linked(hostile_atlas):
    bad = with_javascript_url(hostile_atlas)
    for source_id in bad.sources:
        assert "href" not in content.source_html(bad, source_id) and "<a" not in content.source_html(bad, source_id)


def test_a_status_change_starts_a_new_segment(hostile_atlas):
    assert hostile_atlas.segment(dt.date(2022, 12, 1)) != hostile_atlas.segment(dt.date(2022, 12, 20))


def test_map_data_of_hostile_text_cannot_end_a_script(hostile_atlas):
    from geo.engine import data_json, engine_data
    text = data_json(engine_data(hostile_atlas, "en", today=dt.date(2021, 6, 1)))
    assert SCRIPT not in text and IMG not in text and "</script" not in text and "<" not in text
