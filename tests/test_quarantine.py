"""A source file that fails validation is left out of the dashboard's atlas (its problems
listed), the rest keeps serving; `validate` names it; a broken layer still stops the load.
And the dataset's version: a change on disk is picked up as a whole."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from geo import load_atlas
from geo.cli import main
from geo.errors import DatasetError
from geo.version import dataset_version, load_whole
from test_dashboard_review import APP, PAGE, run


def break_source(data, name="src-c.json", date="0999"):
    path = data / "sources" / name
    path.write_text(json.dumps({
        "source": {"id": "src-c", "title": "Broken", "authors": [], "published": "2016", "vantage": "t",
                   "vantage_group": "international", "text_file": "a.txt", "url": None},
        "excerpts": [{"id": "src-c-01", "source_id": "src-c", "quote": "An essay.", "date": date,
                      "feature_ids": [], "place_ids": ["place-a"]}]}), encoding="utf-8")
    return path


def test_a_broken_source_is_left_out_and_the_rest_is_served(tiny):
    data, texts = tiny
    break_source(data)
    with pytest.raises(DatasetError):
        load_atlas(data, texts)  # exports and the command line refuse, as before
    atlas = load_atlas(data, texts, quarantine=True)
    assert "src-a" in atlas.sources and "src-c" not in atlas.sources
    assert {e.id for e in atlas.excerpts} == {"src-a-01", "src-a-02"}
    assert [(p.file, p.item_id, p.field) for p in atlas.quarantined] == [("sources/src-c.json", "src-c-01", "date")]


def test_a_source_whose_quote_is_not_in_its_text_is_quarantined(tiny):
    data, texts = tiny
    path = break_source(data, date="1994")
    content = json.loads(path.read_text())
    content["excerpts"][0]["quote"] = "Words the essay never says."
    path.write_text(json.dumps(content), encoding="utf-8")
    (data / "sources" / "notes.txt").write_text("not a source", encoding="utf-8")
    atlas = load_atlas(data, texts, quarantine=True)
    assert {p.file for p in atlas.quarantined} == {"sources/src-c.json", "sources/notes.txt"}
    assert "src-a" in atlas.sources


def test_a_broken_layer_still_stops_the_load(tiny):
    data, texts = tiny
    break_source(data)
    (data / "layers" / "places.geojson").write_text("{", encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        load_atlas(data, texts, quarantine=True)
    assert {p.file for p in err.value.problems} >= {"layers/places.geojson", "sources/src-c.json"}


def test_validate_names_the_quarantined_file(tiny, capsys):
    data, texts = tiny
    break_source(data)
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    err = capsys.readouterr().err
    assert "sources/src-c.json: src-c-01: date:" in err and "quarantined: sources/src-c.json" in err


def test_the_dashboard_serves_the_map_and_lists_the_problem_on_the_review_page(tiny, monkeypatch):
    data, texts = tiny
    break_source(data)
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    monkeypatch.setenv("KARABAKH_ATLAS_MODE", "local")
    app = run(AppTest.from_file(APP, default_timeout=60))
    assert not any("cannot be shown" in e.value for e in app.error)
    assert any("Karabakh Atlas" in m.value for m in app.markdown)
    page = run(AppTest.from_file(PAGE, default_timeout=60))
    assert any("left out of the map" in e.value.replace("\\", "") for e in page.error)
    assert any("sources/src-c.json: src-c-01: date:" in c.value for c in page.code)


def test_the_version_changes_with_the_files_and_a_load_is_of_one_version(tiny):
    data, texts = tiny
    first = dataset_version(data, texts)
    assert dataset_version(data, texts) == first
    (data / "sources" / "src-a.json").write_text((data / "sources" / "src-a.json").read_text() + " ", encoding="utf-8")
    second = dataset_version(data, texts)
    (texts / "a.txt").write_text("changed", encoding="utf-8")
    assert len({first, second, dataset_version(data, texts)}) == 3
    # a change landing while the atlas loads: loaded again, the result is of the final version
    versions = iter(["v1", "v2", "v2"])
    loads = []
    result, version = load_whole(lambda: loads.append(1) or len(loads), lambda: next(versions))
    assert (result, version, len(loads)) == (2, "v2", 2)


def test_the_map_page_says_how_many_sources_are_left_out(tiny, monkeypatch):
    """In public mode (no review page) the map says that sources are left out, how many,
    and that the editors see why; it names no file. None when every source is shown."""
    from dashboard import content
    from geo import i18n

    data, texts = tiny
    assert content.quarantine_notice(load_atlas(data, texts, quarantine=True)) is None
    break_source(data)
    path = break_source(data, name="src-d.json")
    path.write_text(path.read_text().replace("src-c", "src-d"), encoding="utf-8")
    atlas = load_atlas(data, texts, quarantine=True)
    for lang in i18n.LANGUAGES:
        with i18n.use(lang):
            notice = content.quarantine_notice(atlas)
        assert notice["count"] == 2 and "2" in notice["text"] and "{count}" not in notice["text"], lang
        assert "src-c" not in notice["text"]
    with i18n.use("en"):
        assert "editors" in content.quarantine_notice(atlas)["text"]
    with i18n.use("ru"):
        assert content.quarantine_notice(atlas)["text"] != i18n.gettext(
            "Source files left out of this map because problems were found in them: {count}. "
            "The rest of the atlas is shown; its editors see the problems and fix them.", lang="en", count=2)
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    monkeypatch.setenv("KARABAKH_ATLAS_MODE", "public")
    app = run(AppTest.from_file(APP, default_timeout=60))
    notes = [i.value for i in app.info if "left out of this map" in i.value]
    assert len(notes) == 1 and ": 2." in notes[0] and "src-c" not in notes[0]
