"""The dashboard's shareable state: ?date=&layers=&names= parsed and written back."""
import datetime as dt

import pytest

from dashboard.state import (MAX_IDS, MAX_VALUE_LENGTH, MapView, View, clamp, component_start, default_view,
                             parse_query, reported_view, to_query)
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


def test_oversized_values_are_ignored_with_a_note():
    view, notes = parse_query({"date": "2021-06-01", "sources": "a," * MAX_VALUE_LENGTH}, TODAY)
    assert view.day == dt.date(2021, 6, 1) and view.sources == ()
    assert len(notes) == 1 and str(MAX_VALUE_LENGTH) in notes[0] and len(notes[0]) < 200
    just_under = parse_query({"date": "2021-06-01", "window": "3" * (MAX_VALUE_LENGTH + 1)}, TODAY)
    assert just_under[0].window == 0 and "longer than" in just_under[1][0]


def test_a_long_list_of_ids_is_cut_with_a_note():
    ids = [f"s{i}" for i in range(MAX_IDS + 5)]
    view, notes = parse_query({"sources": ",".join(ids)}, TODAY)
    assert view.sources == tuple(ids[:MAX_IDS]) and len(notes) == 1 and str(MAX_IDS) in notes[0]
    assert parse_query({"sources": ",".join(ids[:MAX_IDS])}, TODAY)[1] == []


def test_the_component_starts_from_the_link():
    view = View(dt.date(2022, 12, 20), ("control",), "hy", MapView(39.6, 46.55, 10), 180, ("src-b",), ("armenian",),
                "lachin")
    assert component_start(view) == {"date": "2022-12-20", "window": 180, "sources": ["src-b"],
                                     "vantages": ["armenian"], "selected": "lachin",
                                     "map": {"center": [39.6, 46.55], "zoom": 10}}
    assert component_start(View(TODAY, LAYERS, "en"))["map"] is None


def test_the_reported_view_replaces_the_start_and_is_checked():
    start = View(dt.date(2021, 6, 1), LAYERS, "en", window=30)
    assert reported_view(start, None, ("control",), "az", TODAY) == View(dt.date(2021, 6, 1), ("control",), "az",
                                                                         window=30)
    reported = {"date": "1995-01-01", "window": 365, "sources": ["src-a"], "vantages": ["armenian"],
                "selected": "lachin", "map": {"center": [39.6, 46.5], "zoom": 9}}
    assert reported_view(start, reported, ("places",), "ru", TODAY) == View(
        dt.date(1995, 1, 1), ("places",), "ru", MapView(39.6, 46.5, 9), 365, ("src-a",), ("armenian",), "lachin")
    for junk in ({"date": "1995-13-01"}, {"date": "<script>"}):  # a malformed day falls back to today
        assert reported_view(start, junk, LAYERS, "en", TODAY).day == TODAY
    assert reported_view(start, {"date": "1900-01-01"}, LAYERS, "en", TODAY).day == ATLAS_START
    assert reported_view(start, {"date": 19950101}, LAYERS, "en", TODAY).day == start.day
    assert reported_view(start, {"date": "1995-01-01", "window": 7, "map": "x"}, LAYERS, "en", TODAY).window == 0


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
