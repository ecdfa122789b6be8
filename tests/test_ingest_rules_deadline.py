"""News: a deadline ("by 20 November", "до 20 ноября", "noyabrın 20-dək", "մինչև նոյեմբերի
20-ը") filed on 10 November lies ahead: the sentence speaks of the days from filing to it,
not of 20 November a year before. A day without a deadline word keeps the news rule (the
latest such day not after publication), and a report's past narrative is not read ahead."""
import pytest

from geo.dates import parse_date
from geo.ingest.propose import propose

DEADLINE = {
    "en": "BAKU, Nov 10 (Reuters) - Under the statement Agdam district is to be returned to Azerbaijan by November 20.",
    "ru": "Баку, 10 ноября — По заявлению Агдамский район должен быть возвращён Азербайджану до 20 ноября.",
    "az": "Bakı, 10 noyabr — Bəyanata əsasən Ağdam rayonu noyabrın 20-dək Azərbaycana qaytarılır.",
    "hy": "Երևան, նոյեմբերի 10 — Հայտարարության համաձայն՝ Աղդամի շրջանը պետք է հանձնվի մինչև նոյեմբերի 20-ը։",
}


@pytest.mark.parametrize("lang", sorted(DEADLINE))
def test_a_deadline_in_news_lies_ahead_of_filing(atlas, lang):
    (p,) = propose(DEADLINE[lang], parse_date("2020-11-10"), atlas, lang=lang)
    assert p.date == "2020-11-10/2020-11-20", p.evidence["date"]
    assert p.evidence["date"]["why"]["code"] == "both"  # year_deadline; to_deadline (geo/ingest/explain.py)
    assert "prov-agdam" in p.feature_ids


def test_a_day_without_a_deadline_word_keeps_the_news_rule(atlas):
    (p,) = propose("BAKU, Nov 10 (Reuters) - Agdam district was shelled on November 20.",
                   parse_date("2020-11-10"), atlas)
    assert p.date == "2019-11-20"


def test_a_deadline_of_a_past_narrative_is_not_read_ahead(atlas):
    """A report of 30 March 2018 on 1993: "by 3 April" is not 3 April 2018."""
    text = ("Armenian forces launched an attack on Kalbajar at the end of March 1993 and had taken the "
            "district town by 3 April.")
    (p,) = propose(text, parse_date("2018-03-30"), atlas)
    assert p.date.startswith("1993"), p.date


# -- a weekday in news, and a period that runs on, in every language ----------------------------

WEEKDAY = {  # 26 August 2022 was a Friday, the day of filing
    "ru": "Лачин, 26 августа — Азербайджанские военные в пятницу вошли в город Лачин, накануне покинутый его жителями.",
    "az": "Laçın, 26 avqust — Azərbaycan hərbçiləri cümə günü Laçın şəhərinə daxil olublar.",
    "hy": "Լաչին, օգոստոսի 26 — Ադրբեջանական զինվորականներն ուրբաթ օրը մտան Լաչին քաղաք։",
}


@pytest.mark.parametrize("lang", sorted(WEEKDAY))
def test_a_weekday_in_news_is_the_latest_such_day(atlas, lang):
    (p,) = propose(WEEKDAY[lang], parse_date("2022-08-26"), atlas, lang=lang)
    assert p.date == "2022-08-26", p.evidence["date"]
    thursday = WEEKDAY[lang].replace("в пятницу", "в четверг").replace("cümə günü", "cümə axşamı") \
        .replace("ուրբաթ օրը", "հինգշաբթի օրը")
    (q,) = propose(thursday, parse_date("2022-08-26"), atlas, lang=lang)
    assert q.date == "2022-08-25", q.evidence["date"]


SINCE = {
    "ru": "С 1992 года сухопутная дорога в Нахичевань идёт через территорию Ирана.",
    "az": "1992-ci ildən bəri Naxçıvana gedən quru yolu İran ərazisindən keçir.",
    "hy": "1992 թվականից ի վեր Նախիջևան տանող ճանապարհն անցնում է Իրանի տարածքով։",
}


@pytest.mark.parametrize("lang", sorted(SINCE))
def test_since_a_year_runs_to_publication(atlas, lang):
    (p,) = propose(SINCE[lang], parse_date("2023-10-10"), atlas, lang=lang)
    assert p.date == "1992/2023-10-10", p.evidence["date"]


def test_the_start_of_a_range_is_not_since(atlas):
    """"с 20 октября по 19 декабря": the period ends on 19 December, not at publication."""
    (p,) = propose("С 20 октября по 19 декабря 2022 года миссия ЕС работала в Армении.", parse_date("2023-03-01"),
                   atlas, lang="ru")
    assert p.date.startswith("2022-10-20") and not p.date.endswith("2023-03-01"), p.evidence["date"]


# -- months and years counted from the sentence before ---------------------------------------------

@pytest.mark.parametrize("words, expected", [("Four years on", "2024-11~"), ("Two months later", "2021-01~"),
                                             ("Three years earlier", "2017-11~")])
def test_months_and_years_counted_from_the_sentence_before(atlas, words, expected):
    text = ("The statement of 10 November 2020 provided for a transport link between mainland Azerbaijan "
            f"and Nakhchivan across the Meghri area of Armenia. {words}, the route to Nakhchivan was discussed again.")
    *_, last = propose(text, parse_date("2024-12-01"), atlas)
    assert last.quote.startswith(words) and last.date == expected, (last.quote, last.date)


def test_a_day_on_a_date_counts_nothing(atlas):
    """"closed for a day on 12 December 2020": "a day on" is no "a day later"."""
    (p,) = propose("The Lachin corridor was closed for a day on 12 December 2020 after an incident.",
                   parse_date("2021-01-15"), atlas)
    assert p.date == "2020-12-12", p.evidence["date"]
