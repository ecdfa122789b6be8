"""Citing the atlas and its sources: CSL-JSON, BibTeX, permalinks and "Cite this view".

Every source document (``data/sources/*.json``) and every reference of the provenance
registry (``data/provenance.json``) becomes one CSL-JSON item and one BibTeX entry, and
the atlas itself one more (:data:`ATLAS_ID`, a dataset with its version and content
hash, :mod:`geo.dataset`); :func:`cite_view` gives the citation of one view of the map
with its permalink and the dataset version.

BibTeX: text fields have TeX's special characters escaped (:func:`bib_text`); ``url`` and
``doi`` are written verbatim, as biblatex reads them (:func:`bib_verbatim`: only what
cannot stand in a URL or a braced field is percent-encoded).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Iterable
from urllib.parse import urlencode

from .atlas import Atlas
from .dataset import stamp
from .dates import parse_date
from .errors import DateError

ATLAS_TITLE = "Karabakh Atlas"
ATLAS_AUTHOR = "Karabakh Atlas contributors"
ATLAS_LICENCE = "CC BY 4.0"
#: The key of the atlas's own CSL item and BibTeX entry.
ATLAS_ID = "karabakh-atlas"

#: A source's ``kind`` -> CSL item type and BibTeX entry type.
KINDS: dict[str, tuple[str, str]] = {
    "report": ("report", "techreport"),
    "situation report": ("report", "techreport"),
    "essay": ("article", "misc"),
    "op-ed": ("article-newspaper", "misc"),
    "reference": ("document", "misc"),
    "dataset": ("dataset", "misc"),
}
#: The order of the view's state in a permalink (the dashboard reads the same keys).
PERMALINK_KEYS = ("date", "layers", "names", "view", "window", "sources", "vantage", "selected")


def _date_parts(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        when = parse_date(str(text), allow_interval=True)
    except DateError:
        return {"literal": str(text)}
    core = when.text.rstrip("~?%").split("/")[0]
    parts = [int(p) for p in core.split("-")]
    out: dict[str, Any] = {"date-parts": [parts]}
    if when.text[-1] in "~?":
        out["circa"] = True
    return out


def _name(author: str) -> dict[str, str]:
    bits = author.strip().split()
    if len(bits) < 2:
        return {"literal": author.strip()}
    return {"family": bits[-1], "given": " ".join(bits[:-1])}


def _items(atlas: Atlas) -> Iterable[tuple[str, dict[str, Any], str]]:
    """(id, record, origin) for every source and reference."""
    for sid, source in sorted(atlas.sources.items()):
        yield sid, {**source.meta, "title": source.title, "authors": list(source.authors),
                    "published": source.published.text, "kind": source.meta.get("kind") or "document"}, "source"
    for rid, ref in sorted(atlas.registry.items()):
        if isinstance(ref, dict):
            yield rid, {**ref, "kind": ref.get("kind") or "dataset"}, "reference"


def atlas_item(atlas: Atlas) -> dict[str, Any]:
    """The CSL-JSON item of the atlas itself: a dataset with its version and content hash."""
    dataset = stamp(atlas)
    return {"id": ATLAS_ID, "type": "dataset", "title": f"{ATLAS_TITLE}: a time-aware, source-linked map of the "
                                                        f"Nagorno-Karabakh conflict and peace process",
            "author": [{"literal": ATLAS_AUTHOR}], "version": dataset.version,
            "note": f"{dataset.text()}; licence: {ATLAS_LICENCE}"
                    + (f"; content sha256 {dataset.sha256}" if dataset.sha256 else "")}


def csl_items(atlas: Atlas) -> list[dict[str, Any]]:
    """CSL-JSON items for every source and reference (what citation managers import),
    then the atlas itself (:func:`atlas_item`)."""
    out = []
    for rid, rec, origin in _items(atlas):
        item: dict[str, Any] = {"id": rid, "type": KINDS.get(rec["kind"], ("document", "misc"))[0],
                                "title": rec.get("title") or rid}
        authors = rec.get("authors") or []
        if authors:
            item["author"] = [_name(a) for a in authors]
        issued = _date_parts(rec.get("published"))
        if issued:
            item["issued"] = issued
        if rec.get("publisher"):
            item["publisher"] = rec["publisher"]
        if rec.get("doi"):
            item["DOI"] = rec["doi"]
        if rec.get("url"):
            item["URL"] = rec["url"]
        notes = [rec.get("vantage"), rec.get("note") if origin == "reference" else None,
                 f"licence: {rec['licence']}" if rec.get("licence") else None]
        note = " ".join(n for n in notes if n)
        if note:
            item["note"] = note
        out.append(item)
    out.append(atlas_item(atlas))
    return out


def csl_json(atlas: Atlas) -> str:
    return json.dumps(csl_items(atlas), ensure_ascii=False, indent=1) + "\n"


_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_BIB_RE = re.compile("|".join(re.escape(k) for k in _BIB_SPECIAL))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def bib_text(value: object) -> str:
    """A value for a BibTeX field: TeX's special characters escaped, braces balanced, no control characters."""
    return _BIB_RE.sub(lambda m: _BIB_SPECIAL[m.group()], _CONTROL.sub(" ", str(value)))


_NOT_IN_URL = {" ": "%20", "{": "%7B", "}": "%7D", "\\": "%5C", '"': "%22"}


def bib_verbatim(value: object) -> str:
    """A ``url`` or ``doi`` value as biblatex reads it (verbatim: no TeX escapes); control
    characters dropped, and spaces, braces, backslashes and double quotes (which cannot stand
    in a URL and would break the field) percent-encoded."""
    text = _CONTROL.sub("", str(value)).strip()
    return "".join(_NOT_IN_URL.get(ch, ch) for ch in text)


def _bib_key(rid: str) -> str:
    return re.sub(r"[^A-Za-z0-9:_-]", "-", rid)


def bibtex(atlas: Atlas) -> str:
    """BibTeX entries (UTF-8) for every source and reference, keyed by their ids, then the
    atlas itself (with its dataset version)."""
    entries = []
    for item, (rid, rec, _) in zip(csl_items(atlas), list(_items(atlas)) + [(ATLAS_ID, {"kind": "dataset"}, "")]):
        fields: list[tuple[str, str]] = [("title", "{" + bib_text(item["title"]) + "}")]
        if item.get("author"):
            # a literal name (an organisation) is braced so that BibTeX does not split it
            names = ["{" + bib_text(a["literal"]) + "}" if a.get("literal") else bib_text(f"{a['family']}, {a['given']}")
                     for a in item["author"]]
            fields.append(("author", " and ".join(names)))
        parts = (item.get("issued") or {}).get("date-parts")
        if parts:
            fields.append(("year", str(parts[0][0])))
            if len(parts[0]) > 1:
                fields.append(("month", str(parts[0][1])))
        if item.get("publisher"):
            fields.append(("publisher" if KINDS.get(rec["kind"], ("", "misc"))[1] != "techreport" else "institution",
                           bib_text(item["publisher"])))
        if item.get("version"):
            fields.append(("version", bib_text(item["version"])))
        if item.get("DOI"):
            fields.append(("doi", bib_verbatim(item["DOI"])))
        if item.get("URL"):
            fields.append(("url", bib_verbatim(item["URL"])))
        if item.get("note"):
            fields.append(("note", bib_text(item["note"])))
        kind = KINDS.get(rec["kind"], ("document", "misc"))[1]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        entries.append(f"@{kind}{{{_bib_key(rid)},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def permalink(base: str, **state: Any) -> str:
    """``base?date=...&layers=...`` with the view's state in :data:`PERMALINK_KEYS` order
    (lists comma-joined, empty values left out)."""
    params = []
    for key in PERMALINK_KEYS:
        value = state.get(key)
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        if value not in (None, "", 0):
            params.append((key, str(value)))
    return f"{base}?{urlencode(params, safe=',:')}" if params else base


def cite_view(atlas: Atlas, day: dt.date, link: str, source_ids: Iterable[str] = (),
              accessed: dt.date | None = None) -> str:
    """"Cite this view": the atlas, the day shown, the permalink and the sources of the view."""
    accessed = accessed or dt.date.today()
    text = (f"{ATLAS_AUTHOR}, {ATLAS_TITLE}: the map on {day.strftime('%-d %B %Y')} "
            f"({stamp(atlas).text()}; {ATLAS_LICENCE}), {link} (accessed {accessed.isoformat()}).")
    cited = [atlas.sources[s].citation() for s in dict.fromkeys(source_ids) if s in atlas.sources]
    if cited:
        text += " Sources quoted: " + "; ".join(cited) + "."
    return text
