"""The style guide (data/style.json): no one-sided term in the atlas's own words (event titles
in every convention, change sentences, story captions), quotations exempt; and event titles
and story captions in all four naming conventions or in none."""
from __future__ import annotations

import json
import re

import pytest

from geo.cli import main
from geo.style import own_words, parse_terms, read_terms, style_problems, terms_in, unquoted

from conftest import DATA_DIR, write_dataset

CONVENTIONS = ("en", "az", "hy", "ru")
#: The script each convention is written in (a title in the wrong script is an untranslated one).
SCRIPT = {"hy": re.compile(r"[\u0531-\u058F]"), "ru": re.compile(r"[\u0400-\u04FF]"),
          "az": re.compile(r"[əƏğĞıİöÖüÜşŞçÇ]")}


def test_the_shipped_record_uses_no_one_sided_term_in_its_own_words():
    assert style_problems(DATA_DIR) == []


def test_the_style_guide_covers_the_terms_the_issue_names_in_every_language():
    terms, problems = read_terms(DATA_DIR)
    assert problems == []
    named = {t.term.lower() for t in terms}
    assert {"liberated", "occupied", "occupation", "liberation", "recapture", "terrorist", "separatist", "artsakh",
            "protest camp", "humanitarian corridor", "blockade", "genocide"} <= named
    assert {t.lang for t in terms} == set(CONVENTIONS)
    assert {t.side for t in terms} == {"armenian", "azerbaijani", "both"}


def test_the_checked_texts_are_titles_changes_and_captions():
    fields = {(label, field.split(".")[0]) for label, _, field, _, _ in own_words(DATA_DIR)}
    assert fields == {("drawn/layers/events.geojson", "name"), ("drawn/layers/events.geojson", "names"),
                      ("chronology.json", "change"), ("story.json", "caption")}


@pytest.mark.parametrize("text, lang, term", [
    ("Azerbaijani forces recaptured Shusha", "en", "recapture"),
    ("The occupied districts", "en", "occupied"),
    ("The Artsakh defence army", "en", "Artsakh"),
    ("The closure, a humanitarian corridor", "en", "humanitarian corridor"),
    ("Most Karabakh Armenians leave for Armenia", "en", "leave for Armenia"),
    ("The Nagorno-Karabakh Republic's army", "en", "Nagorno-Karabakh Republic"),
    ("Şuşanın işğalı", "az", "işğal"),
    ("Освобождение Шуши", "ru", "освобожд"),
    ("Արցախի Հանրապետություն", "hy", "Արցախ"),
])
def test_a_one_sided_term_is_found_in_its_language(text, lang, term):
    terms, _ = read_terms(DATA_DIR)
    assert term in [t.term for t in terms_in(text, terms, lang)]


@pytest.mark.parametrize("text", [
    'Resolution 822 "demands" the "immediate withdrawal of all occupying forces"',
    "The two sides call it a “blockade” and a «protest»",
    "Osce Insights: 'recaptured Shusha' (osce-insights-2020-07)",
    "The decree dissolving the institutions of the de facto Nagorno-Karabakh Republic",
    "The oblast's council asks to be transferred",  # an apostrophe opens no quotation
])
def test_quotations_and_neutral_forms_pass(text):
    terms, _ = read_terms(DATA_DIR)
    assert terms_in(text, terms, "en") == []


def test_an_apostrophe_does_not_hide_a_term():
    assert "occupied" in unquoted("The oblast's occupied land, the sides' words")


def test_validate_refuses_a_one_sided_title_naming_file_id_and_field(tmp_path, dataset_files, capsys):
    dataset_files["style.json"] = json.loads((DATA_DIR / "style.json").read_text(encoding="utf-8"))
    events = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.1, 39.1]},
              "properties": {"id": "ev-a", "kind": "event", "name": "Shusha liberated", "names": {"en": "Shusha liberated",
                             "az": "Şuşa işğaldan azad edildi", "hy": "Շուշի", "ru": "Шуша"},
                             "valid_from": "2020-11-08", "valid_to": "2020-11-09", "accuracy_km": 1, "method": "test"}}]}
    dataset_files["layers/events.geojson"] = events
    data, texts = write_dataset(tmp_path, dataset_files)
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    assert "layers/events.geojson: ev-a: names.en: uses 'liberated', a term of the azerbaijani side" in err
    assert "layers/events.geojson: ev-a: names.az: uses 'işğal'" in err


def test_a_malformed_term_is_a_problem_not_a_crash():
    terms, problems = parse_terms({"terms": [{"term": "x", "lang": "en", "side": "both", "use": "y", "pattern": "("},
                                             {"term": "z"}]})
    assert terms == [] and [p.field for p in problems] == ["pattern", "term"]


# -- four conventions or none ------------------------------------------------------------------
def _events():
    return json.loads((DATA_DIR / "drawn" / "layers" / "events.geojson").read_text(encoding="utf-8"))["features"]


def test_event_titles_are_in_all_four_conventions_in_their_own_script():
    for feature in _events():
        props = feature["properties"]
        names = props.get("names") or {}
        if not names:
            continue
        assert set(CONVENTIONS) <= set(names), props["id"]
        assert names["en"] == props["name"], props["id"]
        for key, script in SCRIPT.items():
            assert script.search(names[key]), (props["id"], key, names[key])
        assert not re.search(r"[\u0400-\u04FF\u0531-\u058F]", names["en"] + names["az"]), props["id"]
        assert names.get("hy_Latn") != names["en"], props["id"]  # no English sentence as "Armenian (Latin)"
        # each title carries its date: the same year in every convention
        years = {k: set(re.findall(r"\b(1[89]\d\d|20\d\d)\b", names[k])) for k in CONVENTIONS}
        assert all(y == years["en"] for y in years.values()), (props["id"], years)


def test_story_captions_are_in_all_four_conventions_or_in_none():
    stops = json.loads((DATA_DIR / "story.json").read_text(encoding="utf-8"))["stops"]
    translated = [s for s in stops if s.get("captions")]
    assert translated == [] or len(translated) == len(stops)
    for stop in translated:
        assert set(CONVENTIONS) <= set(stop["captions"]), stop["date"]
