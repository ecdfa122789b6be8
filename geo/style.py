"""The style guide's one-sided terms (``data/style.json``) and the check that enforces them.

The atlas speaks in its own words in three places: event titles (in every naming
convention), the chronology's change sentences and the story's captions. None of them may
use a term of ``style.json`` (one side's reading of events) except inside a quotation,
where a side's words are quoted and attributed. :func:`style_problems` is what
``karabakh-atlas validate`` and ``tests/test_style.py`` run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .errors import Problem
from .io import read_json_inside
from .i18n import _

STYLE_FILE = "style.json"
#: Quotations: double quotes, curly quotes, guillemets, and single quotes opened at the start
#: of the text or after a space or bracket (so that an apostrophe, as in "oblast's", is not one).
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|(?:(?<=^)|(?<=[\s(\[]))\'[^\']*\'(?![A-Za-z])')
#: Name keys of a feature checked against the terms of each language (other keys: English terms).
LANGUAGE_OF_KEY = {"en": "en", "az": "az", "hy": "hy", "ru": "ru", "hy_Latn": "en"}


@dataclass(frozen=True)
class Term:
    term: str
    lang: str
    side: str
    use: str
    pattern: re.Pattern

    def found_in(self, text: str) -> bool:
        return bool(self.pattern.search(unquoted(text)))


def unquoted(text: str) -> str:
    """``text`` with every quotation blanked out (quoted words are a side's, attributed)."""
    return QUOTED.sub(" ", text)


def parse_terms(content: Any, label: str = STYLE_FILE) -> tuple[list[Term], list[Problem]]:
    """The terms of a parsed ``style.json``, and a problem for each entry that is not one."""
    terms, problems = [], []
    entries = content.get("terms") if isinstance(content, dict) else None
    if not isinstance(entries, list):
        return [], [Problem(label, "", "terms", _("missing: a list of terms"))]
    for i, entry in enumerate(entries):
        where = f"terms[{i}]"
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry.get(k)
                                                  for k in ("term", "lang", "side", "use")):
            problems.append(Problem(label, where, "term", _("each term needs term, lang, side and use (text)")))
            continue
        source = entry.get("pattern") or r"\b" + re.escape(entry["term"])
        try:
            pattern = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            problems.append(Problem(label, entry["term"], "pattern", _("not a regular expression ({exc})", exc=exc)))
            continue
        terms.append(Term(entry["term"], entry["lang"], entry["side"], entry["use"], pattern))
    return terms, problems


def read_terms(data_dir: Path | str) -> tuple[list[Term], list[Problem]]:
    """The terms of ``<data_dir>/style.json`` (none when the dataset has no style guide)."""
    if not (Path(data_dir) / STYLE_FILE).is_file():
        return [], []
    content, problems = read_json_inside(data_dir, STYLE_FILE)
    if problems:
        return [], problems
    return parse_terms(content)


def terms_in(text: str, terms: list[Term], lang: str = "en") -> list[Term]:
    """The terms of language ``lang`` that ``text`` uses outside quotations."""
    return [t for t in terms if t.lang == lang and t.found_in(text)]


def own_words(data_dir: Path | str) -> Iterator[tuple[str, str, str, str, str]]:
    """(file, item id, field, language, text) of every text in the atlas's own voice that the
    style guide covers: event titles, change sentences, story captions."""
    data_dir = Path(data_dir)
    for label, name in (("drawn/layers/events.geojson", "drawn/layers/events.geojson"),
                        ("layers/events.geojson", "layers/events.geojson")):
        if (data_dir / name).is_file():
            content, problems = read_json_inside(data_dir, name)
            for feature in (content or {}).get("features", []) if not problems else []:
                props = feature.get("properties") or {}
                fid = str(props.get("id", "-"))
                if isinstance(props.get("name"), str):
                    yield label, fid, "name", "en", props["name"]
                for key, value in (props.get("names") or {}).items():
                    if isinstance(value, str):
                        yield label, fid, f"names.{key}", LANGUAGE_OF_KEY.get(key, "en"), value
            break  # the editable file when there is one, else the built layer
    for name, items, key, field_name in (("chronology.json", "changes", "id", "change"),
                                         ("story.json", "stops", "date", "caption")):
        if (data_dir / name).is_file():
            content, problems = read_json_inside(data_dir, name)
            for item in (content or {}).get(items, []) if not problems else []:
                if isinstance(item, dict) and isinstance(item.get(field_name), str):
                    yield name, str(item.get(key, "-")), field_name, "en", item[field_name]


def style_problems(data_dir: Path | str) -> list[Problem]:
    """A problem for every one-sided term used in the atlas's own words."""
    terms, problems = read_terms(data_dir)
    for label, item_id, field_name, lang, text in own_words(data_dir):
        for term in terms_in(text, terms, lang):
            whose = _("a term of the {side} side", side=term.side) if term.side != "both" else _("a charged term")
            problems.append(Problem(label, item_id, field_name, _(
                "uses {term}, {whose}, as the atlas's own words (quote it and say whose it is, or write: {use})",
                term=repr(term.term), whose=whose, use=term.use)))
    return problems
