"""Proposals: spans, dates in context, and links chosen by the atlas's time rule."""
import datetime as dt

from geo.dates import parse_date
from geo.ingest.propose import propose
from geo.validate import MAX_QUOTE_WORDS


def _one(atlas, text, published="2023-06-01"):
    found = propose(text, parse_date(published), atlas)
    assert len(found) == 1, [p.quote for p in found]
    return found[0]


def _valid(atlas, layer, kind, day):
    return {f.id for f in atlas.layer(layer) if f.kind == kind and f.is_valid_on(day)}


def test_a_shared_name_links_the_feature_valid_at_the_excerpts_date(atlas):
    for day in (dt.date(2021, 6, 1), dt.date(2023, 3, 1)):
        text = f"On {day:%d %B %Y} the Lachin corridor was open to traffic."
        corridors = _valid(atlas, "corridors", "lachin_corridor", day)
        assert len(corridors) == 1
        assert corridors <= set(_one(atlas, text).feature_ids)
    early = _one(atlas, "On 5 May 1992 the Lachin corridor was mentioned.")
    assert not any(atlas.by_id[f].kind == "lachin_corridor" for f in early.feature_ids)  # none existed then
    assert any(e["how"].startswith("name of a feature the atlas does not show") for e in early.evidence["links"])


def test_line_of_contact_and_peacekeepers_follow_the_date(atlas):
    p = _one(atlas, "In April 2016 fighting flared along the line of contact.")
    assert set(p.feature_ids) >= {f.id for f in atlas.layer("line_of_contact") if f.is_valid_on(dt.date(2016, 4, 15))}
    q = _one(atlas, "Russian peacekeepers escorted the convoy on 3 December 2022.")
    zones = {f.id for f in atlas.layer("peacekeeping") if f.kind == "russian_peacekeeping_zone"
             and f.is_valid_on(dt.date(2022, 12, 3))}
    assert zones and zones <= set(q.feature_ids)


def test_events_are_linked_by_date_and_shared_words(atlas):
    event = next(f for f in atlas.layer("events") if "four-day war" in f.name)
    day = event.validity.start
    p = _one(atlas, f"Heavy fighting broke out on {day:%d %B %Y}, the start of the four-day war.")
    assert event.id in p.feature_ids
    quiet = _one(atlas, f"A trade fair opened in Baku on {day:%d %B %Y}.")
    assert event.id not in quiet.feature_ids


def test_a_name_that_is_town_and_district_links_both_unless_a_word_says_which(atlas):
    # in a text that speaks of districts, a bare name may be either: both are linked ...
    text = "Armenian forces captured Kalbajar in a March–April 1993 operation. Two districts were lost."
    p = next(p for p in propose(text, parse_date("2000-01-01"), atlas) if "Kalbajar" in p.quote)
    assert "prov-kalbajar" in p.feature_ids and "place-kalbajar-karvachar" in p.place_ids
    # ... in one that never does, the bare name is the town
    t = _one(atlas, "Armenian forces captured Kalbajar in a March–April 1993 operation.")
    assert t.place_ids == ["place-kalbajar-karvachar"] and "prov-kalbajar" not in t.feature_ids
    q = _one(atlas, "The Kalbajar district was handed back in November 2020.")
    assert "prov-kalbajar" in q.feature_ids and q.place_ids == []
    r = _one(atlas, "The town of Kalbajar was empty in November 2020.")
    assert r.place_ids == ["place-kalbajar-karvachar"] and "prov-kalbajar" not in r.feature_ids
    assert not any(atlas.by_id[f].layer == "control" for f in p.feature_ids + q.feature_ids)


def test_dates_from_context_and_publication(atlas):
    text = ("The war of 2020 ended in November.\n\nOn 13 September the shelling began. "
            "Jermuk was hit too.\n\nBaku said nothing.")
    found = {p.quote: p for p in propose(text, parse_date("2022-09-14"), atlas)}
    assert found["On 13 September the shelling began. Jermuk was hit too."].date == "2022-09-13"
    assert found["The war of 2020 ended in November."].date == "2020-11"  # the paragraph's year
    assert found["Baku said nothing."].date == "2022-09-14~"  # names only: the publication date, scored low
    assert found["Baku said nothing."].score < found["The war of 2020 ended in November."].score


def test_a_plan_for_the_future_is_not_the_date_of_a_sentence(atlas):
    p = _one(atlas, "Azerbaijan plans to resettle Lachin by 2026.", "2023-01-15")
    assert p.date == "2023-01-15~"


def test_spans_are_verbatim_and_at_most_60_words(atlas):
    long = ("On 7 November 2020 " + "the army advanced through the hills, " * 20 + "and took Shusha.")
    p = _one(atlas, long)
    assert p.quote in long and len(p.quote.split()) <= MAX_QUOTE_WORDS and "7 November 2020" in p.quote


def test_references_and_headings_are_not_proposed(atlas):
    text = ("Fighting on the border\n\nOn 13 September 2022 Jermuk was shelled. " + "More prose here. " * 30
            + "\n\nReferences\n\n[1] Wire, “Jermuk shelled,” 14 September 2022, https://example.org")
    quotes = [p.quote for p in propose(text, parse_date("2022-09-20"), atlas)]
    assert any("Jermuk was shelled" in q for q in quotes)
    assert not any("https" in q or q.startswith("[1]") or q == "Fighting on the border" for q in quotes)
