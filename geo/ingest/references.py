"""A date that is part of a document's name ("the 10 November 2020 tripartite statement",
"трёхстороннего заявления 2020 года", "2020-ci il 10 noyabr tarixli bəyanat",
"2020 թվականի նոյեմբերի 10-ի հայտարարությունը") names the document, not the moment the
sentence speaks of: "Azerbaijan continues to abide by the terms of the 10 November 2020
tripartite statement" speaks of the time of writing, and "Армения назвала этот шаг нарушением
трёхстороннего заявления 2020 года" of the step. Such a date still names the document (it may
tie the sentence to the event of that year and kind); it only does not date the sentence,
and it gives way to any other date the sentence names, unless it stands at the sentence's head ("The 10 November 2020 statement ended the war",
"Under the 1994 ceasefire agreement, ...") or the sentence says the document was made ("... and
the 10 November 2020 tripartite statement was signed"), or a clause is timed by it ("After the
statement of 10 November ...": ``document_times``).

The document words (and ``document_verbs``) are ``document_words`` of ``terms.json`` (English) and of each language in
``languages.json``, compared by their beginnings (the languages' case endings follow them).
How a date attaches to the word is the language's own:

- English: "the <date> [up to two words] <document>" or "<document> of <date>";
- Russian: "<document> [от] <date>" (the date in the genitive after the noun);
- Azerbaijani: "<date> tarixli ..." or "<date> <document>";
- Armenian: a date in the genitive (ending in ի, not the dative ին) before "<document>";
- in every language a participle of making may stand between them ("the statement signed on
  10 November", "подписанного 10 ноября заявления", "10-da imzalanmış bəyanat").
"""
from __future__ import annotations

from functools import lru_cache

from .match import table_of, tokens

#: a date phrase (or the document word before it) with at most this many words before it
#: stands at the sentence's head ("Under the 1994 ceasefire agreement, ...")
HEAD_WORDS = 1
_ARTICLES = {"the", "this", "that", "its", "their"}
#: how far around a date its words are read (characters)
_WINDOW = 160
_FAR = 1000


@lru_cache(maxsize=16)
def _words(key: str, lang: str) -> tuple[str, ...]:
    """``key`` of terms.json (English) or of the language's table: words, lower-case."""
    words = table_of(lang).get(key, [])
    return tuple(w.casefold() for w in words)


def _is_document(word: str, lang: str) -> bool:
    w = word.casefold()
    return any(w.startswith(d) for d in _words("document_words", lang))


def _is_making(word: str, lang: str) -> bool:
    """Whether ``word`` is a verb of making a document (signed, подписанного, imzalanmış).
    English verbs are whole words; the other languages' are beginnings."""
    w = word.casefold()
    verbs = _words("document_verbs", lang)
    return w in verbs if lang == "en" else any(w.startswith(v) for v in verbs)


def _made(sentence: str, start: int, end: int, lang: str) -> bool:
    """Whether the sentence says, near the date, that a document was made (signed, adopted):
    its date is then the sentence's."""
    return any(_is_making(t.text, lang) for t in tokens(sentence[max(0, start - _WINDOW):end + _WINDOW]))


def in_document_name(sentence: str, start: int, end: int, lang: str = "en") -> int | None:
    """When the date phrase at ``sentence[start:end]`` is part of a document's name, the number
    of words before that name (before the date, or before the document word that precedes it);
    else None."""
    # (words are read from a bounded window around the date, so that a sentence of any length
    # with any number of dates is read in linear time; a window cut short counts as far from
    # the head)
    lo = max(0, start - _WINDOW)
    before = tokens(sentence[lo:start])
    far = _FAR if lo > 0 else 0
    # (a participle of making between the date and the document word is part of the name:
    # "the statement signed on 10 November", "Noyabrın 10-da imzalanmış üçtərəfli bəyanat")
    following = tokens(sentence[end:end + _WINDOW])
    participle = bool(following) and _is_making(following[0].text, lang)
    after = [t for t in following if not _is_making(t.text, lang)][:3]
    if lang == "en" and len(before) >= 3 and before[-1].text.casefold() in ("on", "in") \
            and _is_making(before[-2].text, lang) and _is_document(before[-3].text, lang):
        return far + len(before) - 3
    if lang == "ru" and before and _is_making(before[-1].text, lang):
        before = before[:-1]  # "заявления, подписанного 10 ноября"
    prev = before[-1].text.casefold() if before else ""
    if lang == "en":
        if prev in _ARTICLES and any(_is_document(t.text, lang) for t in after):
            return far + len(before) - 1
        if prev == "of" and len(before) >= 2 and _is_document(before[-2].text, lang):
            # (the article before the document word counts no more than in "the 1994 ... agreement":
            # "Under the statement of 10 November 2020, ..." stands at the head)
            article = len(before) >= 3 and before[-3].text.casefold() in _ARTICLES
            return far + len(before) - 2 - article
    elif lang == "ru":
        if prev and _is_document(prev, lang):
            return far + len(before) - 1
        if prev == "от" and len(before) >= 2 and _is_document(before[-2].text, lang):
            return far + len(before) - 2
    elif lang == "az":
        if after and (after[0].text.casefold() == "tarixli" or any(_is_document(t.text, lang) for t in after[:2])):
            return far + len(before)
    elif lang == "hy":
        # the genitive (-ի), or the dative (-ին) of a participle's date ("նոյեմբերի 10-ին ստորագրված")
        if (participle or sentence[start:end].rstrip().endswith("ի")) and any(_is_document(t.text, lang) for t in after[:2]):
            return far + len(before)
    return None


def _timed(sentence: str, start: int, end: int, lang: str) -> bool:
    """Whether the document is the moment a clause is timed by ("After the statement of 10
    November ...", "после заявления 10 ноября", "10 noyabr bəyanatından sonra",
    "նոյեմբերի 10-ի հայտարարությունից հետո"): a word of ``document_times`` up to four words
    before the date (English, Russian) or up to three after it (Azerbaijani, Armenian)."""
    times = _words("document_times", lang)
    near = tokens(sentence[end:end + _WINDOW])[:3] if lang in ("az", "hy") \
        else tokens(sentence[max(0, start - _WINDOW):start])[-4:]
    return any(t.text.casefold() in times for t in near)


def names_document(sentence: str, start: int, end: int, lang: str = "en") -> bool:
    """Whether the date phrase at ``sentence[start:end]`` names a document and not the
    sentence's moment: part of a document's name that does not stand at the sentence's head,
    in a sentence that does not say the document was made nor times a clause by it."""
    words_before = in_document_name(sentence, start, end, lang)
    return words_before is not None and words_before > HEAD_WORDS and not _made(sentence, start, end, lang) \
        and not _timed(sentence, start, end, lang)


def document_dates(sentence: str, spans: list[tuple[int, int]], lang: str = "en") -> dict[int, bool]:
    """For each date phrase (start, end) of ``sentence`` that is part of a document's name:
    start -> whether it names the document only (:func:`names_document`). A sentence without a
    document word is looked at once."""
    if not spans or not any(_is_document(t.text, lang) for t in tokens(sentence)):
        return {}
    out = {}
    for start, end in spans:
        words_before = in_document_name(sentence, start, end, lang)
        if words_before is not None:
            out[start] = words_before > HEAD_WORDS and not _made(sentence, start, end, lang) \
                and not _timed(sentence, start, end, lang)
    return out
