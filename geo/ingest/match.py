"""The atlas's names, found in text.

Every name variant of every feature (``names`` in the layer files: en, az, hy, hy_Latn,
ru, ru_alt and ``alt``), the name without its parenthesis or generic suffix
("Syunik Province" -> "Syunik"), and the kind-wide phrases of ``terms.json`` ("the line
of contact", "Russian peacekeepers") become keys of one index. Text and names are
compared word by word on a *skeleton*: transliterated to ASCII (anyascii), lower-cased,
possessive ``'s`` dropped, and the usual transliteration pairs folded (kh/x/h, gh/g/q/k,
sh/s, ch/c, zh/dzh/j, y/i, doubled letters). Proper nouns that miss an exact key are
compared with rapidfuzz against one-word names (similarity >= 85).

Inflected forms meet their name through stems (:func:`.languages.stem`): every name and
phrase is also indexed by the stems of its words, and a word of the text that misses an
exact key is tried by its stem ("Xankəndidə", "Степанакерта", "Лачинском коридоре",
"Ստեփանակերտում", "Լաչինի միջանցքը"). Armenian, Cyrillic and Latin spellings of a name meet
on the skeleton, so a name written in Armenian script in the data and one transliterated
("Stepanakert") both match the Armenian text. Feature phrases in Armenian, Azerbaijani
and Russian come from ``languages.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from anyascii import anyascii
from rapidfuzz import fuzz, process

from ..model import Feature
from . import languages

TERMS_FILE = Path(__file__).with_name("terms.json")
FUZZY_CUTOFF = 85.0
FUZZY_MIN_LENGTH = 6
#: A one-word name written in lower case counts from this length on ("xankendi"), not
#: below it, where short names meet English words.
LOWERCASE_MIN_LENGTH = 5
#: Marks a phrase of a kind in the tables that counts only as written, never by its stems.
EXACT = "="
#: The similarity a name found through its stem (an inflected form) is given.
STEM_SIMILARITY = 99.0
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_FOLDS = [("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "k"), ("sh", "s"), ("ch", "c"),
          ("ow", "u"), ("x", "h"), ("q", "k"), ("g", "k"), ("y", "i"), ("w", "v")]


@lru_cache(maxsize=1)
def terms() -> dict:
    return json.loads(TERMS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _never_similar() -> frozenset[str]:
    """Skeletons of words spelled close to a place's name that are words of their own
    ("Iranian" is not Ivanyan): never compared with similar names."""
    return frozenset(skeleton(w) for w in terms()["never_similar"])


def table_of(lang: str) -> dict:
    """The words ingest knows of a language: terms.json for English, else the language's table
    in languages.json (keys as in terms.json where both have them)."""
    return terms() if lang == "en" else languages.table(lang)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A word folded so that its spellings in the four conventions meet."""
    s = re.sub(r"['’]s$|['’]$", "", word)
    s = re.sub(r"[^a-z0-9]", "", anyascii(s).lower())
    for a, b in _FOLDS:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    key: str

    def stem_key(self, lang: str) -> str:
        """The skeleton of the word's stem in a text of language ``lang`` (the word's own key
        when no endings are cut: Latin words outside Azerbaijani text)."""
        which = languages.stem_language(self.text, lang)
        return skeleton(languages.stem(self.text, which)) if which else self.key

    @property
    def proper(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str) -> list[Token]:
    """Words of ``text`` (hyphens and dashes separate words) with their skeletons."""
    out = []
    for m in _TOKEN.finditer(text):
        key = skeleton(m.group())
        if key:
            out.append(Token(m.start(), m.end(), m.group(), key))
    return out


@dataclass(frozen=True)
class Entry:
    """One way of naming one feature."""

    feature_id: str
    layer: str
    variant: str  # the name as written in the data or in terms.json
    origin: str  # "name", "short" (parenthesis or suffix dropped) or "term" (terms.json)


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    words: str
    entries: tuple[Entry, ...]
    similarity: float  # 100 for an exact skeleton match

    @property
    def feature_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.feature_id for e in self.entries))


def _variants(feature: Feature) -> list[tuple[str, str]]:
    """(variant, origin) for every name of a feature and its shortened forms."""
    names: list[str] = []
    for value in feature.names.values():
        names += value if isinstance(value, list) else [value]
    names.append(feature.name)
    suffixes = {s.casefold() for s in terms()["generic_suffixes"]}
    out: list[tuple[str, str]] = []
    for name in names:
        if not isinstance(name, str) or not name.strip():
            continue
        out.append((name, "name"))
        outer = re.sub(r"\s*\([^)]*\)", "", name).strip()
        if outer and outer != name:
            out.append((outer, "short"))
        for inner in re.findall(r"\(([^)]*)\)", name):
            words = inner.split()
            if not re.search(r"[\d,]", inner) and (len(words) >= 3 or (len(words) == 1 and inner.isupper())):
                out.append((re.sub(r"^the\s+", "", inner.strip(), flags=re.I), "short"))
        base = outer or name
        words = base.split()
        if len(words) > 1 and words[-1].casefold() in suffixes:
            out.append((" ".join(words[:-1]), "short"))
    return out


class NameIndex:
    """Skeleton word sequences -> the features they name."""

    def __init__(self, features: Iterable[Feature]):
        self.keys: dict[tuple[str, ...], list[Entry]] = {}
        self.stems: dict[tuple[str, ...], list[Entry]] = {}
        self.layers: dict[str, str] = {}
        by_kind = {k: list(v) for k, v in terms()["by_kind"].items()}
        for kind, phrases in languages.feature_phrases().items():
            by_kind.setdefault(kind, []).extend(phrases)
        for feature in features:
            self.layers[feature.id] = feature.layer
            variants = _variants(feature) + [(t, "term") for t in by_kind.get(feature.kind, [])]
            for variant, origin in variants:
                # (a phrase whose case ending carries its sense, "=İran ərazisindən", through
                # Iranian territory, not "İran ərazisinə", into it: as written only)
                exact = origin == "term" and variant.startswith(EXACT)
                variant = variant.removeprefix(EXACT) if exact else variant
                toks = tokens(variant)
                key = tuple(t.key for t in toks)
                if not key:
                    continue
                entry = Entry(feature.id, feature.layer, variant, origin)
                # a name's stems: Latin words cut as Azerbaijani (looked up only in az text)
                stems = tuple(t.stem_key("az") for t in toks)
                for table, k in ((self.keys, key),) + ((() if exact else ((self.stems, stems),))):
                    bucket = table.setdefault(k, [])
                    if all(e.feature_id != feature.id for e in bucket):
                        bucket.append(entry)
        self.cache: dict = {}
        self.longest = max((len(k) for k in self.keys), default=1)
        self._single = [k[0] for k in self.keys if len(k) == 1 and len(k[0]) >= FUZZY_MIN_LENGTH - 1]

    def _lookup(self, window: list[Token], lang: str) -> tuple[list[Entry] | None, bool]:
        """The entries a run of words names: by exact key, else by stems. (entries, by_stem)"""
        entries = self.keys.get(tuple(t.key for t in window))
        if entries:
            return entries, False
        if not any(languages.stem_language(t.text, lang) for t in window):
            return None, False  # no word of the window carries endings in this text's language
        stems = tuple(t.stem_key(lang) for t in window)
        entries = self.keys.get(stems) or self.stems.get(stems)
        return entries, bool(entries)

    def find(self, text: str, offset: int = 0, lang: str = "en", phrases: bool = True,
             skip: frozenset[str] = frozenset()) -> list[NameMatch]:
        """Every name in ``text``, longest first and never overlapping; offsets + ``offset``.
        ``lang`` is the text's language (which endings inflected words may carry); without
        ``phrases``, only names (no phrase of a kind, "road to Nakhchivan": the names in it);
        names of the features in ``skip`` are passed over (the names inside a route's name)."""
        toks = tokens(text)
        found: list[NameMatch] = []
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(self.longest, len(toks) - i), 0, -1):
                window = toks[i:i + n]
                if any(text[a.end:b.start].strip(" -‐‑‒–—'’\u00a0") for a, b in zip(window, window[1:])):
                    continue  # a name never spans punctuation
                entries, by_stem = self._lookup(window, lang)
                if not phrases or skip:
                    entries = [e for e in entries or () if (phrases or e.origin != "term")
                               and e.feature_id not in skip]
                if entries and (n > 1 or window[0].proper or entries[0].origin == "term"
                                or len(window[0].key) >= LOWERCASE_MIN_LENGTH):
                    hit = NameMatch(offset + window[0].start, offset + window[-1].end,
                                    text[window[0].start:window[-1].end], tuple(entries),
                                    STEM_SIMILARITY if by_stem else 100.0)
                    i += n
                    break
            if hit is None:
                tok = toks[i]
                # (a similar name only for a capital inside a sentence: the first word of a
                # sentence is capitalised whatever it is, "Մարտական" is no "Marağa")
                opens = i == 0 or any(c in text[toks[i - 1].end:tok.start] for c in ".!?։…\n")
                if tok.proper and not opens and len(tok.key) >= FUZZY_MIN_LENGTH and self._single \
                        and tok.key not in _never_similar():
                    best = process.extractOne(tok.key, self._single, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                    entries = [e for e in self.keys[(best[0],)] if e.feature_id not in skip] if best else []
                    if entries:
                        hit = NameMatch(offset + tok.start, offset + tok.end, tok.text,
                                        tuple(entries), float(best[1]))
                i += 1
            if hit:
                found.append(hit)
        return found
