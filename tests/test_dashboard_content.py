"""The dashboard's building blocks, without Streamlit running: rows, excerpts, figures,
downloads, escaped HTML, and the cached map layers (checked against streamlit-folium)."""
import datetime as dt
import html
import json

import folium
import pytest

from dashboard import content, mapview
from geo import export, load_atlas, render
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
    assert names["hy"]["place-stepanakert-khankendi"] == "Stepanakert"
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


def test_day_download_is_what_the_map_shows(atlas):
    day, layers = dt.date(2021, 6, 1), ("control", "corridors", "peacekeeping")
    document = json.loads(content.day_geojson(atlas, day, layers))
    assert document == json.loads(export.to_json(export.geojson_for_date(atlas, day, layers)))
    assert [f["id"] for f in document["features"]] == [r["Id"] for r in content.table_rows(atlas, day, layers, "en")]
    assert {"pk-russian-zone", "cor-lachin-2020"} <= {f["id"] for f in document["features"]}


def test_other_downloads_come_from_the_export_code(atlas):
    assert json.loads(content.all_geojson(atlas)) == json.loads(export.to_json(export.geojson_all(atlas)))
    assert json.loads(content.excerpts_json(atlas)) == export.excerpts_document(atlas)
    assert content.excerpts_csv(atlas).decode("utf-8") == export.excerpts_csv(atlas)


def test_optional_exports_are_found_only_if_present():
    assert content.optional_export("geo.no_such_module", "f") is None
    assert content.optional_export("geo.export", "no_such_function") is None
    assert content.optional_export("geo.export", "geojson_all") is export.geojson_all


def test_file_names():
    assert content.file_stem(dt.date(2021, 6, 1), LAYERS, "az") == "karabakh-atlas_2021-06-01_az"
    assert content.file_stem(dt.date(2021, 6, 1), ("control", "places")) == "karabakh-atlas_2021-06-01_control+places"


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
def _captured_feature_group_code(monkeypatch, groups) -> str:
    """The feature-group code st_folium sends to its iframe for ``groups``."""
    import streamlit_folium

    sent = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: sent.update(kwargs))
    streamlit_folium.st_folium(mapview.base_map("/app/static/leaflet"), key="map", feature_group_to_add=groups,
                               returned_objects=mapview.RETURNED_OBJECTS)
    return sent["feature_group"], sent


@pytest.mark.parametrize("day, highlight", [(dt.date(2021, 6, 1), ()), (dt.date(1995, 1, 1), ("loc-1994",))])
def test_prerendered_layers_are_exactly_streamlit_folium_s_own(atlas, monkeypatch, day, highlight):
    groups = render.feature_groups(atlas, day, LAYERS, "en", highlight, popups=False)
    expected, _ = _captured_feature_group_code(monkeypatch, groups)
    got, args = _captured_feature_group_code(monkeypatch, mapview.LayerCode(atlas).groups(day, LAYERS, "en", highlight))
    assert got == expected
    assert args["js_links"] == ["/app/static/leaflet/leaflet.js"]
    assert args["css_links"] == ["/app/static/leaflet/leaflet.css"]


def test_the_base_map_code_is_the_same_on_every_rerun(atlas, monkeypatch):
    first = _captured_feature_group_code(monkeypatch, mapview.LayerCode(atlas).groups(dt.date(1995, 1, 1), LAYERS, "en"))[1]
    second = _captured_feature_group_code(monkeypatch, mapview.LayerCode(atlas).groups(dt.date(2023, 1, 1), ["places"], "az"))[1]
    for arg in ("script", "header", "html", "key", "js_links", "css_links"):
        assert first[arg] == second[arg], arg
    assert first["feature_group"] != second["feature_group"]


def test_nothing_on_the_map_comes_from_a_cdn(atlas, monkeypatch):
    _, args = _captured_feature_group_code(monkeypatch, mapview.LayerCode(atlas).groups(dt.date(2021, 6, 1), LAYERS, "en"))
    everything = args["script"] + args["header"] + args["html"] + args["feature_group"] + "".join(args["js_links"] + args["css_links"])
    assert "cdn" not in everything.lower() and "://" not in "".join(args["js_links"] + args["css_links"])
    assert "<script src" not in everything


def test_leaflet_is_served_under_the_base_url_path():
    assert mapview.leaflet_url("") == "/app/static/leaflet"
    assert mapview.leaflet_url("/atlas/") == "/atlas/app/static/leaflet"


def test_without_static_serving_leaflet_comes_as_data_urls(monkeypatch):
    import streamlit_folium

    sent = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: sent.update(kwargs))
    streamlit_folium.st_folium(mapview.base_map(None), key="map")
    assert [link[:28] for link in sent["js_links"]] == ["data:text/javascript;base64,"]
    assert [link[:21] for link in sent["css_links"]] == ["data:text/css;base64,"]


def test_dashboard_layers_have_no_popups(atlas):
    groups = render.feature_groups(atlas, dt.date(2021, 6, 1), LAYERS, "en", popups=False)
    layers = [c for g in groups for c in g._children.values() if isinstance(c, folium.GeoJson)]
    assert layers and not any(isinstance(c, folium.GeoJsonPopup) for layer in layers for c in layer._children.values())
    assert all("_popup" not in f["properties"] for layer in layers for f in layer.data["features"])


def test_layer_code_is_cached_per_segment_and_view(atlas):
    code = mapview.LayerCode(atlas)
    a = code.code(dt.date(1995, 1, 1), LAYERS, "en")
    assert code.code(dt.date(1995, 6, 1), LAYERS, "en") is a  # same segment: same code object
    assert code.code(dt.date(1995, 1, 1), LAYERS, "az") != a
    assert code.code(dt.date(1995, 1, 1), LAYERS, "en", ["loc-1994"]) != a
    assert code.code(dt.date(1995, 1, 1), LAYERS, "en", ["cor-lachin-2022"]) is a  # not shown: no change
    assert code.key(dt.date(1995, 1, 1), LAYERS, "en") != code.key(dt.date(2021, 6, 1), LAYERS, "en")


def test_a_status_change_starts_a_new_segment_and_new_layer_code(hostile_atlas):
    code = mapview.LayerCode(hostile_atlas)
    before = code.code(dt.date(2022, 12, 1), ["corridors"], "en")
    after = code.code(dt.date(2022, 12, 20), ["corridors"], "en")
    assert hostile_atlas.segment(dt.date(2022, 12, 1)) != hostile_atlas.segment(dt.date(2022, 12, 20))
    assert before != after and "Closed" in "".join(after) and "Closed" not in "".join(before)


def test_layer_code_of_hostile_text_is_escaped(hostile_atlas):
    code = "".join(mapview.LayerCode(hostile_atlas).code(dt.date(2021, 6, 1), LAYERS, "en"))
    assert SCRIPT not in code and IMG not in code and BACKTICK not in code and "</script" not in code
