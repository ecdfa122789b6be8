"""A news item's dateline: "YEREVAN, September 13 (Reuters) -", "БАКУ, 13 сентября. /ТАСС/.",
"Bakı, 23 aprel, AZƏRTAC", "Ստեփանակերտ, դեկտեմբերի 12, Արմենպրես:".

A dateline is the opening words of a news item's first paragraph: a place (one to three
words), a comma, optionally the country or region and a comma ("GORIS, Armenia, Jan 20"), a
date phrase, optionally a wire service (in brackets, slashes or after a comma), then a dash,
a full stop or a colon. It is read as the place and the day the item
was filed, never as what the sentence after it speaks of: that sentence's own date wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..dates import FuzzyDate
from .dates import Context, find_dates
from .languages import tables

#: how far into the text a dateline may end
MAX_DATELINE_CHARS = 120
_WORDS = r"[^\W\d_][^\W\d_'’.-]*(?:[ -][^\W\d_][^\W\d_'’.-]*){0,2}"
#: the place, and the country or region a wire service adds ("GORIS, Armenia, Jan 20")
_PLACE = re.compile(rf"\s*(?P<place>{_WORDS})\s*,\s*(?:{_WORDS}\s*,\s*)?")
_SEPARATOR = re.compile(r"\s*(?:[-–—]+|[.:։]|,)\s*")


@lru_cache(maxsize=1)
def _agency() -> re.Pattern:
    names = {"Reuters", "AP", "AFP", "Interfax", "TASS", "Xinhua", "Bloomberg", "ANI"}
    for t in tables().values():
        names |= set(t.get("dateline_agencies", []))
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\s*(?:\(\s*(?:{alt})\s*\)|/\s*(?:{alt})\s*/|[,—–-]\s*(?:{alt})\b)\.?", re.IGNORECASE)



@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # where the item's first sentence begins
    words: str
    place: str
    date_words: str
    edtf: str
    agency: bool

    def record(self, place_ids: list[str]) -> dict:
        return {"words": self.words, "place": self.place, "place_ids": place_ids, "date": self.edtf}


def find_dateline(text: str, published: FuzzyDate, lang: str = "en") -> Dateline | None:
    """The dateline at the start of ``text`` (its first paragraph), or None."""
    agencies = _agency()
    head = text[:MAX_DATELINE_CHARS]
    place = _PLACE.match(head)
    if not place:
        return None
    # the date phrase must stand right after the place's comma
    ctx = Context(published, news=True)
    mentions = [m for m in find_dates(head[place.end():], ctx, lang) if m.start == 0 and m.grain == "day"]
    if not mentions:
        return None
    date = mentions[0]
    at = place.end() + date.end
    agency = agencies.match(head, at)
    if agency:
        at = agency.end()
    sep = _SEPARATOR.match(head, at)
    if not agency and (not sep or sep.group().strip() == ","):
        return None
    end = sep.end() if sep else at
    if not agency and (late := agencies.match(head, end)):  # "13 сентября. /ТАСС/."
        agency, end = late, late.end()
        end = sep.end() if (sep := _SEPARATOR.match(head, end)) else end
    return Dateline(0, end, head[:end].strip(), place.group("place"), date.words, date.edtf, bool(agency))
