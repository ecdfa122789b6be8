import datetime as dt

import pytest

from geo import dates
from geo.dates import Validity, parse_bound, parse_date, parse_day, status_changes, status_on
from geo.errors import DateError


@pytest.mark.parametrize("text, first, last, precision, uncertain", [
    ("1994-05-12", dt.date(1994, 5, 12), dt.date(1994, 5, 12), "day", False),
    ("1994-05", dt.date(1994, 5, 1), dt.date(1994, 5, 31), "month", True),
    ("1993", dt.date(1993, 1, 1), dt.date(1993, 12, 31), "year", True),
    ("2020-10-04~", dt.date(2020, 10, 4), dt.date(2020, 10, 4), "day", True),
    ("1993-03/1993-04", dt.date(1993, 3, 1), dt.date(1993, 4, 30), "interval", True),
])
def test_parse_date_precision_and_bounds(text, first, last, precision, uncertain):
    value = parse_date(text, allow_interval=True)
    assert (value.first, value.last, value.precision, value.uncertain) == (first, last, precision, uncertain)


@pytest.mark.parametrize("text", ["May 1994", "1994-13", "1994-02-30", "2020/10/04", "", "1994-05-1"])
def test_parse_date_rejects_bad_dates(text):
    with pytest.raises(DateError):
        parse_date(text, allow_interval=True)


def test_interval_only_where_allowed():
    with pytest.raises(DateError, match="not a single date"):
        parse_date("1992/1994")


def test_parse_day_requires_a_full_day():
    assert parse_day("2021-06-01") == dt.date(2021, 6, 1)
    with pytest.raises(DateError):
        parse_day("2021-06")


D = dt.date


def test_validity_is_half_open_with_imprecise_bounds_at_their_first_day():
    v = Validity(parse_date("1994-05"), parse_date("2020-09-27"))
    assert not v.is_valid_on(D(1994, 4, 30))
    assert v.is_valid_on(D(1994, 5, 1))
    assert v.is_valid_on(D(2020, 9, 26))
    assert not v.is_valid_on(D(2020, 9, 27))
    assert v.from_uncertain and not v.to_uncertain


def test_a_change_known_to_the_month_is_uncertain_only_during_that_month():
    old = Validity(parse_bound("1992-05-18"), parse_bound("1993-10"))
    new = Validity(parse_bound("1993-10"), parse_bound("2020-10-20"))
    # before the interval: only the old state, certain
    assert old.is_valid_on(D(1993, 9, 30)) and not old.uncertain_on(D(1993, 9, 30))
    assert not new.is_valid_on(D(1993, 9, 30))
    # during it: both drawn, both uncertain
    for day in (D(1993, 10, 1), D(1993, 10, 15), D(1993, 10, 31)):
        assert old.uncertain_on(day) and new.uncertain_on(day), day
    # after it: only the new state, certain
    assert not old.is_valid_on(D(1993, 11, 1))
    assert new.is_valid_on(D(1993, 11, 1)) and not new.uncertain_on(D(1993, 11, 1))


def test_an_uncertain_end_makes_a_feature_uncertain_only_near_its_end():
    v = Validity(parse_bound("2021-01-30"), parse_bound("2024-04"))
    assert not v.uncertain_on(D(2021, 1, 30)) and not v.uncertain_on(D(2024, 3, 31))
    assert v.uncertain_on(D(2024, 4, 1)) and v.uncertain_on(D(2024, 4, 30))
    assert not v.is_valid_on(D(2024, 5, 1))


def test_an_interval_bound_and_its_browser_bounds():
    v = Validity(parse_bound("1993-10-29/1993-10-30"), None)
    assert v.bounds() == {"start": "1993-10-29", "end": None, "uncertain": [["1993-10-29", "1993-10-30"]]}
    assert v.uncertain_on(D(1993, 10, 30)) and not v.uncertain_on(D(1993, 10, 31))
    assert v.change_days == {D(1993, 10, 29), D(1993, 10, 31)}


def test_a_change_date_takes_no_qualifier():
    with pytest.raises(DateError, match="interval in which it happened"):
        parse_bound("2020-10-04~")


def test_status_in_force_and_its_uncertainty():
    changes = status_changes([{"from": "2022-12-12", "status": "blocked"}, {"from": "2020-11-10", "status": "open"},
                              {"from": "2023-09", "status": "exodus"}])
    assert status_on(changes, D(2020, 11, 9)) == (None, False)
    assert status_on(changes, D(2022, 12, 11))[0].status == "open"
    assert status_on(changes, D(2022, 12, 12))[0].status == "blocked"
    current, uncertain = status_on(changes, D(2023, 9, 15))
    assert current.status == "exodus" and uncertain
    assert status_on(changes, D(2023, 10, 1))[1] is False


def test_open_ends_are_always_valid():
    v = Validity(None, None)
    assert v.is_valid_on(dt.date(1900, 1, 1)) and v.is_valid_on(dt.date(2100, 1, 1))
    assert not v.uncertain


def test_plain_dates_are_read_as_edtf_reads_them():
    """The fast path for plain YYYY[-MM[-DD]] dates and intervals gives EDTF's own first and last day."""
    import random

    from edtf import parse_edtf

    from geo.dates import _plain_span, _to_date
    rng = random.Random(8)
    cases = ["1993", "2020-02", "2024-02", "1900-02", "2000-02", "2020-02-29", "1993-03/1993-04", "1995/1997"]
    for _ in range(500):
        y, m, d = rng.randrange(1000, 3000), rng.randrange(1, 13), rng.randrange(1, 29)
        cases += [f"{y}", f"{y}-{m:02d}", f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}/{y + 1}"]
    for case in cases:
        parsed = parse_edtf(case)
        assert _plain_span(case.split("/")) == (_to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())), case
    for not_plain in ("2020-02-30", "2020-13", "2021-02-29", "1993~", "1993-04?"):
        assert _plain_span(not_plain.split("/")) is None  # left to EDTF (and its error messages)


def test_the_rule_in_words_says_what_the_rule_does():
    """The About text's statement of the rule (geo.dates.rule_text): its worked example is
    checked here against Validity on the days either side of each change."""
    text = dates.rule_text()
    old, new = dates.Validity(None, dates.parse_bound("1993-10")), dates.Validity(dates.parse_bound("1993-10"), None)
    day = dt.date
    assert not new.is_valid_on(day(1993, 9, 30)) and old.is_valid_on(day(1993, 9, 30))
    assert not old.uncertain_on(day(1993, 9, 30))
    for d in (day(1993, 10, 1), day(1993, 10, 31)):
        assert old.uncertain_on(d) and new.uncertain_on(d)
    assert not old.is_valid_on(day(1993, 11, 1)) and new.is_valid_on(day(1993, 11, 1))
    assert not new.uncertain_on(day(1993, 11, 1))
    assert "from 1 October 1993 to 31 October 1993" in text and "alone, certain, from 1 November 1993" in text
    assert "not including, its valid_to day" in text
    from conftest import ROOT
    about = (ROOT / "dashboard" / "app.py").read_text(encoding="utf-8")
    assert "dates.rule_text()" in about and "*valid_from* ≤ D < *valid_to*" not in about
