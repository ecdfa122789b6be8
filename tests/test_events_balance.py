"""The events hold both sides' victims and displacements to the same standard: each event the
record adds is shown from its first day and not the day before (and gone the day after it
ends), and wherever one side's civilian victims or displaced are recorded, the other side's are
too (``affected`` on an event names whose civilians it concerns)."""
from __future__ import annotations

import datetime as dt

import pytest

D = dt.date.fromisoformat
ONE = dt.timedelta(days=1)

#: event id -> (first day shown, last day shown, whose civilians it concerns)
EVENTS = {
    "ev-1988-02-22-askeran": ("1988-02-22", "1988-02-22", {"azerbaijani"}),
    "ev-1988-azerbaijanis-leave-armenia": ("1988-02-01", "1989-12-31", {"azerbaijani"}),
    "ev-1988-armenians-leave-azerbaijan": ("1988-02-01", "1990-01-31", {"armenian"}),
    "ev-1990-01-baku": ("1990-01-13", "1990-01-19", {"armenian"}),
    "ev-1990-01-20-baku": ("1990-01-19", "1990-01-20", {"azerbaijani"}),
    "ev-1992-04-10-maraghar": ("1992-04-10", "1992-04-10", {"armenian"}),
    "ev-1992-06-shahumyan": ("1992-06-12", "1992-06-30", {"armenian"}),
    "ev-1992-05-azerbaijani-displacement": ("1992-05-18", "1993-11-05", {"azerbaijani"}),
    "ev-2020-09-27-strikes-karabakh": ("2020-09-27", "2020-11-09", {"armenian"}),
    "ev-2020-10-ganja-strikes": ("2020-10-11", "2020-10-17", {"azerbaijani"}),
    "ev-2020-10-28-barda": ("2020-10-28", "2020-10-28", {"azerbaijani"}),
    "ev-2020-11-landmines": ("2020-11-10", "2022-12-31", {"azerbaijani"}),
    "ev-2023-09-24-exodus": ("2023-09-24", "2023-10-03", {"armenian"}),
}
PERIODS = {"1988-1994 war": ("1988-01-01", "1994-05-12"), "2020 war and after": ("2020-09-27", "2022-12-31")}


def _shown(atlas, fid, day):
    return any(f.id == fid for f in atlas.features_on(day).get("events", ()))


@pytest.mark.parametrize("fid", sorted(EVENTS))
def test_each_added_event_is_shown_on_its_days_and_not_either_side(atlas, fid):
    first, last, affected = EVENTS[fid]
    first, last = D(first), D(last)
    assert not _shown(atlas, fid, first - ONE)
    assert _shown(atlas, fid, first) and _shown(atlas, fid, last)
    assert not _shown(atlas, fid, last + ONE)
    assert set(atlas.by_id[fid].properties["affected"]) == affected


@pytest.mark.parametrize("period", sorted(PERIODS))
def test_both_sides_civilians_are_recorded_in_each_period(atlas, period):
    start, end = (D(d) for d in PERIODS[period])
    sides = set()
    for feature in atlas.layer("events"):
        if feature.validity.start and start <= feature.validity.start <= end:
            sides |= set(feature.properties.get("affected") or ())
    assert sides == {"armenian", "azerbaijani"}, period


def test_an_event_with_victims_says_whose_count_it_gives(atlas):
    """Numbers of dead are attributed: the title gives an order of magnitude, the note whose count."""
    for feature in atlas.layer("events"):
        if feature.properties.get("affected"):
            assert feature.properties.get("note"), feature.id
            assert feature.properties.get("source_ids"), feature.id


def test_the_baku_events_of_january_1990_are_two(atlas):
    violence, troops = atlas.by_id["ev-1990-01-baku"], atlas.by_id["ev-1990-01-20-baku"]
    assert "Armenians" in violence.name and "Soviet" not in violence.name
    assert "Soviet troops" in troops.name and "130" in troops.name
    assert "131" in troops.properties["note"]


def test_words_of_the_road_closure_and_the_departure(atlas):
    closure, departure = atlas.by_id["ev-2022-12-12-road-closure"], atlas.by_id["ev-2023-09-24-exodus"]
    assert "protest" not in closure.name and "blockade" not in closure.name
    assert "blockade" in closure.properties["note"] and "environmental protest" in closure.properties["note"]
    assert "leave" not in departure.name and "Departure of almost the whole" in departure.name
    assert "ethnic cleansing" in departure.properties["note"] and "own choice" in departure.properties["note"]
