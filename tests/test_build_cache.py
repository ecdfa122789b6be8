"""The map's files built ahead of time (``python -m dashboard.build_cache DIR``, run by the
Docker image): the command writes what the dashboard's cache would hold, and a dashboard
given that directory read-only serves it and writes nothing; a dataset changed on disk since
is built into the writable cache instead."""
from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ROOT, tiny_dataset, write_dataset

from dashboard import served, versioned
from geo import i18n
from geo.names import CONVENTIONS

APP = str(ROOT / "dashboard" / "app.py")


def build_cache(directory: Path, data: Path, texts: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KARABAKH_ATLAS_SOURCES": str(texts)}
    return subprocess.run([sys.executable, "-m", "dashboard.build_cache", str(directory), "--data", str(data)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def tree(directory: Path) -> dict[str, tuple[int, int]]:
    """Every entry under ``directory`` with its size and modification time."""
    return {p.relative_to(directory).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(directory.rglob("*"))}


def read_only(directory: Path) -> None:
    for path in [directory, *directory.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def writable(directory: Path) -> None:
    for path in [directory, *directory.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.fixture
def prebuilt(tmp_path, monkeypatch):
    """(prebuilt directory, data dir, texts dir): the tiny dataset's map files built by the command."""
    data, texts = write_dataset(tmp_path / "tiny", tiny_dataset())
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    done = build_cache(tmp_path / "prebuilt", data, texts)
    assert done.returncode == 0, done.stderr
    yield tmp_path / "prebuilt", data, texts
    writable(tmp_path / "prebuilt")  # so that pytest can remove it


def test_the_command_writes_the_files_the_served_cache_would(prebuilt, tmp_path):
    directory, data, texts = prebuilt
    atlas = versioned.load_current(str(data))
    [built] = list(directory.iterdir())
    assert built.name == f"v-{served.version_of(atlas, data)}"
    # built by root in the image, read by the app's user: every entry readable (and directories
    # searchable) by others
    for path in [built, *built.rglob("*")]:
        mode = path.stat().st_mode
        assert mode & stat.S_IROTH and (not path.is_dir() or mode & stat.S_IXOTH), (path, oct(mode))
    for lang in i18n.LANGUAGES:  # every naming convention in every language
        for names in CONVENTIONS:
            engine_data = json.loads((built / served.data_file(names, lang)).read_text(encoding="utf-8"))
            assert engine_data["names"] == names and engine_data["i18n"]["lang"] == lang
            assert {r["i"] for r in engine_data["features"]} == {f.id for f in atlas.features}
    # the same files, byte for byte, as the dashboard builds into its writable cache (same day)
    lazy = served.ensure_built(atlas, data, dt.date.today(), tmp_path / "lazy", prebuilt=[])
    assert lazy.parent == tmp_path / "lazy" and lazy.name == built.name
    assert tree(lazy).keys() == tree(built).keys()
    for rel in tree(built):
        if (built / rel).is_file():
            assert (built / rel).read_bytes() == (lazy / rel).read_bytes(), rel


def test_a_read_only_prebuilt_directory_is_served_and_nothing_is_written(prebuilt, tmp_path):
    directory, data, _ = prebuilt
    read_only(directory)
    before = tree(directory)
    atlas = versioned.load_current(str(data))
    cache = tmp_path / "writable-cache"
    found = served.ensure_built(atlas, data, dt.date.today() + dt.timedelta(days=3), cache, prebuilt=[directory])
    assert found.parent == directory and served.is_complete(found)
    assert not cache.exists() and tree(directory) == before


def test_a_changed_dataset_is_built_into_the_writable_cache(prebuilt, tmp_path):
    directory, data, _ = prebuilt
    read_only(directory)
    before = tree(directory)
    places = data / "layers" / "places.geojson"
    places.write_text(places.read_text(encoding="utf-8").replace("Place-A", "Place-B"), encoding="utf-8")
    atlas = versioned.load_current(str(data))
    found = served.ensure_built(atlas, data, dt.date.today(), tmp_path / "cache", prebuilt=[directory])
    assert found.parent == tmp_path / "cache" and served.is_complete(found)
    assert "Place-B" in (found / served.data_file("en")).read_text(encoding="utf-8")
    assert tree(directory) == before


def test_an_incomplete_prebuilt_directory_is_not_served(prebuilt, tmp_path):
    directory, data, _ = prebuilt
    [built] = list(directory.iterdir())
    (built / served.data_file(list(CONVENTIONS)[-1], i18n.LANGUAGES[-1])).unlink()
    atlas = versioned.load_current(str(data))
    found = served.ensure_built(atlas, data, dt.date.today(), tmp_path / "cache", prebuilt=[directory])
    assert found.parent == tmp_path / "cache" and served.is_complete(found)


def test_the_command_fails_on_a_dataset_that_cannot_load(tmp_path):
    files = tiny_dataset()
    files["chronology.json"] = "{ not json"
    data, texts = write_dataset(tmp_path / "broken", files)
    done = build_cache(tmp_path / "out", data, texts)
    assert done.returncode == 1 and "chronology.json" in done.stderr
    assert not (tmp_path / "out").exists()


def test_the_dashboard_serves_the_prebuilt_files_with_the_days_of_today(prebuilt, tmp_path, monkeypatch):
    """The app itself, started with the prebuilt directory read-only and a cache directory it
    must not need: the map's base is the prebuilt version, the cache stays absent, and the
    component is given today's days (the files may have been built on another day)."""
    directory, data, texts = prebuilt
    read_only(directory)
    before = tree(directory)
    cache = tmp_path / "never-written"
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv(served.PREBUILT_ENV_VAR, str(directory))
    monkeypatch.setenv(served.CACHE_ENV_VAR, str(cache))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    component = next(e for e in at.main if getattr(e, "type", "") == "bidi_component")
    args = json.loads(component.proto.json)
    [built] = list(directory.iterdir())
    assert args["base"].endswith("." + built.name)
    atlas = versioned.load_current(str(data))
    assert args["days"] == served.days_of(atlas, dt.date.today())
    assert args["days"]["exportDay"] == dt.date.today().isoformat()
    assert not cache.exists() and tree(directory) == before


def test_days_of_follow_the_calendar(atlas):
    """The slider ends today, or on the last key date when the record reaches further."""
    last_key = atlas.key_dates[-1]
    assert served.days_of(atlas, last_key - dt.timedelta(days=1))["last"] == last_key.isoformat()
    after = last_key + dt.timedelta(days=1)
    assert served.days_of(atlas, after) == {"last": after.isoformat(), "exportDay": after.isoformat(),
                                            "initial": served.engine.opening_day(atlas, after).isoformat()}
