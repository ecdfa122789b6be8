"""Dates with precision and uncertainty, and the atlas's time rule.

Dates are written in EDTF (ISO 8601-2 level 1): ``1994-05-12`` (day), ``1994-05``
(month), ``1993`` (year), with ``~`` (approximate) or ``?`` (uncertain) after them,
and intervals ``1993-03/1993-04`` for the period an excerpt speaks of.

The time rule (:class:`Validity`) lives here and nowhere else: the dates of changes
(validity bounds, status changes) are days or the intervals in which they happened, and
:meth:`Validity.bounds` hands its result to the browser as ISO days.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

from .errors import DateError
from .i18n import _

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
        return self.first != self.last or self.text[-1] in "~?%"

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def __str__(self) -> str:
        return self.text


_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _plain_day_span(part: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a plain YYYY, YYYY-MM or YYYY-MM-DD (no qualifier), as EDTF
    reads it; None for anything else (EDTF itself parses it, and reports its errors)."""
    match = _PLAIN.match(part)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day), dt.date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        return None


def _plain_span(parts: list[str]) -> tuple[dt.date, dt.date] | None:
    """The span of a plain date or interval of plain dates without the EDTF parser (it costs
    some 10 ms a string; a dataset of 100,000 dated features has thousands of distinct dates)."""
    spans = [_plain_day_span(part) for part in parts]
    if any(span is None for span in spans):
        return None
    return spans[0][0], spans[-1][1]


@lru_cache(maxsize=65536)
def parse_date(text: str, allow_interval: bool = False) -> FuzzyDate:
    """Parse an EDTF date (or, if allowed, an interval of two such dates)."""
    if not isinstance(text, str) or not text.strip():
        raise DateError(_("not a date: {text}", text=repr(text)))
    text = text.strip()
    parts = text.split("/")
    if len(parts) > 2 or (len(parts) == 2 and not allow_interval):
        raise DateError(
            _("{text} is not a single date; write YYYY, YYYY-MM or YYYY-MM-DD (optionally with ~ or ?)",
              text=repr(text))
        )
    for part in parts:
        if not _SINGLE.match(part):
            raise DateError(
                _("{text} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (optionally with ~ or ?)",
                  text=repr(text))
            )
    plain = _plain_span(parts)
    if plain is not None:
        first, last = plain
    else:
        try:
            parsed = parse_edtf(text)
            first, last = _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())
        except (EDTFParseException, ValueError, OverflowError) as exc:
            raise DateError(_("{text} is not a valid calendar date ({exc})", text=repr(text), exc=exc)) from None
    if last < first:
        raise DateError(_("the interval {text} ends before it starts", text=repr(text)))
    return FuzzyDate(text, first, last)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


#: English month names (the engine's rules.js MONTHS: the same).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(day: dt.date) -> str:
    """``1 May 1994``: a day as the pages write it (``rules.js`` longDate writes the same)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def parse_day(text: str) -> dt.date:
    """Parse an exact day written ``YYYY-MM-DD`` and nothing else (as given on the command
    line or in a URL); ``20210601`` or ``2021-W22-2`` are refused."""
    if not isinstance(text, str) or not _DAY.fullmatch(text):
        raise DateError(_("{text} is not a day of the form YYYY-MM-DD", text=repr(text)))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(_("{text} is not a day of the form YYYY-MM-DD", text=repr(text))) from None


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day n months later (earlier when n < 0), kept inside the month it lands in:
    31 January + 1 month is 28 (or 29) February (``rules.js`` addMonths does the same)."""
    months = day.year * 12 + day.month - 1 + n
    year, month = divmod(months, 12)
    if not 1 <= year <= 9999:
        raise DateError(_("{day} + {n} months leaves the calendar", day=day.isoformat(), n=n))
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _span_words(first: dt.date, last: dt.date) -> str:
    month_end = calendar.monthrange(last.year, last.month)[1] == last.day
    if first == last:
        return long_date(first)
    if first.day == 1 and month_end:
        if (first.month, last.month) == (1, 12) and first.year == last.year:
            return str(first.year)
        if first.month == 1 and last.month == 12:
            return f"{first.year} to {last.year}"
        a, b = f"{MONTHS[first.month - 1]} {first.year}", f"{MONTHS[last.month - 1]} {last.year}"
        return a if a == b else f"{a} to {b}"
    return f"{long_date(first)} to {long_date(last)}"


def words(date: FuzzyDate) -> str:
    """A date or period as a reader writes it, never as EDTF: "8 May 1992", "May 2021",
    "May to November 2021" ("May 2021 to November 2021"), "about 2023", "1992 (uncertain)"."""
    text = _span_words(date.first, date.last)
    if "~" in date.text or "%" in date.text:
        text = "about " + text
    if "?" in date.text or "%" in date.text:
        text += " (uncertain)"
    return text


def committed_day(text: str, first: dt.date, last: dt.date) -> dt.date | None:
    """The day a date field commits: a complete day ``YYYY-MM-DD`` between first and last,
    else None - a half-typed value ("", "0002-05-01") never moves the map (``rules.js``
    committedDay)."""
    try:
        day = parse_day(text)
    except DateError:
        return None
    return day if first <= day <= last else None


def next_in(days: list[str], day: str) -> str | None:
    """The first of the sorted ISO days after day (``rules.js`` nextIn)."""
    i = bisect.bisect_right(days, day)
    return days[i] if i < len(days) else None


def prev_in(days: list[str], day: str) -> str | None:
    """The last of the sorted ISO days before day (``rules.js`` prevIn)."""
    i = bisect.bisect_left(days, day)
    return days[i - 1] if i > 0 else None


def parse_bound(text: str) -> FuzzyDate:
    """Parse the date of a change (a validity bound, a status change, a chronology entry).

    A change happened on one day: write that day (``1992-05-08``), or, when only an
    interval is known, the interval in which it happened (``1993-10`` for "October
    1993", ``1993-10-29/1993-10-30``, ``1995/1997``). Qualifiers (``~``, ``?``) are not
    accepted here: the interval says exactly how uncertain the day is.
    """
    if isinstance(text, str) and any(q in text for q in "~?%"):
        raise DateError(_("{text}: a change's date takes no ~ or ?; write the interval in which it "
                          "happened instead (e.g. 1993-10 or 2020-10-03/2020-10-09)", text=repr(text)))
    return parse_date(text, allow_interval=True)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Validity:
    """When a feature is drawn, and when it is drawn as uncertain. THE time rule.

    Each bound is the day of a change or the interval ``[first, last]`` in which it
    happened. A feature is drawn on day D when ``start <= D < end``:

    - ``start`` is the first day of ``valid_from`` (its interval's first day);
    - ``end`` is the day after the last day ``valid_to`` may mean when that bound is
      uncertain, else the ``valid_to`` day itself (a certain end is exclusive);
    - it is drawn *uncertain* on the days inside either bound's uncertain interval,
      and certain on every other day of its life.

    So a change known only as "October 1993" draws the new state, uncertain, from 1 to
    31 October (and the old state, uncertain, beside it), the old state alone and
    certain before, and the new state alone and certain after.
    """

    valid_from: FuzzyDate | None
    valid_to: FuzzyDate | None

    @property
    def start(self) -> dt.date | None:
        return self.valid_from.first if self.valid_from else None

    @property
    def end(self) -> dt.date | None:
        """The first day the feature is no longer drawn (None: open)."""
        if self.valid_to is None:
            return None
        if self.valid_to.uncertain:
            return self.valid_to.last + dt.timedelta(days=1)
        return self.valid_to.first

    @property
    def from_uncertain(self) -> bool:
        return bool(self.valid_from and self.valid_from.uncertain)

    @property
    def to_uncertain(self) -> bool:
        return bool(self.valid_to and self.valid_to.uncertain)

    @property
    def uncertain(self) -> bool:
        """True when some day of the feature's life is drawn uncertain."""
        return bool(self.uncertain_intervals)

    @property
    def uncertain_intervals(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """The inclusive intervals of days on which the feature is drawn uncertain."""
        return tuple((b.first, b.last) for b in (self.valid_from, self.valid_to) if b is not None and b.uncertain)

    def is_valid_on(self, day: dt.date) -> bool:
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end

    def uncertain_on(self, day: dt.date) -> bool:
        """True when the feature is drawn on ``day`` and ``day`` is inside an uncertain interval."""
        return self.is_valid_on(day) and any(a <= day <= b for a, b in self.uncertain_intervals)

    @property
    def change_days(self) -> set[dt.date]:
        """Every day on which the feature's drawing (shown, uncertain) may change."""
        days = {d for d in (self.start, self.end) if d is not None}
        for first, last in self.uncertain_intervals:
            days |= {first, last + dt.timedelta(days=1)}
        return days

    def bounds(self) -> dict:
        """The rule's result as ISO days, for the browser engine: it only compares strings.

        ``{"start", "end", "uncertain": [[first, last], ...]}``; ``start <= D < end``,
        uncertain when ``first <= D <= last`` for some interval (``None``: open).
        """
        return {"start": _iso(self.start), "end": _iso(self.end),
                "uncertain": [[a.isoformat(), b.isoformat()] for a, b in self.uncertain_intervals]}

    def describe(self) -> str:
        start = self.valid_from.text if self.valid_from else "…"
        end = self.valid_to.text if self.valid_to else "today"
        return f"{start} – {end}"


def rule_text() -> str:
    """The time rule in words, for readers (the dashboard's About): its example is worked out
    by :class:`Validity` itself, so the words cannot drift from the rule."""
    before = Validity(None, parse_bound("1993-10"))
    after = Validity(parse_bound("1993-10"), None)
    first, last = after.uncertain_intervals[0]
    from .i18n import _, format_date  # in the reader's language (geo/i18n)
    return _("Each feature is drawn on day D from the first day of its valid_from up to, not including, its "
             "valid_to day (an open end has no limit). When a change is known only as an interval (a month, a "
             "year, or from one day to another), the old state is drawn up to and including the interval's last "
             "day and the new one from its first day: on the days inside the interval both are drawn, "
             "uncertain (dotted, fainter). So a change known as \"October 1993\" draws the old and the new "
             "state, both uncertain, from {first} to {last}, and the new state alone, certain, from {after}. "
             "Such a date is never written with ~ or ?: the interval says how uncertain the day is.",
             first=format_date(first), last=format_date(before.end - dt.timedelta(days=1)),
             after=format_date(last + dt.timedelta(days=1)))


@dataclass(frozen=True)
class StatusChange:
    """One entry of a ``status_history``: from when (a day or interval) which status holds."""

    since: FuzzyDate
    status: str
    label: str

    def bounds(self) -> dict:
        return {"from": self.since.first.isoformat(), "uncertain_to": self.since.last.isoformat()
                if self.since.uncertain else None, "status": self.status, "label": self.label}


def status_changes(history: list[dict]) -> tuple[StatusChange, ...]:
    """Parse a ``status_history`` (validated beforehand) in date order."""
    changes = [StatusChange(parse_bound(e["from"]), e["status"], e.get("label") or e["status"]) for e in history]
    return tuple(sorted(changes, key=lambda c: c.since.first))


def status_on(changes: tuple[StatusChange, ...], day: dt.date) -> tuple[StatusChange | None, bool]:
    """The status change in force on ``day`` and whether it is uncertain then (inside its interval)."""
    current = None
    for change in changes:
        if change.since.first <= day:
            current = change
    uncertain = bool(current and current.since.uncertain and day <= current.since.last)
    return current, uncertain
