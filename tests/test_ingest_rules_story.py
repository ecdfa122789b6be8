"""How ingest reads a sentence in the light of its neighbours and its brackets: a date in
brackets, the day of filing for a news sentence with nothing of its own, relative words for
parts of a day, a paragraph's year that would put a day after publication, and lines, routes
and zones carried on by a sentence that points back. Each in the languages it concerns."""
import pytest

from geo.dates import parse_date
from geo.ingest import dates as phrases
from geo.ingest.propose import propose


def _proposals(atlas, text, published, lang="en", news=False):
    return propose(text, parse_date(published), atlas, lang=lang, news=news)


def _hows(p):
    return [e["how"] for e in p.evidence["links"]]


# -- a date in brackets ------------------------------------------------------------------

# (the bracketed date is the more precise, so that it would win without the rule)
BRACKETED = {
    "en": "In December 2022 protesters blocked the Lachin road (as a report of 5 May 2023 recalls).",
    "ru": "В декабре 2022 года протестующие перекрыли Лачинскую дорогу (об этом напоминает доклад от 5 мая 2023 года).",
    "az": "2022-ci ilin dekabrında etirazçılar Laçın yolunu bağladılar (bunu 2023-cü il mayın 5-də dərc olunmuş hesabat xatırladır).",
    "hy": "2022 թվականի դեկտեմբերին բողոքողները փակեցին Լաչինի ճանապարհը (այդ մասին հիշեցնում է 2023 թվականի մայիսի 5-ին հրապարակված զեկույցը)։",
}


@pytest.mark.parametrize("lang", sorted(BRACKETED))
def test_a_date_in_brackets_does_not_date_a_sentence_dated_outside_them(atlas, lang):
    (p,) = _proposals(atlas, BRACKETED[lang], "2023-06-01", lang)
    assert p.date == "2022-12", p.evidence["date"]
    corridor = [f for f in p.feature_ids if atlas.by_id[f].kind == "lachin_corridor"]
    assert corridor and all(atlas.by_id[f].is_valid_on(parse_date("2022-12-15").first) for f in corridor)


def test_a_bracket_beside_a_documents_name_dates_nothing(atlas):
    """"... the 2020 statement (signed on 10 November)" names a document and glosses it: the
    sentence has no date of its own (in a news item it is not read as last 10 November)."""
    text = ("Yerevan, 14 September — Armenia called the step a breach of the tripartite statement of 2020 "
            "(which the leaders signed on 10 November).")
    (p,) = _proposals(atlas, text, "2022-09-14")
    assert not p.date.startswith("2021-11") and p.date.startswith("2022-09-14"), p.date


def test_a_date_only_in_brackets_still_dates_its_sentence(atlas):
    (p,) = _proposals(atlas, "The seven districts (captured in 1993) were returned to Azerbaijan.", "2021-01-15")
    assert p.date == "1993"


# -- news: a sentence with nothing of its own goes on with the one before it ---------------

NEWS = {
    "en": ("Stepanakert, 4 October — Stepanakert was shelled again today. "
           "Azerbaijan's defence ministry denied targeting civilians."),
    "ru": ("Степанакерт, 4 октября — Сегодня Степанакерт снова подвергся обстрелу. "
           "Министерство обороны Азербайджана опровергло эти сообщения."),
    "az": ("Xankəndi, 4 oktyabr — Bu gün Xankəndi yenidən atəşə tutulub. "
           "Azərbaycan Müdafiə Nazirliyi dinc sakinlərin hədəfə alınmasını təkzib edib."),
    "hy": ("Ստեփանակերտ, հոկտեմբերի 4 — Այսօր Ստեփանակերտը կրկին հրետակոծվել է։ "
           "Ադրբեջանի պաշտպանության նախարարությունը հերքում է խաղաղ բնակիչներին թիրախավորելը։"),
}


@pytest.mark.parametrize("lang", sorted(NEWS))
def test_a_news_sentence_with_nothing_of_its_own_is_proposed_with_the_day_of_filing(atlas, lang):
    found = _proposals(atlas, NEWS[lang], "2020-10-04", lang)
    assert len(found) == 2, [p.quote for p in found]
    first, reaction = found
    assert reaction.quote == NEWS[lang].split("— ", 1)[1][len(first.quote):].strip()
    assert reaction.date == "2020-10-04"
    events = [f for f in first.feature_ids if f.startswith("ev-")]
    assert events and set(events) <= set(reaction.feature_ids)
    assert not reaction.place_ids


def test_a_reaction_is_dated_between_the_event_and_the_day_of_filing(atlas):
    """"Yerevan denied it" (a capital standing for its government is nothing of its own) came
    after the strike of the 11th and before the item was filed on the 12th."""
    text = ("Ganja, 12 October — A missile struck a residential district of Ganja on 11 October, "
            "killing civilians. Yerevan denied it.")
    found = _proposals(atlas, text, "2020-10-12")
    assert [p.date for p in found] == ["2020-10-11", "2020-10-11/2020-10-12"], [(p.quote, p.date) for p in found]
    assert any("goes on with" in h for h in _hows(found[1]))


def test_outside_news_a_sentence_with_nothing_of_its_own_is_not_proposed(atlas):
    text = ("Stepanakert was shelled again on 4 October 2020, officials in the city said on Sunday evening. "
            "Officials of the defence ministry in the other capital denied that their forces had targeted civilians.")
    found = _proposals(atlas, text, "2020-10-20")
    assert [p.quote for p in found] == [text.split(". ")[0] + "."]


# -- relative words for parts of a day -------------------------------------------------

PARTS_OF_DAY = [
    ("en", "Tonight the shelling stopped.", "2020-10-17"),
    ("en", "This morning the road reopened.", "2020-10-17"),
    ("en", "Last night the shelling resumed.", "2020-10-16/2020-10-17"),
    ("ru", "Этой ночью обстрел прекратился.", "2020-10-17"),
    ("ru", "Прошлой ночью обстрел возобновился.", "2020-10-16/2020-10-17"),
    ("az", "Bu gecə atəş dayandı.", "2020-10-17"),
    ("az", "Bu səhər yol açıldı.", "2020-10-17"),
    ("az", "Ötən gecə atəş yenidən başladı.", "2020-10-16/2020-10-17"),
    ("hy", "Այս գիշեր կրակը դադարեց։", "2020-10-17"),
    ("hy", "Անցյալ գիշեր հրետակոծությունը վերսկսվեց։", "2020-10-16/2020-10-17"),
]


@pytest.mark.parametrize("lang,sentence,expected", PARTS_OF_DAY)
def test_parts_of_the_day_of_writing(lang, sentence, expected):
    found = phrases.find_dates(sentence, phrases.Context(parse_date("2020-10-17"), None, True), lang)
    assert [m.edtf for m in found] == [expected]


# -- a paragraph's year never puts a day after publication ------------------------------

def test_a_paragraphs_year_does_not_put_a_bare_day_after_publication(atlas):
    found = _proposals(atlas, "The talks of 2023 were long. On 20 December the mission arrived in Armenia.",
                       "2023-02-15")
    assert [p.date for p in found] == ["2023", "2022-12-20"]
    # the year still counts when the day falls before publication
    found = _proposals(atlas, "The talks of 2022 were long. On 20 December the mission arrived in Armenia.",
                       "2023-02-15")
    assert [p.date for p in found] == ["2022", "2022-12-20"]


# -- a sentence that points back carries on the lines, routes and zones before it ---------

CARRIED = {
    "en": ("On 1 December 2020 the Lachin corridor reopened to civilian traffic under escort. "
           "It was closed again for a day on 12 December 2020 after an incident near Shusha."),
    "ru": ("1 декабря 2020 года Лачинский коридор вновь открылся для гражданского транспорта. "
           "Он был закрыт на день 12 декабря 2020 года после инцидента у Шуши."),
}
NOT_CARRIED = {
    "en": ("On 1 December 2020 a market reopened in Goris after the war. "
           "It was closed again for a day on 12 December 2020 after an incident near Shusha."),
    "ru": ("1 декабря 2020 года в Горисе после войны вновь открылся рынок. "
           "Он был закрыт на день 12 декабря 2020 года после инцидента у Шуши."),
}


@pytest.mark.parametrize("lang", sorted(CARRIED))
def test_a_sentence_that_points_back_carries_on_the_route_before_it(atlas, lang):
    first, second = _proposals(atlas, CARRIED[lang], "2021-01-15", lang)
    corridor = [f for f in first.feature_ids if atlas.by_id[f].kind == "lachin_corridor"]
    assert corridor and second.date == "2020-12-12"
    assert set(corridor) <= set(second.feature_ids)
    assert any("points back" in h for h in _hows(second))
    # the same sentence after one that names no route carries nothing
    _, alone = _proposals(atlas, NOT_CARRIED[lang], "2021-01-15", lang)
    assert not any(atlas.by_id[f].kind == "lachin_corridor" for f in alone.feature_ids)


# -- two words of the document's event's own name -----------------------------------------

DOCUMENT_EVENT = {
    "en": ("On 12 December 2022 protesters closed the Lachin road at the Shusha turn to ordinary traffic. "
           "Only vehicles of the peacekeepers and the Red Cross passed on 12 December 2022.\n\n",
           "On 23 December 2022 a meeting in Moscow was cancelled over the situation on the Lachin road."),
    "ru": ("12 декабря 2022 года протестующие перекрыли Лачинскую дорогу у поворота на Шушу. "
           "12 декабря 2022 года проезжали только машины миротворцев и Красного Креста.\n\n",
           "23 декабря 2022 года встреча в Москве была отменена из-за положения на Лачинской дороге."),
}


@pytest.mark.parametrize("lang", sorted(DOCUMENT_EVENT))
def test_two_words_of_the_documents_event_tie_a_later_sentence_to_it(atlas, lang):
    """A document about the road's closure (two of its sentences fall on that day): a later
    sentence that speaks of "the situation on the Lachin road" (two words of the event's own
    name, no word of its kind) is tied to it; the same sentence alone is not."""
    before, later = DOCUMENT_EVENT[lang]
    found = _proposals(atlas, before + later, "2023-01-15", lang)
    last = next(p for p in found if p.quote == later)
    assert last.date == "2022-12-23" and "ev-2022-12-12-road-closure" in last.feature_ids
    (alone,) = _proposals(atlas, later, "2023-01-15", lang)
    assert "ev-2022-12-12-road-closure" not in alone.feature_ids


# -- the time of writing ---------------------------------------------------------------------

def test_a_sentence_dated_by_a_neighbour_long_before_writing_is_not_of_the_time_of_writing(atlas):
    """A text filed days after the border clashes of 16 November 2021 looks back at the war of
    2020: "the war" of a sentence that takes 2020 from the one before it is not the clashes the
    document is about (only a sentence dated at the time of writing may be)."""
    text = ("Heavy fighting broke out on the Armenian-Azerbaijani border on 16 November 2021.\n\n"
            "The war of 2020 lasted for forty-four days and cost thousands of lives on both sides of the front "
            "before it came to an end. Moreover, the military outcome of the war did not force a settlement of "
            "the conflict and, for Azerbaijan, the war failed to deliver a total victory.")
    first, *_, last = _proposals(atlas, text, "2021-11-20")
    assert "ev-2021-11-16-border-clashes" in first.feature_ids
    assert last.date == "2020" and "ev-2021-11-16-border-clashes" not in last.feature_ids, last.evidence


# -- news: a later sentence's date is background, not the lead's ------------------------------

LEAD = {
    "en": ("GANJA, Oct 17 (Reuters) - Missiles again hit apartment blocks in Ganja, killing more than ten people. "
           "It is the second strike on the city within a week: civilians were already killed here on 11 October."),
    "ru": ("Гянджа, 17 октября — Ракеты вновь попали в жилые дома Гянджи, погибли более десяти человек. "
           "Это второй удар по городу за неделю: 11 октября здесь уже погибли мирные жители."),
}


@pytest.mark.parametrize("lang", sorted(LEAD))
def test_an_undated_news_lead_is_of_the_day_of_filing_not_of_its_background(atlas, lang):
    first, *_ = _proposals(atlas, LEAD[lang], "2020-10-17", lang)
    assert "place-ganja" in first.place_ids
    assert first.date.startswith("2020-10-17"), first.evidence["date"]
