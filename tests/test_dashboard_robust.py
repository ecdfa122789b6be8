"""The dashboard never fails on data that validated: every key date and every excerpt
window of every valid fixture renders; a failure shows a problem page without server
paths or traceback; downloads are built once per file and a few at a time (issue 10)."""
from __future__ import annotations

import datetime as dt
import json
import threading
import time

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, edge_dataset, tiny_dataset, write_dataset

from dashboard import content, served
from geo import load_atlas
from hostile import hostile_dataset

APP = str(ROOT / "dashboard" / "app.py")
FAILURE = "Something went wrong"


def fixture_datasets(root):
    """name -> (data dir, source texts dir) of every valid fixture dataset."""
    return {"tiny": write_dataset(root / "tiny", tiny_dataset()),
            "edge": write_dataset(root / "edge", edge_dataset()),
            "hostile": hostile_dataset(root / "hostile")}


def assert_drawn(at: AppTest, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    assert not [e.value for e in at.error if FAILURE in e.value], where


@pytest.mark.parametrize("name", ["tiny", "edge", "hostile"])
def test_every_key_date_opens_and_the_map_files_build(name, tmp_path, monkeypatch):
    """The server side opens at every key date (the link read once), and the map's files
    (engine data and panel data of every naming convention) build for every fixture."""
    data, texts = fixture_datasets(tmp_path)[name]
    atlas = load_atlas(data, texts)
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    days = [d for d in atlas.key_dates if d <= dt.date.today()][:4] or [dt.date.today()]
    for day in days:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["date"] = day.isoformat()
        at.run()
        assert_drawn(at, day)
    built = served.ensure_built(atlas, data, dt.date.today(), tmp_path / "cache")
    for names in ("en", "az", "hy", "ru"):
        engine_data = json.loads((built / served.data_file(names)).read_text(encoding="utf-8"))
        assert engine_data["panels"]["facts"].keys() == atlas.by_id.keys()
        assert len(engine_data["excerpts"]) == len(atlas.excerpts)


def test_a_failing_page_shows_no_traceback_and_no_path(tmp_path, monkeypatch, caplog):
    data, texts = write_dataset(tmp_path, tiny_dataset())
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))

    def broken(*args, **kwargs):
        raise RuntimeError(f"boom in {tmp_path}")

    monkeypatch.setattr(content, "source_html", broken)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any(FAILURE in e.value for e in at.error)
    page_text = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert str(tmp_path) not in page_text and "Traceback" not in page_text
    assert any("boom in" in r.getMessage() or "boom in" in str(r.exc_info) for r in caplog.records)


def test_a_missing_data_directory_shows_the_problem_page_without_the_path(tmp_path, monkeypatch):
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(tmp_path / "secret-place"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and at.error
    page_text = " ".join(str(getattr(e, "value", "")) for e in at.main)
    assert "secret-place" not in page_text


# -- downloads ----------------------------------------------------------------------------
def test_the_same_download_is_built_once_for_everyone():
    downloads = content.Downloads()
    calls = []

    def build():
        calls.append(1)
        time.sleep(0.05)
        return b"file"

    threads = [threading.Thread(target=downloads.get, args=(("gpkg",), build)) for _ in range(300)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and downloads.get(("gpkg",), build) == b"file" and len(calls) == 1


def test_builds_are_limited_in_number_and_memory():
    downloads = content.Downloads(max_builds=2, max_entries=5)
    running, most = [0], [0]
    lock = threading.Lock()

    def build(i):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.02)
        with lock:
            running[0] -= 1
        return str(i)

    threads = [threading.Thread(target=downloads.get, args=(("day", i), lambda i=i: build(i))) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 2
    for i in range(5):
        downloads.get(("x", i), lambda i=i: str(i))
    assert downloads.get(("x", 0), lambda: "again") == b"0"  # kept, and now the most recent
    downloads.get(("x", 5), lambda: "5")  # one too many: the least recently used goes
    assert downloads.get(("x", 1), lambda: "again") == b"again"
    assert len(downloads._files) == 5
