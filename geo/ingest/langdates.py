"""Date phrases in Armenian, Azerbaijani and Russian.

Patterns built from ``languages.json`` find the *candidates* ("դեկտեմբերի 12-ի",
"aprelin 23-ü", "2020-ci il 10 noyabr", "12 декабря 2022 года", "в ночь на 27 сентября",
"вчера"); each candidate is normalised by a small table (case endings and suffixes after
the day dropped, the year moved to the end, the month in the form dateparser knows) and
read by ``dateparser`` in its language. dateparser never scans free text: it only reads
what a pattern found. dateparser reads the bare forms ("13 սեպտեմբերի 2022", "23 aprel
2023", "12 декабря") but not "սեպտեմբերի 13-ին", "aprelin 23-ü", "2020-ci il 10 noyabr"
or "в ночь на 27 сентября" (see tests/test_ingest_langdates.py); the table is for those.
A candidate without a year takes the year the caller's context gives.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .languages import table

Y = r"(?:19|20)\d\d(?!\d)"
D = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"


def fold(word: str) -> str:
    """``word`` case-folded, with Azerbaijani capital İ as i ("İki" is "iki"; Python folds it
    to "i" and a combining dot)."""
    return word.replace("İ", "i").casefold()


def _alt(words) -> str:
    """An alternation of ``words``, longest first; a word opening with "i" also with "İ" (an
    Azerbaijani sentence's first word: "İki həftə sonra", "İyunun 12-də")."""
    words = set(words) | {"İ" + w[1:] for w in words if w[:1] == "i"}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class LangPattern:
    lang: str
    kind: str  # day, days, month, month_part, months, season, decade, relative, this_month_day
    pattern: re.Pattern


@lru_cache(maxsize=8)
def patterns(lang: str) -> tuple[LangPattern, ...]:
    """The candidate patterns of one language, most specific first."""
    t = table(lang)
    if not t:
        return ()
    forms = [f for fs in t["months"].values() for f in fs]
    M = f"(?P<m>{_alt(forms)})(?:{_alt(t['month_suffixes'])})?" if t["month_suffixes"] else f"(?P<m>{_alt(forms)})"
    DS = f"(?:-?(?:{_alt(t['day_suffixes'])}))?" if t["day_suffixes"] else ""
    YM = f"(?:[\\s-]*(?:{_alt(t['year_marks'])}))?"
    YEAR = f"(?P<y>{Y}){YM}"
    alone = t.get("month_alone_suffixes") or []
    night = f"(?:(?P<night>{_alt(t['night_before'])})\\s+)?" if t.get("night_before") else ""
    B, E = r"(?<![\w-])", r"(?![\w])"
    # two months joined ("в июне-июле 1992 года", "1992-ci ilin iyun-iyul aylarında",
    # "նոյեմբեր-դեկտեմբերին"): the months between
    M1, M2 = M.replace("(?P<m>", "(?P<m1>"), M.replace("(?P<m>", "(?P<m2>")
    JOIN = f"\\s*[-–—]\\s*|\\s+(?:{_alt(t.get('conjunctions_and', []))})\\s+" if t.get("conjunctions_and") \
        else "\\s*[-–—]\\s*"
    # a part of a month ("в конце октября 1993 года", "oktyabr ayının sonunda", "հոկտեմբերի վերջին")
    parts = t.get("month_parts")
    part_specs = []
    if parts:
        P = f"(?P<part>{_alt(w for ws in parts['words'].values() for w in ws)})"
        part_specs = [("month_part", f"{B}{P}\\s+{M}(?:[\\s,]+{YEAR})?{E}") if parts["before"] else
                      ("month_part", f"{B}(?:{YEAR}[\\s,]*)?{M}(?:\\s+{_alt(parts.get('between', []))})?\\s+{P}\\w*{E}")]
    specs = part_specs + [
        ("months", f"{B}(?:{YEAR}[\\s,]*)?(?:в\\s+)?{M1}(?:{JOIN})(?:в\\s+)?{M2}(?:[\\s,]+{YEAR.replace('(?P<y>', '(?P<y2>')})?{E}"),
        # "2022 թ. սեպտեմբերի 13-ին", "2020-ci il 10 noyabr", "2020-ci ilin noyabrın 10-da"
        ("day", f"{B}{YEAR}[\\s,]*(?P<d>{D}){DS}\\s+{M}{E}"),
        ("day", f"{B}{YEAR}[\\s,]*{M}\\s+(?P<d>{D}){DS}{E}"),
        # "սեպտեմբերի 13-14-ին", "13-14 сентября 2022 года"
        ("days", f"{B}{M}\\s+(?P<d1>{D})\\s*[-–—]\\s*(?P<d2>{D}){DS}(?:[\\s,]+{YEAR})?{E}"),
        ("days", f"{B}(?:с\\s+)?(?P<d1>{D}){DS}\\s*(?:[-–—]|по|və)\\s*(?P<d2>{D}){DS}\\s+{M}(?:[\\s,]+{YEAR})?{E}"),
        # "в ночь на 27 сентября 2020 года", "12 декабря", "23 aprel 2023-cü il"
        ("day", f"{B}{night}(?P<d>{D}){DS}\\s+{M}(?:[\\s,]+{YEAR})?{E}"),
        # "aprelin 23-ü", "դեկտեմբերի 12-ի", "սեպտեմբերի 13, 2022"
        ("day", f"{B}{M}\\s+(?P<d>{D}){DS}(?:[\\s,]+{YEAR})?{E}"),
        # "2020 թ. սեպտեմբերին", "2020-ci ilin sentyabrında", "сентябрь 2020 года"
        ("month", f"{B}{YEAR}[\\s,]*{M}{E}"),
        ("month", f"{B}{M}[\\s,]+{YEAR}{E}"),
    ]
    if t.get("seasons"):  # "весной 1991 года", "1993-cü ilin payızında", "1992 թվականի ամռանը"
        seasons = _alt(f for fs in t["seasons"].values() for f in fs)
        specs += [("season", f"{B}(?P<s>{seasons})\\s+{YEAR}{E}"), ("season", f"{B}{YEAR}[\\s,]*(?P<s>{seasons}){E}")]
    if t.get("decade"):  # "в начале 1990-х", "1990-cı illərin əvvəlində", "1990-ականների սկզբին"
        specs.append(("decade", t["decade"]))
    if alone:
        specs.append(("month", f"{B}(?P<m>{_alt(forms)})(?:{_alt(alone)}){E}"))
    if lang == "ru":  # "в сентябре", "в конце сентября"
        specs.append(("month", f"{B}(?:в|во|к|с|до|в\\s+начале|в\\s+конце|в\\s+середине)\\s+(?P<m>{_alt(forms)}){E}"))
    if t.get("this_month_day"):  # "bu ayın 4-də", "ամսի 4-ին", "4-го числа": a day of the month of writing
        words = t["this_month_day"]
        specs.append(("this_month_day", f"{B}(?:{_alt(words['before'])})\\s+(?P<d>{D}){DS}{E}" if words.get("before")
                      else f"{B}(?P<d>{D})(?:-?го)?\\s+(?:{_alt(words['after'])}){E}"))
    rel = _alt(relative_phrases(lang))
    specs.append(("relative", f"{B}(?P<rel>{rel}){E}"))
    return tuple(LangPattern(lang, kind, re.compile(p, re.IGNORECASE)) for kind, p in specs)


@lru_cache(maxsize=8)
def year_pattern(lang: str) -> re.Pattern:
    """A year with the language's mark of a year after it ("2020-ci ildə", "в 2020 году",
    "2020 թվականին"); not a decade ("1990-cı illərdə", "1990-х")."""
    t = table(lang)
    return re.compile(f"(?<![\\w-])(?P<y>{Y})[\\s-]*(?:{_alt(t['year_marks'])})(?![\\w])", re.IGNORECASE)


#: the counts "two weeks later" is written with: words of the table's ``counted`` and digits
DIGIT_COUNTS = range(1, 32)


@lru_cache(maxsize=8)
def relative_phrases(lang: str) -> dict[str, str]:
    """The language's relative phrases (``relative``: "вчера" -> "yesterday") and the counted
    ones made from ``counted`` ("через две недели", "iki həftə sonra", "երկու շաբաթ անց" ->
    "2 weeks later"): each template of ``later`` and ``earlier`` with each count (a number
    word or digits) and each form of a unit; a template without ``{n}`` counts one."""
    t = table(lang)
    out = dict(t["relative"])
    counted = t.get("counted")
    if not counted:
        return out
    counts = {**{str(n): n for n in DIGIT_COUNTS}, **counted["numbers"]}
    for way in ("later", "earlier"):
        for template in counted.get(way, []):
            for form, unit in counted["units"].items():
                for word, n in (counts.items() if "{n}" in template else [("", 1)]):
                    phrase = " ".join(template.format(n=word, u=form).split())
                    out.setdefault(phrase, f"{n} {unit}{'s' if n > 1 else ''} {way}")
    return out


def season_of(lang: str, word: str) -> str:
    """The English season ("spring", ...) a form of the language's ``seasons`` names."""
    return next(s for s, forms in table(lang)["seasons"].items() if fold(word) in {fold(f) for f in forms})


def month_part(lang: str, word: str) -> str:
    """"early", "mid" or "late" for a word of the language's ``month_parts``."""
    w = fold(word)
    return next(p for p, ws in table(lang)["month_parts"]["words"].items() if any(w.startswith(fold(x)) for x in ws))


def decade_part(lang: str, word: str | None) -> str | None:
    """"early", "mid" or "late" for a word of the language's ``decade_parts`` (by its beginning)."""
    w = fold(word or "")
    return next((p for p, starts in table(lang).get("decade_parts", {}).items()
                 if w and w.startswith(tuple(starts))), None)


@lru_cache(maxsize=8)
def _relative_folded(lang: str) -> dict[str, str]:
    return {fold(k): v for k, v in relative_phrases(lang).items()}


def relative_english(lang: str, phrase: str) -> str | None:
    """The English relative phrase a phrase of the language means ("Через две недели" ->
    "2 weeks later"), whatever its case and spacing; None for none."""
    return _relative_folded(lang).get(fold(" ".join(phrase.split())))


@lru_cache(maxsize=8)
def _month_numbers(lang: str) -> dict[str, int]:
    return {f.casefold(): int(n) for n, forms in table(lang)["months"].items() for f in forms}


def month_number(lang: str, word: str) -> int:
    return _month_numbers(lang)[fold(word)]


def normalised(lang: str, day: int | None, month: int, year: int) -> str:
    """The candidate as dateparser reads it in ``lang``: "13 սեպտեմբերի 2022",
    "23 aprel 2023", "12 декабря 2022" (day, the month's first form, year)."""
    form = table(lang)["months"][str(month)][0]
    if day is None:
        # a month alone: the nominative (Russian's second form: "сентябрь 2020")
        forms = table(lang)["months"][str(month)]
        return f"{forms[1] if lang == 'ru' and len(forms) > 1 else forms[0]} {year}"
    return f"{day} {form} {year}"


@lru_cache(maxsize=8)
def _parser(lang: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings={"PREFER_DAY_OF_MONTH": "first",
                                                      "RETURN_TIME_AS_PERIOD": False})


def read(lang: str, phrase: str) -> dt.date | None:
    """dateparser's reading of a normalised candidate (None when it cannot read it, for
    example 31 April)."""
    data = _parser(lang).get_date_data(phrase)
    return data.date_obj.date() if data and data.date_obj else None


def _words_around(text: str, start: int, end: int, after: int) -> tuple[list[str], list[str]]:
    """The phrases of up to two words ending right before ``start`` ("до", "не позднее") and
    the first ``after`` words after ``end``, lower case, without punctuation."""
    before = text[max(0, start - 40):start].split()[-2:]
    return ([" ".join(before[k:]).casefold() for k in range(len(before))],
            [w.casefold().strip(".,;:։") for w in text[end:end + 40].split()[:after]])


def _any_in(words: list[str], table_words) -> bool:
    return bool(set(words) & {w.casefold() for w in table_words})


def is_since(lang: str, text: str, start: int, end: int) -> bool:
    """Whether the date phrase ``text[start:end]`` starts a period that runs on ("с 1992
    года", "1992-ci ildən bəri", "կիրակի օրվանից"): the language's ``since_words`` right
    before it, or one of ``since_after`` among the three words after it (not a range's end:
    "с 20 октября по 19 декабря" is read as one period)."""
    t = table(lang)
    if not t or not (t.get("since_words") or t.get("since_after")):
        return False
    before, after = _words_around(text, start, end, 3)
    ranged = _any_in(after[:1], t.get("range_words", []))
    return not ranged and (_any_in(before, t.get("since_words", [])) or _any_in(after, t.get("since_after", [])))


def is_deadline(lang: str, text: str, start: int, end: int) -> bool:
    """Whether the date phrase ``text[start:end]`` is a deadline ("до 20 ноября", "noyabrın
    20-dək", "մինչև նոյեմբերի 20-ը"): the language's ``deadline_words`` before it, a
    ``deadline_endings`` ending on it, or ``deadline_after`` words right after it."""
    t = table(lang)
    before, after = _words_around(text, start, end, 1)
    return _any_in(before, t.get("deadline_words", [])) \
        or text[start:end].casefold().endswith(tuple(t.get("deadline_endings", []))) \
        or _any_in(after, t.get("deadline_after", []))
