"""A town, district, mine or route named again by its kind: "the district", "в обход города",
"kənddə", "քաղաքը", "the deposit", "the road" speak of the one of that kind named last before
them (in their paragraph or the one before); "its residents" (его жители) of the first place
of the nearest sentence before that names one; "the villages" (գյուղերը) of every village
that sentence names. The words are ``place_anaphora`` in ``terms.json`` (English, and the
kinds of feature each group of words stands for) and in each language's table in
``languages.json``; a word next to a name of a kind it stands for ("the town of Lachin",
"Ağdam rayonu", "Լաչինի շրջանը") is that name's and points nowhere. Which name is meant is
chosen in ``propose._named_again``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .match import table_of, terms

#: the group of words for a town's or a district's people ("its residents"): they name the
#: first place of the nearest sentence before that names one, not the last place named
INHABITED = "inhabited"
#: the groups of words for several towns or districts ("the villages", "գյուղերը"): they name
#: every one of their kind in the nearest sentence before that names one
PLURAL = frozenset({"settlements", "districts", "mines"})
#: how close a name must stand to the word to be its own ("the town of Lachin": " of ")
NEXT_TO_CHARS = 6


@dataclass(frozen=True)
class KindWord:
    start: int
    end: int
    words: str
    kinds: frozenset[str]  # the kinds of feature it may stand for (town, city, district, ...)
    group: str  # its group in the tables: settlement(s), district(s), route, inhabited


@lru_cache(maxsize=8)
def _pattern(lang: str) -> tuple[re.Pattern | None, dict[str, tuple[str, frozenset[str]]]]:
    """The words of ``lang`` (longest first) and, for each, its group and the kinds it stands for."""
    kinds = {group: frozenset(k) for group, k in terms()["place_anaphora"]["kinds"].items()}
    words: dict[str, tuple[str, frozenset[str]]] = {}
    for group, ws in table_of(lang).get("place_anaphora", {}).items():
        if group in kinds:
            for w in ws:
                words[w.casefold()] = group, kinds[group]
    if not words:
        return None, {}
    alt = "|".join(_gapped(w, words[w][0]) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE), words


def _gapped(phrase: str, group: str) -> str:
    """The pattern of a phrase; one of a place's people may have up to two words inside it
    ("its Azerbaijani inhabitants", "его армянские жители")."""
    head, _, rest = phrase.partition(" ")
    if group != INHABITED or not rest:
        return re.escape(phrase)
    return rf"{re.escape(head)}(?:\s+[^\W\d_][\w’'-]*){{0,2}}?\s+{re.escape(rest)}"


def _inhabited(words: dict, said: str) -> tuple[str, frozenset[str]]:
    """The group and kinds of a gapped phrase of a place's people ("its Azerbaijani inhabitants")."""
    head, *_, last = said.casefold().split()
    return next(v for w, v in words.items() if v[0] == INHABITED and w.startswith(head + " ") and w.endswith(" " + last))


def kind_words(text: str, start: int, end: int, lang: str, names, kinds_of) -> list[KindWord]:
    """The words of ``text[start:end]`` that name a town, district or route by its kind alone:
    none next to one of ``names`` (matches with ``start`` and ``end``) of a kind it stands for
    (``kinds_of(name)``: the kinds of the features a name names; "Rayonda rus sülhməramlıları":
    the peacekeepers are no district's name)."""
    pattern, words = _pattern(lang)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text, start, end):
        group, kinds = words.get(m.group().casefold()) or _inhabited(words, m.group())
        if any(n.start < m.end() + NEXT_TO_CHARS and m.start() - NEXT_TO_CHARS < n.end and kinds & kinds_of(n)
               for n in names):
            continue
        out.append(KindWord(m.start(), m.end(), m.group(), kinds, group))
    return out
