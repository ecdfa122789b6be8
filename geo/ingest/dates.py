"""Date phrases in English prose, read as EDTF.

``find_dates`` finds every phrase that names a moment: days ("13 September 2022",
"Apr. 2", "on 3 and 7 December 2022", "2022-09-13", "13.09.2022"), months ("May 1992", "March–April 1993"),
seasons ("summer 1993"), years and year ranges, decades ("the early 1990s") and
relative phrases ("last week", "five years ago", "on Tuesday") resolved against the
publication date. A phrase without a year takes the year the document's context gives
(the last year named before it in the same paragraph, else the publication year, moved
one year back if that would put it after publication). Calendar values are checked by
python-dateutil; every result is a date the atlas's own EDTF parser accepts.

Armenian, Azerbaijani and Russian phrases are found by :mod:`.langdates` (its candidates
are read by dateparser) before the English patterns run. In *news* (a dated wire item, a
document with a dateline) a day or month without a year takes the most recent such date
not after publication, whatever year was named earlier in the text.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from ..dates import FuzzyDate, parse_date
from ..errors import DateError
from . import explain, langdates

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3,
            "twenty": 20, "thirty": 30}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_ON_WEEKDAY = re.compile(r"on (?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.IGNORECASE)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

M = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
     r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
Y = r"(?:19|20)\d\d(?!\d)"
DASH = r"\s*(?:-|–|—|to|until|and|through)\s*"
NUM = r"(?:\d+|a few|several|" + "|".join(k for k in _NUMBERS if " " not in k) + ")"

#: (name, pattern); tried in this order, a later pattern never overlaps an earlier match.
_PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(p, re.IGNORECASE if flags else 0)) for name, p, flags in [
    # a span across two months: "between 27 March and 3 April 1993", "from March 27 to April 3, 1993"
    ("span_dm", rf"\b(?:(?:between|from)\s+)?(?P<d1>{D})\s+(?P<m1>{M}){DASH}(?P<d2>{D})\s+(?P<m2>{M})"
                rf"(?:,?\s+(?P<y>{Y}))?", 0),
    ("span_md", rf"\b(?:(?:between|from)\s+)?(?P<m1>{M})\s+(?P<d1>{D}){DASH}(?P<m2>{M})\s+(?P<d2>{D})"
                rf"(?:,?\s+(?P<y>{Y}))?", 0),
    ("day_range_dm", rf"\b(?P<d1>{D}){DASH}(?P<d2>{D})\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?", 0),
    ("day_range_md", rf"\b(?P<m>{M})\s+(?P<d1>{D}){DASH}(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?", 0),
    ("day_dmy", rf"\b(?P<d>{D})\s+(?:of\s+)?(?P<m>{M}),?\s+(?P<y>{Y})", 0),
    ("day_mdy", rf"\b(?P<m>{M})\s+(?P<d>{D}),?\s+(?P<y>{Y})", 0),
    ("iso_day", rf"\b(?P<y>{Y})-(?P<mn>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b", 0),
    ("dotted_day", rf"\b(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<mn>0?[1-9]|1[0-2])\.(?P<y>{Y})", 0),
    ("month_part", rf"\b(?P<part>early|mid|late|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of)[\s-]+(?P<m>{M}),?\s+(?:of\s+)?(?P<y>{Y})", 1),
    ("month_range", rf"\b(?P<m1>{M}){DASH}(?P<m2>{M}),?\s+(?P<y>{Y})", 0),
    ("day_dm", rf"\b(?P<d>{D})\s+(?:of\s+)?(?P<m>{M})(?![\w-])", 0),
    ("day_md", rf"\b(?P<m>{M})\s+(?P<d>{D})(?![\w,.]*\s*(?:{Y}))", 0),
    ("month_year", rf"\b(?P<m>{M}),?\s+(?:of\s+)?(?P<y>{Y})", 0),
    ("season", rf"\b(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>{Y})", 1),
    ("decade", r"\b(?:the\s+)?(?P<part>early|mid|middle|late)?[\s-]*(?P<dec>(?:19|20)\d0)['’]?s\b", 1),
    ("year_range", rf"\b(?:between\s+|from\s+)?(?P<y1>{Y}){DASH}(?P<y2>{Y}|\d\d(?!\d))", 1),
    ("this_month_day", rf"\b(?:on\s+)?the\s+(?P<d>{D})\s+of\s+this\s+month\b", 1),
    ("relative_ago", rf"\b(?P<n>{NUM})\s+(?P<unit>day|week|month|year)s?\s+ago\b", 1),
    ("relative_to", rf"\b(?P<rel>the\s+(?:next|following|previous)\s+day|the\s+day\s+(?:before|after)"
                    rf"|(?:the|that|those)\s+same\s+(?:day|days|week|weeks|month|months|year)"
                    rf"|that\s+(?:day|year)|the\s+following\s+year"
                    rf"|(?P<part>early|mid|late|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of)[\s-]+"
                    rf"(?:that|the\s+same|that\s+same)\s+month"
                    rf"|(?P<n>{NUM})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|later|on|before\s+that|after\s+that))\b", 1),
    ("relative", r"\b(?P<rel>yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night"
                 r"|last\s+(?:week|month|year)|this\s+(?:week|month|year)"
                 r"|earlier\s+this\s+(?:week|month|year)|the\s+previous\s+(?:week|month|year)"
                 r"|(?:at|over)\s+the\s+weekend|(?:this|last|this\s+past)\s+weekend)\b", 1),
    ("weekday", r"\b(?:[Oo]n|[Ll]ast|[Tt]his\s+past)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", 0),
    ("month_bare", rf"\b(?i:in|since|by|until|till|during|early|late|mid|from|of|last|this|before|after)[\s-]+(?:early\s+|late\s+|mid-)?(?P<m>{M})(?![\w-])", 0),
    ("year", rf"(?<![\d,.\-/])\b(?P<y>{Y})\b(?!\d|,\d|\s*(?:km|kilomet|troops|people|soldiers))", 0),
]]
_RELATIVE_TO = dict(_PATTERNS)["relative_to"]

#: A day named without a year up to this many days after publication is taken as upcoming
#: ("the next meeting, set for 15 December"), not as last year's.
UPCOMING_DAYS = 45

#: A year named in the text (not a decade, not part of a number): context for later phrases.
_EXPLICIT_YEAR = re.compile(r"(?<![\d,.])\b((?:19|20)\d\d)\b(?!\d|,\d|['’]?s\b)")

#: How precise a phrase's kind is (higher wins when a sentence names several moments).
PRECISION = {"since": 1, "day": 6, "days": 5, "week": 5, "part": 4, "month": 4, "months": 3, "season": 3, "year": 2,
             "years": 1, "decade": 0}


@dataclass(frozen=True)
class DateMention:
    """One date phrase: its offsets in the text searched, its EDTF date and how it was read."""

    start: int
    end: int
    words: str
    edtf: str
    grain: str  # day, days, week, month, months, season, year, years, decade
    resolved: str = ""  # how a missing year or a relative phrase was resolved

    @property
    def date(self) -> FuzzyDate:
        return parse_date(self.edtf, allow_interval=True)

    @property
    def rank(self) -> int:
        return PRECISION[self.grain]

    def basis(self) -> str:
        note = f" ({self.resolved})" if self.resolved else ""
        return f"Read from “{self.words}”{note}."



def _readable(edtf: str) -> bool:
    """Whether the atlas reads ``edtf`` as a date or an interval (a candidate it cannot is dropped)."""
    try:
        parse_date(edtf, allow_interval=True)
    except DateError:
        return False
    return True

def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group())


def _checked_day(year: int, month: int, day: int) -> dt.date | None:
    """The calendar day, checked by dateutil (None for 31 April and the like)."""
    try:
        return date_parser.parse(f"{year:04d}-{month:02d}-{day:02d}", yearfirst=True).date()
    except (ValueError, OverflowError):
        return None


def _iso(d: dt.date) -> str:
    return d.isoformat()


@dataclass(frozen=True)
class Context:
    """What a phrase without a year is resolved against."""

    published: FuzzyDate
    year: int | None = None  # the year the surrounding text speaks of, if any
    news: bool = False  # news as news is written: a bare day is the latest such day
    previous: FuzzyDate | None = None  # the date of the sentence before, for "a week earlier"
    deadline: bool = False  # the phrase is a deadline ("by 20 November", "noyabrın 20-dək")
    # the period of the sentence before (a day to a year), for "in those same weeks"
    period: FuzzyDate | None = None

    def year_for(self, month: int, day: int | None = None) -> tuple[int, str]:
        """The year of a month (and day) named without one, and how it was chosen."""
        last = self.published.last
        if self.news:
            # (a deadline may lie a few weeks after publication: "Agdam is to be returned by
            # 20 November", filed on 10 November)
            ahead = dt.timedelta(days=UPCOMING_DAYS if self.deadline else 0)
            year = last.year
            if dt.date(year, month, day or 1) > last + ahead:
                return year - 1, explain.of("year_news", year=year - 1)
            if self.deadline and (month, day or 1) > (last.month, last.day):
                return year, explain.of("year_deadline", year=year, days=UPCOMING_DAYS)
            return year, explain.of("year_news", year=year)
        # (the text's year, unless that puts the day after publication: a text does not report
        # what has not happened, so the day is then the latest such day before it)
        if self.year is not None and dt.date(self.year, month, day or 1) <= last:
            # (a story going on past a new year: a month before the one of the sentence before, in
            # its year, is the next year's when that lies nearer to it, "In October 2022 ... On
            # 20 February ...", and is past)
            p = self.period
            after = p is not None and p.first.year == self.year and _month_end(self.year, month) < p.first \
                and dt.date(self.year + 1, month, day or 1) <= last \
                and dt.date(self.year + 1, month, day or 1) - p.last < p.first - _month_end(self.year, month)
            if after:
                return self.year + 1, explain.of("year_after_previous", year=self.year + 1, date=self.period.text)
            return self.year, explain.of("year_from_text", year=self.year)
        year = self.published.last.year
        first = dt.date(year, month, day or 1)
        if first > self.published.last + dt.timedelta(days=UPCOMING_DAYS):
            return year - 1, explain.of("year_last_month", year=year - 1, month=month)
        return year, explain.of("year_from_publication", year=year)

    def anchor(self) -> tuple[dt.date, bool]:
        """The day relative phrases count from, and whether it is exact."""
        return self.published.last, self.published.precision == "day" and not self.published.uncertain


def _edtf_of(kind: str, g: dict, ctx: Context) -> tuple[str, str, str] | None:
    """(edtf, grain, resolution note) for one match, or None when it is not a real date."""
    def year_of(month: int, day: int | None = None) -> tuple[int, str]:
        if g.get("y"):
            return int(g["y"]), ""
        return ctx.year_for(month, day)

    if kind in ("span_dm", "span_md"):
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        y2, note = year_of(m2, _day(g["d2"]))
        y1 = y2 if m1 <= m2 else y2 - 1  # "28 December and 3 January 1994": December 1993
        d1, d2 = _checked_day(y1, m1, _day(g["d1"])), _checked_day(y2, m2, _day(g["d2"]))
        if not d1 or not d2 or d2 <= d1 or (d2 - d1).days > 366:
            return None
        return f"{_iso(d1)}/{_iso(d2)}", "days", note
    if kind in ("day_range_dm", "day_range_md"):
        m = _month(g["m"])
        y, note = year_of(m, _day(g["d1"]))
        d1, d2 = _checked_day(y, m, _day(g["d1"])), _checked_day(y, m, _day(g["d2"]))
        if not d1 or not d2 or d2 <= d1:
            return None
        return f"{_iso(d1)}/{_iso(d2)}", "days", note
    if kind in ("day_dmy", "day_mdy", "day_dm", "day_md", "iso_day", "dotted_day"):
        m = int(g["mn"]) if g.get("mn") else _month(g["m"])
        y, note = year_of(m, _day(g["d"]))
        d = _checked_day(y, m, _day(g["d"]))
        return (_iso(d), "day", note) if d else None
    if kind == "month_range":
        y = int(g["y"])
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        if m2 <= m1:
            return None
        return f"{y}-{m1:02d}/{y}-{m2:02d}", "months", ""
    if kind == "month_year":
        return f"{int(g['y'])}-{_month(g['m']):02d}", "month", ""
    if kind == "month_bare":
        m = _month(g["m"])
        y, note = year_of(m)
        return f"{y}-{m:02d}", "month", note
    if kind == "month_part":
        return _month_part(int(g["y"]), _month(g["m"]), _part(g["part"])) + ("",)
    if kind == "season":
        y = int(g["y"])
        a, b = _SEASONS[g["s"].lower()]
        end = f"{y + 1}-{b:02d}" if b < a else f"{y}-{b:02d}"
        return f"{y}-{a:02d}/{end}", "season", ""
    if kind == "decade":
        dec = int(g["dec"])
        part = (g.get("part") or "").lower()
        a, b = {"early": (0, 3), "mid": (3, 6), "middle": (3, 6), "late": (6, 9)}.get(part, (0, 9))
        return f"{dec + a}~/{dec + b}~", "decade", ""
    if kind == "year_range":
        y1 = int(g["y1"])
        y2 = int(g["y2"]) if len(g["y2"]) == 4 else (y1 // 100) * 100 + int(g["y2"])
        if y2 <= y1 or y2 - y1 > 60:
            return None
        return f"{y1}/{y2}", "years", ""
    if kind == "year":
        return g["y"], "year", ""
    if kind == "this_month_day":
        return _this_month_day(_day(g["d"]), ctx)
    if kind in ("relative", "relative_ago", "weekday"):
        return _relative(kind, g, ctx)
    if kind == "relative_to":
        return _relative_to(g, ctx)
    return None


def _part(words: str) -> str:
    """"early", "mid" or "late" for the English words of a part of a month ("at the end of")."""
    part = words.lower().split()[-2] if " " in words else words.lower()
    return {"end": "late", "beginning": "early", "start": "early", "middle": "mid"}.get(part, part)


def _relative_to(g: dict, ctx: Context) -> tuple[str, str, str] | None:
    """A day counted from the date of the sentence before ("the next day", "a week earlier",
    "ten days later"); from the publication date when no sentence before has one. A part of
    "that month" is that part of the month of the sentence before."""
    rel = " ".join(g["rel"].lower().split())
    if g.get("part"):
        base = ctx.previous or ctx.period
        if base is None or (base.first.year, base.first.month) != (base.last.year, base.last.month):
            return None
        edtf, grain = _month_part(base.first.year, base.first.month, _part(g["part"]))
        return edtf, grain, explain.of("counted_from_previous", date=base.text)
    if rel.endswith("year"):  # the same year as the sentence before, or the one after it
        base = ctx.period or ctx.previous
        if base is None or base.first.year != base.last.year:
            return None
        return str(base.first.year + ("following" in rel)), "year", \
            explain.of("counted_from_previous", date=base.text)
    if g.get("n"):
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMBERS.get(n)
        if not count or count > 60:
            return None
        later = g["dir"].lower().startswith(("later", "after", "on"))
        if g["dir"].lower() == "on" and g["unit"].lower() in ("day", "week"):
            return None  # "closed for a day on 12 December" counts nothing
        if g["unit"].lower() in ("month", "year"):  # "four years on": the month it falls in, roughly
            return _months_from(count * (12 if g["unit"].lower() == "year" else 1) * (1 if later else -1), ctx)
        days = count * (7 if g["unit"].lower() == "week" else 1)
    elif "same" in rel and not rel.endswith("day") and ctx.period is not None:
        # (the same weeks, months: the period of the sentence before, as it is)
        return ctx.period.text, "days" if ctx.period.precision == "day" else "months", \
            explain.of("counted_from_previous", date=ctx.period.text)
    else:  # (the same day: the day of the sentence before)
        days, later = 0 if "same" in rel or rel == "that day" else 1, any(w in rel for w in ("next", "following", "after"))
        if days == 0 and ctx.previous is None:
            return None  # ("that day" with no day before it to be: not the day of publication)
    shift = dt.timedelta(days=days if later else -days)
    if ctx.previous is not None:
        note = explain.of("counted_from_previous", date=ctx.previous.text)
        first, last = ctx.previous.first + shift, ctx.previous.last + shift
        if first != last:  # a night or a few days: the same span, moved
            return f"{_iso(first)}/{_iso(last)}", "days", note
        return f"{_iso(first)}{'' if ctx.previous.precision == 'day' else '~'}", "day", note
    (base, exact), note = ctx.anchor(), explain.of("counted_from_publication", date=ctx.published.text)
    return f"{_iso(base + shift)}{'' if exact else '~'}", "day", note


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _this_month_day(day: int, ctx: Context) -> tuple[str, str, str] | None:
    """A day of the month of writing ("the 4th of this month", "bu ayın 4-də", "ամսի 4-ին",
    "4-го числа"): in the publication date's month, on or before its day; None for a day after it
    or for a publication date not known to the day."""
    base, exact = ctx.anchor()
    if not exact or day > base.day:
        return None
    return _iso(base.replace(day=day)), "day", explain.of("counted_from_publication", date=ctx.published.text)


def _months_from(months: int, ctx: Context) -> tuple[str, str, str]:
    """The month ``months`` after (or before) the sentence before's date, approximate ("four
    years on" after 10 November 2020: 2024-11~); from the publication date without one."""
    # (the later of the last day named and the date of the sentence before, a day or not: a
    # story told on from its latest point, not from a flashback's)
    before = max((d for d in (ctx.previous, ctx.period) if d is not None), key=lambda d: d.first, default=None)
    if before is not None:
        base, note = before.first, explain.of("counted_from_previous", date=before.text)
    else:
        base, note = ctx.anchor()[0], explain.of("counted_from_publication", date=ctx.published.text)
    when = base + relativedelta(months=months)
    return f"{when.year}-{when.month:02d}~", "month", note


def _relative(kind: str, g: dict, ctx: Context) -> tuple[str, str, str] | None:
    anchor, exact = ctx.anchor()
    note = explain.of("counted_back", date=ctx.published.text)
    approx = "" if exact else "~"
    if kind == "relative_ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMBERS.get(n)
        if not count or count > 200:
            return None
        unit = g["unit"].lower()
        when = anchor - relativedelta(**{unit + "s": count})
        if unit == "year":
            return f"{when.year}~", "year", note
        if unit == "month":
            return f"{when.year}-{when.month:02d}~", "month", note
        if unit == "week":
            return f"{_iso(when - dt.timedelta(days=3))}~/{_iso(when + dt.timedelta(days=3))}~", "week", note
        return f"{_iso(when)}{'~' if not exact or count > 2 else ''}", "day", note
    if kind == "weekday":
        target = _WEEKDAYS[g["wd"].lower()]
        back = (anchor.weekday() - target) % 7
        day = anchor - dt.timedelta(days=back)
        return f"{_iso(day)}{approx}", "day", explain.of("counted_back_weekday", date=ctx.published.text, weekday=target)
    rel = " ".join(g["rel"].lower().split())
    if rel in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return f"{_iso(anchor)}{approx}", "day", note
    if rel == "last night":  # the night before the day of writing, which ends on that day
        return f"{_iso(anchor - dt.timedelta(days=1))}{approx}/{_iso(anchor)}{approx}", "days", note
    if rel == "yesterday":
        return f"{_iso(anchor - dt.timedelta(days=1))}{approx}", "day", note
    if rel.endswith("weekend"):  # the latest Saturday and Sunday, up to the day of writing
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        sunday = min(saturday + dt.timedelta(days=1), anchor)
        if sunday == saturday:
            return f"{_iso(saturday)}{approx}", "day", note
        return f"{_iso(saturday)}{approx}/{_iso(sunday)}{approx}", "days", note
    unit = rel.split()[-1]
    back = 0 if rel.startswith(("this", "earlier")) else 1
    if unit == "year":
        return f"{anchor.year - back}", "year", note
    if unit == "month":
        when = anchor - relativedelta(months=back)
        return f"{when.year}-{when.month:02d}", "month", note
    monday = anchor - dt.timedelta(days=anchor.weekday()) - dt.timedelta(weeks=back)
    last = min(monday + dt.timedelta(days=6), anchor)
    return f"{_iso(monday)}{approx}/{_iso(last)}{approx}", "week", note


class _Taken:
    """The spans already read as dates (never overlapping): whether a new span overlaps one,
    by bisection, so that a text with many dates is read in n log n, not n squared."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)  # the spans starting before e
        return i > 0 and self.ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


#: how far before a phrase the words that qualify it ("in 2020", "since") are looked for
_LOOKBACK = 60
_YEAR_PREPOSITION = re.compile(r"\b(?:in|of|since|by|during|from|until|till|throughout)\s+$", re.IGNORECASE)
#: words before a day that make it a deadline, which may lie after publication
_DEADLINE = re.compile(r"\b(?:by|until|till|before|no\s+later\s+than)\s+(?:the\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+|early\s+|late\s+)?$", re.IGNORECASE)
_SINCE_HEAD = re.compile(r"since\b", re.IGNORECASE)


def _since_context(ctx: Context) -> Context:
    """How a day or month without a year is read after "since": a period that runs to the time
    of writing begins at the latest such date before it, whatever year the text spoke of."""
    return Context(ctx.published, news=True)


def _ends_with(pattern: re.Pattern, text: str, at: int) -> re.Match | None:
    """``pattern`` (anchored with ``$``) matched just before ``at``, looking back a bounded
    window (``\\b`` still sees the character before the window)."""
    return pattern.search(text, max(0, at - _LOOKBACK), at)


def _language_mentions(text: str, ctx: Context, lang: str, taken: _Taken) -> list[DateMention]:
    """Armenian, Azerbaijani and Russian phrases (Armenian and Cyrillic script are looked for
    in every text; Azerbaijani, written in Latin letters, only in an Azerbaijani one)."""
    out = []
    for language in dict.fromkeys(l for l in (lang, "hy", "ru") if l != "en"):
        years = _own_years(text, language)
        for lp in langdates.patterns(language):
            for m in lp.pattern.finditer(text):
                s, e = m.span()
                if taken.overlaps(s, e):
                    continue
                here = ctx
                before = bisect.bisect_left(years, (s,)) if lp.kind in _BARE_KINDS and not m.groupdict().get("y") else 0
                if before:  # the sentence's own year, named before it, wins ("Январь 1990 г. — ... в ночь на 20 января")
                    here = Context(ctx.published, years[before - 1][1])
                if ctx.news and langdates.is_deadline(language, text, s, e):
                    here = replace(here, deadline=True)
                elif lp.kind in _BARE_KINDS and not before and not m.groupdict().get("y") \
                        and langdates.is_since(language, text, s, e):
                    here = _since_context(ctx)  # ("since 12 December": the last 12 December, as news reads it)
                result = _language_edtf(lp, {k: v for k, v in m.groupdict().items() if v}, here)
                if result is None:
                    continue
                edtf, grain, note = result
                if here.deadline:
                    edtf, grain, note = _from_publication(edtf, grain, note, ctx)
                elif "/" not in edtf and langdates.is_since(language, text, s, e):
                    edtf, grain, note = _until_published(edtf, grain, note, ctx), "since", \
                        explain.both(note, explain.of("until_publication"))
                    if edtf is None:
                        continue
                if not _readable(edtf):
                    continue
                taken.add(s, e)
                out.append(DateMention(s, e, text[s:e], edtf, grain, note))
    return out


#: the kinds of a language's phrases that may name no year and then take the context's
_BARE_KINDS = frozenset({"day", "days", "month", "month_part", "months"})


def _own_years(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, year) of the phrases of ``lang`` in ``text`` that name their year (not a decade)."""
    out = {(m.start(), int(m.group("y"))) for m in langdates.year_pattern(lang).finditer(text)}
    for lp in langdates.patterns(lang):
        if lp.kind == "decade":
            continue
        for m in lp.pattern.finditer(text):
            y = m.groupdict().get("y") or m.groupdict().get("y2")
            if y:
                out.add((m.start(), int(y)))
    return sorted(out)


def _language_edtf(lp, g: dict, ctx: Context) -> tuple[str, str, str] | None:
    lang = lp.lang
    if lp.kind == "relative":
        english = langdates.relative_english(lang, g["rel"])
        if english is None:
            return None
        anchored = _RELATIVE_TO.fullmatch(english)
        if anchored:
            return _relative_to({k: v for k, v in anchored.groupdict().items() if v}, ctx)
        weekday = _ON_WEEKDAY.fullmatch(english)  # "в пятницу", "cümə günü", "ուրբաթ": on Friday
        if weekday:
            return _relative("weekday", {"wd": weekday.group("wd")}, ctx)
        return _relative("relative", {"rel": english}, ctx)
    if lp.kind == "months":
        return _language_months(lang, g, ctx)
    if lp.kind == "this_month_day":
        return _this_month_day(int(g["d"]), ctx)
    if lp.kind == "month_part":
        month = langdates.month_number(lang, g["m"])
        year, note = (int(g["y"]), "") if g.get("y") else ctx.year_for(month, None)
        return _month_part(year, month, langdates.month_part(lang, g["part"])) + (note,)
    if lp.kind == "season":
        return _edtf_of("season", {"s": langdates.season_of(lang, g["s"]), "y": g["y"]}, ctx)
    if lp.kind == "decade":
        return _edtf_of("decade", {"dec": g["dec"], "part": langdates.decade_part(lang, g.get("part"))}, ctx)
    month = langdates.month_number(lang, g["m"])
    first_day = int(g["d1"]) if lp.kind == "days" else int(g["d"]) if lp.kind == "day" else None
    if g.get("y"):
        year, note = int(g["y"]), ""
    else:
        year, note = ctx.year_for(month, first_day)
    if lp.kind == "month":
        d = langdates.read(lang, langdates.normalised(lang, None, month, year))
        return (f"{d.year}-{d.month:02d}", "month", note) if d else None
    if lp.kind == "days":
        d1 = langdates.read(lang, langdates.normalised(lang, int(g["d1"]), month, year))
        d2 = langdates.read(lang, langdates.normalised(lang, int(g["d2"]), month, year))
        if not d1 or not d2 or d2 <= d1:
            return None
        return f"{_iso(d1)}/{_iso(d2)}", "days", note
    d = langdates.read(lang, langdates.normalised(lang, first_day, month, year))
    if d is None:
        return None
    if g.get("night"):  # "в ночь на 27 сентября": the night from the 26th to the 27th
        return f"{_iso(d - dt.timedelta(days=1))}/{_iso(d)}", "days", \
            explain.both(note, explain.of("night_before"))
    return _iso(d), "day", note


#: the days of a month's early, middle and late part
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _month_part(year: int, month: int, part: str) -> tuple[str, str]:
    """(EDTF, grain) of a part of a month: "late October 1993" -> 1993-10-21/1993-10-31."""
    first, last = MONTH_PARTS[part]
    last = min(last, calendar.monthrange(year, month)[1])
    return f"{year}-{month:02d}-{first:02d}/{year}-{month:02d}-{last:02d}", "part"


def _language_months(lang: str, g: dict, ctx: Context) -> tuple[str, str, str] | None:
    """Two months joined ("в июне и июле 1992 года", "noyabr-dekabr"): from the first to the
    second, in the year given before or after them, else the year the context gives."""
    first, last = langdates.month_number(lang, g["m1"]), langdates.month_number(lang, g["m2"])
    if last <= first:
        return None
    year = g.get("y") or g.get("y2")
    if year:
        year, note = int(year), ""
    else:
        year, note = ctx.year_for(first, None)
    return f"{year}-{first:02d}/{year}-{last:02d}", "months", note


def find_dates(text: str, ctx: Context, lang: str = "en") -> list[DateMention]:
    """Every date phrase in ``text`` (non-overlapping, in text order); ``lang`` is the text's
    language (en, hy, az, ru)."""
    taken = _Taken()
    found: list[DateMention] = _language_mentions(text, ctx, lang, taken)
    # a year after a preposition carries over to a later "on 10 November" ("the war of 2020
    # ended on 10 November"); one that belongs to a month ("the ceasefire of November 2020 ...
    # met on 26 November") or qualifies a noun ("the 1994 ceasefire ... on Apr. 14") does not
    years = [(m.start(), int(m.group(1))) for m in _EXPLICIT_YEAR.finditer(text)
             if _ends_with(_YEAR_PREPOSITION, text, m.start())]
    year_starts = [at for at, _ in years]
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            before = bisect.bisect_left(year_starts, s)  # the years named before s
            # the sentence's own year wins, in news too
            here = Context(ctx.published, years[before - 1][1]) if before else ctx
            if ctx.news and _ends_with(_DEADLINE, text, s):
                here = replace(here, deadline=True)
            if taken.overlaps(s, e):
                continue
            if kind == "year" and _looks_like_reference(text, s, e):
                continue
            if kind in ("month_bare", "day_md", "day_dm") and m.group("m").lower().rstrip(".") == "may" \
                    and not m.group("m")[0].isupper():
                continue
            # ("since" before the phrase, or its own first word: "Since March")
            since = _ends_with(_SINCE, text, s) or _SINCE_HEAD.match(text, s, e)
            if since and kind in ("month_bare", "day_md", "day_dm") and not before:
                here = _since_context(ctx)  # ("since 12 December": the last 12 December, as news reads it)
            result = _edtf_of(kind, {k: v for k, v in m.groupdict().items() if v}, here)
            if result is None:
                continue
            edtf, grain, note = result
            if not _readable(edtf):
                continue
            taken.add(s, e)
            if here.deadline:
                edtf, grain, note = _from_publication(edtf, grain, note, ctx)
            if "/" not in edtf and (since or (lang != "en" and langdates.is_since(lang, text, s, e))):
                edtf, grain, note, s = _until_published(edtf, grain, note, ctx), "since", \
                    explain.both(note, explain.of("until_publication")), since.start() if since else s
                if edtf is None:
                    continue
            found.append(DateMention(s, e, text[s:e], edtf, grain, note))
    return sorted(found, key=lambda d: d.start)


def _from_publication(edtf: str, grain: str, note: str, ctx: Context) -> tuple[str, str, str]:
    """A deadline after publication ("by 20 November", written on 10 November): the period
    from the publication date to it, of which the text speaks; one before it stays a day."""
    if grain != "day" or edtf <= ctx.published.last.isoformat():
        return edtf, grain, note
    return f"{ctx.published.last.isoformat()}/{edtf}", "days", explain.both(note, explain.of("to_deadline"))


def _until_published(edtf: str, grain: str, note: str, ctx: Context) -> str | None:
    """"since X": the period from X to the publication date."""
    end = ctx.published.text.rstrip("~?%")
    if "/" in end:
        end = end.split("/")[-1]
    try:
        if parse_date(end).last <= parse_date(edtf).first:
            return None
        period = f"{edtf}/{end}"
        parse_date(period, allow_interval=True)
        return period
    except DateError:
        return None


def _looks_like_reference(text: str, s: int, e: int) -> bool:
    """A year inside a citation ("(Smith 2019)", "2019, p. 4") is not what the sentence speaks of."""
    before = text[max(0, s - 30):s]
    return bool(re.search(r"\b[A-Z][a-z]+,?\s*(?:et al\.,?\s*)?\($|\(\s*[A-Z][a-z]+,?\s*$", before)) \
        or bool(re.match(r"[a-z]?\s*[:,]\s*(?:p|pp)\.", text[e:e + 8]))


def years_in(mentions: list[DateMention]) -> list[int]:
    """The years the mentions name explicitly (context for later phrases without a year);
    decades and ranges of years set no year."""
    return [int(m.edtf[:4]) for m in mentions if not m.resolved and m.grain not in ("decade", "years")]


def best(mentions: list[DateMention], published: FuzzyDate | None = None,
         past_only: bool = False) -> DateMention | None:
    """The mention a sentence is dated by: the most precise, the first among equals. A
    moment after publication (a plan "by 2026") only when there is no other, or never
    with ``past_only``."""
    if published is not None:
        past = [m for m in mentions if m.date.first <= published.last]
        mentions = past if (past or past_only) else mentions
    if not mentions:
        return None
    # (among equals, a phrase that names its moment over one counted from another: "Four years
    # later, in July 2020, ...")
    return max(mentions, key=lambda m: (m.rank, getattr(m.resolved, "code", "") != "counted_from_previous", -m.start))
