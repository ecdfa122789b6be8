"""Area held inside the stated frame (the former oblast and the seven districts)."""
import datetime as dt

import pytest
from shapely.ops import unary_union

from geo.frame import FRAME_IDS, frame_for
from geo.measure import area_km2
from geo.model import SIDES
from geo.stats import format_stats, stats_for_date

D = dt.date.fromisoformat


def test_frame_is_the_oblast_and_seven_districts(atlas):
    frame = frame_for(atlas)
    union = unary_union([atlas.by_id[i].geometry for i in FRAME_IDS])
    assert frame.km2 == pytest.approx(area_km2(union), rel=1e-3)
    assert "seven districts" in frame.describe()["label"] and len(FRAME_IDS) == 8


def test_every_row_adds_up_to_the_frame(atlas):
    frame = frame_for(atlas)
    rows = frame.series()
    assert rows[0]["date"] == "1988-02-20" and rows[0]["not_drawn"] == pytest.approx(frame.km2, abs=0.2)
    for row in rows:
        total = sum(row[side] for side in SIDES) + row["uncertain"] + row["not_drawn"]
        assert total == pytest.approx(frame.km2, abs=0.5), row


def test_uncertain_ground_only_inside_uncertain_intervals(atlas):
    for row in frame_for(atlas).series():
        if row["uncertain"] > 0:
            day = D(row["date"])
            assert any(f.validity.uncertain_on(day) for f in atlas.features_on(day)["control"]), row


def test_the_record_in_outline(atlas):
    frame = frame_for(atlas)
    held_1994 = frame.areas(D("2000-01-01"))["armenian"]
    held_2021 = frame.areas(D("2021-06-01"))["armenian"]
    assert held_1994 > 0.75 * frame.km2 and held_2021 < 0.3 * frame.km2
    assert frame.areas(D("2024-01-01"))["armenian"] == 0


def test_stats_state_the_frame(atlas):
    figures = stats_for_date(atlas, D("2021-06-01"))
    assert figures["frame"]["feature_ids"] == list(FRAME_IDS)
    assert sum(figures["area_km2"].values()) <= figures["frame"]["km2"] + 0.5
    assert "seven districts" in format_stats(figures)


def test_ground_drawn_outside_the_frame_is_not_counted(atlas):
    frame = frame_for(atlas)
    row = frame.areas(D("1991-01-01"))  # only the Karki exclave, outside the frame, is drawn
    assert row["armenian"] == 0 and row["uncertain"] == 0
    assert row["not_drawn"] == pytest.approx(frame.km2, abs=0.2)


def test_an_area_touching_the_frame_keeps_only_its_areas():
    from shapely.geometry import GeometryCollection, LineString, box

    from geo.frame import _polygonal
    touching = GeometryCollection([box(0, 0, 1, 1), LineString([(1, 0), (2, 0)])])
    assert _polygonal(touching).equals(box(0, 0, 1, 1))
    assert _polygonal(LineString([(0, 0), (1, 0)])).is_empty
