"""Sentences and paragraphs of a text, with their character offsets.

A small rule-based splitter for the four languages ingest reads: a sentence ends at ``.``,
``!``, ``?``, ``…`` or the Armenian full stop ``։`` (also typed as a colon ``:`` between
Armenian words), with any closing quote or bracket (``”``, ``»``, ``"``, ``)``), followed by
space and a capital letter of any script, a digit or an opening quote (``“``, ``«``, ``„``)
(after ``։``, which is never anything but a stop, any space: "... սկսվեցին։ հոկտեմբերի 4 —"),
and any footnote mark (``<sup>18</sup>``, ``[4]``), unless the word before the stop is an abbreviation of the text's language ("Apr.", "г.",
"т.е.", "թ.", "b.") or an initial. Splitting is linear in the text's length: every stop
is looked at once, and the word before it is read from a bounded window.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .languages import tables

ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "rev", "sen", "rep",
    "gov", "pres", "amb", "no", "nos", "vol", "pp", "p", "fig", "ed", "eds", "eg", "ie", "cf", "vs", "etc",
    "approx", "inc", "ltd", "co", "corp", "dept", "univ", "jr", "sr", "km", "art",
}
#: how far back from a stop the word before it is looked for (longer words are no abbreviation)
_WORD_WINDOW = 24
_CLOSE = "\"'”’)\\]»›"
_OPEN = "\"'“‘„(\\[«‹"
# a run of stops starts a match only at its first stop and is consumed once (possessive),
# so a run of 100,000 stops costs one pass, not one pass per stop
_END = re.compile(rf"(?:(?<![.!?…։])[.!?…։]++|(?<=[\u0531-\u0587]):(?=\s+[\u0531-\u0556]))[{_CLOSE}]*+(?:<sup>\w{{1,6}}</sup>|\[\d{{1,3}}\])*+"
                  rf"(?=\s+[{_OPEN}]?[^\W\d_a-zа-яёա-ֆəğışçöü]|\s+[{_OPEN}]?\d|\s*+$|(?<=։)\s)")
_PARA = re.compile(r"\n\s*\n")
#: what ends a paragraph's last line (a page break of a PDF leaves a sentence open instead)
_CLOSED = ".!?…։:;" + _CLOSE
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*\.?)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int

    def __len__(self) -> int:
        return self.end - self.start


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """English abbreviations and those of languages.json, lower-case, without their stop."""
    words = set(ABBREVIATIONS)
    for t in tables().values():
        words |= {w.casefold().rstrip(".") for w in t["abbreviations"]}
    return frozenset(words)


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, stop - _WORD_WINDOW), stop)
    if not word:
        return False
    w = word.group(1)
    if "." in w.strip("."):  # U.S., e.g., т.е.
        return True
    if len(w) == 1 and w.isupper():  # an initial: "R. Giragosian", "И. Алиев"
        return True
    return w.casefold() in abbreviations()


@lru_cache(maxsize=1)
def _month_forms() -> tuple[str, ...]:
    """The month names of every language's table, lower case (a case form begins with one)."""
    return tuple(sorted({f.casefold() for t in tables().values() for forms in t["months"].values() for f in forms}))


_OPENING = re.compile(r"(\w+)\s+\d")


def _opens_with_a_day(text: str, at: int) -> bool:
    """Whether the line at ``at`` opens with a month's name and a day ("սեպտեմբերի 27")."""
    m = _OPENING.match(text, at, at + 40)
    return bool(m) and m.group(1).casefold().startswith(_month_forms())


def _paragraph_breaks(text: str) -> list[re.Match]:
    """The breaks between paragraphs (blank lines), but not one that a sentence runs across:
    the line before ends without a stop and the next starts in lower case (a page break of a
    PDF, "could have" / "pushed on"), unless the next line opens with a day in lower case (an
    entry of a timeline under its heading: "սեպտեմբերի 27 — ...", "27 сентября — ...")."""
    breaks = list(_PARA.finditer(text))
    out = []
    for k, m in enumerate(breaks):
        before = text[max(0, m.start() - _WORD_WINDOW):m.start()].rstrip()
        after = text[m.end():m.end() + 1]
        if before and before[-1] not in _CLOSED and after.islower() and not _opens_with_a_day(text, m.end()):
            continue
        out.append(m)
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph of ``text``, numbered as :attr:`Sentence.paragraph`."""
    breaks = _paragraph_breaks(text)
    return list(zip([0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(text)]))


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text``; a sentence never crosses a paragraph break."""
    out: list[Sentence] = []
    for number, (p0, p1) in enumerate(paragraph_spans(text)):
        start = p0
        for m in _END.finditer(text, p0, p1):
            if _is_abbreviation(text, m.start()):
                continue
            _add(out, text, start, m.end(), number)
            start = m.end()
        _add(out, text, start, p1, number)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    start, end = start + lead, end - trail
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))
