"""Engine data in every interface language at once: one English data set and, per language, what
differs from it.

An exported page built without ``--lang`` carries all four languages and picks one when it opens
(the address's ``lang=``, else the browser's ``navigator.language``, else English;
``geo/static/engine/i18n.js`` ``localise``). Writing the whole engine data four times would
quadruple the file; most of it (geometry, days, ids, names) does not depend on the language. So
:func:`language_tables` compares each language's data (:func:`geo.engine.engine_data` built in
that language) with the English one and keeps, per language:

- ``i18n``: the language's catalogue (the engine's interface words and its long dates);
- ``texts``: ``{English text: text in the language}`` for every plain text of the data that
  reads differently in the language (a tooltip line, a legend label, a caption, a translated
  note): each text once, however often it occurs;
- ``parts``: the same for the pieces between the tags of HTML texts (an excerpt's card, a
  source): "Speaks of " and "vantage: Azerbaijani" are translated, the verbatim quote is not
  written again;
- ``at``: ``[[path, value], ...]`` for what a text table cannot say: an English text that the
  language writes in two ways (or keeps as is in one place and translates in another), and a
  part of the data whose shape differs (a member present in the language only, or a list of
  another length); ``[path]`` alone: a member the language leaves out.

Applying ``texts`` and ``parts`` to every string of the English data and then ``at`` gives the language's data
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


#: An HTML text's tags (a text holding "<" is HTML: its pieces between tags are translated apart).
TAG = re.compile(r"(<[^>]*>)")


def pieces(html: str) -> list[str]:
    """``html`` split at its tags: texts at even places, tags at odd ones (as JavaScript's
    ``split`` with the same expression)."""
    return TAG.split(html)


def language_table(base: dict, other: dict) -> dict:
    """``{"i18n", "texts", "parts", "at"}``: what turns the English engine data ``base`` into ``other``.

    A plain text is looked up whole in ``texts``; an HTML text (an excerpt's card, a source) is
    translated piece by piece between its tags through ``parts``, so that a long verbatim quote
    is not written again for every language, only the interface words around it."""
    seen: dict[str, dict[str, list]] = {}
    at: list = []
    _walk({k: v for k, v in base.items() if k not in OWN}, {k: v for k, v in other.items() if k not in OWN},
          [], seen, at)
    texts: dict[str, str] = {}
    piece_seen: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for english, renderings in seen.items():
        if "<" in english:
            for text in renderings:
                if [p for p in pieces(english)[1::2]] != pieces(text)[1::2]:  # other tags: whole, by place
                    at.extend([p, text] for p in renderings[text])
                    continue
                for a, b in zip(pieces(english)[::2], pieces(text)[::2]):
                    piece_seen.setdefault(a, {}).setdefault(b, []).append((english, text))
            continue
        if len(renderings) == 1:
            (text,) = renderings
            if text != english:
                texts[english] = text
            continue
        for text, paths in renderings.items():  # written two ways: each place that is not the English, by path
            if text != english:
                at.extend([p, text] for p in paths)
    parts: dict[str, str] = {}
    by_place: set[tuple[str, str]] = set()
    for piece, renderings in piece_seen.items():
        if len(renderings) == 1:
            (text,) = renderings
            if text != piece:
                parts[piece] = text
            continue
        for text, owners in renderings.items():  # a piece written two ways: its texts whole, by place
            if text != piece:
                by_place.update(owners)
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
