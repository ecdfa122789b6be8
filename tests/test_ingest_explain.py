"""The evidence explanations of ingest proposals as codes (geo/ingest/explain.py): every code
renders in the four interface languages, every explanation propose() writes carries a code whose
English rendering is its stored ``how``, and the review page shows them in the reader's language."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from dashboard import reviewing
from geo import i18n
from geo.dates import parse_date
from geo.ingest import explain
from geo.ingest.dates import Context, find_dates
from geo.ingest.match import NameIndex, terms
from geo.ingest.propose import propose

#: Parameters for each code, as propose() and the date phrases give them (a code added to the
#: registry without a sample here fails test_every_code_has_a_sample).
SAMPLES = {
    "explicit": {}, "publication_date": {}, "earlier_sentence": {}, "later_sentence": {}, "news_between": {},
    "year_news": {"year": 2022}, "year_from_text": {"year": 2020}, "year_after_previous": {"year": 2023, "date": "2022-10"},
    "route_new": {"date": "2022-08-25/2022-08-31"}, "route_old": {"date": "2022-08-25/2022-08-31"},
    "year_last_month": {"year": 2019, "month": 11},
    "year_from_publication": {"year": 2016}, "counted_from_previous": {"date": "2020-09-27"},
    "counted_from_publication": {"date": "2022-12-13"}, "counted_back": {"date": "2022-12-13"},
    "counted_back_weekday": {"date": "2016-04-05", "weekday": 1}, "until_publication": {}, "night_before": {},
    "year_deadline": {"year": 2020, "days": 45}, "to_deadline": {},
    "both": {"first": {"code": "year_from_publication", "year": 2022}, "second": {"code": "until_publication"}},
    "name": {}, "inflected_name": {}, "similar_name": {"similarity": 86},
    "near_validity": {"how": {"code": "name"}, "days": 7},
    "before_deployment": {"how": {"code": "name"}, "date": "2023-02-20", "days": 28},
    "ceasefire_line": {"date": "1994-05-12"}, "not_shown": {}, "points_back": {},
    "event_during": {"period": "2020-11-10", "shared": ["~ceasefire", "~fighting"]},
    "only_event_of_year": {"year": 2020, "kind": "ceasefire"},
    "document_event": {"kinds": ["fighting"], "why": {"code": "peg", "date": "2022-09-13"}},
    "document_event_named": {"kinds": ["checkpoint"], "words": [],
                             "why": {"code": "dated_sentences", "count": 3}},
    "document_event_now": {"kinds": ["blockade", "summit"], "why": {"code": "peg", "date": "2022-12~"}},
    "named_again": {"said": "города", "name": "Шушу"}, "route_by_ends": {},
    "news_goes_on": {}, "peg": {"date": "2022-12-12"}, "dated_sentences": {"count": 5},
}
#: Words a translation may share with the English (the same word in that language).
SAME_WORD = {"az": {"atlas"}}


def test_every_code_has_a_sample():
    assert set(SAMPLES) == set(explain.TEMPLATES)


@pytest.mark.parametrize("code", sorted(explain.TEMPLATES))
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_code_renders_in_every_language(code, lang):
    data = {"code": code, **SAMPLES[code]}
    text = explain.render(data, lang, fallback="FALLBACK")
    assert text and text != "FALLBACK" and not re.search(r"[{}]", text), (code, lang, text)
    english = explain.render(data, "en")
    if lang == "en":
        return
    assert text != english, (code, lang, text)
    # no word of the English template (or of the English rendering of its kinds, months, notes) is left
    left = {w.lower() for w in re.findall(r"(?<![~\w])[A-Za-z]{3,}\b", english)} - SAME_WORD.get(lang, set())
    found = {w for w in left if re.search(rf"(?<!\w){w}(?!\w)", text, re.IGNORECASE)}
    assert not found, (code, lang, text, found)


def test_an_explanation_is_its_english_text_with_its_code():
    how = explain.of("year_last_month", year=2019, month=11)
    assert how == "year 2019: the last November before publication"
    assert how.why() == {"code": "year_last_month", "year": 2019, "month": 11}
    weekday = explain.of("counted_back_weekday", date="2016-04-05", weekday=1)
    assert weekday == "counted back from the publication date 2016-04-05: the Tuesday on or before it"
    # the words of the event's name without a kind: the text as propose() always wrote it
    named = explain.of("document_event_named", kinds=[], words=["lachin", "road"],
                       why=explain.of("dated_sentences", count=2))
    assert named == ("inferred: the sentence speaks of  in words of its name: lachin, road, and the document "
                     "is about this event: 2 sentences of the document are dated on its days")
    assert named.why()["why"] == {"code": "dated_sentences", "count": 2}
    near = explain.of("near_validity", how=explain.of("similar_name", similarity=86), days=7)
    assert near.startswith("similar name (86%), named near its validity")
    assert explain.both("", explain.of("until_publication")) == "until the publication date"
    with pytest.raises(explain.UnknownExplanation, match="no-such-code"):
        explain.of("no-such-code")


def test_a_stored_explanation_the_registry_cannot_render_falls_back():
    assert explain.render({"code": "no-such-code"}, "ru", fallback="as stored") == "as stored"
    assert explain.render({"code": "peg"}, "ru", fallback="as stored") == "as stored"  # its date is missing
    assert explain.render(None, "ru", fallback="as stored") == "as stored"


def test_kinds_are_the_event_word_groups():
    assert set(explain.KINDS) == {group[0] for group in terms()["event_synonyms"]}
    for lang in ("ru", "hy", "az"):
        for kind in explain.KINDS:
            assert explain.kind_label(kind, lang) not in (kind, explain.KINDS[kind]), (lang, kind)
    assert explain.kind_label("blockade", "ru") == "закрытие дороги"  # the glossary's neutral term


def test_the_date_phrases_notes_carry_codes():
    cases = [("On Tuesday the road was closed.", Context(parse_date("2016-04-07")), "en"),
             ("The next day talks began. Two weeks ago a ceasefire held.", Context(parse_date("2022-12-13")), "en"),
             ("Since March the road was closed; on 5 November talks began.", Context(parse_date("2020-04-15")), "en"),
             ("A week later the road opened.", Context(parse_date("2022-12-13"), previous=parse_date("2022-12-01")),
              "en"),
             ("12 декабря дорогу закрыли.", Context(parse_date("2022-12-20"), news=True), "ru"),
             ("В ночь на 27 сентября начались боевые действия.", Context(parse_date("2020-09-28")), "ru")]
    codes = set()
    for text, ctx, lang in cases:
        for m in find_dates(text, ctx, lang):
            assert m.resolved, (text, m)
            assert isinstance(m.resolved, explain.Explained), (text, m.resolved)
            assert explain.render(json.loads(json.dumps(m.resolved.why())), "en") == m.resolved
            codes.add(m.resolved.code)
    assert {"counted_back_weekday", "counted_from_publication", "counted_back", "both", "year_last_month",
            "counted_from_previous", "year_news"} <= codes


#: Short documents of our own in the four languages (news and not).
DOCUMENTS = [
    ("Yesterday Azerbaijani forces shelled Stepanakert. On Tuesday the Lachin corridor was closed. "
     "Three days later the fighting resumed near Shusha. Since March the blockade of the Lachin corridor "
     "continued. The ministry denied it.", "2022-12-15", "en", True),
    ("Fighting near Shusha went on in November 2020. The ceasefire statement of 10 November ended the war. "
     "The Lachin corridor was then set up. It is guarded by peacekeepers.", "2020-11-20", "en", False),
    ("В ночь на 27 сентября начались боевые действия в Карабахе. Вчера Степанакерт подвергся обстрелу.",
     "2020-09-28", "ru", True),
    ("Դեկտեմբերի 12-ի առավոտյան Լաչինի միջանցքով երթևեկությունը դադարեցվեց Շուշիի շրջադարձի մոտ։\n\n"
     "Ռուս խաղաղապահները մնացին անցակետում։", "2022-12-12", "hy", True),
    ("12 dekabr 2022-ci ildə Laçın dəhlizi bağlandı. Sülhməramlılar Şuşa yaxınlığında qaldılar.",
     "2022-12-14", "az", False),
]


@pytest.fixture(scope="module")
def proposals(atlas):
    index = NameIndex(atlas.features)
    out = []
    for text, published, lang, news in DOCUMENTS:
        out += [p.record(f"x-{i}", "x") for i, p in enumerate(propose(text, parse_date(published), atlas, index,
                                                                         lang=lang, news=news))]
    return json.loads(json.dumps(out, ensure_ascii=False))  # as a proposal file stores them


def test_every_how_propose_writes_carries_its_code(proposals):
    entries = [e for p in proposals for e in [p["evidence"]["date"], *p["evidence"]["links"]]]
    assert len(entries) >= 15
    for e in entries:
        assert isinstance(e.get("why"), dict) and e["why"]["code"] in explain.TEMPLATES, e
        assert explain.render(e["why"], "en") == e["how"], e
    codes = {e["why"]["code"] for e in entries}
    assert {"explicit", "name", "counted_back", "news_goes_on"} <= codes, codes
    # the benchmark still tells inferred links by their words and by their field alike
    for e in entries:
        if e.get("link"):
            assert (e["link"] == "inference") == e["how"].startswith("inferred"), e


def test_the_review_page_shows_the_evidence_in_russian(proposals):
    excerpt = next(p for p in proposals if any(e.get("link") == "inference" for e in p["evidence"]["links"]))
    english = reviewing.evidence_lines(excerpt)
    with i18n.use("ru"):
        russian = reviewing.evidence_lines(excerpt)
    assert len(russian) == len(english)
    inferred = next(line for line in russian if line.startswith("[вывод "))
    assert "выведено" in inferred and "inferred" not in inferred
    date = excerpt["evidence"]["date"]
    assert russian[0].startswith(f"дата {date['edtf']}: {explain.render(date['why'], 'ru')}")
    assert explain.render(date["why"], "ru") != date["how"]
    assert any(line.endswith(": inferred: " + e["how"][len("inferred: "):]) for line in english
               for e in excerpt["evidence"]["links"])


def test_an_older_proposal_without_codes_shows_its_english():
    old = {"evidence": {"date": {"edtf": "2020-11-10", "how": "explicit", "words": "10 November 2020"},
                        "links": [{"words": "", "ids": ["ev-x"], "how": "inferred: something older",
                                   "link": "inference", "confidence": 0.4}]}}
    with i18n.use("ru"):
        lines = reviewing.evidence_lines(old)
    assert lines[0] == "дата 2020-11-10: explicit (“10 November 2020”)"
    assert lines[1] == "[вывод 0,40] ev-x: inferred: something older"  # the language's decimal mark


def test_the_registry_is_extracted_into_the_catalogue():
    catalogue = {m.id for m in i18n.catalogue("ru") if m.id}
    for code, template in explain.TEMPLATES.items():
        assert code == "both" or template in catalogue, code
    assert set(explain.KINDS.values()) <= catalogue
    assert (ROOT / "geo" / "ingest" / "explain.py").is_file()
