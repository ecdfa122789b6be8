"""The public corrections log (``data/corrections.json``): how the record has been corrected.

Each entry says what changed, on which day, what the record said before and says after, why,
and the references behind the correction (``reference_ids``), with the chronology changes
(``change_ids``) and features (``feature_ids``) it concerns. :func:`read_corrections` reads and
schema-checks the file; :func:`check_corrections` refuses unknown ids; the dashboard's About
and the exported pages list the entries (:func:`corrections_html`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from . import escape, i18n
from .i18n import N_, _
from . import schema as schemas
from .errors import Problem
from .io import read_json_inside

CORRECTIONS_FILE = "corrections.json"


@dataclass(frozen=True)
class Correction:
    id: str
    date: dt.date
    what: str
    before: str
    after: str
    why: str
    reference_ids: tuple[str, ...]
    change_ids: tuple[str, ...]
    feature_ids: tuple[str, ...]


def _locate(content: Any, path: tuple) -> tuple[str, str]:
    """(entry id, field) of a path into the log."""
    if len(path) >= 2 and path[0] == "corrections" and isinstance(path[1], int):
        entry = content["corrections"][path[1]]
        entry_id = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"corrections[{path[1]}]"
        return entry_id, ".".join(str(p) for p in path[2:])
    return "", ".".join(str(p) for p in path)


def parse_corrections(content: Any, label: str = CORRECTIONS_FILE) -> tuple[list[Correction], list[Problem]]:
    """The entries of a parsed log and a problem for every schema error (bad entries are left out)."""
    problems, bad = [], set()
    for path, message in schemas.errors("corrections", content):
        entry_id, field_name = _locate(content, path)
        problems.append(Problem(label, entry_id, field_name, message))
        if len(path) >= 2 and path[0] == "corrections":
            bad.add(path[1])
    if not isinstance(content, dict) or not isinstance(content.get("corrections"), list):
        return [], problems
    out, seen = [], set()
    for i, entry in enumerate(content["corrections"]):
        if i in bad:
            continue
        if entry["id"] in seen:
            problems.append(Problem(label, entry["id"], "id", _("duplicate correction id")))
            continue
        seen.add(entry["id"])
        out.append(Correction(entry["id"], dt.date.fromisoformat(entry["date"]), entry["what"], entry["before"],
                              entry["after"], entry["why"], tuple(entry["reference_ids"]), tuple(entry["change_ids"]),
                              tuple(entry.get("feature_ids") or ())))
    return out, problems


def read_corrections(data_dir: Path | str) -> tuple[list[Correction], list[Problem]]:
    """The log of ``<data_dir>/corrections.json`` (none when the dataset has no log), newest first."""
    if not (Path(data_dir) / CORRECTIONS_FILE).is_file():
        return [], []
    content, problems = read_json_inside(data_dir, CORRECTIONS_FILE)
    if problems:
        return [], problems
    corrections, problems = parse_corrections(content)
    return sorted(corrections, key=lambda c: (c.date, c.id), reverse=True), problems


def check_corrections(corrections: Iterable[Correction], references: set[str], change_ids: set[str],
                      feature_ids: set[str], label: str = CORRECTIONS_FILE) -> list[Problem]:
    """A problem for every id a correction names that the dataset does not know."""
    problems = []
    for c in corrections:
        for field_name, ids, known, unknown in (
                ("reference_ids", c.reference_ids, references, N_("unknown reference {id}")),
                ("change_ids", c.change_ids, change_ids, N_("unknown chronology change {id}")),
                ("feature_ids", c.feature_ids, feature_ids, N_("unknown feature {id}"))):
            problems += [Problem(label, c.id, field_name, _(unknown, id=repr(i))) for i in ids if i not in known]
    return problems


def corrections_problems(data_dir: Path | str, references: set[str], feature_ids: set[str]) -> list[Problem]:
    """Every problem of the dataset's corrections log (validation)."""
    corrections, problems = read_corrections(data_dir)
    chronology, chronology_problems = ({}, []) if not (Path(data_dir) / "chronology.json").is_file() \
        else read_json_inside(data_dir, "chronology.json")
    change_ids = {c.get("id") for c in (chronology or {}).get("changes", []) if isinstance(c, dict)} \
        if not chronology_problems else set()
    return problems + check_corrections(corrections, references, change_ids, feature_ids)


# -- shown to readers ----------------------------------------------------------------------------
def corrections_html(corrections: list[Correction]) -> str:
    """The log as an HTML block for the exported pages' caption (every text escaped)."""
    if not corrections:
        return ""
    before, after, why, refs = (escape.text(x) for x in (_("Before:"), _("After:"), _("Why:"), _("References:")))
    def kept(text: str) -> str:  # the record's words in the interface language (the catalogue's drafts)
        return escape.text(i18n.text(text))
    items = "".join(f'<li><b>{escape.text(c.date.isoformat())}</b> {kept(c.what)}. '
                    f'<i>{before}</i> {kept(c.before)} <i>{after}</i> {kept(c.after)} '
                    f'<i>{why}</i> {kept(c.why)} <i>{refs}</i> '
                    f'<span data-ka-verbatim>{escape.text(", ".join(c.reference_ids))}</span></li>'
                    for c in corrections)
    head = escape.text(_("Corrections ({n})", n=len(corrections)))
    note = escape.text(_("How the record has been corrected, newest first (data/corrections.json)."))
    return f'<details class="ka-corrections"><summary>{head}</summary><p>{note}</p><ul>{items}</ul></details>'
