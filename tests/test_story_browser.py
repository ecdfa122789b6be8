"""Play rests on each captioned key date long enough to read its caption (real browser)."""
import datetime as dt

import pytest

from geo.export_html import timeline_html
from geo.story import read_story

from browser import chromium, offline_page  # noqa: F401  (fixtures)
from conftest import DATA_DIR


@pytest.fixture(scope="module")
def timeline(tmp_path_factory, atlas):
    path = tmp_path_factory.mktemp("story") / "atlas.html"
    path.write_text(timeline_html(atlas, "en"), encoding="utf-8")
    return path


@pytest.mark.browser
def test_play_rests_on_a_captioned_date(timeline, offline_page):
    stops, _ = read_story(DATA_DIR)
    stop = next(s for s in stops if s.date == dt.date(2020, 9, 27))
    tab = offline_page
    tab.open(timeline, "#2020-09-10")
    page = tab.page
    assert page.inner_text(".ka-key-caption") == ""
    page.click(".ka-play")
    page.wait_for_function("() => window.kaCurrentDate() === '2020-09-27'", timeout=5000)
    assert page.inner_text(".ka-key-caption") == stop.caption
    page.wait_for_timeout(1800)
    assert page.evaluate("window.kaCurrentDate()") == "2020-09-27"  # still resting after 1.8 s
    page.wait_for_function("() => window.kaCurrentDate() > '2020-09-27'", timeout=3000)
    page.click(".ka-play")
    tab.screenshot("play-rests-on-2020-09-27")
    tab.assert_no_errors()


@pytest.mark.browser
def test_caption_shows_on_its_day_only(timeline, offline_page):
    tab = offline_page
    tab.open(timeline, "#2022-12-12")
    page = tab.page
    assert "closed at the Shusha turn" in page.inner_text(".ka-key-caption")
    page.fill(".ka-date-input", "2022-12-13")
    page.wait_for_function("() => window.kaCurrentDate() === '2022-12-13'")
    assert page.inner_text(".ka-key-caption") == ""
    tab.assert_no_errors()


@pytest.mark.browser
def test_story_stops_step_through_the_captions(timeline, offline_page):
    stops, _ = read_story(DATA_DIR)
    tab = offline_page
    tab.open(timeline, "#" + stops[0].date.isoformat())
    page = tab.page
    assert page.inner_text(".ka-story-where") == f"stop 1 of {len(stops)}"
    for stop in stops[1:3]:
        page.click(".ka-story-next")
        page.wait_for_function("iso => window.kaCurrentDate() === iso", arg=stop.date.isoformat())
        assert page.inner_text(".ka-key-caption") == stop.caption
    assert page.inner_text(".ka-story-where") == f"stop 3 of {len(stops)}"
    page.click(".ka-story-prev")
    page.wait_for_function("iso => window.kaCurrentDate() === iso", arg=stops[1].date.isoformat())
    tab.screenshot("story-stop-2")
    tab.assert_no_errors()
