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
from urllib.parse import quote_plus, unquote_plus, urlencode

from .atlas import Atlas
from .dataset import stamp
from .dates import long_date, parse_date
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
PERMALINK_KEYS = ("date", "layers", "names", "view", "window", "sources", "vantage", "selected", "compare", "lang")


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


#: A permalink's list values, and what an id in one may look like (geo/static/engine/rules.js: the same).
PERMALINK_LISTS = ("layers", "sources", "vantage")
PERMALINK_ALIASES = {"sel": "selected"}
_PERMALINK_ID = re.compile(r"[A-Za-z0-9_.:-]{1,120}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_ZOOM = re.compile(r"[0-9]{1,2}")  # a map zoom (0-18 in practice); never thousands of digits


def decimal_text(value: float) -> str:
    """A coordinate with at most 5 decimals and no trailing zeros (``rules.js`` decimalText)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def view_text(lat: float, lng: float, zoom: int) -> str:
    """A map view as a permalink writes it: ``LAT,LNG,ZOOM``."""
    return f"{decimal_text(lat)},{decimal_text(lng)},{int(zoom)}"


def permalink_query(state: dict[str, Any], hash: bool = False) -> str:
    """The view's state as ``key=value`` pairs in :data:`PERMALINK_KEYS` order (lists
    comma-joined, empty values and a window of 0 left out, but ``layers`` empty and not None
    is written ``layers=``: no layer); ``hash``: the date written bare
    first, as the exported timeline's address (``#YYYY-MM-DD&view=...``). ``rules.js``
    ``encodeView`` writes the same string (tests/test_rules_parity.py)."""
    params = []
    for key in PERMALINK_KEYS:
        value = state.get(key)
        if key == "view" and isinstance(value, dict):
            value = view_text(*value["center"], value["zoom"])
        elif key == "view" and isinstance(value, (list, tuple)):
            value = view_text(*value)
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        if value not in (None, "", 0) or (key == "layers" and value == ""):  # layers= : no layer
            params.append((key, str(value)))
    if hash and params and params[0][0] == "date":
        rest = urlencode(params[1:], safe=",:")
        return quote_plus(params[0][1], safe=",:") + (f"&{rest}" if rest else "")
    return urlencode(params, safe=",:")


def permalink(base: str, **state: Any) -> str:
    """``base?date=...&layers=...`` with the view's state (see :func:`permalink_query`)."""
    query = permalink_query(state)
    return f"{base}?{query}" if query else base


def parse_permalink(text: str, dropped: list[str] | None = None) -> dict[str, Any]:
    """The state a permalink carries (``?...``, ``#...`` or the pairs alone), each value
    checked for its form only: a real day, ``view`` as ``{"center": [lat, lng], "zoom"}``
    (a zoom of one or two digits), ``window`` a whole number of days, ids of the allowed
    characters (lists keep those). Malformed values are left out; what the atlas knows is
    the caller's to check. ``dropped``, when given, gets the keys whose value was left out
    and not set by a later pair ("?" for a pair whose name cannot be decoded), for a note
    to the reader. ``rules.js`` ``decodeView`` reads the same (tests/test_rules_parity.py)."""
    state: dict[str, Any] = {}
    bad: list[str] = []
    body = text[1:] if text[:1] in ("?", "#") else text
    for i, pair in enumerate(body.split("&") if body else []):
        if "=" not in pair:
            if i == 0 and _is_day(pair):
                state["date"] = pair
            elif i == 0 and pair:
                bad.append("date")
            continue
        raw_key, _, raw_value = pair.partition("=")
        key = _unquoted(raw_key)
        if key is None:
            bad.append("?")
            continue
        key = PERMALINK_ALIASES.get(key, key)
        if key not in PERMALINK_KEYS:
            continue
        value = _unquoted(raw_value)
        if value is None or not _read_permalink_value(state, key, value):
            bad.append(key)
    if dropped is not None:
        dropped.extend(k for k in dict.fromkeys(bad) if k == "?" or k not in state)
    return state


def _unquoted(raw: str) -> str | None:
    """A percent-encoded text decoded, or None when it is not a percent-encoding of UTF-8
    (the browser cannot decode it either)."""
    if _BAD_ESCAPE.search(raw):
        return None
    try:
        return unquote_plus(raw, errors="strict")
    except UnicodeDecodeError:
        return None


def _read_permalink_value(state: dict[str, Any], key: str, value: str) -> bool:
    """Put ``key``'s ``value`` into ``state`` if well formed; whether it was."""
    if key == "date" or key == "compare":  # compare: the day the map is compared with (a swipe)
        ok = _is_day(value)
        if ok:
            state[key] = value
        return ok
    if key in PERMALINK_LISTS:
        state[key] = [x for x in value.split(",") if _PERMALINK_ID.fullmatch(x)]
        return True
    if key == "view":
        parts = value.split(",")
        if (len(parts) == 3 and all(_DECIMAL.fullmatch(p) for p in parts) and _ZOOM.fullmatch(parts[2])
                and abs(float(parts[0])) <= 90 and abs(float(parts[1])) <= 180):
            state["view"] = {"center": [float(parts[0]), float(parts[1])], "zoom": int(parts[2])}
            return True
        return False
    if key == "window":
        ok = bool(re.fullmatch(r"[0-9]{1,5}", value))
        if ok:
            state["window"] = int(value)
        return ok
    if key in ("names", "lang"):  # lang: the interface language, apart from the names' convention
        ok = bool(re.fullmatch(r"[a-z]{2,3}", value))
    else:  # selected
        ok = bool(_PERMALINK_ID.fullmatch(value))
    if ok:
        state[key] = value
    return ok


def _is_day(text: str) -> bool:
    if not _ISO_DAY.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def citation(atlas: Atlas, day: dt.date, link: str, source_ids: Iterable[str] = (),
             accessed: dt.date | None = None) -> dict[str, Any]:
    """"Cite this view" as data: the atlas (author, title, licence), the day shown, the
    permalink, the day accessed and the sources quoted (each with its citation)."""
    accessed = accessed or dt.date.today()
    return {"author": ATLAS_AUTHOR, "title": ATLAS_TITLE, "licence": ATLAS_LICENCE, "date": day.isoformat(),
            "dataset": stamp(atlas).text(), "link": link, "accessed": accessed.isoformat(),
            "sources": [{"id": s, "citation": atlas.sources[s].citation()}
                        for s in dict.fromkeys(source_ids) if s in atlas.sources]}


def citation_text(view: dict[str, Any]) -> str:
    """The citation of a view (:func:`citation`) as one paragraph; ``rules.js`` citationText
    writes the same (tests/test_rules_parity.py)."""
    text = (f"{view['author']}, {view['title']}: the map on {long_date(dt.date.fromisoformat(view['date']))} "
            f"({view['dataset'] + '; ' if view.get('dataset') else ''}{view['licence']}), {view['link']} (accessed {view['accessed']}).")
    if view["sources"]:
        text += " Sources quoted: " + "; ".join(s["citation"] for s in view["sources"]) + "."
    return text


def cite_view(atlas: Atlas, day: dt.date, link: str, source_ids: Iterable[str] = (),
              accessed: dt.date | None = None) -> str:
    """"Cite this view": the atlas, the day shown, the permalink and the sources of the view."""
    return citation_text(citation(atlas, day, link, source_ids, accessed))
