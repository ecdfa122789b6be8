"""The review page in Armenian and Russian in a real browser: the interface in the reader's
language (from the link's ``lang=``), each proposal's paragraph marked up with its own
language, and a screenshot of each (test-artifacts/review-<lang>.png)."""
from __future__ import annotations

import re

import pytest

from browser import ARTIFACTS, chromium  # noqa: F401  (chromium is a fixture)
from geo import i18n
from test_dashboard_browser import app_page, streamlit_app
from test_review_i18n import DOCUMENTS, _english_words

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    import shutil

    from conftest import DATA_DIR, SEEDS_DIR
    from geo.cli import main as cli_main

    root = tmp_path_factory.mktemp("review-i18n")
    data, texts = root / "data", root / "texts"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(SEEDS_DIR, texts)
    for path in [texts, *texts.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    for source_id, title, published, text in DOCUMENTS.values():
        document = root / f"{source_id}.txt"
        document.write_text(text, encoding="utf-8")
        assert cli_main(["ingest", str(document), "--data", str(data), "--id", source_id, "--title", title,
                         "--published", published, "--vantage-group", "international", "--news",
                         "--texts", str(texts), "-o", str(data / "sources" / f"{source_id}.json")]) == 0
    return data, texts


@pytest.mark.parametrize("lang", ["hy", "ru"])
def test_the_review_page_in_a_language(chromium, dataset, lang):  # noqa: F811
    data, texts = dataset
    env = {"KARABAKH_ATLAS_DATA": str(data), "KARABAKH_ATLAS_SOURCES": str(texts)}
    heading = i18n.gettext("Review proposed excerpts", lang)
    with streamlit_app(env) as url, app_page(chromium, url) as tab:
        page = tab.page
        page.goto(url + f"/review?lang={lang}")
        page.wait_for_selector(f"text={heading}", timeout=60000)
        page.wait_for_selector("mark", timeout=30000)
        page.get_by_role("button", name=i18n.gettext("Accept", lang)).first.wait_for(timeout=30000)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30000)
        # the first source (hy sorts before ru) is shown; its paragraphs carry their own language
        marked = page.locator("div[lang] mark")
        assert marked.count() >= 1
        langs = set(page.eval_on_selector_all("div[lang]:has(mark)", "els => els.map(e => e.getAttribute('lang'))"))
        assert langs == {"hy"}
        assert re.search(r"[\u0531-\u0587]", marked.first.inner_text())
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"review-{lang}.png"), full_page=True)
        # an empty list of places or features says so in the reader's language, not Streamlit's
        # (a placeholder: in the page's markup, not its text)
        html = page.content()
        assert "Choose options" not in html and i18n.gettext("Choose from the list", lang) in html
        # the page's own text; the chosen links' chips are place and feature names (they follow
        # the naming convention, English by default, apart from the interface language)
        main = page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]').cloneNode(true);
            m.querySelectorAll('[data-testid="stMultiSelectTagsContainer"]').forEach(t => t.remove()); document.body.appendChild(m);
            const text = m.innerText; m.remove(); return text; }""")
        assert i18n.gettext("Accept", lang) in main and i18n.gettext("written in Armenian", lang) in main
        main = re.sub(r"`[^`]*`|\S*[/._-]\S*", " ", main)
        for _source_id, title, _published, text in DOCUMENTS.values():  # the documents' own words
            for piece in sorted([title, *text.split()], key=len, reverse=True):
                main = re.sub(rf"(?<!\w){re.escape(piece)}(?!\w)", " ", main)
        words = _english_words()
        english = sorted({w for w in re.findall(r"\w+", main) if w.lower() in words})
        assert not english, (english, [l for l in main.splitlines() if set(re.findall(r"\w+", l)) & set(english)])
