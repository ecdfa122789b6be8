"""The control chronology: one entry per dated change of who held which ground.

``data/chronology.json`` is the one home of these dates. The control layer is built from
it (:mod:`geo.build.control`), and each district's ``control_history`` and the key dates
come from it when the atlas is loaded. An entry's end is never written: a piece of ground
is held until the next entry that paints it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import FuzzyDate, parse_bound
from .errors import DateError, Problem
from .i18n import _

#: Who can hold ground in the control layer.
HOLDERS = ("armenian", "azerbaijani", "peacekeepers")
_REQUIRED_TEXT = ("id", "ground", "change", "date_basis", "held_by")


@dataclass(frozen=True)
class Change:
    """One dated change: from ``date`` the ground ``ground`` is held by ``held_by``."""

    id: str
    date: FuzzyDate
    held_by: str
    ground: str
    districts: tuple[str, ...]
    change: str
    date_basis: str
    excerpt_ids: tuple[str, ...]
    reference_ids: tuple[str, ...]
    accuracy_km: float
    raw: dict


def parse_chronology(content: Any, label: str, problems: list[Problem]) -> list[Change]:
    """The chronology's changes in date order (file order breaks ties); problems reported."""
    if not isinstance(content, dict) or not isinstance(content.get("changes"), list):
        problems.append(Problem(label, "", "changes", _("the chronology is an object with a list of changes")))
        return []
    changes = []
    for i, entry in enumerate(content["changes"]):
        where = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"changes[{i}]"
        report = lambda field, message: problems.append(Problem(label, where, field, message))  # noqa: E731
        if not isinstance(entry, dict):
            report("", _("each change is an object"))
            continue
        bad = False
        for key in _REQUIRED_TEXT:
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                report(key, _("missing or not a non-empty string"))
                bad = True
        if entry.get("held_by") not in HOLDERS:
            report("held_by", _("must be one of {choices}", choices=', '.join(HOLDERS)))
            bad = True
        try:
            date = parse_bound(entry.get("date"))
        except DateError as exc:
            report("date", str(exc))
            bad = True
        lists = {}
        for key in ("districts", "excerpt_ids", "reference_ids"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                report(key, _("must be a list of ids"))
                bad = True
            lists[key] = tuple(value) if isinstance(value, list) else ()
        accuracy = entry.get("accuracy_km")
        if isinstance(accuracy, bool) or not isinstance(accuracy, (int, float)) or not 0 <= accuracy < 1000:
            report("accuracy_km", _("must be a number of km (0-1000)"))
            bad = True
        if bad:
            continue
        changes.append(Change(entry["id"], date, entry["held_by"], entry["ground"], lists["districts"],
                              entry["change"], entry["date_basis"], lists["excerpt_ids"], lists["reference_ids"],
                              float(accuracy), entry))
    order = {c.id: i for i, c in enumerate(changes)}
    return sorted(changes, key=lambda c: (c.date.first, order[c.id]))


def district_histories(changes: list[Change]) -> dict[str, list[dict]]:
    """Each district's ``control_history``: the changes that concern it, in date order."""
    histories: dict[str, list[dict]] = {}
    for c in changes:
        for district in c.districts:
            histories.setdefault(district, []).append({
                "date": c.date.text, "held_by": c.held_by, "change": c.change, "change_id": c.id,
                "date_basis": c.date_basis, "excerpt_ids": list(c.excerpt_ids), "source_ids": list(c.reference_ids)})
    return histories
