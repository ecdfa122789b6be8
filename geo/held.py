"""Since when a point was held: the engine's ``rules.js`` heldSince, in Python.

The records are the control layer's engine records (:func:`geo.engine.feature_record`:
``k`` the side, ``a`` first day, ``b`` the day it ends, ``u`` uncertain intervals) whose
area covers the point, on any day. The answer card's first sentence reads this:
"Held by Azerbaijani forces since 8 November 2020; before that by Armenian forces from
8 May 1992". tests/test_rules_parity.py keeps the two equal.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

#: Used for open bounds when comparing ISO days.
_ONE = dt.timedelta(days=1)


def _shown(r: dict, d: str) -> bool:
    return (r.get("a") is None or r["a"] <= d) and (r.get("b") is None or d < r["b"])


def held_from(records: list[dict], d: str) -> dict[str, Any]:
    """Who held the point on d from the records over it (``rules.js`` heldFrom)."""
    shown = [r for r in records if _shown(r, d)]
    sides = sorted({r["k"] for r in shown})
    spans = [u for r in shown for u in r.get("u") or [] if u[0] <= d <= u[1]]
    interval = [min(u[0] for u in spans), max(u[1] for u in spans)] if spans else None
    status = "not drawn" if not sides else "held" if len(sides) == 1 else "uncertain"
    return {"status": status, "side": sides[0] if len(sides) == 1 else None, "sides": sides, "interval": interval}


def run_start(records: list[dict], side: str, d: str) -> str | None | bool:
    """The first day of side's unbroken run of records covering d; None from the open
    start; False when no record of side is drawn on d."""
    mine = [r for r in records if r["k"] == side]
    now = [r for r in mine if _shown(r, d)]
    if not now:
        return False
    if any(r.get("a") is None for r in now):
        return None
    start = min(r["a"] for r in now)
    moved = True
    while moved:
        moved = False
        for r in mine:
            if (r.get("a") is None or r["a"] < start) and (r.get("b") is None or r["b"] >= start):
                if r.get("a") is None:
                    return None
                start, moved = r["a"], True
    return start


def _uncertain_around(records: list[dict], side: str, d: str) -> list[str] | None:
    for r in records:
        if r["k"] == side:
            for u in r.get("u") or []:
                if u[0] <= d <= u[1]:
                    return [u[0], u[1]]
    return None


def held_since(records: list[dict], d: str) -> dict[str, Any]:
    """``{status, side, since, sinceUncertain, before, sides, interval}`` (see rules.js heldSince)."""
    held = held_from(records, d)
    out = {"status": held["status"], "side": held["side"], "since": None, "sinceUncertain": None, "before": None,
           "sides": held["sides"], "interval": held["interval"]}
    if held["status"] == "not drawn":
        return out
    side = held["side"]
    if held["status"] == "uncertain":
        starts = [(run_start(records, k, d), k) for k in held["sides"]]
        starts.sort(key=lambda x: ("" if x[0] is None else x[0], x[1]))
        side = out["side"] = starts[-1][1]
    since = run_start(records, side, d)
    out["since"] = None if since is False else since
    if out["since"] is not None:
        out["sinceUncertain"] = _uncertain_around(records, side, out["since"])
        before = (dt.date.fromisoformat(out["since"]) - _ONE).isoformat()
        prev = held_from(records, before)
        others = [k for k in prev["sides"] if k != side]
        if others:
            start = run_start(records, others[0], before)
            start = None if start is False else start
            out["before"] = {"side": others[0], "from": start,
                             "fromUncertain": None if start is None else _uncertain_around(records, others[0], start)}
    return out
