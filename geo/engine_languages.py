"""Engine data in every interface language at once: one English data set and, per language, what
differs from it.

An exported page built without ``--lang`` carries all four languages and picks one when it opens
(the address's ``lang=``, else the browser's ``navigator.language``, else English;
``geo/static/engine/i18n.js`` ``localise``). Writing the whole engine data four times would
quadruple the file; most of it (geometry, days, ids, names) does not depend on the language. So
:func:`language_tables` compares each language's data (:func:`geo.engine.engine_data` built in
that language) with the English one and keeps, per language:

- ``i18n``: the language's catalogue (the engine's interface words and its long dates);
- ``parts``: ``{English piece: piece in the language}`` for the pieces of the texts that read
  differently in the language, cut at HTML tags or at "; " and ": " (:func:`pieces`): "Speaks of "
  and "Azerbaijani" are translated once, a verbatim quote or a name is not written again; each
  piece once, however often it occurs;
- ``texts``: ``{English text: text in the language}`` for a text the language writes with other
  cuts (a legend label, a caption, a translated note), whole;
- ``at``: ``[[path, value], ...]`` for what a text table cannot say: an English text that the
  language writes in two ways (or keeps as is in one place and translates in another), and a
  part of the data whose shape differs (a member present in the language only, or a list of
  another length); ``[path]`` alone: a member the language leaves out.

Applying ``texts`` (else ``parts``) to every string of the English data and then ``at`` gives the language's data
exactly (``i18n.js`` does it in the browser; tests/test_engine_languages.py checks it under Node
against the data Python builds in each language).
"""
from __future__ import annotations

import re
from typing import Any

#: Members of the engine data that are not compared: the catalogue travels as it is.
OWN = ("i18n",)

def _walk(base: Any, other: Any, path: list, seen: dict[str, dict[str, list]], shape: list) -> None:
    """Collect, for every string of ``base``, what ``other`` has at the same place; a place where
    the two differ in shape goes whole into ``shape``."""
    if isinstance(base, str) and isinstance(other, str):
        seen.setdefault(base, {}).setdefault(other, []).append(list(path))
        return
    if isinstance(base, dict) and isinstance(other, dict):
        for key in base:
            if key in other:
                _walk(base[key], other[key], path + [key], seen, shape)
            else:  # a member the language leaves out
                shape.append([path + [key]])
        shape.extend([path + [key], value] for key, value in other.items() if key not in base)
        return
    if isinstance(base, list) and isinstance(other, list) and len(base) == len(other):
        if base == other and all(isinstance(x, (int, float)) for x in base):  # geometry: nothing to say (and fast)
            return
        for i, (b, o) in enumerate(zip(base, other)):
            _walk(b, o, path + [i], seen, shape)
        return
    if base != other or type(base) is not type(other):
        shape.append([list(path), other])


#: Where a text is cut into pieces translated apart (odd places of the split: the cuts): an HTML
#: text at its tags; a plain one at the "; " and ": " that join a label to a name ("Azerbaijani:
#: Laçın; Armenian: Լաչին").
TAG = re.compile(r"(<[^>]*>)")
JOIN = re.compile(r"(; |: )")


def pieces(text: str) -> list[str]:
    """``text`` split at its cuts: pieces at even places, cuts at odd ones (as JavaScript's
    ``split`` with the same expression)."""
    return (TAG if "<" in text else JOIN).split(text)


def language_table(base: dict, other: dict) -> dict:
    """``{"i18n", "texts", "parts", "at"}``: what turns the English engine data ``base`` into ``other``.

    A text is translated piece by piece (:func:`pieces`) through ``parts`` when the language keeps its
    cuts (so that a long verbatim quote, or the names of a tooltip's line of other names, are not
    written again for every language, only the interface words around them); else whole, through
    ``texts``; the browser looks a text up in ``texts`` first."""
    seen: dict[str, dict[str, list]] = {}
    at: list = []
    _walk({k: v for k, v in base.items() if k not in OWN}, {k: v for k, v in other.items() if k not in OWN},
          [], seen, at)
    texts: dict[str, str] = {}
    piece_seen: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for english, renderings in seen.items():
        cut = pieces(english)
        for text, paths in renderings.items():
            split = pieces(text)
            if split[1::2] == cut[1::2]:  # the same cuts: piece by piece
                for a, b in zip(cut[::2], split[::2]):
                    piece_seen.setdefault(a, {}).setdefault(b, []).append((english, text))
            elif len(renderings) == 1:  # written one way: whole
                texts[english] = text
            else:  # written two ways: each place that is not the English, by path
                at.extend([p, text] for p in paths)
    parts: dict[str, str] = {}
    by_place: set[tuple[str, str]] = set()
    for piece, renderings in piece_seen.items():
        # a piece written two ways: the most frequent way in parts, the texts written otherwise by place
        common = max(renderings, key=lambda text: (sum(len(seen[e][t]) for e, t in renderings[text]), text == piece))
        if common != piece:
            parts[piece] = common
        for text, owners in renderings.items():
            if text != common:
                by_place.update((e, t) for e, t in owners)
    for english, text in sorted(by_place):
        at.extend([p, text] for p in seen[english][text])
    return {"i18n": other.get("i18n"), "texts": texts, "parts": parts, "at": at}


def multilingual(datas: dict[str, dict], base_lang: str = "en") -> dict:
    """The English data with ``languages``: ``{lang: language_table(...)}`` for every other
    language of ``datas`` (``{lang: engine data}``, ``base_lang`` among them)."""
    base = datas[base_lang]
    out = dict(base)
    out["languages"] = {lang: language_table(base, data) for lang, data in datas.items() if lang != base_lang}
    return out


def languages_of(data: dict) -> list[str]:
    """The interface languages a data set carries (its own first)."""
    own = (data.get("i18n") or {}).get("lang", "en")
    return [own] + [lang for lang in data.get("languages", {}) if lang != own]
