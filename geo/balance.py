"""How many excerpts each vantage point contributes to a moment, said plainly.

The record is uneven: some periods are told by one side's sources alone. The dashboard
and the exports show :func:`balance` beside the excerpts, and the strip under the slider
(:func:`strip`) shows the density and vantage of the record over the whole time span.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from . import i18n
from .atlas import Atlas
from .dates import long_date
from .i18n import _
from .model import VANTAGE_GROUPS

#: The two sides of the conflict: a period told by neither of them, or by one only, is said so.
SIDE_GROUPS = ("armenian", "azerbaijani")


def _period(day: dt.date, window_days: int) -> str:
    """The period in words of the interface language ("19 September 2023 ± 30 days"), as the
    engine writes it (rules.js longDate, panels.js periodOf)."""
    words = long_date(day) if i18n.current() == i18n.DEFAULT else i18n.format_date(day)
    return _("{date} ± {n} days", date=words, n=window_days) if window_days else words


def balance(atlas: Atlas, day: dt.date, window_days: int = 0,
            source_ids: list[str] | None = None) -> dict[str, Any]:
    """Excerpts speaking of ``day`` (± window) per vantage group, and a plain statement.

    ``{"date", "window_days", "total", "counts": {group: n}, "missing": [group, ...],
    "sides_missing": [...], "excerpt_ids": [...], "statement"}``; ``missing`` lists the
    groups with no excerpt in that period (among the sources shown when ``source_ids``
    filters them), ``sides_missing`` those of the two sides (:data:`SIDE_GROUPS`);
    ``excerpt_ids`` are newest period first. ``rules.js`` ``balanceCounts`` counts the same."""
    excerpts = [e for e in atlas.excerpts_on(day, window_days) if not source_ids or e.source_id in source_ids]
    counts = {group: 0 for group in VANTAGE_GROUPS}
    for excerpt in excerpts:
        group = atlas.sources[excerpt.source_id].vantage_group
        counts[group] = counts.get(group, 0) + 1
    missing = [g for g, n in counts.items() if n == 0]
    return {"date": day.isoformat(), "window_days": window_days, "total": len(excerpts), "counts": counts,
            "missing": missing, "sides_missing": [g for g in SIDE_GROUPS if not counts.get(g)],
            "excerpt_ids": [e.id for e in excerpts], "statement": statement(counts, _period(day, window_days))}


def statement(counts: dict[str, int], period: str) -> str:
    """One plain sentence (or two) about the balance of the excerpts of a period (``rules.js``
    balanceStatement writes the same: tests/test_rules_parity.py)."""
    total = sum(counts.values())
    if total == 0:
        return f"No excerpt in the record speaks of {period}."
    present = [f"{VANTAGE_GROUPS.get(g, g)} {n}" for g, n in counts.items() if n]
    text = f"{total} excerpt{'s' if total != 1 else ''} speak{'s' if total == 1 else ''} of {period}: " \
           f"{', '.join(present)}."
    sides_missing = [VANTAGE_GROUPS[g] for g in SIDE_GROUPS if not counts.get(g)]
    if len(sides_missing) == 2:
        text += " None comes from an Armenian or an Azerbaijani source."
    elif sides_missing:
        only = [VANTAGE_GROUPS[g] for g in SIDE_GROUPS if counts.get(g)][0]
        text += (f" None comes from an {sides_missing[0]} source: of the two sides, only the "
                 f"{only} account is in the record for this period.")
    return text


def strip(atlas: Atlas) -> list[dict[str, Any]]:
    """Every excerpt and event on the time axis, with its vantage group (excerpts) or kind:
    ``[{"id", "type": "excerpt"|"event", "first", "last", "vantage_group"?}]``, by date."""
    items = [{"id": e.id, "type": "excerpt", "first": e.date.first.isoformat(), "last": e.date.last.isoformat(),
              "vantage_group": atlas.sources[e.source_id].vantage_group} for e in atlas.excerpts]
    for event in atlas.with_role("event"):
        start, end = event.validity.start, event.validity.end
        if start:
            items.append({"id": event.id, "type": "event", "first": start.isoformat(),
                          "last": (end - dt.timedelta(days=1)).isoformat() if end else start.isoformat()})
    return sorted(items, key=lambda i: (i["first"], i["id"]))
