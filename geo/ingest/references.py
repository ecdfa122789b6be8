"""A date that is part of a document's name ("the 10 November 2020 tripartite statement",
"трёхстороннего заявления 2020 года", "2020-ci il 10 noyabr tarixli bəyanat",
"2020 թվականի նոյեմբերի 10-ի հայտարարությունը") names the document, not the moment the
sentence speaks of: "Azerbaijan continues to abide by the terms of the 10 November 2020
tripartite statement" speaks of the time of writing, and "Армения назвала этот шаг нарушением
трёхстороннего заявления 2020 года" of the step. Such a date still names the document (it may
tie the sentence to the event of that year and kind); it only does not date the sentence,
unless it stands at the sentence's head ("The 10 November 2020 statement ended the war",
"Under the 1994 ceasefire agreement, ...") or the sentence says the document was made ("... and
the 10 November 2020 tripartite statement was signed").

The document words (and ``document_verbs``) are ``document_words`` of ``terms.json`` (English) and of each language in
``languages.json``, compared by their beginnings (the languages' case endings follow them).
How a date attaches to the word is the language's own:

- English: "the <date> [up to two words] <document>" or "<document> of <date>";
- Russian: "<document> [от] <date>" (the date in the genitive after the noun);
- Azerbaijani: "<date> tarixli ..." or "<date> <document>";
- Armenian: a date in the genitive (ending in ի, not the dative ին) before "<document>".
"""
from __future__ import annotations

from functools import lru_cache

from . import languages
from .match import terms, tokens

#: a date phrase that starts within this many words of the sentence's start is its head
HEAD_WORDS = 4
_ARTICLES = {"the", "this", "that", "its", "their"}


@lru_cache(maxsize=16)
def _words(key: str, lang: str) -> tuple[str, ...]:
    """``key`` of terms.json (English) or of the language's table: words, lower-case."""
    words = terms().get(key, []) if lang == "en" else languages.table(lang).get(key, [])
    return tuple(w.casefold() for w in words)


def _is_document(word: str, lang: str) -> bool:
    w = word.casefold()
    return any(w.startswith(d) for d in _words("document_words", lang))


def _made(sentence: str, lang: str) -> bool:
    """Whether the sentence says a document was made (signed, adopted): its date is then the
    sentence's. English verbs are whole words; the other languages' are beginnings."""
    verbs = _words("document_verbs", lang)
    for t in tokens(sentence):
        w = t.text.casefold()
        if (w in verbs) if lang == "en" else any(w.startswith(v) for v in verbs):
            return True
    return False


def names_document(sentence: str, start: int, end: int, lang: str = "en") -> bool:
    """Whether the date phrase at ``sentence[start:end]`` is part of a document's name and
    does not stand at the sentence's head."""
    before = tokens(sentence[:start])
    if len(before) < HEAD_WORDS or _made(sentence, lang):
        return False
    after = tokens(sentence[end:end + 80])[:3]
    prev = before[-1].text.casefold()
    if lang == "en":
        return (prev in _ARTICLES and any(_is_document(t.text, lang) for t in after)) \
            or (prev == "of" and _is_document(before[-2].text, lang))
    if lang == "ru":
        return _is_document(prev, lang) or (prev == "от" and _is_document(before[-2].text, lang))
    if lang == "az":
        return bool(after) and (after[0].text.casefold() == "tarixli" or _is_document(after[0].text, lang))
    if lang == "hy":
        phrase = sentence[start:end].rstrip()
        return phrase.endswith("ի") and any(_is_document(t.text, lang) for t in after[:2])
    return False
