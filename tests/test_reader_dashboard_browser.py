"""The dashboard read as a reader would: map first at desktop and phone sizes, the uncertain
row in the figures on 19 September 2023, the answer beside the map, two dates compared.
Screenshots go to test-artifacts/ (dashboard-reader-*.png)."""
from __future__ import annotations

import pytest

from browser import chromium  # noqa: F401  (fixture)
from geo import cartography
from geo.stats import figure_rows, stats_for_date
from test_dashboard_browser import app_page, streamlit_app

import datetime as dt

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def app_url():
    with streamlit_app() as url:
        yield url


def _share(page) -> float:
    return page.evaluate("""() => {
      const r = kaEngine.map.getContainer().getBoundingClientRect();
      const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
      const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
      return w * h / (innerWidth * innerHeight); }""")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_map_first_and_the_uncertain_row_in_the_figures(chromium, app_url, atlas, size):  # noqa: F811
    with app_page(chromium, app_url, **({"viewport": PHONE} if size == "phone" else {})) as tab:
        tab.open("?date=2023-09-19")
        page = tab.page
        page.wait_for_selector(".ka-dash-metric-uncertain")
        assert _share(page) >= 0.60
        rect = page.evaluate("(() => { const r = kaEngine.map.getContainer().getBoundingClientRect(); return [r.top, r.bottom]; })()")
        assert rect[1] <= page.viewport_size["height"]  # entirely above the fold
        figures = stats_for_date(atlas, dt.date(2023, 9, 19))
        frame = figures["frame"]
        rows = figure_rows({**figures["area_km2"], "uncertain": frame["uncertain_km2"], "not_drawn": frame["not_drawn_km2"]})
        uncertain = next(r for r in rows if r["key"] == "uncertain")
        text = page.inner_text(".ka-dash-metric-uncertain")
        assert "Change of hands under way: date uncertain" in text
        assert f"{round(uncertain['km2']):,} km²" in text
        shown = page.evaluate("[...document.querySelectorAll('.ka-dash-metric-value')].map(n => +n.textContent.replace(/[^0-9]/g, ''))")
        assert abs(sum(shown) - frame["km2"]) <= len(shown)  # the rows add up to the frame
        tab.screenshot(f"reader-map-first-{size}")


def test_the_answer_sits_beside_the_map_and_compare_goes_into_the_address(chromium, app_url, atlas):  # noqa: F811
    with app_page(chromium, app_url) as tab:
        tab.open("?date=2021-06-01")
        tab.wait_idle()
        page = tab.page
        tab.click("place-stepanakert-khankendi")
        page.wait_for_selector(".ka-dash-side .ka-card-docked .ka-card")
        assert page.inner_text(".ka-card-held").startswith("Held by Armenian and Karabakh Armenian forces since")
        top = page.evaluate("kaEngine.map.getContainer().getBoundingClientRect().top")
        page.click(".ka-compare-toggle")
        page.fill(".ka-compare-date", "1995-01-01")
        page.focus(".ka-compare-date")
        page.keyboard.press("Enter")
        tab.wait_for_query(compare="1995-01-01", date="2021-06-01")
        expected = cartography.changes_between(cartography.changes(atlas), "1995-01-01", "2021-06-01")
        assert page.locator(".ka-compare-item").count() == len(expected)
        assert page.evaluate("kaEngine.map.getContainer().getBoundingClientRect().top") == top  # the page did not move
        tab.screenshot("reader-answer-compare")
