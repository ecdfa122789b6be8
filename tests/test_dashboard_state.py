"""The dashboard's shareable state: ?date=&layers=&names= parsed and written back."""
import datetime as dt

import pytest

from dashboard.state import MILESTONES, MapView, View, clamp, default_view, parse_query, to_query
from geo.atlas import ATLAS_START
from geo.model import LAYERS

TODAY = dt.date(2026, 1, 15)


def test_no_parameters_give_the_defaults():
    assert parse_query({}, TODAY) == (default_view(TODAY), [])
    assert default_view(TODAY) == View(TODAY, LAYERS, "en")


def test_a_full_link_is_read():
    view, notes = parse_query({"date": "2021-06-01", "layers": "control,line_of_contact", "names": "az"}, TODAY)
    assert view == View(dt.date(2021, 6, 1), ("control", "line_of_contact"), "az") and notes == []


@pytest.mark.parametrize("view", [
    View(dt.date(1995, 1, 1), LAYERS, "en"),
    View(dt.date(2023, 9, 19), ("peacekeeping", "places"), "hy"),
    View(ATLAS_START, (), "ru"),
])
def test_round_trip(view):
    assert parse_query(to_query(view), TODAY) == (view, [])


def test_layers_are_written_in_drawing_order_without_duplicates():
    assert to_query(View(TODAY, ("places", "control", "places"), "en"))["layers"] == "control,places"


def test_empty_layers_means_no_layer():
    assert parse_query({"layers": ""}, TODAY) == (View(TODAY, (), "en"), [])


@pytest.mark.parametrize("raw", ["yesterday", "2021-13-01", "2021-02-30", "21-06-01", "2021-6-1", ""])
def test_a_bad_date_falls_back_with_a_note(raw):
    view, notes = parse_query({"date": raw}, TODAY)
    assert view.day == TODAY and len(notes) == 1 and "YYYY-MM-DD" in notes[0]


@pytest.mark.parametrize("raw, expected", [("1900-01-01", ATLAS_START), ("2099-01-01", TODAY)])
def test_a_date_outside_the_period_is_moved_to_its_end(raw, expected):
    view, notes = parse_query({"date": raw}, TODAY)
    assert view.day == expected and len(notes) == 1 and "outside" in notes[0]


def test_unknown_layers_are_dropped_with_a_note():
    view, notes = parse_query({"layers": "control,bogus"}, TODAY)
    assert view.layers == ("control",) and len(notes) == 1 and "bogus" in notes[0]
    view, notes = parse_query({"layers": "bogus,worse"}, TODAY)
    assert view.layers == LAYERS and len(notes) == 1


def test_a_bad_naming_convention_falls_back_with_a_note():
    view, notes = parse_query({"names": "fr"}, TODAY)
    assert view.names == "en" and len(notes) == 1


def test_notes_never_echo_markup_from_the_link():
    _, notes = parse_query({"date": "<img src=x onerror=alert(1)>`[x](javascript:alert(1))`" * 3,
                            "names": "<script>"}, TODAY)
    for note in notes:
        for ch in "<>`()[]":
            assert ch not in note.split("`")[1]  # the echoed value, inside its code span
    assert len(notes[0]) < 200


def test_list_values_use_the_last_one():
    assert parse_query({"names": ["az", "hy"]}, TODAY)[0].names == "hy"


def test_clamp():
    assert clamp(dt.date(1980, 1, 1), TODAY) == ATLAS_START
    assert clamp(dt.date(2030, 1, 1), TODAY) == TODAY


def test_milestones_are_the_issues_key_dates():
    days = [m.day.isoformat() for m in MILESTONES]
    assert days == sorted(days)
    assert {"1992-05-18", "1993-04-03", "1994-05-12", "2016-04-02", "2020-09-27", "2020-11-10", "2020-12-01",
            "2022-08-26", "2022-12-12", "2023-04-23", "2023-09-19", "2024-01-01"} == set(days)
    assert all(m.label for m in MILESTONES)


def test_session_moves_and_reports():
    from dashboard.state import Session
    session = Session(day=dt.date(2021, 6, 1))
    session.go_to(dt.date(1900, 1, 1), TODAY)  # a move made on the server: clamped, numbered
    assert session.command() == {"date": "1988-02-20", "seq": 1, "view": None}
    session.reported("1995-01-01", TODAY)  # the map reports its date: no new move for it
    assert session.day == dt.date(1995, 1, 1) and session.seq == 1
    for junk in ("1995-13-01", "<script>", None, 19950101, "1995-01-01T00:00"):
        session.reported(junk, TODAY)
        assert session.day == dt.date(1995, 1, 1)


KNOWN = {"sources": {"src-a", "src-b"}, "vantages": {"armenian", "azerbaijani"}, "features": {"lachin"}}


def test_view_window_filters_and_selection_round_trip():
    view = View(dt.date(2022, 12, 20), ("control", "places"), "hy", MapView(39.6, 46.55, 10), 180,
                ("src-b",), ("armenian", "azerbaijani"), "lachin")
    query = to_query(view)
    assert query == {"date": "2022-12-20", "layers": "control,places", "names": "hy", "view": "39.6,46.55,10",
                     "window": "180", "sources": "src-b", "vantage": "armenian,azerbaijani", "selected": "lachin"}
    assert parse_query(query, TODAY, KNOWN) == (view, [])


def test_defaults_stay_out_of_the_link():
    assert set(to_query(View(TODAY, LAYERS, "en"))) == {"date", "layers", "names"}


@pytest.mark.parametrize("params, word", [
    ({"view": "91,46,8"}, "map view"), ({"view": "39,46"}, "map view"), ({"view": "a,b,c"}, "map view"),
    ({"view": "39,46,40"}, "map view"), ({"window": "7"}, "excerpt window"), ({"window": "-30"}, "excerpt window"),
    ({"sources": "src-a,nope"}, "source"), ({"vantage": "<b>"}, "vantage"), ({"selected": "nowhere"}, "feature"),
])
def test_bad_view_parts_fall_back_with_a_note(params, word):
    view, notes = parse_query(params, TODAY, KNOWN)
    assert len(notes) == 1 and word in notes[0] and "<b>" not in notes[0]
    assert view.map is None and view.window == 0 and view.vantages == () and view.feature is None
    assert view.sources == (("src-a",) if "sources" in params else ())


def test_map_view_from_the_engine():
    assert MapView.from_engine({"center": [39.123456, 46.5], "zoom": 9}) == MapView(39.12346, 46.5, 9)
    for junk in (None, {}, {"center": [1], "zoom": 3}, {"center": [100, 0], "zoom": 3}, "x"):
        assert MapView.from_engine(junk) is None
