"""The exported timeline in each interface language, in Chromium: the chrome a reader sees (time
bar, legend, caption, side panel, story, balance) holds no English interface word, dates are
written the language's way, and a screenshot of each language is kept in test-artifacts/."""
from __future__ import annotations

import re

import pytest

from browser import chromium, offline_page  # noqa: F401  (fixtures)
from geo import i18n
from geo.export_html import timeline_html

pytestmark = pytest.mark.browser

#: Where the interface speaks (not the excerpts' verbatim quotes or the sources' titles, which
#: stay in their own language).
CHROME = ("#ka-bar", ".ka-legend", ".ka-caption summary", ".ka-caption-head", ".ka-disclaimer", ".ka-side h1",
          ".ka-side h2", ".ka-side .ka-sub", ".ka-foot", ".ka-story", ".ka-cite summary", ".ka-area figcaption",
          ".ka-balance", ".ka-excerpt .ka-meta b + *", "#ka-no-sources")
#: English words of the interface; none may show in another language's chrome.
ENGLISH_WORDS = ("Legend", "Play", "Pause", "Previous", "Next", "key date", "Held by", "Excerpts", "Sources",
                 "About this map", "Names", "International border", "Cite this view", "story", "stop", "Date",
                 "Layers", "Made with", "Every quote", "Line of contact", "Who held", "Places", "Events",
                 "excerpt", "speaks", "River", "uncertain", "approximate", "January", "September", "October",
                 "November", "Armenian", "Azerbaijani", "peacekeepers", "corridor", "Corrections")


def chrome_text(page) -> str:
    return page.evaluate("""(selectors) => selectors.flatMap((s) => Array.from(document.querySelectorAll(s)))
        .map((n) => n.innerText || n.textContent).join("\\n")""", list(CHROME))


@pytest.fixture(scope="module")
def timelines(atlas, tmp_path_factory):
    folder = tmp_path_factory.mktemp("i18n-timelines")
    out = {}
    for lang in i18n.LANGUAGES:
        path = folder / f"timeline-{lang}.html"
        path.write_text(timeline_html(atlas, "en", lang=lang), encoding="utf-8")
        out[lang] = path
    return out


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_timeline_in_each_language(timelines, offline_page, lang):
    tab = offline_page
    tab.open(timelines[lang], "#2023-09-19")
    tab.page.wait_for_function("document.querySelector('.ka-date-big').textContent.length > 0")
    text = chrome_text(tab.page)
    assert i18n.format_date("2023-09-19", lang) in text  # the big date, the language's way
    assert tab.page.evaluate("document.documentElement.lang") == lang
    assert "{" not in text, "a placeholder left unfilled"
    tab.screenshot(f"i18n-timeline-{lang}")
    english = [w for w in ENGLISH_WORDS if re.search(rf"\b{re.escape(w)}\b", text)]
    if lang == "en":
        assert len(english) > 10, "the English page must show the English words this test looks for"
    else:
        assert not english, f"English interface words in the {lang} timeline: {english}"
    if lang in ("hy", "ru"):  # the bundled font draws the script, with no network (geo/fonts.py)
        loaded = tab.page.evaluate("""async () => { await document.fonts.ready;
            return Array.from(document.fonts).filter((f) => f.family.includes("Karabakh Atlas Noto") && f.status === "loaded")
              .map((f) => f.unicodeRange); }""")
        script = "U+530-58F" if lang == "hy" else "U+400-45F"  # as the browser writes the range
        assert any(script in r.upper() for r in loaded), f"the {lang} font was not used: {loaded}"
    tab.assert_offline()
    tab.assert_no_errors()


# -- the dashboard -----------------------------------------------------------------------------
#: The dashboard's chrome: the sidebar (Streamlit) and the map component's bar, legend and panels.
DASHBOARD_CHROME = ('section[data-testid="stSidebar"] label', 'section[data-testid="stSidebar"] [data-testid="stSidebarNavItems"]',
                    ".ka-timebar", ".ka-legend", ".ka-dash-side h4", ".ka-dash-side summary", ".ka-dash-figures h4", ".ka-dash-figures p", ".ka-dash-figures th",
                    ".ka-dash-tablebox th", ".ka-dash-hint", ".ka-dash-downloads", ".ka-dash-cite summary", "h2")


@pytest.mark.parametrize("lang", ["ru", "hy", "az"])
def test_dashboard_in_each_language(chromium, lang):  # noqa: F811
    from test_dashboard_browser import app_page, streamlit_app

    with streamlit_app() as url, app_page(chromium, url) as tab:
        tab.open(f"?date=2023-09-19&lang={lang}")
        tab.page.wait_for_function("document.querySelector('.ka-date-big') && "
                                   "document.querySelector('.ka-date-big').textContent.length > 0")
        tab.page.wait_for_timeout(500)
        text = tab.page.evaluate("""(selectors) => selectors.flatMap((s) => Array.from(document.querySelectorAll(s)))
            .map((n) => n.innerText || n.textContent).join("\\n")""", list(DASHBOARD_CHROME))
        tab.screenshot(f"i18n-{lang}")
        assert i18n.format_date("2023-09-19", lang) in text
        english = [w for w in ENGLISH_WORDS if re.search(rf"\b{re.escape(w)}\b", text)]
        assert not english, f"English interface words in the {lang} dashboard: {english}"


# -- the record's texts on the map (geo/i18n/messages.py FEATURE_TEXTS) -------------------------
def test_the_answer_card_and_base_map_speak_russian(atlas, timelines, offline_page):
    """The Russian timeline: an event's answer card shows its note and method in Russian, the
    country labels and the schematic rivers' marker are Russian (names follow the convention)."""
    tab = offline_page
    event = atlas.by_id["ev-2022-12-12-road-closure"]
    at = event.geometry.representative_point()
    tab.open(timelines["ru"], "#2022-12-12")  # the event is drawn on its day
    tab.page.wait_for_function("window.kaCartography && kaEngine.byId['ev-2022-12-12-road-closure'].shown")
    tab.page.evaluate(f"kaCartography.openCard(L.latLng({at.y}, {at.x}), 'ev-2022-12-12-road-closure')")
    note = tab.page.inner_text(".ka-card .ka-card-note")
    assert re.search("[\u0400-\u04ff]", note) and "«блокадой»" in note and "Human Rights Watch" in note
    assert note != event.properties["note"]
    card = tab.page.inner_text(".ka-card")
    method = i18n.text(event.method, "ru")
    assert method != event.method and f"Метод: {method}" in card
    labels = tab.page.evaluate("Array.from(document.querySelectorAll('.ka-country-label, .ka-water-label'))"
                               ".map((n) => n.textContent)")
    assert {"АРМЕНИЯ", "АЗЕРБАЙДЖАН", "ИРАН"} <= set(labels)
    assert not {"ARMENIA", "AZERBAIJAN", "IRAN", "GEORGIA", "TURKEY"} & set(labels)
    assert any(label.endswith("(схематично)") for label in labels) and not any("schematic" in x for x in labels)
    tab.screenshot("i18n-card-ru")
    tab.assert_no_errors()
