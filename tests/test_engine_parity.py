"""The shipped JavaScript engine, in the real browser, against the Python time rule.

On every change date of the shipped dataset and the days either side of each, the
features the engine draws, those it draws uncertain and the status in force of each
must be what :mod:`geo.dates` says. The engine is driven forwards, backwards and by
jumps, because it only re-evaluates the features whose change days lie between two dates.
"""
from __future__ import annotations

import datetime as dt
import random

import pytest

from geo import dates
from geo.export_html import timeline_html

from browser import chromium, offline_page  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def python_state(atlas, day: dt.date) -> dict:
    """What the rule says the map draws on ``day``."""
    shown = [f for layer in atlas.features_on(day).values() for f in layer]
    status = {}
    for f in shown:
        if f.status_changes:
            current, uncertain = dates.status_on(f.status_changes, day)
            status[f.id] = [current.status, uncertain] if current else None
    return {"date": day.isoformat(), "visible": sorted(f.id for f in shown),
            "uncertain": sorted(f.id for f in shown if f.validity.uncertain_on(day)), "status": status,
            "excerpts": [e.id for e in atlas.excerpts_on(day)]}


def days_to_check(atlas) -> list[dt.date]:
    """Every change date of the dataset and the days either side of it."""
    one = dt.timedelta(days=1)
    return sorted({d + k * one for d in atlas.change_dates for k in (-1, 0, 1)})


@pytest.fixture(scope="module")
def timeline_file(atlas, tmp_path_factory):
    path = tmp_path_factory.mktemp("parity") / "atlas.html"
    path.write_text(timeline_html(atlas, "en", today=dt.date(2026, 1, 1)), encoding="utf-8")
    return path


#: Move the engine to each day; read what it draws and which excerpts the page lists.
DRIVE = """days => days.map(d => {
  window.kaEngine.setDate(d);
  const state = window.kaEngine.drawnState();
  state.excerpts = [...document.querySelectorAll('#ka-excerpts [data-excerpt]')].map(e => e.dataset.excerpt);
  return state;
})"""


@pytest.mark.parametrize("order", ["forwards", "backwards", "jumps"])
def test_engine_draws_what_the_python_rule_says(atlas, timeline_file, offline_page, order):
    days = days_to_check(atlas) + [e.date.first for e in atlas.excerpts] + [e.date.last for e in atlas.excerpts]
    days = sorted(set(days))
    assert len(days) > 3 * 20  # the shipped data has many change dates
    if order == "backwards":
        days = days[::-1]
    elif order == "jumps":
        days = random.Random(8).sample(days, len(days))
    offline_page.open(timeline_file)
    drawn = offline_page.page.evaluate(DRIVE, [d.isoformat() for d in days])
    mismatches = [(got["date"], got, want) for got, want in zip(drawn, (python_state(atlas, d) for d in days))
                  if got != want]
    assert not mismatches, mismatches[:3]
    # the check can fail: the data has features drawn uncertain and statuses that change
    assert any(state["uncertain"] for state in drawn)
    assert len({str(state["status"]) for state in drawn}) > 2
    offline_page.assert_no_errors()
