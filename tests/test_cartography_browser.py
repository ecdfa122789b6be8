"""The map that cannot be misread, in a real browser: the answer card, road status, the
legend of each day, permalinks with the view, Back through dates."""
import datetime as dt

import pytest

from geo import layers
from geo.answers import Answers, control_history
from geo.export_html import timeline_html

from browser import chromium, offline_page  # noqa: F401  (fixtures)

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def timeline(tmp_path_factory, atlas):
    path = tmp_path_factory.mktemp("cartography") / "atlas.html"
    path.write_text(timeline_html(atlas, "en"), encoding="utf-8")
    return path


def _open(tab, timeline, fragment):
    tab.open(timeline, "#" + fragment)
    return tab.page


@pytest.mark.browser
@pytest.mark.parametrize("name,day", [("Lachin", "2021-06-01"), ("Stepanakert", "2021-06-01"),
                                      ("Stepanakert", "2023-10-16"), ("Aghdam", "2000-01-01")])
def test_answer_card_agrees_with_the_library(atlas, timeline, offline_page, name, day):
    expected = Answers(atlas).by_name(name, D(day))
    fid = expected["place"]["id"]
    page = _open(offline_page, timeline, day)
    point = atlas.by_id[fid].geometry
    page.evaluate(f"() => {{ window.kaEngine.map.setView([{point.y}, {point.x}], 10, {{animate: false}}); }}")
    x, y = page.evaluate(f"window.kaEngine.pointOf('{fid}')")
    page.mouse.click(x, y)
    card = page.wait_for_selector(".ka-card")
    text = card.inner_text()
    assert "Held by " + layers.SIDES[expected["control"]["held_by"]] in page.inner_text(".ka-card-held")
    for zone in expected["zones"]:
        if zone["relation"] in ("inside", "on"):
            assert atlas.by_id[zone["id"]].names.get("en", zone["name"]).split(" (")[0] in text, zone
    district = atlas.by_id[expected["district"]["id"]]
    assert f"District: {district.names.get('en', district.name)}" in text
    assert page.locator(".ka-history li").count() == len(control_history(atlas, district))
    assert f"Excerpts about {expected['place']['name']}: {len(expected['excerpt_ids'])} linked excerpt(s)" in text
    page.wait_for_function(f"() => location.hash.includes('selected={fid}')")
    offline_page.screenshot(f"answer-card-{name}-{day}")
    offline_page.assert_no_errors()


@pytest.mark.browser
def test_hover_lists_every_layer_control_first(timeline, offline_page):
    page = _open(offline_page, timeline, "2021-06-01")
    x, y = page.evaluate("window.kaEngine.pointOf('place-lachin-berdzor')")
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    tip = page.wait_for_selector(".leaflet-tooltip .ka-here")
    lines = tip.inner_text().splitlines()
    assert lines[0].startswith("Held by")
    assert any("peacekeeping" in line for line in lines) and any("Lachin District" in line for line in lines)
    offline_page.assert_no_errors()


@pytest.mark.browser
@pytest.mark.parametrize("day,status,words", [("2021-06-01", "open", "open since 10 November 2020"),
                                              ("2022-12-20", "blocked", "closed or blocked since 12 December 2022"),
                                              ("2023-05-01", "checkpoint", "open through a checkpoint since 23 April 2023")])
def test_road_status_drawn_and_labelled(atlas, timeline, offline_page, day, status, words):
    road = next(f for f in atlas.layer("corridors")
                if f.kind == "lachin_corridor" and f.is_valid_on(D(day)))
    page = _open(offline_page, timeline, day)
    label = page.wait_for_selector(f".ka-status-label[data-feature='{road.id}']")
    assert words in label.inner_text()
    drawn = page.evaluate(f"(() => {{ const f = window.kaEngine.byId['{road.id}']; "
                          f"return [f.layer.options.color, f.layer.options.dashArray || null]; }})()")
    style = dict(layers.get("corridors").styles[f"lachin_corridor|{status}"].style)
    assert drawn == [style["color"] if "color" in style else layers.get("corridors").styles["lachin_corridor"].style["color"],
                     style.get("dashArray")]
    offline_page.screenshot(f"road-status-{day}")
    offline_page.assert_no_errors()


def _expected_keys(atlas, day):
    keys = set()
    for layer_id, features in atlas.features_on(day).items():
        record = layers.get(layer_id)
        for f in features:
            key = f"{layer_id}:{record.style_key(f.properties)}"
            from geo.dates import status_on
            current, _ = status_on(f.status_changes, day)
            if current and f"{record.style_key(f.properties)}|{current.status}" in record.styles:
                key += f"|{current.status}"
            keys.add(key)
    return keys


@pytest.mark.browser
@pytest.mark.parametrize("day", ["1991-01-01", "1993-04-15", "2000-01-01", "2020-10-15", "2021-06-01",
                                 "2022-11-01", "2022-12-20", "2023-06-15", "2023-11-01", "2025-06-01"])
def test_legend_lists_what_is_drawn_that_day(atlas, timeline, offline_page, day):
    page = _open(offline_page, timeline, day)
    keys = page.evaluate("[...document.querySelectorAll('.ka-legend-live .ka-legend-row')]"
                         ".map(r => r.getAttribute('data-key'))")
    shown = {k.rstrip("~") for k in keys if not k.startswith("basemap:") and k not in ("changes", "control:uncertain")}
    assert shown == _expected_keys(atlas, D(day))
    assert "basemap:border" in keys
    uncertain = {k.rstrip("~") for k in keys if k.endswith("~")}
    drawn_uncertain = [f for fs in atlas.features_on(D(day)).values() for f in fs if f.validity.uncertain_on(D(day))]
    # control areas under way share one hatched entry; the other layers keep theirs
    assert uncertain == {f"{f.layer}:{layers.get(f.layer).style_key(f.properties)}"
                         for f in drawn_uncertain if not layers.has_role(f.layer, "control")}
    assert ("control:uncertain" in keys) == any(layers.has_role(f.layer, "control") for f in drawn_uncertain)
    # swatches are drawn with the map's own style: same dash as the entry's style (certain or uncertain)
    for key in keys:
        if key.startswith("basemap:") or key in ("changes", "control:uncertain"):
            continue
        which = "uncertain" if key.endswith("~") else "certain"
        style = page.evaluate(f"window.kaEngine.data.styles['{key.rstrip('~')}'].{which}")
        dash = page.evaluate(f"document.querySelector(\".ka-legend-row[data-key='{key}'] svg > *\")"
                             f".getAttribute('stroke-dasharray')")
        assert dash == style.get("dashArray"), key
    offline_page.assert_no_errors()


@pytest.mark.browser
def test_permalink_restores_date_view_layers_and_selection(timeline, offline_page):
    page = _open(offline_page, timeline,
                 "2021-06-01&view=39.8,46.6,10&layers=control,places&sel=place-stepanakert-khankendi")
    page.wait_for_selector(".ka-card")
    assert page.evaluate("window.kaCurrentDate()") == "2021-06-01"
    view = page.evaluate("window.kaEngine.view()")
    assert view["zoom"] == 10 and abs(view["center"][0] - 39.8) < 0.01 and abs(view["center"][1] - 46.6) < 0.01
    enabled = page.evaluate("Object.keys(window.kaEngine.enabled).filter(k => window.kaEngine.enabled[k]).sort()")
    assert enabled == ["control", "places"]
    assert "Stepanakert" in page.inner_text(".ka-card h3")
    page.fill(".ka-date-input", "2023-10-15")
    # the address is rules.js encodeView's hash form (geo.cite.permalink_query(hash=True) writes the same)
    page.wait_for_function("() => location.hash.startsWith('#2023-10-15&layers=control,places&view=')")
    assert page.evaluate("location.hash").endswith("&selected=place-stepanakert-khankendi")
    offline_page.assert_no_errors()


@pytest.mark.browser
def test_back_steps_through_dates(timeline, offline_page):
    page = _open(offline_page, timeline, "2000-01-01")
    for day in ("2020-11-10", "2022-12-20"):
        page.fill(".ka-date-input", day)
        page.wait_for_function(f"() => location.hash.startsWith('#{day}')")
    page.go_back()
    page.wait_for_function("() => window.kaCurrentDate() === '2020-11-10'")
    page.go_back()
    page.wait_for_function("() => window.kaCurrentDate() === '2000-01-01'")
    page.go_forward()
    page.wait_for_function("() => window.kaCurrentDate() === '2020-11-10'")
    offline_page.assert_no_errors()


@pytest.mark.browser
def test_balance_chart_and_strip(timeline, offline_page):
    page = _open(offline_page, timeline, "2022-12-20")
    assert "None comes from an Armenian source" in page.inner_text(".ka-balance")
    box = page.locator(".ka-area-chart").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.05, box["y"] + box["height"] / 2)
    page.wait_for_function("() => window.kaCurrentDate() < '1991-01-01'")
    strip = page.locator(".ka-strip").bounding_box()
    page.mouse.click(strip["x"] + strip["width"] * 0.9, strip["y"] + 5)
    page.wait_for_function("() => window.kaCurrentDate() > '2020-01-01'")
    offline_page.assert_no_errors()


@pytest.mark.browser
def test_schematic_rivers_are_marked_in_legend_label_and_tooltip(timeline, offline_page):
    page = _open(offline_page, timeline, "2021-06-01")
    row = page.locator(".ka-legend-live .ka-legend-row[data-key='basemap:river-schematic']")
    assert row.inner_text() == "River, schematic (approximate course)"
    assert row.locator("svg > *").get_attribute("stroke-dasharray")  # drawn dashed, like the lines
    labels = page.evaluate("[...document.querySelectorAll('.ka-water-label')].map(e => e.textContent)")
    assert {"Hakari (schematic)", "Tartar (Terter) (schematic)", "Vorotan (Bargushad) (schematic)"} <= set(labels)
    assert "Araks (Aras)" in labels  # rivers from the sources are not marked
    # hover the Hakari halfway between the Hakari bridge and its confluence with the Vorotan
    # (Qubadli district): the hover box names it as schematic, with its method
    page.evaluate("() => { window.kaEngine.map.setView([39.378, 46.635], 11, {animate: false}); }")
    x, y = page.evaluate("(() => { const p = window.kaEngine.map.latLngToContainerPoint([39.37835, 46.635]);"
                         " const r = window.kaEngine.map.getContainer().getBoundingClientRect();"
                         " return [r.left + p.x, r.top + p.y]; })()")
    page.mouse.move(x - 4, y - 4)
    page.mouse.move(x, y)
    row = page.wait_for_selector(".leaflet-tooltip .ka-here .ka-here-schematic")
    assert row.inner_text().startswith("Hakari (schematic, ±8 km): Schematic:")
    offline_page.assert_no_errors()
