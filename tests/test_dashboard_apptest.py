"""The dashboard run headless by Streamlit's AppTest: date, layers, names, URL state,
excerpts, downloads and the error page of a broken dataset.

The slider, key-date steps and Play live in the map component (in the browser); here a
date move is what the component reports (``Session.reported``) followed by the rerun it
causes. tests/test_dashboard_browser.py drives the component itself."""
from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from conftest import DATA_DIR, ROOT
from geo.cli import main as cli_main
from geo.model import LAYERS

APP = str(ROOT / "dashboard" / "app.py")
ALL_LAYERS = ",".join(LAYERS)


def run_app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_ids(at: AppTest) -> list[str]:
    """The feature ids of the text table under the map."""
    return table(at)["Id"].tolist()


def table(at: AppTest):
    return next(d.value for d in at.dataframe if "Valid from" in d.value.columns)


def excerpt_ids(at: AppTest) -> list[str]:
    return [m.value.split('data-excerpt="')[1].split('"')[0] for m in at.markdown if 'data-excerpt="' in m.value]


def day_of(at: AppTest) -> dt.date:
    return at.session_state["session"].day


def set_date(at: AppTest, day: dt.date) -> AppTest:
    """As when the map reports a date moved in the browser: the app reruns for it."""
    at.session_state["session"].reported(day.isoformat(), dt.date.today())
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(autouse=True)
def shipped_dataset(monkeypatch):
    monkeypatch.delenv("KARABAKH_ATLAS_DATA", raising=False)


@pytest.fixture(scope="module")
def app():
    """One app session, moved around by the tests that use it."""
    return run_app({"date": "1995-01-01"})


def test_the_date_control_changes_features_and_excerpts(app, atlas):
    assert day_of(app) == dt.date(1995, 1, 1)
    ids = shown_ids(app)
    assert "loc-1994" in ids and not any(i.startswith("pk-russian-zone") for i in ids)
    assert excerpt_ids(app) == [e.id for e in atlas.excerpts_on(dt.date(1995, 1, 1))]

    set_date(app, dt.date(2021, 6, 1))
    ids = shown_ids(app)
    assert {"pk-russian-zone", "cor-lachin-2020"} <= set(ids) and "loc-1994" not in ids
    assert excerpt_ids(app) == [e.id for e in atlas.excerpts_on(dt.date(2021, 6, 1))] != []

    set_date(app, dt.date(2023, 1, 1))
    assert "cor-lachin-2022" in shown_ids(app) and "cor-lachin-2020" not in shown_ids(app)
    assert app.query_params["date"] == "2023-01-01"


def test_the_excerpt_window_widens_the_list(app, atlas):
    set_date(app, dt.date(2021, 6, 1))
    app.radio(key="window").set_value(365).run()
    assert excerpt_ids(app) == [e.id for e in atlas.excerpts_on(dt.date(2021, 6, 1), 365)]
    assert len(excerpt_ids(app)) > len(atlas.excerpts_on(dt.date(2021, 6, 1)))
    app.radio(key="window").set_value(0).run()


def test_source_and_vantage_filters(app, atlas):
    set_date(app, dt.date(2021, 6, 1))
    app.radio(key="window").set_value(365).run()
    source = atlas.source_of(atlas.excerpts_on(dt.date(2021, 6, 1), 365)[0])
    app.multiselect(key="filter_sources").set_value([source.id]).run()
    assert excerpt_ids(app) and {atlas.excerpts_by_id[i].source_id for i in excerpt_ids(app)} == {source.id}
    app.multiselect(key="filter_sources").set_value([]).run()
    app.multiselect(key="filter_vantages").set_value(["azerbaijani"]).run()
    assert {atlas.source_of(atlas.excerpts_by_id[i]).vantage_group for i in excerpt_ids(app)} <= {"azerbaijani"}
    app.multiselect(key="filter_vantages").set_value([]).run()
    app.radio(key="window").set_value(0).run()


def test_jump_and_excerpt_buttons_move_the_map(app, atlas):
    set_date(app, dt.date(2021, 6, 1))
    seq = app.session_state["session"].seq
    app.selectbox(key="jump").select(dt.date(2020, 11, 10)).run()
    assert day_of(app) == dt.date(2020, 11, 10) and app.selectbox(key="jump").value is None
    assert app.session_state["session"].command() == {"date": "2020-11-10", "seq": seq + 1, "view": None}  # a new move for the map
    assert app.query_params["date"] == "2020-11-10"
    first = excerpt_ids(app)[0]
    app.button(key=f"goto:{first}").click().run()
    assert day_of(app) == atlas.excerpts_by_id[first].date.first
    assert app.session_state["session"].seq == seq + 2
    set_date(app, dt.date(2021, 6, 1))  # a date the map reports is not sent back as a move
    assert app.session_state["session"].seq == seq + 2


def test_an_excerpt_highlights_its_features(app, atlas):
    set_date(app, dt.date(2021, 6, 1))
    excerpt = excerpt_ids(app)[0]
    app.button(key=f"highlight:{excerpt}").click().run()
    assert app.session_state["session"].highlight == excerpt
    assert any("Highlighted in yellow" in m.value for m in app.markdown)
    app.button(key="clear_highlight").click().run()
    assert app.session_state["session"].highlight is None
    assert not any("Highlighted in yellow" in m.value for m in app.markdown)


def test_naming_control_changes_labels(app):
    set_date(app, dt.date(2021, 6, 1))
    names = lambda: dict(zip(table(app)["Id"], table(app)["Name"]))  # noqa: E731
    assert names()["place-stepanakert-khankendi"] == "Stepanakert"
    app.radio(key="names").set_value("az").run()
    assert names()["place-stepanakert-khankendi"] == "Xankəndi" and names()["place-shusha-shushi"] == "Şuşa"
    assert app.query_params["names"] == "az"
    app.radio(key="names").set_value("hy").run()
    assert names()["place-stepanakert-khankendi"] == "Ստեփանակերտ" and names()["place-shusha-shushi"] == "Շուշի"
    app.radio(key="names").set_value("ru").run()
    assert names()["place-stepanakert-khankendi"] == "Степанакерт"
    app.radio(key="names").set_value("en").run()


def test_layer_toggles(app):
    set_date(app, dt.date(2021, 6, 1))
    app.checkbox(key="layer:control").uncheck().run()
    app.checkbox(key="layer:places").uncheck().run()
    assert not any(i.startswith(("ctrl-", "place-")) for i in shown_ids(app))
    assert app.query_params["layers"] == "provinces,line_of_contact,corridors,peacekeeping,events"
    app.checkbox(key="layer:control").check().run()
    app.checkbox(key="layer:places").check().run()
    assert app.query_params["layers"] == ALL_LAYERS


def test_query_parameters_are_read_on_load():
    at = run_app({"date": "2021-06-01", "layers": "corridors,peacekeeping", "names": "az"})
    assert day_of(at) == dt.date(2021, 6, 1)
    assert at.radio(key="names").value == "az"
    assert [layer for layer in LAYERS if at.checkbox(key=f"layer:{layer}").value] == ["corridors", "peacekeeping"]
    assert set(shown_ids(at)) == {"cor-lachin-2020", "cor-nakhchivan-link", "cor-nakhchivan-railway",
                                  "cor-iran-route", "pk-russian-zone", "pk-monitoring-centre"}
    assert dict(at.query_params) == {"date": "2021-06-01", "layers": "corridors,peacekeeping", "names": "az"}
    assert not at.warning


def test_a_full_permalink_restores_window_filters_view_and_selection(atlas):
    source = atlas.source_of(atlas.excerpts_on(dt.date(2021, 6, 1), 365)[0])
    feature = next(iter(atlas.by_id))
    link = {"date": "2021-06-01", "layers": ALL_LAYERS, "names": "en", "view": "39.6,46.55,10", "window": "365",
            "sources": source.id, "vantage": source.vantage_group, "selected": feature}
    at = run_app(link)
    assert at.radio(key="window").value == 365
    assert at.multiselect(key="filter_sources").value == [source.id]
    assert at.multiselect(key="filter_vantages").value == [source.vantage_group]
    visitor = at.session_state["session"]
    assert visitor.clicked == feature and visitor.command()["view"] == {"center": [39.6, 46.55], "zoom": 10}
    assert {atlas.excerpts_by_id[i].source_id for i in excerpt_ids(at)} == {source.id}
    assert at.button(key="close_feature")  # the selected feature's card is open
    assert dict(at.query_params) == link and visitor.notes == ()


def test_an_older_address_in_an_ordinary_rerun_is_not_applied():
    """A rerun that is not Back or Forward may carry an address a moment old: the view stays
    (Back itself is tested in the browser, tests/test_dashboard_browser.py)."""
    at = run_app({"date": "2022-12-20"})
    seq = at.session_state["session"].seq
    at.query_params["date"] = "2021-06-01"
    at.query_params["window"] = "30"
    at.run()
    assert day_of(at) == dt.date(2022, 12, 20) and at.radio(key="window").value == 0
    assert at.session_state["session"].seq == seq
    assert at.query_params["date"] == "2022-12-20" and "window" not in at.query_params


def test_the_url_is_written_on_first_load():
    at = run_app()
    assert at.query_params["date"] == dt.date.today().isoformat()
    assert at.query_params["layers"] == ALL_LAYERS and at.query_params["names"] == "en"


def test_bad_query_parameters_fall_back_with_a_visible_note():
    at = run_app({"date": "1994-13-45", "layers": "nonsense", "names": "<script>alert(1)</script>"})
    assert day_of(at) == dt.date.today()
    assert at.radio(key="names").value == "en"
    assert len(at.warning) == 3
    assert all("<script" not in w.value for w in at.warning)
    assert at.query_params["layers"] == ALL_LAYERS


def test_downloads_hold_what_is_shown(monkeypatch):
    made = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    at = run_app({"date": "2021-06-01", "layers": "corridors,peacekeeping", "names": "az"})
    labels = {b.label for b in at.get("download_button")}
    assert {"GeoJSON of this map", "Whole dataset, all dates (GeoJSON)", "Excerpts and sources (JSON)"} <= labels
    day = json.loads(made["karabakh-atlas_2021-06-01_corridors+peacekeeping.geojson"]())
    assert day["date"] == "2021-06-01" and day["layers"] == ["corridors", "peacekeeping"]
    assert [f["id"] for f in day["features"]] == shown_ids(at)
    everything = json.loads(made["karabakh-atlas_all.geojson"]())
    assert len(everything["features"]) > len(day["features"])
    excerpts = json.loads(made["karabakh-atlas_excerpts.json"]())
    assert {"sources", "excerpts"} <= set(excerpts)
    if "karabakh-atlas_2021-06-01_corridors+peacekeeping_az.html" in made:  # geo.export_html present
        page = made["karabakh-atlas_2021-06-01_corridors+peacekeeping_az.html"]().decode("utf-8")
        assert "2021" in page and "<html" in page.lower()


def test_a_broken_dataset_shows_the_validate_messages(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    (broken / "layers" / "events.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    corridors = json.loads((broken / "layers" / "corridors.geojson").read_text(encoding="utf-8"))
    corridors["features"][0]["properties"]["valid_from"] = "2020-02-30"
    (broken / "layers" / "corridors.geojson").write_text(json.dumps(corridors), encoding="utf-8")

    assert cli_main(["validate", "--data", str(broken)]) == 1
    expected = [line for line in capsys.readouterr().err.splitlines() if not line.endswith("problem(s)")]
    assert len(expected) >= 2

    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(broken))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and f"{len(expected)} problem(s)" in at.error[0].value
    shown = at.code[0].value.splitlines()
    assert shown == expected
    assert any("events.geojson" in line and "invalid JSON" in line for line in shown)
    assert any("corridors.geojson" in line and "valid_from" in line for line in shown)
    page_text = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert str(tmp_path) not in page_text  # no server path reaches the visitor
    assert not at.dataframe and not at.slider
