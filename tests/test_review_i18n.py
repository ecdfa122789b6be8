"""The review page in the reader's language (Streamlit AppTest): every interface text through
the catalogue, each proposal shown in its own language and script (``lang=`` on its
paragraph) with the language it was read in, and the language chosen as on the map page."""
from __future__ import annotations

import importlib.util
import re

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, shipped_copy
from geo import i18n
from geo.cli import main as cli_main

PAGE = str(ROOT / "dashboard" / "pages" / "review.py")
PAGE_FILES = ("dashboard/pages/review.py", "dashboard/reviewing.py", "dashboard/access.py", "dashboard/language.py")
#: Two short news items of our own, in Armenian and in Russian.
DOCUMENTS = {
    "hy": ("news-hy-2022-12-12", "Ճանապարհը փակվեց", "2022-12-12",
           "Դեկտեմբերի 12-ի առավոտյան Լաչինի միջանցքով երթևեկությունը դադարեցվեց Շուշիի շրջադարձի մոտ։\n\n"
           "Ռուս խաղաղապահները մնացին անցակետում։"),
    "ru": ("news-ru-2022-12-12", "Движение остановлено", "2022-12-12",
           "12 декабря движение по Лачинскому коридору было остановлено у поворота на Шушу.\n\n"
           "Российские миротворцы оставались на посту у Лачина."),
}


@pytest.fixture
def ingested(tmp_path, monkeypatch):
    """A copy of the dataset with the two items ingested; the app pointed at it."""
    data, texts = shipped_copy(tmp_path)
    out = {}
    for lang, (source_id, title, published, text) in DOCUMENTS.items():
        document = tmp_path / f"{source_id}.txt"
        document.write_text(text, encoding="utf-8")
        out[lang] = data / "sources" / f"{source_id}.json"
        assert cli_main(["ingest", str(document), "--data", str(data), "--id", source_id, "--title", title,
                         "--published", published, "--vantage-group", "international", "--news",
                         "--texts", str(texts), "-o", str(out[lang])]) == 0
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    return out


def _english_words() -> set[str]:
    spec = importlib.util.spec_from_file_location("i18n_catalogue", ROOT / "scripts" / "i18n_catalogue.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    words = set()
    for message, where in script.extracted().items():
        if any(w.startswith(PAGE_FILES) for w in where):
            text = re.sub(r"\{\w+\}|`[^`]*`", " ", message)
            kept = re.sub(r"\{\w+\}", " ", " ".join(i18n.gettext(message, lang) for lang in ("ru", "hy", "az")))
            words |= {w.lower() for w in re.findall(r"\b[A-Za-z]{3,}\b", text)
                      if not re.search(rf"\b{w}\b", kept, re.IGNORECASE)}
    return words


def interface_texts(at: AppTest) -> list[str]:
    """What the page says in its own voice: headings, captions, messages and every widget's
    label (the proposals' paragraphs, in their own language, left out)."""
    texts = [re.sub(r"<div lang=.*?</div>", " ", m.value, flags=re.S) for m in at.markdown]
    for kind in ("caption", "info", "success", "error", "warning"):
        texts += [e.value for e in getattr(at, kind)]
    for kind in ("text_area", "text_input", "multiselect", "button", "selectbox", "radio", "number_input", "expander"):
        texts += [e.label for e in getattr(at, kind)]
    for radio in at.radio:
        texts += [str(o) for o in radio.options]
    return texts


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_in_russian_has_no_english_interface_word(ingested):
    words = _english_words()
    assert {"accept", "reject", "evidence", "waiting", "review"} <= words
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "ru"
    run(at)
    assert any(b.label == "Принять" for b in at.button)
    shown = "\n".join(interface_texts(at)).replace("\\", "")
    for title in ("Ճանապարհը փակվեց", "Движение остановлено"):
        shown = shown.replace(title, " ")
    shown = re.sub(r"`[^`]*`|\S*[/._-]\S*", " ", shown)  # commands, paths, ids, file names
    english = sorted({w for w in re.findall(r"\w+", shown) if w.lower() in words})
    assert not english, english


def test_the_same_page_in_english_uses_those_words(ingested):
    at = run(AppTest.from_file(PAGE, default_timeout=60))
    assert any(b.label == "Accept" for b in at.button) and any("Review proposed excerpts" in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["hy", "ru"])
def test_each_proposal_in_its_own_language_and_script(ingested, lang):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "az"  # the reader's language is not the documents'
    run(at)
    at.selectbox(key="review_source").set_value(str(ingested[lang]))
    run(at)
    paragraphs = [m.value for m in at.markdown if "<mark>" in m.value]
    assert paragraphs and all(p.startswith(f'<div lang="{lang}" dir="ltr">') for p in paragraphs)
    script = r"[\u0531-\u0587]" if lang == "hy" else r"[\u0400-\u04FF]"
    assert all(re.search(script, p) for p in paragraphs)
    said = i18n.gettext({"hy": "written in Armenian", "ru": "written in Russian"}[lang], "az")
    headers = [m.value for m in at.markdown if said in m.value]
    assert len(headers) == len(paragraphs)  # each proposal says the language it was read in


def test_the_language_follows_the_link_and_the_menu(ingested):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = "hy"
    run(at)
    assert at.selectbox(key="lang").value == "hy" and any(b.label == "Ընդունել" for b in at.button)
    at.selectbox(key="lang").set_value("ru")
    run(at)
    assert any(b.label == "Принять" for b in at.button)
    run(at)  # the choice stays on the next run
    assert at.session_state["lang"] == "ru"
