"""The dashboard's building blocks, without Streamlit running: rows, excerpts, figures,
downloads, escaped HTML, and what the map component is given."""
import datetime as dt
import html
import json

import pytest

from dashboard import content, mapview
from geo import engine, export, load_atlas, render
from geo.model import LAYERS
from geo.stats import stats_for_date
from hostile import BACKTICK, IMG, JS_URL, SCRIPT, hostile_dataset, with_javascript_url


@pytest.fixture(scope="module")
def hostile_atlas(tmp_path_factory):
    return load_atlas(*hostile_dataset(tmp_path_factory.mktemp("hostile")))


def test_table_rows_follow_the_naming_convention(atlas):
    day = dt.date(2021, 6, 1)
    names = {c: {r["Id"]: r["Name"] for r in content.table_rows(atlas, day, LAYERS, c)} for c in ("en", "az", "hy")}
    assert names["en"]["place-stepanakert-khankendi"] == "Stepanakert"
    assert names["az"]["place-stepanakert-khankendi"] == "Xankəndi"
    assert names["hy"]["place-stepanakert-khankendi"] == "Ստեփանակերտ"
    row = next(r for r in content.table_rows(atlas, day, ["peacekeeping"], "en") if r["Id"] == "pk-russian-zone")
    assert row["Layer"] == "Peacekeeping and monitoring" and row["Valid to"] == "2022-08-26"
    assert row["Uncertain dates"] == "no" and row["Excerpts"] == len(atlas.excerpt_ids_for("pk-russian-zone"))
    assert set(row) == set(content.TABLE_COLUMNS)


def test_table_rows_only_hold_the_chosen_layers(atlas):
    rows = content.table_rows(atlas, dt.date(1995, 1, 1), ["line_of_contact"], "en")
    assert [r["Id"] for r in rows] == ["loc-1994"]
    assert content.table_rows(atlas, dt.date(1995, 1, 1), [], "en") == []


def test_excerpts_are_filtered_by_source_and_vantage(atlas):
    day = dt.date(2021, 6, 1)
    every = content.excerpts_shown(atlas, day, 365)
    assert [e.id for e in every] == [e.id for e in atlas.excerpts_on(day, 365)]
    some_source = every[0].source_id
    assert {e.source_id for e in content.excerpts_shown(atlas, day, 365, [some_source])} == {some_source}
    group = atlas.sources[some_source].vantage_group
    kept = content.excerpts_shown(atlas, day, 365, vantage_groups=[group])
    assert kept and {atlas.source_of(e).vantage_group for e in kept} == {group}
    assert content.excerpts_shown(atlas, day, 365, source_ids=[]) == []


def test_choices_label_each_source_with_its_vantage(atlas):
    choices = content.source_choices(atlas)
    assert set(choices) == set(atlas.sources)
    assert all(label.endswith(")") for label in choices.values())
    assert set(content.vantage_choices(atlas)) == {s.vantage_group for s in atlas.sources.values()}


def test_figures_are_the_librarys_per_segment(atlas):
    figures = content.Figures(atlas)
    for day in (dt.date(1995, 1, 1), dt.date(2021, 6, 1), dt.date(2023, 1, 1)):
        expected = stats_for_date(atlas, day)
        got = figures.on(day, "az")
        assert got["area_km2"] == expected["area_km2"]
        assert [line["Id"] for line in got["lines"]] == [line["id"] for line in expected["lines"]]
        assert [line["Length (km)"] for line in got["lines"]] == [line["length_km"] for line in expected["lines"]]


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
    assert [f["id"] for f in document["features"]] == [r["Id"] for r in content.table_rows(atlas, day, layers, "en")]
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
    assert content.literal(f"a\n\nb {SCRIPT}") == "<div>a&#10;&#10;b &lt;script&gt;window.__pwned=1&lt;/script&gt;</div>"
    for excerpt in hostile_atlas.excerpts:
        block = content.excerpt_block(hostile_atlas, excerpt, "en")
        assert "\n" not in block and "<script" not in block and "<img" not in block and "`" not in block
    for source_id in hostile_atlas.sources:
        block = content.source_html(hostile_atlas, source_id)
        assert "<script" not in block and "<img" not in block and "`" not in block and "\n" not in block
        assert html.unescape(block).count(hostile_atlas.sources[source_id].title) == 1
    feature = hostile_atlas.by_id["place-hostile"]
    block = content.feature_html(feature, "az", dt.date(2021, 6, 1))
    assert IMG not in block and html.escape(IMG, quote=True).replace("`", "&#96;") in block


def test_a_javascript_url_is_never_linked(hostile_atlas):
    bad = with_javascript_url(hostile_atlas)
    for source_id in bad.sources:
        assert "href" not in content.source_html(bad, source_id) and "<a" not in content.source_html(bad, source_id)
    for excerpt in bad.excerpts:
        assert "href" not in content.excerpt_block(bad, excerpt, "en")


def test_clicked_feature_id_ignores_anything_not_in_the_atlas(atlas):
    assert content.clicked_feature_id(atlas, None) is None
    assert content.clicked_feature_id(atlas, {"last_active_drawing": None}) is None
    assert content.clicked_feature_id(atlas, {"last_active_drawing": {"properties": {"adm0_a3": "AZE"}}}) is None
    assert content.clicked_feature_id(atlas, {"last_active_drawing": {"properties": {"id": "nope"}}}) is None
    assert content.clicked_feature_id(atlas, {"last_active_drawing": {"properties": {"id": ["loc-1994"]}}}) is None
    assert content.clicked_feature_id(atlas, {"last_active_drawing": {"properties": {"id": "loc-1994"}}}) == "loc-1994"


def test_feature_facts(atlas):
    facts = content.feature_facts(atlas.by_id["loc-1994"], dt.date(2021, 6, 1))
    assert facts[0] == "Line of contact" and "1994-05-12 to 2020-09-27" in facts[1]
    assert facts[-1].startswith("Not shown on 2021-06-01")


# -- the map ------------------------------------------------------------------------------
def test_the_map_loads_its_files_from_the_app_and_nothing_from_elsewhere(atlas, tmp_path, monkeypatch):
    monkeypatch.setattr(mapview, "STATIC_DIR", tmp_path)
    assets = mapview.MapAssets(atlas, mapview.base_url(""), dt.date(2026, 1, 1))
    payload = assets.payload("az")
    urls = [item["url"] for kind in ("styles", "scripts") for item in payload["assets"][kind]] + [payload["dataUrl"]]
    assert all(u.startswith("/app/static/") and "://" not in u for u in urls)
    assert [u.rsplit("/", 1)[1] for u in urls[:4]] == ["leaflet.css", "engine.css", "leaflet.js", engine.SCRIPTS[0]]
    name = payload["dataUrl"].rsplit("/", 1)[1]
    written = json.loads((tmp_path / "engine" / name).read_text(encoding="utf-8"))
    assert written["names"] == "az" and {r["i"] for r in written["features"]} == {f.id for f in atlas.features}
    assert assets.payload("az") == payload  # written once per naming convention
    assert assets.payload("en")["dataUrl"] != payload["dataUrl"]


def test_the_map_is_served_under_the_base_url_path():
    assert mapview.base_url("") == "/app/static"
    assert mapview.base_url("/atlas/") == "/atlas/app/static"


def test_without_static_serving_everything_goes_inline(atlas):
    payload = mapview.MapAssets(atlas, None, dt.date(2026, 1, 1)).payload("en")
    scripts = payload["assets"]["scripts"]
    assert [s["name"] for s in scripts] == ["leaflet.js", *engine.SCRIPTS] and "Leaflet" in scripts[0]["text"]
    assert payload["data"]["names"] == "en" and "dataUrl" not in payload


def test_a_status_change_starts_a_new_segment(hostile_atlas):
    assert hostile_atlas.segment(dt.date(2022, 12, 1)) != hostile_atlas.segment(dt.date(2022, 12, 20))


def test_map_data_of_hostile_text_cannot_end_a_script(hostile_atlas):
    from geo.engine import data_json, engine_data
    text = data_json(engine_data(hostile_atlas, "en", today=dt.date(2021, 6, 1)))
    assert SCRIPT not in text and IMG not in text and "</script" not in text and "<" not in text
