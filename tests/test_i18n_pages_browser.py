"""Every word a reader sees, in Chromium, in each interface language: the exported timeline and
day map (one file carrying every language, opened by a browser set to the language: the page
follows navigator.language) and the dashboard's map page (``lang=`` in its address), on a
desktop and a phone. Every visible text, title, aria-label and placeholder (english_words.py
VISIBLE_TEXT; quotes, source titles and authors and feature names are marked data-ka-verbatim
and left out) holds no word of the English catalogue. Screenshots go to test-artifacts/."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest

from browser import ARTIFACTS, LOCAL_SCHEMES, chromium  # noqa: F401  (fixture)
from english_words import VISIBLE_TEXT, english_in, english_words, record_names
from geo import i18n
from geo.export_html import day_map_html, timeline_html

pytestmark = pytest.mark.browser

DAY = dt.date(2023, 9, 19)
TODAY = dt.date(2026, 1, 1)
SCREENS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
#: The browser's language of each test (navigator.language): a regional tag, as browsers send it.
LOCALES = {"en": "en-GB", "hy": "hy-AM", "az": "az-Latn-AZ", "ru": "ru-RU"}


@pytest.fixture(scope="module")
def words(atlas):
    return english_words(record_names(atlas))


@pytest.fixture(scope="module")
def pages(atlas, tmp_path_factory):
    folder = tmp_path_factory.mktemp("i18n-pages")
    out = {"timeline": folder / "timeline.html", "day": folder / "day.html"}
    out["timeline"].write_text(timeline_html(atlas, "en", today=TODAY, every_language=True), encoding="utf-8")
    out["day"].write_text(day_map_html(atlas, DAY, every_language=True), encoding="utf-8")
    return out


@contextmanager
def browser_tab(chromium, screen: str, locale: str, local=lambda url: url.startswith(LOCAL_SCHEMES)):  # noqa: F811
    context = chromium.new_context(viewport=SCREENS[screen], locale=locale, service_workers="block",
                                   is_mobile=screen == "phone", has_touch=screen == "phone")
    attempted, errors = [], []

    def guard(route):
        if local(route.request.url):
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert not attempted, f"the page tried to reach the network: {attempted}"
    assert not errors, f"JavaScript errors: {errors}"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def ask_the_map(page) -> None:
    """Click the middle of the map: the answer card (who held the point, its history) opens."""
    box = page.locator(".leaflet-container").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.45)
    page.wait_for_timeout(400)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("kind", ["timeline", "day"])
@pytest.mark.parametrize("lang", ["ru", "hy", "az", "en"])
def test_an_exported_page_speaks_the_browsers_language(chromium, pages, words, lang, kind, screen):  # noqa: F811
    with browser_tab(chromium, screen, LOCALES[lang]) as page:
        page.goto(pages[kind].resolve().as_uri() + ("#2023-09-19" if kind == "timeline" else ""))
        page.wait_for_selector("body[data-ready=true] .leaflet-container canvas", state="attached")
        assert page.evaluate("document.documentElement.lang") == lang
        screenshot(page, f"i18n-{kind}-{lang}-{screen}")
        ask_the_map(page)
        text = page.evaluate(VISIBLE_TEXT)
        english = english_in(text, words)
        assert i18n.format_date(DAY, lang) in text
        if lang == "en":
            assert len(english) > 30, "the English page must show the words this test looks for"
        else:
            assert not english, f"English interface words in the {lang} {kind} ({screen}): {english}"


def test_the_address_chooses_over_the_browser(chromium, pages):  # noqa: F811
    with browser_tab(chromium, "desktop", "ru-RU") as page:
        page.goto(pages["timeline"].resolve().as_uri() + "#2023-09-19&lang=hy")
        page.wait_for_selector("body[data-ready=true] .leaflet-container canvas", state="attached")
        assert page.evaluate("document.documentElement.lang") == "hy"
        assert page.title().startswith(i18n.gettext("Karabakh Atlas", "hy"))
        assert i18n.gettext("About this map", "hy") in page.inner_text("#ka-caption")
    with browser_tab(chromium, "desktop", "de-DE") as page:  # not one of ours: English
        page.goto(pages["day"].resolve().as_uri())
        page.wait_for_selector("body[data-ready=true] .leaflet-container canvas", state="attached")
        assert page.evaluate("document.documentElement.lang") == "en"


# -- the dashboard's map page -----------------------------------------------------------------
@pytest.fixture(scope="module")
def dashboard():
    from test_dashboard_browser import streamlit_app

    with streamlit_app() as url:
        yield url


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", ["ru", "hy", "az"])
def test_the_dashboard_speaks_the_chosen_language(chromium, dashboard, words, lang, screen):  # noqa: F811
    from test_dashboard_browser import _local

    with browser_tab(chromium, screen, "en-GB", local=_local) as page:
        page.goto(f"{dashboard}/?date=2023-09-19&lang={lang}")
        # the first visit builds the map's files for every language (dashboard.served): minutes on a busy machine
        page.wait_for_selector(".ka-dash[data-ready=true] .leaflet-container canvas", state="attached", timeout=240000)
        page.wait_for_function("document.querySelector('.ka-date-big') && "
                               "document.querySelector('.ka-date-big').textContent.length > 0", timeout=30000)
        page.wait_for_timeout(1500)
        screenshot(page, f"i18n-dashboard-{lang}-{screen}")
        text = page.evaluate(VISIBLE_TEXT)
        opener = page.locator('[data-testid="stExpandSidebarButton"]').first
        if opener.count() and opener.is_visible():
            opener.click()
            page.wait_for_timeout(800)
        screenshot(page, f"i18n-dashboard-{lang}-{screen}-sidebar")
        text += "\n" + page.evaluate(VISIBLE_TEXT)
        assert i18n.format_date(DAY, lang) in text
        english = english_in(text, words)
        assert not english, f"English interface words in the {lang} dashboard ({screen}): {english}"
        if lang in ("hy", "ru"):  # drawn by the bundled font, offline (geo/fonts.py), in Streamlit's own widgets too
            script = "U+530-58F" if lang == "hy" else "U+400-45F"  # as the browser writes the range
            loaded = page.evaluate("""async () => { await document.fonts.ready;
                return Array.from(document.fonts).filter((f) => f.family.replace(/"/g, "") === "Source Sans"
                  && f.status === "loaded").map((f) => f.unicodeRange.toUpperCase()); }""")
            assert any(script in r for r in loaded), f"Streamlit's font drew no {lang} letter with the bundled face: {loaded}"
