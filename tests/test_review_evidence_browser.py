"""The review page's evidence in the reader's language, in a real browser: the first proposal's
Evidence opened in Russian shows how its date was read and why each feature was linked in Russian
(from the codes the proposal file stores), and a screenshot of it (test-artifacts/review-evidence-ru.png)."""
from __future__ import annotations

import json
import re

import pytest

from browser import ARTIFACTS, chromium  # noqa: F401  (chromium is a fixture)
from dashboard import reviewing
from geo import i18n
from geo.ingest import explain
from test_dashboard_browser import app_page, streamlit_app
from test_review_i18n import DOCUMENTS
from test_review_i18n_browser import dataset  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser


def test_the_evidence_in_russian(chromium, dataset):  # noqa: F811
    data, texts = dataset
    source_id = DOCUMENTS["hy"][0]  # the first source of the page (hy sorts before ru)
    excerpt = json.loads((data / "sources" / f"{source_id}.json").read_text(encoding="utf-8"))["excerpts"][0]
    with i18n.use("ru"):
        expected = reviewing.evidence_lines(excerpt)
    english = reviewing.evidence_lines(excerpt)
    assert expected != english
    env = {"KARABAKH_ATLAS_DATA": str(data), "KARABAKH_ATLAS_SOURCES": str(texts)}
    with streamlit_app(env) as url, app_page(chromium, url) as tab:
        page = tab.page
        page.goto(url + "/review?lang=ru")
        page.wait_for_selector(f"text={i18n.gettext('Review proposed excerpts', 'ru')}", timeout=60000)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30000)
        expander = page.locator("[data-testid='stExpander']", has_text=i18n.gettext("Evidence", "ru")).first
        expander.locator("summary").click()
        box = expander.locator("[data-testid='stText']").first
        box.wait_for(timeout=30000)
        shown = box.inner_text()
        page.locator("textarea").first.wait_for(timeout=30000)  # the proposal's form drawn, not its placeholder
        expander.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review-evidence-ru.png"), full_page=True)
    assert [line.strip() for line in shown.splitlines() if line.strip()] == expected
    date = excerpt["evidence"]["date"]
    assert explain.render(date["why"], "ru") in shown and date["how"] not in shown
    # no word of the English explanations is left (ids, EDTF dates and the document's own words aside:
    # the shared words are skeletons of the sentence's stems, "lac" of Լաչինի)
    own = {w for e in excerpt["evidence"]["links"] for name in explain.WORDS_PARAMS
           for w in (e.get("why") or {}).get(name, [])}
    words = {w.lower() for line in english for w in re.findall(r"(?<![\w-])[A-Za-z]{3,}(?![\w-])", line)} - own
    assert not {w for w in words if re.search(rf"(?<![\w-]){w}(?![\w-])", shown, re.IGNORECASE)}, shown
