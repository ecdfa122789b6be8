"""Dates with precision and uncertainty, and the atlas's time rule.

Dates are written in EDTF (ISO 8601-2 level 1): ``1994-05-12`` (day), ``1994-05``
(month), ``1993`` (year), with ``~`` (approximate) or ``?`` (uncertain) after them,
and intervals ``1993-03/1993-04`` for the period an excerpt speaks of.

The rule: a feature is shown on day D when ``start(valid_from) <= D < start(valid_to)``,
where ``start`` of an imprecise date is its first day (``1994-05`` -> 1994-05-01) and a
missing bound is open. A bound that is not a day, or is marked ``~``/``?``, is
*uncertain*: exports flag it so that the map can draw it differently.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

from .errors import DateError

_SINGLE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?[~?%]?$")


def _to_date(struct) -> dt.date:
    return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)


@dataclass(frozen=True)
class FuzzyDate:
    """A date or period as written, with the first and last day it can mean."""

    text: str
    first: dt.date
    last: dt.date

    @property
    def precision(self) -> str:
        core = self.text.rstrip("~?%")
        if "/" in core:
            return "interval"
        return {4: "year", 7: "month", 10: "day"}[len(core)]

    @property
    def uncertain(self) -> bool:
        """True unless this is one exact day with no ``~``/``?`` qualifier."""
        return self.precision != "day" or self.text[-1] in "~?%"

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=4096)
def parse_date(text: str, allow_interval: bool = False) -> FuzzyDate:
    """Parse an EDTF date (or, if allowed, an interval of two such dates)."""
    if not isinstance(text, str) or not text.strip():
        raise DateError(f"not a date: {text!r}")
    text = text.strip()
    parts = text.split("/")
    if len(parts) > 2 or (len(parts) == 2 and not allow_interval):
        raise DateError(
            f"{text!r} is not a single date; write YYYY, YYYY-MM or YYYY-MM-DD (optionally with ~ or ?)"
        )
    for part in parts:
        if not _SINGLE.match(part):
            raise DateError(
                f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (optionally with ~ or ?)"
            )
    try:
        parsed = parse_edtf(text)
        first, last = _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())
    except (EDTFParseException, ValueError, OverflowError) as exc:
        raise DateError(f"{text!r} is not a valid calendar date ({exc})") from None
    if last < first:
        raise DateError(f"the interval {text!r} ends before it starts")
    return FuzzyDate(text, first, last)


def parse_day(text: str) -> dt.date:
    """Parse an exact day ``YYYY-MM-DD`` (as given on the command line or in a URL)."""
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise DateError(f"{text!r} is not a day of the form YYYY-MM-DD") from None


@dataclass(frozen=True)
class Validity:
    """The interval in which a feature is shown: ``[start, end)`` with open ends as None."""

    valid_from: FuzzyDate | None
    valid_to: FuzzyDate | None

    @property
    def start(self) -> dt.date | None:
        return self.valid_from.first if self.valid_from else None

    @property
    def end(self) -> dt.date | None:
        return self.valid_to.first if self.valid_to else None

    def is_valid_on(self, day: dt.date) -> bool:
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end

    @property
    def from_uncertain(self) -> bool:
        return bool(self.valid_from and self.valid_from.uncertain)

    @property
    def to_uncertain(self) -> bool:
        return bool(self.valid_to and self.valid_to.uncertain)

    @property
    def uncertain(self) -> bool:
        return self.from_uncertain or self.to_uncertain

    def describe(self) -> str:
        start = self.valid_from.text if self.valid_from else "…"
        end = self.valid_to.text if self.valid_to else "today"
        return f"{start} – {end}"
