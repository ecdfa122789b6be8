"""The reader's rules on the shipped record: the date field, the steps of the time bar,
since when a point was held, the rows of the figures (each adds up to the frame)."""
from __future__ import annotations

import datetime as dt

import pytest
from shapely.geometry import Point

from geo import dates, engine, stats
from geo.frame import frame_for
from geo.held import held_since
from geo.layers import has_role

D = dt.date.fromisoformat
#: A point of Shusha town, and one in Agdam town (both well inside their districts).
SHUSHA = (46.7525, 39.7606)
AGDAM = (46.9280, 39.9930)


def _over(atlas, lon, lat):
    point = Point(lon, lat)
    return [engine.feature_record(f, "en", {}, (), simplify=False) for f in atlas.with_role("control")
            if f.geometry.covers(point)]


@pytest.mark.parametrize("typed,committed", [
    ("", None), ("0002-05-01", None), ("0020-05-01", None), ("0202-05-01", None), ("2021-05-01", "2021-05-01"),
    ("1988-02-19", None), ("1988-02-20", "1988-02-20"), ("2021-02-30", None), ("2021-5-1", None)])
def test_the_date_field_commits_a_complete_day_inside_the_record(typed, committed):
    day = dates.committed_day(typed, D("1988-02-20"), D("2026-01-01"))
    assert (day.isoformat() if day else None) == committed


@pytest.mark.parametrize("day,n,expected", [("2020-01-31", 1, "2020-02-29"), ("2021-01-31", 1, "2021-02-28"),
                                            ("2020-03-31", -1, "2020-02-29"), ("2020-11-10", 12, "2021-11-10"),
                                            ("2020-12-15", 1, "2021-01-15"), ("2021-01-15", -1, "2020-12-15")])
def test_a_month_step_stays_inside_the_month_it_lands_in(day, n, expected):
    assert dates.add_months(D(day), n).isoformat() == expected


def test_the_steps_on_the_map_are_days_on_which_the_map_changes(atlas):
    days = engine.map_change_days(atlas.features)
    assert days == sorted(set(days))
    # 10 November 2020 (the ceasefire) changes the map; nothing drawn changes from 12 to 19 November
    assert "2020-11-10" in days and not [d for d in days if "2020-11-12" <= d <= "2020-11-19"]
    assert dates.next_in(days, "2020-11-11") == "2020-11-20"
    assert dates.prev_in(days, "2020-11-20") == "2020-11-11"
    # key dates on which nothing drawn changes are not steps (6 October 2022: no drawing changes)
    assert "2022-10-06" in [d.isoformat() for d in atlas.key_dates] and "2022-10-06" not in days
    # every key date of the control layer is a step
    for f in atlas.with_role("control"):
        if f.validity.start:
            assert f.validity.start.isoformat() in days


def test_shusha_held_by_azerbaijan_since_november_2020_armenian_before(atlas):
    over = _over(atlas, *SHUSHA)
    after = held_since(over, "2021-06-01")
    assert after["status"] == "held" and after["side"] == "azerbaijani"
    assert D("2020-11-01") <= D(after["since"]) <= D("2020-11-09"), after
    assert after["before"]["side"] == "armenian" and after["before"]["from"] < "1993-01-01", after
    before = held_since(over, "2000-01-01")
    assert before["side"] == "armenian" and before["before"]["side"] == "azerbaijani"
    # the day before the change Armenian; the day of it Azerbaijani (or both, inside its interval)
    first = D(after["since"])
    assert held_since(over, (first - dt.timedelta(days=1)).isoformat())["side"] == "armenian"
    assert "azerbaijani" in held_since(over, first.isoformat())["sides"]


def test_agdam_town_held_by_armenian_forces_1993_to_2020(atlas):
    held = held_since(_over(atlas, *AGDAM), "2000-01-01")
    assert held["side"] == "armenian" and "1993-07-01" <= held["since"] <= "1993-07-31", held


def test_the_figures_add_up_to_the_frame_on_19_september_2023(atlas):
    figures = stats.stats_for_date(atlas, D("2023-09-19"))
    frame = figures["frame"]
    row = {**figures["area_km2"], "uncertain": frame["uncertain_km2"], "not_drawn": frame["not_drawn_km2"]}
    rows = stats.figure_rows(row)
    by_key = {r["key"]: r["km2"] for r in rows}
    assert by_key["uncertain"] > 1000  # the ground whose change of hands is under way, counted
    assert sum(r["km2"] for r in rows) == pytest.approx(frame["km2"], abs=1.0)
    text = stats.format_stats(figures)
    assert stats.UNCERTAIN_ROW in text and "Total (the frame)" in text
    # the day before the operation: nothing under way
    before = stats.stats_for_date(atlas, D("2023-09-18"))
    assert before["frame"]["uncertain_km2"] == 0


def test_every_series_row_adds_up_to_the_frame(atlas):
    frame = frame_for(atlas)
    for row in frame.series():
        assert sum(r["km2"] for r in stats.figure_rows(row)) == pytest.approx(frame.km2, abs=1.0), row["date"]


def test_engine_data_carries_the_steps_and_source_titles(atlas):
    data = engine.engine_data(atlas, today=D("2026-01-01"))
    assert data["mapDays"] == engine.map_change_days(atlas.features)
    assert data["excerptDays"] == sorted({e.date.first.isoformat() for e in atlas.excerpts})
    assert set(data["sourceTitles"]) >= set(atlas.sources)
    rows = [r for rows in data["histories"].values() for r in rows]
    assert all(s in data["sourceTitles"] for r in rows for s in r["sources"])  # the card names each by its title
    assert any(r["route"] for r in rows) and not all(r["route"] for r in rows)
    assert not any(r["route"] for r in data["histories"].get("prov-agdam", []))
    assert has_role("control", "control")


@pytest.mark.parametrize("text,expected", [
    ("2023~", "about 2023"), ("2021-05/2021-11", "May 2021 to November 2021"), ("1992-05-08", "8 May 1992"),
    ("2021-11", "November 2021"), ("1992?", "1992 (uncertain)"), ("2020", "2020"),
    ("2020-10-09/2020-11-08", "9 October 2020 to 8 November 2020"), ("1992/1994", "1992 to 1994")])
def test_dates_in_words_never_edtf(text, expected):
    assert dates.words(dates.parse_date(text, allow_interval=True)) == expected


def test_a_page_opens_on_a_day_the_record_speaks_of(atlas):
    today = D("2026-01-01")
    day = engine.opening_day(atlas, today)
    assert day in atlas.key_dates and atlas.excerpts_on(day)
    assert not [d for d in atlas.key_dates if day < d <= today and atlas.excerpts_on(d)]  # the latest such
    assert engine.engine_data(atlas, today=today)["initial"] == day.isoformat()
    assert engine.engine_data(atlas, today=today, initial=D("2021-06-01"))["initial"] == "2021-06-01"
