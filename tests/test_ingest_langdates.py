"""Dates in Armenian, Azerbaijani and Russian, and the news rule for days without a year."""
import datetime as dt

import dateparser
import pytest

from geo.dates import parse_date
from geo.ingest import langdates
from geo.ingest.dates import Context, find_dates

PUBLISHED = parse_date("2022-12-20")


@pytest.mark.parametrize("lang, raw, reads", [
    # what dateparser (pinned) makes of the raw forms: the bare ones it reads ...
    ("hy", "13 սեպտեմբերի 2022", dt.date(2022, 9, 13)),
    ("az", "23 aprel 2023", dt.date(2023, 4, 23)),
    ("ru", "12 декабря 2022", dt.date(2022, 12, 12)),
    # ... the inflected ones it does not: these are why candidates are normalised first
    ("hy", "սեպտեմբերի 13-ին", None),
    ("hy", "դեկտեմբերի 12-ի", None),
    ("hy", "2022 թ. սեպտեմբերի 13", None),
    ("az", "aprelin 23-ü", None),
    ("az", "2020-ci il 10 noyabr", None),
    ("ru", "в ночь на 27 сентября", None),
    ("ru", "в сентябре 2020 года", None),
])
def test_what_dateparser_reads_without_normalising(lang, raw, reads):
    got = dateparser.parse(raw, languages=[lang], settings={"RELATIVE_BASE": dt.datetime(2022, 12, 20)})
    assert (got.date() if got else None) == reads


@pytest.mark.parametrize("lang, phrase, edtf", [
    ("hy", "դեկտեմբերի 12-ի առավոտյան", "2022-12-12"),
    ("hy", "2022 թ. սեպտեմբերի 13-ին", "2022-09-13"),
    ("hy", "սեպտեմբերի 13-14-ին", "2022-09-13/2022-09-14"),
    ("hy", "27 սեպտեմբերի 2020", "2020-09-27"),
    ("hy", "2020 թ. սեպտեմբերին", "2020-09"),
    ("hy", "2023 թ. հունիսի 15-ից", "2023-06-15"),
    ("hy", "երեկ", "2022-12-19"),
    ("az", "aprelin 23-ü", "2022-04-23"),
    ("az", "2020-ci il 10 noyabr", "2020-11-10"),
    ("az", "23 aprel 2023-cü ildə", "2023-04-23"),
    ("az", "noyabrın 10-da", "2022-11-10"),
    ("az", "2020-ci ilin sentyabrında", "2020-09"),
    ("az", "dünən", "2022-12-19"),
    ("ru", "12 декабря", "2022-12-12"),
    ("ru", "12 декабря 2022 года", "2022-12-12"),
    ("ru", "12-го декабря", "2022-12-12"),
    ("ru", "в ночь на 27 сентября 2020 года", "2020-09-26/2020-09-27"),
    ("ru", "с 13 по 14 сентября", "2022-09-13/2022-09-14"),
    ("ru", "в сентябре 2020 года", "2020-09"),
    ("ru", "вчера", "2022-12-19"),
    ("ru", "на прошлой неделе", "2022-12-12/2022-12-18"),
    ("ru", "13.09.2022 в 00:05", "2022-09-13"),
    # parts of a month
    ("ru", "в конце октября 1993 года", "1993-10-21/1993-10-31"),
    ("az", "1993-cü ilin oktyabr ayının sonunda", "1993-10-21/1993-10-31"),
    ("az", "1993-cü ilin oktyabrın əvvəlində", "1993-10-01/1993-10-10"),
    ("hy", "1993 թվականի հոկտեմբերի կեսերին", "1993-10-11/1993-10-20"),
    # seasons and decades
    ("ru", "весной 1991 года", "1991-03/1991-05"),
    ("az", "1993-cü ilin payızında", "1993-09/1993-11"),
    ("hy", "1992 թվականի ամռանը", "1992-06/1992-08"),
    ("ru", "в начале 1990-х годов", "1990~/1993~"),
    ("az", "1990-cı illərin əvvəlində", "1990~/1993~"),
    ("hy", "1990-ականների վերջին", "1996~/1999~"),
    ("az", "1990-cı illərdə", "1990~/1999~"),
    ("az", "1992-ci ilin payızından", "1992-09/1992-11"),
    # two months joined: the months between
    ("ru", "в июне и июле 1992 года", "1992-06/1992-07"),
    ("ru", "в июне-июле 1992 года", "1992-06/1992-07"),
    ("az", "1992-ci ilin iyun-iyul", "1992-06/1992-07"),
    ("hy", "1988 թվականի նոյեմբեր-դեկտեմբերին", "1988-11/1988-12"),
    ("hy", "նոյեմբեր-դեկտեմբերին", "2022-11/2022-12"),
    # a year with the Armenian genitive or dative ending
    ("hy", "1990-ի հունվարի կեսերին", "1990-01-11/1990-01-20"),
    ("hy", "1990-ի հունվարի 13-ին", "1990-01-13"),
    # a day of the month of writing (published 20 December 2022)
    ("az", "bu ayın 4-də", "2022-12-04"),
    ("hy", "ամսի 4-ին", "2022-12-04"),
    ("ru", "4-го числа", "2022-12-04"),
    ("en", "on the 4th of this month", "2022-12-04"),
])
def test_phrase_to_edtf_in_each_language(lang, phrase, edtf):
    found = find_dates(phrase, Context(PUBLISHED), lang)
    assert [m.edtf for m in found] == [edtf]
    parse_date(edtf, allow_interval=True)


@pytest.mark.parametrize("lang, phrase", [("az", "bu ayın 24-də"), ("hy", "ամսի 24-ին"), ("ru", "24-го числа"),
                                           ("en", "on the 24th of this month")])
def test_a_day_of_this_month_after_publication_is_no_date(lang, phrase):
    # (English "this month" alone is still the month)
    assert [m.edtf for m in find_dates(phrase, Context(PUBLISHED), lang)] in ([], ["2022-12"])


@pytest.mark.parametrize("lang, sentence, day", [
    ("ru", "Январь 1990 г. — в ночь на 20 января в город входят войска.", "1990-01-19/1990-01-20"),
    ("az", "1990-cı ilin yanvarında qoşunlar yanvarın 20-də şəhərə girdi.", "1990-01-20"),
    ("hy", "1990 թ. հունվարին զորքերը հունվարի 20-ին մտան քաղաք։", "1990-01-20"),
    # (a year with its mark alone: "in 2020")
    ("az", "2020-ci ildə döyüşlərdən iki həftə sonra, oktyabrın 11-də Gəncə vuruldu.", "2020-10-11"),
    ("ru", "В 2020 году, 11 октября, Гянджа подверглась удару.", "2020-10-11"),
])
def test_a_day_takes_the_year_its_sentence_names_before_it(lang, sentence, day):
    found = find_dates(sentence, Context(PUBLISHED), lang)
    assert [m.edtf for m in found][-1] == day, [(m.words, m.edtf) for m in found]


def test_a_calendar_day_that_does_not_exist_is_not_a_date():
    # no 31 April: only the month is read
    assert [m.edtf for m in find_dates("31 апреля 2022 года", Context(PUBLISHED), "ru")] == ["2022-04"]
    assert langdates.read("hy", langdates.normalised("hy", 31, 4, 2022)) is None


def test_azerbaijani_month_names_are_not_read_in_english_text():
    # "may" and "mart" are Azerbaijani months; an English text is not read with them
    assert find_dates("they may 3 times", Context(PUBLISHED), "en") == []
    assert [m.edtf for m in find_dates("mayın 3-də", Context(PUBLISHED), "az")] == ["2022-05-03"]


@pytest.mark.parametrize("day, news, year", [
    # published 13 September 2022: in news a bare day is the latest such day not after it
    ("September 12", True, 2022), ("September 13", True, 2022), ("September 14", True, 2021),
    # outside news a day up to 45 days after publication is read as upcoming
    ("September 14", False, 2022),
    ("сентября 14", True, 2021), ("14 сентября", True, 2021), ("13 сентября", True, 2022),
    ("sentyabrın 14-ü", True, 2021), ("sentyabrın 13-ü", True, 2022),
    ("սեպտեմբերի 14-ին", True, 2021), ("սեպտեմբերի 13-ին", True, 2022),
])
def test_the_news_year_rule_on_the_days_either_side_of_publication(day, news, year):
    lang = "ru" if "сент" in day else "az" if "sent" in day else "hy" if "սեպ" in day else "en"
    found = find_dates(f"on {day}" if lang == "en" else day, Context(parse_date("2022-09-13"), news=news), lang)
    assert [int(m.edtf[:4]) for m in found] == [year]


def test_in_news_the_year_named_earlier_in_the_paragraph_does_not_carry_over():
    published = parse_date("2022-09-13")
    assert find_dates("on September 13", Context(published, year=2020, news=True))[0].edtf == "2022-09-13"
    assert find_dates("on September 13", Context(published, year=2020))[0].edtf == "2020-09-13"
    # the sentence's own year still wins
    assert find_dates("The war of 2020 ended on 10 November.", Context(published, news=True))[-1].edtf == "2020-11-10"


@pytest.mark.parametrize("lang, phrase, edtf", [
    ("ru", "Через две недели", "2020-11-24"),
    ("ru", "три дня спустя", "2020-11-13"),
    ("ru", "через 10 дней", "2020-11-20"),
    ("ru", "Месяц спустя", "2020-12~"),
    ("az", "İki həftə sonra", "2020-11-24"),
    ("az", "üç gün əvvəl", "2020-11-07"),
    ("hy", "Մեկ ամիս անց", "2020-12~"),
    ("hy", "երկու շաբաթ անց", "2020-11-24"),
])
def test_counted_days_weeks_and_months_from_the_sentence_before(lang, phrase, edtf):
    ctx = Context(PUBLISHED, previous=parse_date("2020-11-10"))
    assert [m.edtf for m in find_dates(phrase, ctx, lang)] == [edtf]


def test_an_azerbaijani_capital_i_opens_a_month():
    assert [m.edtf for m in find_dates("İyulun 12-də döyüşlər başladı.", Context(PUBLISHED), "az")] == ["2022-07-12"]
