"""What ingest knows of Armenian, Azerbaijani and Russian (the tables are data:
``languages.json``): which language a text is in, and word stems for comparing a name with
its inflected forms ("Xankəndidə", "Степанакерта", "Ստեփանակերտում").
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

LANGUAGES_FILE = Path(__file__).with_name("languages.json")
#: the languages ingest reads (English's tables are terms.json and dates.py)
LANGUAGES = ("en", "hy", "az", "ru")
#: a stem is never cut shorter than this many letters
MIN_STEM = 3
#: share of a Latin text's letters that must be Azerbaijani-only for the text to be read as az
AZ_SHARE = 0.01


@lru_cache(maxsize=1)
def tables() -> dict:
    data = json.loads(LANGUAGES_FILE.read_text(encoding="utf-8"))["languages"]
    for lang, table in data.items():
        for key in ("months", "month_suffixes", "day_suffixes", "year_marks", "relative", "abbreviations",
                    "suffixes", "feature_phrases", "event_words"):
            if key not in table:
                raise ValueError(f"{LANGUAGES_FILE}: language {lang!r} has no {key!r}")
    return data


def table(lang: str) -> dict:
    return tables().get(lang, {})


def _letters(spec: str) -> re.Pattern:
    return re.compile(f"[{spec}]")


def script_of(word: str) -> str:
    """'hy', 'ru' or 'latin' by the first letter of ``word``."""
    for ch in word:
        if "\u0531" <= ch <= "\u0587":
            return "hy"
        if "\u0400" <= ch <= "\u04ff":
            return "ru"
        if ch.isalpha():
            return "latin"
    return "latin"


def detect(text: str) -> str:
    """The language of a text by its letters: Armenian and Cyrillic script decide hy and ru;
    Latin text with Azerbaijani letters (ə, ğ, ı, ş, ...) is az, else en."""
    sample = text[:20000]
    counts = {lang: len(_letters(table(lang)["detect"]).findall(sample)) for lang in ("hy", "az", "ru")}
    latin = len(re.findall(r"[A-Za-z]", sample))
    best = max(("hy", "ru"), key=counts.get)
    if counts[best] > latin:
        return best
    if latin and counts["az"] / (latin + counts["az"]) >= AZ_SHARE:
        return "az"
    return "en"


@lru_cache(maxsize=8)
def _suffixes(lang: str) -> tuple[str, ...]:
    return tuple(sorted(set(table(lang).get("suffixes", [])), key=len, reverse=True))


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """``word`` lower-cased with its inflectional endings cut (longest first, to a fixed point,
    never below MIN_STEM letters): "Xankəndidə" -> "xankənd", "Лачинском" -> "лачин",
    "Ստեփանակերտում" -> "ստեփանակերտ". Both a name and the text are cut the same way."""
    w = word.casefold().replace("ё", "е")
    suffixes = _suffixes(lang)
    if not suffixes:
        return w
    for _ in range(3):
        for s in suffixes:
            if w.endswith(s) and len(w) - len(s) >= MIN_STEM:
                w = w[:-len(s)]
                break
        else:
            break
    return w


def stem_language(word: str, doc_lang: str) -> str | None:
    """Which language's endings to cut from ``word`` (its script decides; Latin words are
    cut only in an Azerbaijani text, where English words do not stand)."""
    script = script_of(word)
    if script in ("hy", "ru"):
        return script
    return "az" if doc_lang == "az" else None


def feature_phrases() -> dict[str, list[str]]:
    """kind -> the phrases that name its features, in every language of the tables."""
    out: dict[str, list[str]] = {}
    for t in tables().values():
        for kind, phrases in t["feature_phrases"].items():
            out.setdefault(kind, []).extend(phrases)
    return out


def event_words() -> dict[str, list[str]]:
    """group name (the first word of a terms.json event_synonyms group) -> words in every language."""
    out: dict[str, list[str]] = {}
    for t in tables().values():
        for group, words in t["event_words"].items():
            out.setdefault(group, []).extend(words)
    return out
