"""The dashboard run headless by Streamlit's AppTest: what stays on the server (the link
read once, the sidebar, downloads of the reported view, the problem page) and what the map
component is given. The date, the address and the day's panels belong to the component in
the browser; tests/test_dashboard_browser.py drives it."""
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


def component(at: AppTest) -> dict:
    """The data the map component is mounted with."""
    found = [e for e in at.main if getattr(e, "type", "") == "bidi_component"]
    assert len(found) == 1
    return json.loads(found[0].proto.json)


@pytest.fixture(autouse=True)
def shipped_dataset(monkeypatch):
    monkeypatch.delenv("KARABAKH_ATLAS_DATA", raising=False)


def test_the_link_is_read_once_into_the_sidebar_and_the_components_start(atlas):
    source = atlas.source_of(atlas.excerpts_on(dt.date(2021, 6, 1), 365)[0])
    link = {"date": "2021-06-01", "layers": "corridors,peacekeeping", "names": "az", "view": "39.6,46.55,10",
            "window": "365", "sources": source.id, "vantage": source.vantage_group, "selected": "cor-lachin-2020"}
    at = run_app(link)
    assert at.radio(key="names").value == "az"
    assert [layer for layer in LAYERS if at.checkbox(key=f"layer:{layer}").value] == ["corridors", "peacekeeping"]
    data = component(at)
    assert data["names"] == "az" and data["layers"] == ["corridors", "peacekeeping"]
    assert data["initial"] == {"date": "2021-06-01", "window": 365, "sources": [source.id],
                               "vantages": [source.vantage_group], "selected": "cor-lachin-2020",
                               "map": {"center": [39.6, 46.55], "zoom": 10}}
    assert not at.warning
    assert dict(at.query_params) == link  # Python never writes the address: the component does


def test_a_later_address_is_not_read_by_the_server():
    """The component owns the date and the address after the first run: a rerun (a layer
    toggled) with another address changes nothing it was told to start from."""
    at = run_app({"date": "2022-12-20"})
    at.query_params["date"] = "2021-06-01"
    at.checkbox(key="layer:events").uncheck().run()
    data = component(at)
    assert data["initial"]["date"] == "2022-12-20" and "events" not in data["layers"]


def test_the_component_is_told_the_layers_and_names_of_the_sidebar():
    at = run_app({"date": "1995-01-01"})
    assert component(at)["layers"] == list(LAYERS)
    at.radio(key="names").set_value("hy").run()
    at.checkbox(key="layer:places").uncheck().run()
    data = component(at)
    assert data["names"] == "hy" and "places" not in data["layers"]


def test_the_map_files_are_served_from_the_cache(map_cache):
    data = component(run_app())
    version = data["base"].rsplit(".", 1)[1]
    assert data["base"] == f"/component/dashboard.mapview.{version}" and version.startswith("v-")
    built = map_cache / version
    assert all((built / f"data-{names}-{lang}.json").is_file() for names in ("en", "az", "hy", "ru")
               for lang in ("en", "hy", "az", "ru"))  # every naming convention in every interface language
    assert all((built / "engine" / script).is_file() for script in data["scripts"])


def test_bad_query_parameters_fall_back_with_a_visible_note():
    at = run_app({"date": "1994-13-45", "layers": "nonsense", "names": "<script>alert(1)</script>",
                  "sources": "x" * 5000})
    assert component(at)["initial"]["date"] == dt.date.today().isoformat()
    assert at.radio(key="names").value == "en"
    assert len(at.warning) == 4
    assert all("<script" not in w.value and len(w.value) < 300 for w in at.warning)


def test_the_downloads_hold_the_view_the_reader_asks_for(monkeypatch, atlas):
    made = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    at = run_app({"date": "2021-06-01", "layers": "corridors", "names": "en"})
    assert "karabakh-atlas_2021-06-01_corridors.geojson" in made  # the date the page opened with
    # what the component's "downloads" trigger keeps (dashboard/app.py downloads_asked; the browser
    # test presses the button itself)
    at.session_state["reported"] = {"date": "1995-01-01", "window": 0, "sources": [], "vantages": [],
                                    "selected": None, "map": None}
    at.run()
    assert not at.exception
    assert "karabakh-atlas_1995-01-01_corridors.geojson" in made
    assert any("1995-01-01" in m.value for m in at.markdown)  # the heading names the view's date
    assert component(at)["initial"]["date"] == "2021-06-01"  # the component keeps its own date


def test_downloads_hold_what_is_shown(monkeypatch, atlas):
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
    assert sorted(f["id"] for f in day["features"]) == sorted(
        f.id for layer in ("corridors", "peacekeeping") for f in atlas.features_on(dt.date(2021, 6, 1))[layer])
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
    assert not [e for e in at.main if getattr(e, "type", "") == "bidi_component"]  # no map


def test_about_lists_the_corrections_log():
    from geo.corrections import read_corrections

    corrections, _ = read_corrections(DATA_DIR)
    about = [m.value for m in run_app().markdown if "Corrections (" in m.value]
    assert len(about) == 1 and f"Corrections ({len(corrections)})" in about[0]
    assert "Split the Baku event of January 1990 in two" in about[0]


def test_the_interface_language_comes_from_the_link_and_the_sidebar():
    """lang= in the link sets the language (apart from names=); the sidebar changes it; the map
    component is told it; the page's own text follows."""
    at = run_app({"date": "2021-06-01", "names": "az", "lang": "ru"})
    assert component(at)["lang"] == "ru" and component(at)["names"] == "az"
    assert at.selectbox(key="lang").value == "ru"
    assert at.radio(key="names").label == "Названия мест"
    assert any("Карабахский атлас" in m.value for m in at.markdown)
    at.selectbox(key="lang").set_value("hy").run()
    assert component(at)["lang"] == "hy" and at.radio(key="names").label == "Տեղանուններ"


def test_without_lang_the_interface_is_the_browser_language_or_english():
    at = run_app({"date": "2021-06-01"})
    assert component(at)["lang"] in ("en", "hy", "az", "ru")  # AppTest's context locale, resolved
    assert at.selectbox(key="lang").value == component(at)["lang"]
