"""How a sentence goes on from the one before it: it opens by pointing back ("This
settlement ...", "But it is also ...", "Эти ...", "Bu ...", "Այս ..."): a pointing word of
``pointing_openers`` first, or after up to two ``conjunctions`` (``terms.json`` for English,
each language's table in ``languages.json``). A *strong* opener (this, it, they) points back
surely; a *weak* one (the, its) only may.
"""
from __future__ import annotations

from functools import lru_cache

from .match import table_of, tokens

#: how many conjunctions may come before the pointing word ("But then it ...")
MAX_CONJUNCTIONS = 2


@lru_cache(maxsize=8)
def _openers(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(strong, weak, conjunctions) of ``lang``, lower-case."""
    table = table_of(lang)
    openers = table.get("pointing_openers", {})
    return (frozenset(w.casefold() for w in openers.get("strong", [])),
            frozenset(w.casefold() for w in openers.get("weak", [])),
            frozenset(w.casefold() for w in table.get("conjunctions", [])))


def points_back(sentence: str, lang: str = "en", weak: bool = False) -> bool:
    """Whether ``sentence`` opens by pointing back to the one before it (also by a weak
    opener when ``weak``)."""
    strong, weak_words, conjunctions = _openers(lang)
    pointing = strong | weak_words if weak else strong
    for t in tokens(sentence[:120])[:MAX_CONJUNCTIONS + 1]:
        w = t.text.casefold()
        if w in pointing:
            return True
        if w not in conjunctions:
            return False
    return False
