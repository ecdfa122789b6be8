"""Data changed on disk (a ``git pull`` on the server) is picked up as a whole: the
dashboard's loader never serves a mix of the old files and the new (geo/version.py,
dashboard/versioned.py).

The "pull" here renames a place in its layer and in the source that links to it: either
state alone is valid, a mix is not (the source would link to a place that is not there, and
would be left out of the map), so a mix is seen in ``atlas.quarantined``."""
from __future__ import annotations

import json
import threading
import time

import pytest

from conftest import write_dataset, tiny_dataset

from dashboard import versioned
from geo import version as geo_version
from geo.atlas import load_atlas

LAYER, SOURCE = "layers/places.geojson", "sources/src-a.json"


def pulled() -> dict[str, str]:
    """The new text of both files of the pull."""
    files = tiny_dataset()
    files[LAYER]["features"][0]["properties"]["id"] = "place-z"
    files[SOURCE]["excerpts"][0]["place_ids"] = ["place-z"]
    return {rel: json.dumps(files[rel], ensure_ascii=False) for rel in (LAYER, SOURCE)}


def land(data, rel: str) -> None:
    """One file of the pull lands (written whole, as git does)."""
    (data / rel).write_text(pulled()[rel], encoding="utf-8")


def state_of(atlas) -> str:
    ids = {f.id for f in atlas.features}
    if atlas.quarantined:
        return "mix"
    return "new" if "place-z" in ids else "old" if "place-a" in ids else "?"


@pytest.fixture
def dataset(tmp_path, monkeypatch):
    data, texts = write_dataset(tmp_path, tiny_dataset())
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    monkeypatch.setattr(versioned, "_STILL", {})
    return data, texts


def test_the_mix_is_what_a_careless_loader_would_serve(dataset):
    """The test's premise: old and new are clean, a mix is seen."""
    data, texts = dataset
    assert state_of(load_atlas(data, texts, quarantine=True)) == "old"
    land(data, LAYER)
    assert state_of(load_atlas(data, texts, quarantine=True)) == "mix"
    land(data, SOURCE)
    assert state_of(load_atlas(data, texts, quarantine=True)) == "new"


def test_files_replaced_during_the_load_are_loaded_again(dataset, monkeypatch):
    """The pull lands while the loader reads: the layer between the version stamp and the
    read, the source after the read. The first read is a mix; the loader sees the version
    moved and reads again."""
    data, _ = dataset
    reads = []

    def loading(*args, **kwargs):
        if not reads:
            land(data, LAYER)
        atlas = load_atlas(*args, **kwargs)
        if not reads:
            land(data, SOURCE)
        reads.append(state_of(atlas))
        return atlas

    monkeypatch.setattr(versioned, "load_atlas", loading)
    atlas = versioned.load_current(str(data))
    assert reads == ["mix", "new"] and state_of(atlas) == "new"


def test_a_pull_half_done_is_waited_for(dataset, monkeypatch):
    """Half the pull has landed and the files are still at the version stamp and after the
    read; the rest lands 0.4 s later. The loader waits until no file changed for the settle
    time, so it reads the whole pull."""
    data, _ = dataset
    monkeypatch.setenv(geo_version.SETTLE_ENV_VAR, "1.2")
    land(data, LAYER)
    rest = threading.Timer(0.4, land, (data, SOURCE))
    rest.start()
    try:
        started = time.monotonic()
        atlas = versioned.load_current(str(data))
        assert state_of(atlas) == "new"
        assert time.monotonic() - started >= 1.2
    finally:
        rest.join()


def test_without_the_wait_the_half_pull_would_be_served(dataset, monkeypatch):
    """The same half pull with no settle time: the version does not move during the read, so
    only the wait above keeps the mix out (this is why it is there)."""
    data, _ = dataset
    monkeypatch.setenv(geo_version.SETTLE_ENV_VAR, "0")
    land(data, LAYER)
    assert state_of(versioned.load_current(str(data))) == "mix"


def test_a_serving_process_keeps_the_old_version_while_files_move(dataset, monkeypatch):
    """The version readers are served (the key of the dashboard's cached atlas) stays the
    last still one while the files move, and becomes the new one once they are still."""
    data, texts = dataset
    settle = 0.6
    monkeypatch.setenv(geo_version.SETTLE_ENV_VAR, str(settle))
    time.sleep(settle + 0.1)
    old = versioned.version_now()
    assert old == geo_version.dataset_version(data, texts)
    land(data, LAYER)
    moving = geo_version.dataset_version(data, texts)
    assert moving != old and versioned.version_now() == old  # readers keep the old atlas
    land(data, SOURCE)
    assert versioned.version_now() == old
    time.sleep(settle + 0.1)
    new = versioned.version_now()
    assert new == geo_version.dataset_version(data, texts) and new not in (old, moving)


def test_a_process_with_nothing_served_takes_the_files_as_they_are(dataset, monkeypatch):
    """No still version seen yet: the version now (the load then waits, see above)."""
    data, texts = dataset
    monkeypatch.setenv(geo_version.SETTLE_ENV_VAR, "30")
    assert versioned.version_now() == geo_version.dataset_version(data, texts)


def test_stillness_and_the_wait():
    state = geo_version.State("v", newest_ns=int(100 * 1e9))
    assert not state.still(settle=1.0, now=100.5) and state.still(settle=1.0, now=101.0)
    assert state.still(settle=1.0, now=98.0)  # ahead of this clock: another machine's, not a change
    states = iter([geo_version.State("a", time.time_ns()), geo_version.State("b", time.time_ns()),
                   geo_version.State("c", 0)])
    slept = []
    assert geo_version.wait_until_still(lambda: next(states), settle=5, sleep=slept.append).version == "c"
    assert len(slept) == 2 and all(0 < s <= 5 for s in slept)
    # never longer than the limit: the files as they are then
    busy = geo_version.State("busy", time.time_ns() + int(0.5e9))
    assert geo_version.wait_until_still(lambda: busy, settle=5, limit=0.05).version == "busy"


def test_the_settle_time_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(geo_version.SETTLE_ENV_VAR, "2.5")
    assert geo_version.settle_seconds() == 2.5
    for bad in ("", "soon", "-1", "1e9"):
        monkeypatch.setenv(geo_version.SETTLE_ENV_VAR, bad)
        assert geo_version.settle_seconds() == geo_version.SETTLE_SECONDS
