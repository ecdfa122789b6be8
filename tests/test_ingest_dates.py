"""Date phrases -> EDTF, resolved against the publication date and the paragraph's year."""
import pytest

from geo.dates import parse_date
from geo.ingest.dates import Context, best, find_dates

PUBLISHED = parse_date("2022-09-14")  # a Wednesday


@pytest.mark.parametrize("phrase, edtf", [
    ("on 13 September 2022", "2022-09-13"),
    ("on September 13, 2022,", "2022-09-13"),
    ("on Apr. 2, 2016", "2016-04-02"),
    ("on 3 and 7 December 2022", "2022-12-03/2022-12-07"),
    ("on 19–20 September 2023", "2023-09-19/2023-09-20"),
    ("in a March–April 1993 operation", "1993-03/1993-04"),
    ("in May 1992, days after", "1992-05"),
    ("since Aug 2022, over 2,700 mines", "2022-08/2022-09-14"),
    ("in summer 1993", "1993-06/1993-08"),
    ("In 1999 they agreed", "1999"),
    ("between 1996 and 2020", "1996/2020"),
    ("in the early 1990s", "1990~/1993~"),
    ("in the late 1980s", "1986~/1989~"),
    ("the 2010s", "2010~/2019~"),
    ("2022-09-13", "2022-09-13"),
    ("13.09.2022 в 00:05", "2022-09-13"),
    ("last week", "2022-09-05/2022-09-11"),
    ("last month", "2022-08"),
    ("last year", "2021"),
    ("earlier this year", "2022"),
    ("yesterday", "2022-09-13"),
    ("on Tuesday", "2022-09-13"),
    ("five years ago", "2017~"),
    ("on 13 September", "2022-09-13"),
    ("on 20 December", "2021-12-20"),  # the last 20 December before publication
    ("In February Khojaly was taken", "2022-02"),  # a month at the head of a sentence
    ("By May it was over", "2022-05"),
    ("Since March the road was closed", "2022-03/2022-09-14"),
])
def test_phrase_to_edtf(phrase, edtf):
    found = find_dates(phrase, Context(PUBLISHED))
    assert [m.edtf for m in found] == [edtf]
    parse_date(edtf, allow_interval=True)  # the atlas's own parser accepts it


@pytest.mark.parametrize("lang, phrase", [("en", "that day"), ("en", "the same day"), ("ru", "в тот день"),
                                           ("az", "o gün"), ("hy", "այդ օրը")])
def test_that_day_with_no_day_before_it_is_no_date(lang, phrase):
    # (not the day of publication: the day it points back to is one the text did not give)
    assert find_dates(f"{phrase} the houses burned", Context(PUBLISHED), lang) == []


def test_a_day_without_year_takes_the_paragraphs_year():
    found = find_dates("on 7 November the army took the town", Context(parse_date("2021"), year=2020))
    assert [m.edtf for m in found] == ["2020-11-07"]
    assert "2020 from the text before it" in found[0].basis()


def test_a_day_without_year_takes_a_year_named_before_it_in_the_sentence():
    found = find_dates("The war of 2020 ended on 10 November.", Context(PUBLISHED))
    assert [m.edtf for m in found] == ["2020", "2020-11-10"]
    assert find_dates("In the 1990s, on 12 May, a truce held.", Context(PUBLISHED))[1].edtf == "2022-05-12"


def test_relative_phrases_are_approximate_when_publication_is_not_a_day():
    found = find_dates("on Tuesday", Context(parse_date("2022-09~")))
    assert found[0].edtf.endswith("~")


def test_numbers_and_the_modal_may_are_not_dates():
    assert find_dates("nearly 2,000 peacekeeping troops; it may 3 times; 1,994 km", Context(PUBLISHED)) == []


def test_the_most_precise_past_mention_dates_a_sentence():
    text = "After the November 2020 ceasefire, they met on 26 November, to agree on steps beyond 2025."
    mentions = find_dates(text, Context(parse_date("2021-11~")))
    assert best(mentions, parse_date("2021-11~")).edtf == "2021-11-26"
    assert best(find_dates("beyond 2025 or 2030", Context(PUBLISHED)), PUBLISHED).edtf == "2025"


@pytest.mark.parametrize("phrase, edtf", [
    ("late October 1993", "1993-10-21/1993-10-31"),
    ("at the end of February 1992", "1992-02-21/1992-02-29"),
    ("early May 1992", "1992-05-01/1992-05-10"),
    ("mid-June 1992", "1992-06-11/1992-06-20"),
])
def test_a_part_of_a_month(phrase, edtf):
    assert [m.edtf for m in find_dates(phrase, Context(parse_date("2020-01-01")))] == [edtf]


def test_every_grain_of_a_date_has_a_score():
    """The grains dates.py gives (its PRECISION) and the proposer's scores stay in step."""
    from geo.ingest.dates import PRECISION
    from geo.ingest.propose import _GRAIN_SCORE
    assert set(PRECISION) == set(_GRAIN_SCORE)
