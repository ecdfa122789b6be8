"""The saved folium map of a day, in Debian's Chromium with the network cut off: Leaflet
from the inlined package draws the layers, the legend, the caption and the road labels."""
from __future__ import annotations

import datetime as dt

import pytest

from browser import chromium, offline_page  # noqa: F401  (fixtures)
from geo.folium_map import day_map

pytestmark = pytest.mark.browser


def test_saved_folium_map_draws_offline(atlas, offline_page, tmp_path):
    path = tmp_path / "day.html"
    day_map(atlas, dt.date(2022, 12, 12)).save(str(path))
    page = offline_page.page
    page.goto(path.resolve().as_uri())
    page.wait_for_selector(".leaflet-container path.leaflet-interactive", state="attached")
    assert page.evaluate("typeof L === 'object' && L.version") == "1.9.4"  # the installed Leaflet, not folium's CDN one
    legend = page.locator(".ka-legend-box").inner_text()
    assert "Held by Armenian forces" in legend and "Lachin road: closed or blocked" in legend
    assert "12 December 2022" in page.locator(".ka-caption-box").inner_text()
    assert page.locator(".ka-status-label", has_text="closed or blocked since 12 December 2022").count() == 1
    assert page.locator("path.leaflet-interactive").count() > 20
    offline_page.screenshot("folium-day-2022-12-12")
    offline_page.assert_no_errors()
