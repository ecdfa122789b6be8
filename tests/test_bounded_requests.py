"""Bounded work per request: a link or a component state that is malformed, huge or deeply
nested falls back to the defaults with a note, and never raises in the server or the page."""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from dashboard import component_input
from dashboard.state import MapView, default_view, parse_query, reported_view
from geo.cite import parse_permalink

ZOOM_5000 = "9" * 5000
DEEP = "[" * 30_000 + "]" * 30_000


def test_a_permalink_with_a_5000_digit_zoom_is_read_with_the_view_left_out():
    # int() of 5,000 digits raised ValueError (Python's limit of 4,300 digits)
    dropped: list[str] = []
    assert parse_permalink("#2021-06-01&view=39.8,46.6," + ZOOM_5000, dropped) == {"date": "2021-06-01"}
    assert dropped == ["view"]


def test_a_permalink_with_malformed_percent_encoding_names_what_was_left_out():
    dropped: list[str] = []
    state = parse_permalink("#%E0%A4%A&date=2021-06-01&layers=%zz&sel=a%2&%zz=1", dropped)
    assert state == {"date": "2021-06-01"} and dropped == ["layers", "selected", "?"]
    dropped = []
    assert parse_permalink("#2021-06-01&view=1,2,3", dropped) and dropped == []


def test_a_link_with_a_5000_digit_zoom_opens_the_defaults_with_a_note():
    today = dt.date(2026, 1, 1)
    view, notes = parse_query({"date": "2021-06-01", "view": "39.8,46.6," + ZOOM_5000}, today)
    assert view.map is None and view.day == dt.date(2021, 6, 1) and len(notes) == 1 and "view" in notes[0]
    view, notes = parse_query({"date": "2021-06-01", "view": "39.8,46.6," + "9" * 400}, today)
    assert view.map is None and "LATITUDE,LONGITUDE,ZOOM" in notes[0]


@pytest.mark.parametrize("zoom", [float("inf"), 10 ** 400, 1e308, -1, "9" * 5000])
def test_a_reported_view_with_an_absurd_zoom_falls_back(zoom):
    start = default_view(dt.date(2026, 1, 1))
    assert MapView.from_engine({"center": [39.8, 46.6], "zoom": zoom}) is None  # int(inf) raised OverflowError
    shown = reported_view(start, {"date": "2021-06-01", "map": {"center": [39.8, 46.6], "zoom": zoom}},
                          start.layers, start.names, dt.date(2026, 1, 1))
    assert shown.map is None and shown.day == dt.date(2021, 6, 1)


@pytest.mark.parametrize("payload, why", [
    (DEEP, "nested deeper"),
    ('{"downloads": ' + "[" * 500 + "]" * 500 + "}", "nested deeper"),
    ('{"downloads": {"date": "2021-06-01", "map": {"center": [39.8, 46.6], "zoom": ' + ZOOM_5000 + "}}}", "digits"),
    ('{"downloads": {"map": {"zoom": 1e400}}}', "beyond a double"),
    ('{"downloads": {"map": {"zoom": NaN}}}', "not a number"),
    ('{"downloads": "' + "x" * (component_input.MAX_CHARS + 1) + '"}', "longer than"),
])
def test_streamlit_reads_a_hostile_component_state_as_empty_and_the_page_is_told(payload, why):
    # Streamlit read these with json.loads before the app ran: RecursionError / ValueError,
    # and every rerun of the session showed its error box
    from streamlit.components.v2.bidi_component.serialization import BidiComponentSerde, deserialize_trigger_list

    component_input.install()
    component_input.take_refusal()
    start = time.perf_counter()
    assert BidiComponentSerde().deserialize(payload) == {}
    assert why in component_input.take_refusal()
    assert deserialize_trigger_list(payload) == [payload]  # a trigger: kept as text, which the page ignores
    assert why in component_input.take_refusal() and component_input.take_refusal() is None
    assert time.perf_counter() - start < 5.0


def test_a_well_formed_component_state_is_read_as_before():
    from streamlit.components.v2.bidi_component.serialization import BidiComponentSerde

    component_input.install()
    state = {"downloads": {"date": "2021-06-01", "window": 30, "sources": ["a"], "vantages": [], "selected": None,
                           "map": {"center": [39.8, 46.6], "zoom": 10}}}
    assert BidiComponentSerde().deserialize(json.dumps(state)) == state
    assert component_input.take_refusal() is None
    assert component_input.depth_of('{"a": "[[[[[[[[[[[[", "b": [1, {"c": "\\"]]]"}]}') == 3


def test_the_dashboard_opened_with_a_5000_digit_zoom_shows_a_note_not_an_error(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    monkeypatch.delenv("KARABAKH_ATLAS_DATA", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.query_params["date"] = "2021-06-01"
    at.query_params["view"] = "39.8,46.6," + ZOOM_5000
    at.run()
    assert not at.exception and not at.error
    assert any("`view` is longer than" in w.value for w in at.warning)
