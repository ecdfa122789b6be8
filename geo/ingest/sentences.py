"""Sentences and paragraphs of a text, with their character offsets.

A small rule-based splitter: a sentence ends at ``.``, ``!`` or ``?`` (with any closing
quote or bracket) followed by space and an upper-case letter, a digit or an opening
quote, unless the word before the stop is a known abbreviation ("Apr.", "Mr.", "U.S.").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "rev", "sen", "rep",
    "gov", "pres", "amb", "no", "nos", "vol", "pp", "p", "fig", "ed", "eds", "eg", "ie", "cf", "vs", "etc",
    "approx", "inc", "ltd", "co", "corp", "dept", "univ", "jr", "sr", "km", "art",
}
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9А-ЯԱ-Ֆ])|[.!?]+[\"'”’)\]]*(?=\s*$)")
_PARA = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int

    def __len__(self) -> int:
        return self.end - self.start


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[:stop])
    if not word:
        return False
    w = word.group(1)
    if "." in w.strip("."):  # U.S., e.g.
        return True
    if len(w) == 1 and w.isupper():  # an initial: "R. Giragosian"
        return True
    return w.lower() in ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text``; a sentence never crosses a paragraph break."""
    out: list[Sentence] = []
    para_starts = [0] + [m.end() for m in _PARA.finditer(text)]
    para_ends = [m.start() for m in _PARA.finditer(text)] + [len(text)]
    for number, (p0, p1) in enumerate(zip(para_starts, para_ends)):
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
