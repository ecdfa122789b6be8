"""Rules of reading in the four languages: days counted from the sentence before, a document
signed on a day, a document's name at a sentence's head, a date's words that name no place,
town words and event words of each language, a sentence's first word, what a months-long
event is tied by, capitals as places, and the EU mission's names."""
import pytest

from geo.dates import parse_date
from geo.ingest import dates as phrases
from geo.ingest.propose import propose
from geo.ingest.references import names_document


def _proposals(atlas, text, published, lang="en", news=False):
    return propose(text, parse_date(published), atlas, lang=lang, news=news)


def _one(atlas, text, published, lang="en"):
    found = _proposals(atlas, text, published, lang)
    assert len(found) == 1, [p.quote for p in found]
    return found[0]


# -- days counted from the sentence before ----------------------------------------------

COUNTED = [
    ("en", "The next day a ceasefire was agreed.", "2023-09-20"),
    ("en", "A week earlier the road had been closed.", "2023-09-12"),
    ("en", "Ten days later most of the population had left.", "2023-09-29"),
    ("ru", "На следующий день было согласовано прекращение огня.", "2023-09-20"),
    ("ru", "За неделю до этого дорога была закрыта.", "2023-09-12"),
    ("az", "Ertəsi gün atəşkəs razılaşdırıldı.", "2023-09-20"),
    ("az", "Bir həftə əvvəl yol bağlanmışdı.", "2023-09-12"),
    ("hy", "Հաջորդ օրը հրադադար հաստատվեց։", "2023-09-20"),
    ("hy", "Մեկ շաբաթ անց բնակչության մեծ մասը հեռացել էր։", "2023-09-26"),
]


@pytest.mark.parametrize("lang,sentence,expected", COUNTED)
def test_days_counted_from_the_sentence_before(lang, sentence, expected):
    ctx = phrases.Context(parse_date("2024-01-10"), None, False, parse_date("2023-09-19"))
    assert [m.edtf for m in phrases.find_dates(sentence, ctx, lang)] == [expected]


def test_a_counted_day_follows_the_dated_sentence_in_a_document(atlas):
    text = ("В ночь на 20 января 1990 года советские войска вошли в Баку. "
            "На следующий день в городе прошли похороны погибших.")
    first, second = _proposals(atlas, text, "2000-01-01", "ru")
    assert first.date == "1990-01-19/1990-01-20"
    assert second.date == "1990-01-20/1990-01-21"  # the night moved by a day
    # without a sentence before, counted from the day of publication: a day after it, which a
    # text cannot report, so the proposal falls back to the publication date
    (alone,) = _proposals(atlas, "The next day a ceasefire was agreed.", "2023-09-21")
    assert alone.date == "2023-09-21~"
    (before,) = _proposals(atlas, "A week earlier the road had been closed.", "2023-09-21")
    assert before.date == "2023-09-14"


# -- a document signed on a day, and a document's name at the head ------------------------

SIGNED_TODAY = {
    "en": "Baku, 1 December — Under the statement signed on 10 November, Lachin district was returned today.",
    "ru": "Баку, 1 декабря — Согласно заявлению, подписанному 10 ноября, сегодня Лачинский район был возвращён.",
    "az": "Bakı, 1 dekabr — Noyabrın 10-da imzalanmış üçtərəfli bəyanata əsasən bu gün Laçın rayonu qaytarıldı.",
    "hy": "Բաքու, դեկտեմբերի 1 — Նոյեմբերի 10-ին ստորագրված հայտարարության համաձայն՝ այսօր Լաչինի շրջանը վերադարձվեց։",
}


@pytest.mark.parametrize("lang", sorted(SIGNED_TODAY))
def test_a_document_signed_on_a_day_gives_way_to_the_sentences_own_day(atlas, lang):
    (p,) = _proposals(atlas, SIGNED_TODAY[lang], "2020-12-01", lang)
    assert p.date == "2020-12-01", p.evidence["date"]


@pytest.mark.parametrize("lang,sentence,expected", [
    ("en", "This breaches the 10 November 2020 tripartite statement.", True),
    ("en", "Under the 1994 ceasefire agreement, the line stayed where the armies stood.", False),
    ("en", "The 10 November 2020 statement ended the war.", False),
    # (the article counts as it does above: "Under the <document> of <date>" is at the head too)
    ("en", "Under the statement of 10 November 2020 the road was to run through a corridor.", False),
    ("en", "This breaches the terms of the statement of 10 November 2020.", True),
    ("az", "Ermənistan tərəfi bu addımı 2020-ci il 10 noyabr üçtərəfli bəyanatının pozulması adlandırdı.", True),
])
def test_a_documents_name_is_at_the_head_only_with_at_most_one_word_before_it(lang, sentence, expected):
    found = phrases.find_dates(sentence, phrases.Context(parse_date("2023-06-01")), lang)
    assert len(found) == 1
    assert names_document(sentence, found[0].start, found[0].end, lang) is expected


def test_a_sentence_that_breaches_a_document_speaks_of_its_own_moment(atlas):
    found = _proposals(atlas, "On 12 December 2022 the road was closed to ordinary traffic near the Shusha turn. "
                              "This breaches the terms of the 10 November 2020 tripartite statement, Yerevan said.",
                       "2023-01-15")
    # (the second points back and has no date of its own: one quote, of 12 December 2022)
    assert [p.date for p in found] == ["2022-12-12"], [(p.quote, p.date) for p in found]
    assert "This breaches" in found[0].quote
    assert "ev-2020-11-10-statement" in found[0].feature_ids  # the document is still named


def test_a_page_break_after_a_short_line_keeps_its_paragraph(atlas):
    text = ("The fighting went on for months. In May 1994 the Armenian forces could have\n\n"
            "pushed on to capture both Aghdam and Fuzuli along the line of contact.")
    found = _proposals(atlas, text, "2000-01-01")
    assert any("pushed on" in p.quote and p.date == "1994-05" for p in found), [(p.quote, p.date) for p in found]


# -- a date's words name no place -------------------------------------------------------

@pytest.mark.parametrize("lang,sentence", [
    ("ru", "15 марта 2021 года в Баку прошла конференция."),
    ("az", "2021-ci il martın 15-də Bakıda konfrans keçirildi."),
    ("hy", "2021 թվականի մարտի 15-ին Երևանում համաժողով անցկացվեց։"),
])
def test_the_month_march_is_not_martuni(atlas, lang, sentence):
    p = _one(atlas, sentence, "2021-06-01", lang)
    assert p.date == "2021-03-15"
    assert not any("martuni" in i or "khojavend" in i for i in p.feature_ids + p.place_ids)


# -- the words of each language: towns and forces ----------------------------------------

@pytest.mark.parametrize("lang,sentence,districts", [
    ("ru", "8 мая 1992 года армянские силы заняли Шушу.", "Потом были потеряны и другие районы."),
    ("az", "1992-ci il mayın 8-də erməni qüvvələri Şuşanı tutdu.", "Sonra başqa rayonlar da itirildi."),
    ("hy", "1992 թվականի մայիսի 8-ին հայկական ուժերը գրավեցին Շուշին։", "Հետո կորցվեցին նաև այլ շրջաններ։"),
])
def test_a_bare_name_is_the_town_unless_the_text_speaks_of_districts(atlas, lang, sentence, districts):
    """A bare name that is also a district's: the town in a text that never speaks of districts
    (as every labelled set's writer reads it), both where the text does (as the curators do)."""
    p = _one(atlas, sentence, "2017-05-10", lang)
    assert p.place_ids == ["place-shusha-shushi"] and "prov-shusha" not in p.feature_ids, p.evidence
    q = next(q for q in propose(f"{sentence} {districts}", parse_date("2017-05-10"), atlas, lang=lang)
             if q.quote.startswith(sentence[:12]))
    assert "place-shusha-shushi" in q.place_ids and "prov-shusha" in q.feature_ids, q.evidence


@pytest.mark.parametrize("lang,sentence", [
    ("ru", "8 мая 1992 года армянские силы заняли город Шушу."),
    ("az", "1992-ci il mayın 8-də erməni qüvvələri Şuşa şəhərini tutdu."),
    ("hy", "1992 թվականի մայիսի 8-ին հայկական ուժերը գրավեցին Շուշի քաղաքը։"),
])
def test_a_town_word_of_the_language_says_the_town_not_the_district(atlas, lang, sentence):
    p = _one(atlas, sentence, "2017-05-10", lang)
    assert p.place_ids == ["place-shusha-shushi"]
    assert "prov-shusha" not in p.feature_ids
    assert "ev-1992-05-08-shusha" in p.feature_ids
    # "forces" ties no months-long shelling by either side's forces
    assert not any(i.startswith("ev-1992-06") for i in p.feature_ids)


# -- the first word of a sentence --------------------------------------------------------

def test_a_sentences_first_word_is_no_similar_name(atlas):
    p = _one(atlas, "Մարտական գործողությունները վերսկսվել էին 2020 թվականի սեպտեմբերի 27-ին։", "2021-01-01", "hy")
    assert p.place_ids == [] and "ev-2020-09-27-offensive" in p.feature_ids


# -- what a months-long event is tied by ------------------------------------------------

def test_a_months_long_event_is_tied_by_what_happened_not_by_its_towns_alone(atlas):
    shelled = _one(atlas, "Stepanakert was shelled on 10 June 1992.", "2000-01-01")
    assert "ev-1992-06-air-raids-karabakh" in shelled.feature_ids
    taken = _one(atlas, "Armenian forces took Agdam on 23 July 1993.", "2000-01-01")
    assert "ev-1993-07-23-agdam" in taken.feature_ids
    assert "ev-1992-06-shelling-azerbaijani-towns" not in taken.feature_ids
    killed = _one(atlas, "On 10 June 1992 many civilians were killed.", "2000-01-01")
    assert not any(i.startswith("ev-1992-06") for i in killed.feature_ids)


def test_strikes_elsewhere_are_not_the_shelling_of_stepanakert(atlas):
    p = _one(atlas, "Missile strikes hit a residential block in Ganja on 11 October 2020.", "2020-10-20")
    assert "ev-2020-09-27-strikes-karabakh" not in p.feature_ids
    assert "ev-2020-10-ganja-strikes" in p.feature_ids
    q = _one(atlas, "Air strikes hit Stepanakert on 4 October 2020.", "2020-10-20")
    assert "ev-2020-09-27-strikes-karabakh" in q.feature_ids


# -- capitals as places ----------------------------------------------------------------

@pytest.mark.parametrize("lang,place,government", [
    ("ru", "15 марта 2021 года в Баку прошла конференция.", "15 марта 2021 года Баку заявил о своей позиции."),
    ("az", "2021-ci il martın 15-də Bakıda konfrans keçirildi.", "2021-ci il martın 15-də Bakı öz mövqeyini bildirdi."),
])
def test_a_capital_is_a_place_after_a_word_or_ending_of_place(atlas, lang, place, government):
    assert "place-baku" in _one(atlas, place, "2021-06-01", lang).place_ids
    assert "place-baku" not in _one(atlas, government, "2021-06-01", lang).place_ids


# -- the EU mission's names ------------------------------------------------------------

@pytest.mark.parametrize("lang,sentence", [
    ("en", "On 10 March 2023 the EU observer mission patrolled the border."),
    ("ru", "10 марта 2023 года миссия Евросоюза провела патрулирование."),
    ("az", "2023-cü il martın 10-da Avropa İttifaqının missiyası patrul keçirdi."),
    ("hy", "2023 թվականի մարտի 10-ին Եվրամիության առաքելությունը պարեկություն իրականացրեց։"),
])
def test_the_eu_mission_is_named_in_each_language(atlas, lang, sentence):
    assert "pk-euma" in _one(atlas, sentence, "2023-06-01", lang).feature_ids


# -- a span across two months ---------------------------------------------------------------

@pytest.mark.parametrize("phrase,expected", [
    ("between 27 March and 3 April 1993", "1993-03-27/1993-04-03"),
    ("from March 27 to April 3, 1993", "1993-03-27/1993-04-03"),
    ("27 March - 3 April 1993", "1993-03-27/1993-04-03"),
    ("between 28 December and 3 January 1994", "1993-12-28/1994-01-03"),
])
def test_a_span_across_two_months_is_one_period(phrase, expected):
    found = phrases.find_dates(f"Armenian forces took Kalbajar {phrase}.", phrases.Context(parse_date("2019-04-03")), "en")
    assert [m.edtf for m in found] == [expected]


def test_a_span_across_two_months_dates_its_sentence_in_the_year_it_names(atlas):
    p = _one(atlas, "Armenian forces took Kalbajar between 27 March and 3 April 1993.", "2019-04-03")
    assert p.date == "1993-03-27/1993-04-03"
    assert "ev-1993-04-kalbajar" in p.feature_ids
