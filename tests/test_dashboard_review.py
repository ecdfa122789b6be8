"""The dashboard's Review page (Streamlit AppTest): proposals in context, edited,
accepted and rejected; accepted excerpts then appear on the map page."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, shipped_copy
from dashboard import reviewing, served
from geo.cli import main as cli_main
from geo.names import label

PAGE = str(ROOT / "dashboard" / "pages" / "review.py")
APP = str(ROOT / "dashboard" / "app.py")
DEMO = ROOT / "tests" / "fixtures" / "ingest" / "strikes-2022-09-13.html"
SOURCE_ID = "example-wire-2022-09-14"


@pytest.fixture
def ingested(tmp_path, monkeypatch):
    """A copy of the dataset with the demo report ingested; the app pointed at it."""
    data, texts = shipped_copy(tmp_path)
    out = data / "sources" / f"{SOURCE_ID}.json"
    assert cli_main(["ingest", str(DEMO), "--data", str(data), "--id", SOURCE_ID, "--title", "Overnight fighting",
                     "--published", "2022-09-14", "--vantage-group", "international", "--texts", str(texts),
                     "-o", str(out)]) == 0
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    return out


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _proposal(path, words):
    return next(e for e in json.loads(path.read_text())["excerpts"] if words in e["quote"])


def test_proposals_are_shown_in_context_best_first(ingested):
    at = run(AppTest.from_file(PAGE, default_timeout=60))
    assert SOURCE_ID in at.selectbox(key="review_source").format_func(at.selectbox(key="review_source").value)
    ids = [ta.key.split("quote-", 1)[1] for ta in at.text_area]
    excerpts = {e["id"]: e for e in json.loads(ingested.read_text())["excerpts"]}
    scores = [excerpts[i]["score"] for i in ids]
    assert ids and scores == sorted(scores, reverse=True)
    marked = [m.value for m in at.markdown if "<mark>" in m.value]
    assert len(marked) == len(ids)
    sotk = _proposal(ingested, "Sotk")
    assert any(f"<mark>{sotk['quote'].split(',')[0]}" in m for m in marked)


def test_accepting_and_editing_write_the_file_and_the_map_shows_the_excerpt(ingested):
    at = run(AppTest.from_file(PAGE, default_timeout=60))
    sotk, talks = _proposal(ingested, "Sotk"), _proposal(ingested, "Brussels")
    at.text_input(key=f"date-{sotk['id']}").set_value("2022-09-13~")
    at.multiselect(key=f"places-{sotk['id']}").set_value(["place-sotk", "place-vardenis"])
    at.button(key=f"accept-{sotk['id']}").click()
    run(at)
    saved = _proposal(ingested, "Sotk")
    assert saved["status"] == "accepted" and saved["date"] == "2022-09-13~"
    assert saved["place_ids"] == ["place-sotk", "place-vardenis"] and set(saved["edited"]) == {"date", "place_ids"}
    assert any("accepted" in s.value for s in at.success)  # "<id> accepted", Markdown escaped
    at.button(key=f"reject-{talks['id']}").click()
    run(at)
    assert _proposal(ingested, "Brussels")["status"] == "rejected"

    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["date"] = "2022-09-13"
    run(app)
    # the excerpts the map's panels draw: the engine data the component is given (dashboard/served.py)
    bidi = next(e for e in app.main if getattr(e, "type", "") == "bidi_component")
    version = json.loads(bidi.proto.json)["base"].rsplit(".", 1)[1]
    data = json.loads((Path(os.environ["KARABAKH_ATLAS_CACHE"]) / version / served.data_file("en")).read_text(encoding="utf-8"))
    shown = [x["id"] for x in data["excerpts"] if x["first"] <= "2022-09-13" <= x["last"]]
    assert saved["id"] in shown and talks["id"] not in shown
    others = [e["id"] for e in json.loads(ingested.read_text())["excerpts"] if e["status"] == "proposed"]
    assert not set(others) & set(shown)
    assert any(f"{len(others)} proposed excerpt(s)" in c.value for c in app.caption)  # said, not shown


def test_a_bad_edit_is_refused_and_nothing_is_written(ingested):
    before = ingested.read_bytes()
    at = run(AppTest.from_file(PAGE, default_timeout=60))
    first = at.text_area[0].key.split("quote-", 1)[1]
    at.text_area(key=f"quote-{first}").set_value("Words the report never says.")
    at.text_input(key=f"date-{first}").set_value("13/09/2022")
    at.button(key=f"accept-{first}").click()
    run(at)
    errors = " ".join(e.value for e in at.error).replace("\\", "")  # shown with Markdown escaped
    assert "quote: not found verbatim" in errors and "date:" in errors
    assert ingested.read_bytes() == before


def test_link_choices_follow_the_naming_convention(ingested, atlas):
    at = run(AppTest.from_file(PAGE, default_timeout=60))
    at.radio(key="review_names").set_value("hy")
    run(at)
    first = at.text_area[0].key.split("quote-", 1)[1]
    places = at.multiselect(key=f"places-{first}")
    berdzor = atlas.by_id["place-lachin-berdzor"]
    assert reviewing.feature_label(berdzor, "hy") in places.options
    assert label(berdzor, "hy") == "Բերձոր"


def test_context_is_escaped_and_marked():
    html = reviewing.context_html("First para.\n\nA <b>bold</b> claim: Shusha fell. After.", "Shusha fell.")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<mark>Shusha fell.</mark>" in html and "First para" not in html
    assert "not found verbatim" in reviewing.context_html("Some text.", "Other words.")
    assert reviewing.locate("a  b\nc d", "b c") == (3, 6)


def test_text_from_data_cannot_become_markdown():
    from markdown_it import MarkdownIt

    hostile = "![x](http://example.org/x.png) [click](javascript:alert(1)) **bold** <img src=x> `code` $x$ # h"
    html = MarkdownIt("commonmark").render(reviewing.markdown_literal(hostile))
    assert "<img" not in html and "<a" not in html and "<strong>" not in html and "<code>" not in html
    assert "<h1>" not in html and "example.org/x.png" in html  # shown as text


def test_a_hostile_title_is_shown_literally(ingested):
    doc = json.loads(ingested.read_text())
    doc["source"]["title"] = "![x](http://example.org/x.png) **Title**"
    ingested.write_text(json.dumps(doc))
    at = run(AppTest.from_file(PAGE, default_timeout=60))
    caption = next(c.value for c in at.caption if "x.png" in c.value.replace("\\", ""))
    assert caption.startswith("“\\!\\[x\\]\\(http")
    assert caption.replace("\\", "").startswith("“![x](http://example.org/x.png) **Title**”")


def test_the_weakest_proposals_are_rejected_at_once(ingested):
    at = run(AppTest.from_file(PAGE, default_timeout=60))
    at.number_input(key="review_floor").set_value(0.5)
    at.button(key="review_bulk").click()
    run(at)
    excerpts = json.loads(ingested.read_text())["excerpts"]
    assert {e["status"] for e in excerpts if e["score"] < 0.5} == {"rejected"}
    assert {e["status"] for e in excerpts if e["score"] >= 0.5} == {"proposed"}
    shown = [ta.key.split("quote-", 1)[1] for ta in at.text_area]
    assert shown and all(e["score"] >= 0.5 for e in excerpts if e["id"] in shown)


def test_the_context_is_marked_up_in_the_proposals_language():
    html = reviewing.context_html("Ճանապարհը փակվեց։ Հետո։", "Ճանապարհը փակվեց։", lang="hy")
    assert html.startswith('<div lang="hy" dir="ltr">') and "<mark>Ճանապարհը փակվեց։</mark>" in html
    assert reviewing.context_html("A b.", "A b.", lang='x" onload="') == reviewing.context_html("A b.", "A b.")


def test_evidence_says_which_links_are_inferred():
    lines = reviewing.evidence_lines({"evidence": {"links": [
        {"words": "", "ids": ["ev-x"], "how": "inferred: ...", "link": "inference", "confidence": 0.4},
        {"words": "Goris", "ids": ["place-goris"], "how": "name", "link": "name", "confidence": 1.0}]}})
    assert lines[0].startswith("[inference 0.40]") and lines[1].startswith("[name 1.00] “Goris”")
