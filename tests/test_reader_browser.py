"""The exported timeline read as a reader would: a date typed by keyboard, the answer for a
road near Shusha, uncertain ground hatched and explained, the map first at desktop and phone
sizes. Screenshots go to test-artifacts/ (reader-*.png)."""
from __future__ import annotations

import pytest
from shapely.geometry import Point

from browser import chromium, offline_page  # noqa: F401  (fixtures)
from geo import dates
from geo.export_html import timeline_html

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def timeline(tmp_path_factory, atlas):
    path = tmp_path_factory.mktemp("reader") / "atlas.html"
    path.write_text(timeline_html(atlas, "en"), encoding="utf-8")
    return path


def _map_share(page) -> float:
    """The share of the window the map takes, above the fold only."""
    return page.evaluate("""() => {
      const r = kaEngine.map.getContainer().getBoundingClientRect();
      const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
      const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
      return w * h / (innerWidth * innerHeight); }""")


def test_a_date_typed_by_keyboard_moves_the_map_only_when_complete(timeline, offline_page):
    tab = offline_page
    tab.open(timeline, "#2023-09-19")
    page = tab.page
    page.focus(".ka-date-input")
    seen = set()
    for key in "06012021":  # month, day, year: Chromium reports 0002, 0020, 0202 on the way
        page.keyboard.type(key)
        seen.add(page.evaluate("kaCurrentDate()"))
    assert seen == {"2023-09-19"}, "a half-typed date moved the map"
    assert page.input_value(".ka-date-input") == "2021-06-01"
    page.keyboard.press("Enter")
    page.wait_for_function("() => kaCurrentDate() === '2021-06-01'")
    assert page.inner_text(".ka-date-big") == "1 June 2021"
    # a year typed half, then the field left: the map stays, the field shows the day shown
    page.focus(".ka-date-input")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.type("19")
    page.focus(".ka-slider")
    assert page.evaluate("kaCurrentDate()") == "2021-06-01"
    assert page.input_value(".ka-date-input") == "2021-06-01"
    # on the slider: an arrow a day, Page Up a month, Shift+Page Up a year
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => kaCurrentDate() === '2021-06-02'")
    page.keyboard.press("PageUp")
    page.wait_for_function("() => kaCurrentDate() === '2021-07-02'")
    page.keyboard.press("Shift+PageDown")
    page.wait_for_function("() => kaCurrentDate() === '2020-07-02'")
    tab.screenshot("reader-date-typed")
    tab.assert_no_errors()


def test_next_change_and_next_excerpt_are_separate_steps(atlas, timeline, offline_page):
    tab = offline_page
    tab.open(timeline, "#2020-11-12")
    page = tab.page
    data = page.evaluate("({m: kaTimebar.mapDays, x: kaTimebar.excerptDays})")
    page.click(".ka-next")
    assert page.evaluate("kaCurrentDate()") == dates.next_in(data["m"], "2020-11-12") == "2020-11-20"
    before = page.evaluate("kaEngine.drawnState()")
    page.click(".ka-prev")
    assert page.evaluate("kaCurrentDate()") == "2020-11-11"
    page.click(".ka-next-excerpt")
    assert page.evaluate("kaCurrentDate()") == dates.next_in(data["x"], "2020-11-11")
    assert before["date"] == "2020-11-20"
    tab.assert_no_errors()


def _road_point_in(atlas, road_id: str, district_id: str) -> Point:
    """A vertex of the road well inside the district (and outside every other district)."""
    road, district = atlas.by_id[road_id].geometry, atlas.by_id[district_id].geometry
    others = [f.geometry for f in atlas.with_role("district") if f.id != district_id and f.kind != "autonomous_oblast"]
    lines = getattr(road, "geoms", [road])
    for p in (Point(c) for line in lines for c in line.coords):
        if district.contains(p) and district.boundary.distance(p) > 0.01 and not any(o.covers(p) for o in others):
            return p
    raise AssertionError(f"{road_id} has no vertex well inside {district_id}")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_click_on_the_lachin_road_near_shusha_answers_for_shusha(atlas, timeline, offline_page, size):
    tab = offline_page
    if size == "phone":
        tab.page.set_viewport_size(PHONE)
    tab.open(timeline, "#2021-06-01")
    page = tab.page
    at = _road_point_in(atlas, "cor-lachin-2020", "prov-shusha")
    page.evaluate(f"kaEngine.map.setView([{at.y}, {at.x}], 12, {{animate: false}}); null")
    x, y = page.evaluate(f"""(() => {{ const r = kaEngine.map.getContainer().getBoundingClientRect();
        const q = kaEngine.map.latLngToContainerPoint([{at.y}, {at.x}]); return [r.left + q.x, r.top + q.y]; }})()""")
    page.mouse.click(x, y)
    card = page.wait_for_selector(".ka-card")
    text = card.inner_text()
    assert "District: Shusha District" in page.inner_text(".ka-card-district")
    assert "Agdam" not in page.inner_text(".ka-card-district")
    held = page.inner_text(".ka-card-held")
    assert held.startswith("Held by ") and " since " in held  # one plain sentence first
    assert "Lachin corridor" in text and "since 10 November 2020" in text
    # written for a reader: no ids, no EDTF, no "open to open"
    for raw in ("prov-", "cor-", "open to open", "Valid:", "[", "~"):
        assert raw not in text, raw
    # the route's changes apart from the district's own history
    assert page.locator(".ka-card-routes").count() == 1
    # the map is not moved by the answer: it stays where it was on the page
    box = page.evaluate("(() => { const r = kaEngine.map.getContainer().getBoundingClientRect(); return [r.top, r.left]; })()")
    assert box == [0, 0]
    tab.screenshot(f"reader-answer-shusha-{size}")
    tab.assert_no_errors()


def test_overlapping_features_are_listed_to_choose_from(atlas, timeline, offline_page):
    tab = offline_page
    tab.open(timeline, "#2021-06-01")
    page = tab.page
    at = _road_point_in(atlas, "cor-lachin-2020", "prov-lachin")
    page.evaluate(f"kaEngine.map.setView([{at.y}, {at.x}], 12, {{animate: false}}); null")
    page.evaluate(f"kaCartography.openCard(L.latLng({at.y}, {at.x}), null)")
    choices = page.locator(".ka-card-choice")
    assert choices.count() >= 2
    other = choices.nth(1)
    name = other.inner_text()
    other.click()
    page.wait_for_function("n => document.querySelector('.ka-card h3').textContent.startsWith(n)", arg=name)
    assert "District: Lachin District" in page.inner_text(".ka-card")
    tab.assert_no_errors()


def test_uncertain_ground_is_hatched_and_explained_on_19_september_2023(timeline, offline_page):
    tab = offline_page
    tab.open(timeline, "#2023-09-19")
    page = tab.page
    legend = page.inner_text(".ka-legend-live")
    assert "Change of hands under way: date uncertain" in legend
    assert "(date of change uncertain)" not in legend.split("Change of hands")[0]
    # the uncertain areas are filled with a pattern, not a flat colour
    kinds = page.evaluate("""kaEngine.features.filter(f => f.shown && f.unc && f.r.l === 'control')
                             .map(f => typeof f.layer.options.fillColor)""")
    assert kinds and set(kinds) == {"object"}
    flat = page.evaluate("""kaEngine.features.filter(f => f.shown && !f.unc && f.r.l === 'control')
                            .map(f => typeof f.layer.options.fillColor)""")
    assert set(flat) == {"string"}
    # the day before the operation: nothing under way, no such entry
    page.fill(".ka-date-input", "2023-09-18")
    page.wait_for_function("() => kaCurrentDate() === '2023-09-18'")
    assert "Change of hands under way" not in page.inner_text(".ka-legend-live")
    page.fill(".ka-date-input", "2023-09-19")
    page.wait_for_function("() => kaCurrentDate() === '2023-09-19'")
    tab.screenshot("reader-uncertain-2023-09-19")
    tab.assert_no_errors()


@pytest.mark.parametrize("size,share", [("desktop", 0.60), ("phone", 0.60)])
def test_the_map_comes_first(atlas, timeline, offline_page, size, share):
    tab = offline_page
    if size == "phone":
        tab.page.set_viewport_size(PHONE)
    tab.open(timeline, "#2021-06-01")
    page = tab.page
    assert _map_share(page) >= share
    top = page.evaluate("kaEngine.map.getContainer().getBoundingClientRect().top")
    assert top == 0  # the map first, at the top
    # the default view holds the contested ground with the northern front (Talish, Tartar)
    bounds = page.evaluate("(() => { const b = kaEngine.map.getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()")
    for fid in ("place-tartar", "place-talish", "place-zangilan-kovsakan", "place-fuzuli", "place-kalbajar-karvachar"):
        p = atlas.by_id[fid].geometry
        assert bounds[0] <= p.y <= bounds[2] and bounds[1] <= p.x <= bounds[3], fid
    if size == "desktop":  # fitted to the contested ground, not a country-wide view
        assert page.evaluate("kaEngine.map.getZoom()") >= 9
    # nothing covers more than a quarter of the map unasked
    area = page.evaluate("(() => { const r = kaEngine.map.getContainer().getBoundingClientRect(); return r.width * r.height; })()")
    for sel in (".ka-legend-live", ".ka-caption-box", ".leaflet-tooltip"):
        covered = page.evaluate(f"""(() => {{ const n = document.querySelector('{sel}');
            if (!n) return 0; const r = n.getBoundingClientRect(); return r.width * r.height; }})()""")
        assert covered <= area / 4, sel
    tab.screenshot(f"reader-map-first-{size}")
    tab.assert_no_errors()


def test_compare_1995_with_2021(atlas, timeline, offline_page):
    from geo import cartography
    tab = offline_page
    tab.open(timeline, "#2021-06-01")
    page = tab.page
    page.click(".ka-compare-toggle")
    page.fill(".ka-compare-date", "1995-01-01")
    page.focus(".ka-compare-date")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.includes('compare=1995-01-01')")
    assert page.evaluate("kaCompare.other.current") == "1995-01-01"
    assert page.evaluate("kaCurrentDate()") == "2021-06-01"
    expected = cartography.changes_between(cartography.changes(atlas), "1995-01-01", "2021-06-01")
    assert expected  # the 2020 war lies between
    items = page.locator(".ka-compare-item")
    assert items.count() == len(expected)
    text = page.inner_text(".ka-compare-list")
    assert "What changed between 1 January 1995 and 1 June 2021" in text
    assert "Azerbaijani forces take Shusha" in text
    gained = sum(c["km2"] for c in expected if c["to"] == "azerbaijani")
    assert f"Azerbaijani forces gained {round(gained):,} km²" in text
    # the swipe: the compared map covers the left part only
    page.fill(".ka-compare-swipe", "30")
    page.dispatch_event(".ka-compare-swipe", "input")
    assert page.evaluate("document.querySelector('.ka-compare-pane').style.clipPath") == "inset(0px 70% 0px 0px)"
    tab.screenshot("reader-compare-1995-2021")
    # the permalink carries it: a new tab opens on the same comparison
    link = page.evaluate("location.href")
    page.goto("about:blank")
    page.goto(link)
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_function("() => window.kaCompare && kaCompare.other && kaCompare.other.current === '1995-01-01'")
    assert page.locator(".ka-compare-item").count() == len(expected)
    page.click(".ka-compare-toggle")  # stop comparing
    page.wait_for_function("() => !location.hash.includes('compare=')")
    tab.assert_no_errors()


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focus is on selector (the keyboard alone)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_an_answer_reached_by_keyboard_alone(timeline, offline_page):
    tab = offline_page
    tab.open(timeline, "#2021-06-01")
    page = tab.page
    page.keyboard.press("Tab")
    _tab_to(page, ".ka-find")
    page.keyboard.type("Xankendi")  # the Azerbaijani name, typed without its ə
    page.keyboard.press("Enter")
    page.wait_for_selector(".ka-card h3")
    assert page.inner_text(".ka-card h3").startswith("Stepanakert")
    assert page.evaluate("document.activeElement.classList.contains('ka-card')")  # a screen reader is there
    assert page.inner_text(".ka-card-held").startswith("Held by Armenian and Karabakh Armenian forces since")
    # the map as text: each place with who held it, each road with its status; a row opens its answer
    _tab_to(page, ".ka-text-alt summary", 200)
    page.keyboard.press("Enter")
    page.wait_for_selector(".ka-text-alt-row")
    rows = page.locator(".ka-text-alt-row")
    texts = rows.all_inner_texts()
    assert any(t.startswith("Shusha: held by Azerbaijani forces since 8 November 2020") for t in texts), texts[:20]
    assert any(t.startswith("Lachin corridor (via Lachin): open since 10 November 2020") for t in texts)
    assert not any("prov-" in t or "place-" in t for t in texts)
    _tab_to(page, ".ka-text-alt-row[data-feature='place-shusha-shushi']", 300)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.ka-card h3').textContent.startsWith('Shusha')")
    tab.screenshot("reader-keyboard-answer")
    tab.assert_no_errors()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_labels_do_not_collide(timeline, offline_page, size):
    tab = offline_page
    if size == "phone":
        tab.page.set_viewport_size(PHONE)
    tab.open(timeline, "#2021-06-01")
    page = tab.page
    page.wait_for_function("() => document.querySelector('.ka-status-label') !== null")
    page.wait_for_timeout(300)  # the placing runs at the next frame
    shown = page.evaluate("""[...document.querySelectorAll('.ka-status-label, .ka-country-label, .ka-label, .ka-water-label')]
        .filter(n => n.style.visibility !== 'hidden').map(n => { const r = n.getBoundingClientRect();
          return [n.textContent, r.left, r.top, r.right, r.bottom, n.className]; }).filter(x => x[3] > x[1])""")
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            assert not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]), (a[0], b[0])
    # the road's status is never the label given up
    assert page.evaluate("[...document.querySelectorAll('.ka-status-label')].some(n => n.style.visibility !== 'hidden')")
    hidden = page.evaluate("document.querySelectorAll('[data-hidden=overlap]').length")
    assert hidden > 0  # there was something to resolve at this zoom
    tab.screenshot(f"reader-labels-{size}")
    tab.assert_no_errors()


@pytest.mark.parametrize("address, left_out", [
    ("#%E0%A4%A&date=2021-06-01&layers=%zz&sel=a%2", "layers, selected"),  # "URI malformed" stopped the page
    ("#2021-06-01&view=39.8,46.6," + "9" * 5000, "view"),  # a 5,000-digit zoom
])
def test_a_malformed_link_opens_the_defaults_with_a_note(timeline, offline_page, address, left_out):
    tab = offline_page
    tab.open(timeline, address)
    page = tab.page
    note = page.locator(".ka-link-note")
    assert note.count() == 1 and f"left out ({left_out})" in note.inner_text()
    assert page.evaluate("kaEngine.current") == "2021-06-01"
    assert 0 <= page.evaluate("kaEngine.map.getZoom()") <= 18
    tab.assert_no_errors()
