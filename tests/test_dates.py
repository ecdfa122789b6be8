import datetime as dt

import pytest

from geo.dates import Validity, parse_date, parse_day
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


def test_validity_is_half_open_with_imprecise_bounds_at_their_first_day():
    v = Validity(parse_date("1994-05"), parse_date("2020-09-27"))
    assert not v.is_valid_on(dt.date(1994, 4, 30))
    assert v.is_valid_on(dt.date(1994, 5, 1))
    assert v.is_valid_on(dt.date(2020, 9, 26))
    assert not v.is_valid_on(dt.date(2020, 9, 27))
    assert v.from_uncertain and not v.to_uncertain


def test_open_ends_are_always_valid():
    v = Validity(None, None)
    assert v.is_valid_on(dt.date(1900, 1, 1)) and v.is_valid_on(dt.date(2100, 1, 1))
    assert not v.uncertain
