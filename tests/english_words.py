"""The English words of the interface, and what a page shows a reader: for the tests that no
English interface word is left on a page in another language (tests/test_i18n_pages_browser.py).

:func:`english_words` is built from the English catalogue's message ids (every word of four
letters or more), less the words any translated catalogue also writes (names of datasets,
licences and programs a translation keeps: "GeoNames", "Leaflet", "karabakh-atlas") and the
proper names of the record (words of the features' names in every convention and of the
sources' titles and authors, when the catalogue only ever writes them capitalised).

:data:`VISIBLE_TEXT` is a script for the page: every text a reader can see or hear (text nodes,
``title``, ``aria-label``, ``placeholder`` and ``alt``; in shadow roots too; folded
``<details>`` opened first), less what is marked ``data-ka-verbatim`` (a quote, a source's
title and authors, a feature's name: they stay as written) and ``data-ka-record`` (a text of the
record that the record, not the interface, translates: the corrections log, a feature's method).
"""
from __future__ import annotations

import re
from functools import lru_cache

from geo import i18n

WORD = re.compile(r"[^\W\d_]+")
ASCII_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
NOISE = re.compile(r"https?://\S+|\{[^}]*\}|`[^`]*`|\*[a-z_]+\*|[a-z]+_[a-z_]+|--[a-z-]+|\w+\.(?:json|py|geojson|html)")


def _ids(lang: str) -> list[str]:
    return [m.id for m in i18n.catalogue(lang) if m.id and isinstance(m.id, str)]


def _strings(lang: str) -> list[str]:
    return [m.string for m in i18n.catalogue(lang) if m.id and isinstance(m.string, str) and m.string]


@lru_cache(maxsize=None)
def english_words(names: frozenset[str] = frozenset()) -> frozenset[str]:
    """Lower-cased English words of the interface (see the module's docstring); ``names``: the
    record's proper-name words (lower-cased)."""
    written: dict[str, set[bool]] = {}
    for message in _ids("en"):
        for word in ASCII_WORD.findall(NOISE.sub(" ", message)):
            written.setdefault(word.lower(), set()).add(word[0].isupper())
    kept = set()
    for lang in ("hy", "az", "ru"):
        for text in _strings(lang):
            kept.update(w.lower() for w in WORD.findall(text))
    proper = {w for w, cases in written.items() if cases == {True} and w in names}
    return frozenset(set(written) - kept - proper)


def record_names(atlas) -> frozenset[str]:
    """Lower-cased words of the record's proper names: the names of its places and districts in
    every convention, the rivers the base map names, and the sources' authors (not words of
    events, zones or titles, which hold interface words: "Armenian", "corridor")."""
    from geo import layers as layer_registry

    texts = []
    for feature in atlas.by_id.values():
        if layer_registry.role(feature.layer) in ("place", "district"):
            texts.extend(str(v) for v in (feature.names or {}).values())
    for source in atlas.sources.values():
        texts.extend(source.authors)
    texts.extend(RIVERS)
    return frozenset(w.lower() for t in texts for w in WORD.findall(t))


#: The rivers the base map names (data/basemap, not features of the record).
RIVERS = ("Araks", "Aras", "Hakari", "Tartar", "Vorotan", "Kura", "Sarsang")


def english_in(text: str, words: frozenset[str]) -> list[str]:
    """The words of ``text`` that are English interface words, each once, in order."""
    found = []
    for word in WORD.findall(text):
        if word.lower() in words and word not in found:
            found.append(word)
    return found


VISIBLE_TEXT = """() => {
  const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "svg"]);
  const ATTRS = ["title", "aria-label", "placeholder", "alt"];
  const out = [];
  function opened(root) { root.querySelectorAll("details").forEach((d) => { d.open = true; }); }
  function walk(node) {
    if (node.nodeType === 3) { if (node.nodeValue.trim()) { out.push(node.nodeValue.trim()); } return; }
    if (node.nodeType === 1) {
      if (SKIP.has(node.tagName) || node.hasAttribute("data-ka-verbatim") || node.hasAttribute("data-ka-record")) { return; }
      if (node.getAttribute("data-testid") === "stIconMaterial") { return; }  // an icon's ligature ("keyboard_arrow_down")
      if (node.tagName !== "OPTION" && node.checkVisibility && !node.checkVisibility({visibilityProperty: true})
          && getComputedStyle(node).display !== "contents") { return; }  // display: contents has no box, its children do
      ATTRS.forEach((a) => { const v = node.getAttribute(a); if (v && v.trim()) { out.push(v.trim()); } });
      if (node.shadowRoot) { opened(node.shadowRoot); walk(node.shadowRoot); }
    } else if (node.nodeType !== 11 && node.nodeType !== 9) { return; }
    node.childNodes.forEach(walk);
  }
  opened(document);
  out.push(document.title);
  walk(document.body);
  return out.join("\\n");
}"""
