"""folium maps of a day (geo.folium_map): the atlas's cartography, offline, extendable."""
from __future__ import annotations

import datetime as dt
import re

import folium
import pytest

import geo.api as api
from geo import layers as layer_registry, render
from geo.folium_map import day_map, feature_style, legend_rows, offline, saved_html, style_key

#: A <script src=...>, <link href=...> or CSS @import/url() that points at the network.
REMOTE = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//"
                    r"|@import\s+(?:url\()?[\"']?\s*(?:https?:)?//", re.IGNORECASE)


def remote_assets(page: str) -> list[str]:
    return [page[m.start():m.start() + 120] for m in REMOTE.finditer(page)]


def test_the_remote_check_sees_folium_defaults():
    # folium's own defaults point at CDNs: the check below would see them
    page = folium.Map(tiles=None).get_root().render()
    assert remote_assets(page)
    assert remote_assets(offline(folium.Map(tiles=None)).get_root().render()) == []
    # folium's class defaults are left alone (only the atlas's maps are changed)
    assert any(url.startswith("https://") for _, url in folium.Map.default_js)


def test_saved_day_map_loads_nothing_from_the_network(atlas, tmp_path):
    m = day_map(atlas, dt.date(2021, 6, 1))
    path = tmp_path / "map.html"
    m.save(str(path))
    page = path.read_text(encoding="utf-8")
    assert remote_assets(page) == []
    assert "data:text/javascript;base64," in page and "data:text/css;base64," in page
    assert ".ka-legend" in page  # the engine's stylesheet is inlined


def test_a_group_per_layer_and_the_users_own_layers(atlas, tmp_path):
    m = api.folium_map(atlas, "2021-06-01", layers=["control", "places"])
    assert list(m.ka_groups) == ["control", "places"]
    folium.GeoJson({"type": "Point", "coordinates": [46.75, 39.82]}, name="My survey points").add_to(m)
    path = tmp_path / "extended.html"
    m.save(str(path))
    page = path.read_text(encoding="utf-8")
    assert "My survey points" in page and "Held by Armenian forces" in page


def test_features_are_styled_from_the_registry(atlas):
    day = dt.date(2021, 6, 1)
    for feature in atlas.features_on(day)["control"]:
        props = {**feature.properties, "uncertain_on_date": feature.validity.uncertain_on(day)}
        certain, uncertain = render.key_styles("control", feature.properties["held_by"])
        expected = uncertain if props["uncertain_on_date"] else certain
        assert feature_style("control", props) == {k: v for k, v in expected.items() if v is not None}


def test_uncertain_features_are_dotted_and_fainter():
    certain = feature_style("control", {"held_by": "armenian", "uncertain_on_date": False})
    uncertain = feature_style("control", {"held_by": "armenian", "uncertain_on_date": True})
    assert "dashArray" not in certain
    assert uncertain["dashArray"] == layer_registry.UNCERTAIN_DASH
    assert uncertain["fillOpacity"] < certain["fillOpacity"]


def test_road_status_style_legend_and_label_on_the_days_either_side_of_the_blockade(atlas):
    blocked = layer_registry.ROAD_STATUSES["blocked"].style
    for day, status in ((dt.date(2022, 12, 11), "open"), (dt.date(2022, 12, 12), "blocked")):
        road = next(f for f in api.features_on(atlas, day, "corridors")["corridors"] if f["id"] == "cor-lachin-2022")
        assert style_key("corridors", road["properties"]) == f"lachin_corridor|{status}"
        style = feature_style("corridors", road["properties"])
        assert (style["color"] == blocked["color"]) is (status == "blocked")
        page = saved_html(day_map(atlas, day, layers=["corridors"]))
        assert ("Lachin road: closed or blocked" in page) is (status == "blocked")
        assert ("closed or blocked since 12 December 2022" in page) is (status == "blocked")


def test_legend_lists_what_is_drawn_once_per_style(atlas):
    day = dt.date(2021, 6, 1)
    drawn = [(f, {**f.properties, "uncertain_on_date": f.validity.uncertain_on(day)})
             for f in atlas.features_on(day)["control"]]
    rows = legend_rows(drawn)
    assert [r[1] for r in rows] == sorted({layer_registry.get("control").styles[f.properties["held_by"]].label
                                            for f, _ in drawn})
    assert legend_rows([]) == []


def test_explore_on_an_api_frame_uses_the_atlas_styles_offline(atlas):
    frame = api.frame(atlas, "control", "2021-06-01")
    page = saved_html(frame.explore(**api.explore_kwds("control")))
    assert remote_assets(page) == []
    for side in set(frame["held_by"]):
        assert layer_registry.get("control").styles[side].style["fillColor"] in page


def test_caption_states_the_dataset_version(atlas):
    page = saved_html(day_map(atlas, dt.date(2021, 6, 1), layers=[]))
    assert api.dataset(atlas)["version"] in page and api.dataset(atlas)["sha256"][:12] in page
    assert "No layer is drawn on this day." in page


def test_an_unknown_layer_is_refused(atlas):
    with pytest.raises(Exception, match="roads"):
        day_map(atlas, dt.date(2021, 6, 1), layers=["roads"])


def test_explore_on_a_whole_layer_frame(atlas):
    # a frame of every date has no day columns: the keywords must not ask for them
    page = saved_html(api.frame(atlas, "places").explore(**api.explore_kwds("places")))
    assert remote_assets(page) == [] and "Stepanakert" in page
