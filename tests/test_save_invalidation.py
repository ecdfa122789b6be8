"""What a save invalidates: a save with no change writes nothing and leaves every version
the dashboard keys its caches by (so nothing is loaded or built again); a save of a source
moves those versions but leaves the work done on the layers (the ground that changed hands,
kept by the control layer's content), which a change of a layer does redo."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import tiny_dataset, write_dataset
from test_review_commit import CLI, ME, proposals_file

from dashboard import served, versioned
from geo import cartography
from geo.ingest import review
from geo.version import dataset_version


@pytest.fixture
def editor(tmp_path, monkeypatch):
    data, texts = write_dataset(tmp_path, tiny_dataset())
    monkeypatch.setenv("KARABAKH_ATLAS_DATA", str(data))
    monkeypatch.setenv("KARABAKH_ATLAS_SOURCES", str(texts))
    monkeypatch.setattr(versioned, "_STILL", {})
    return data, texts, proposals_file(data)


@pytest.fixture
def computed(monkeypatch):
    """The control layers the ground that changed hands was computed for (the cache emptied)."""
    calls = []
    real = cartography._gained_ground

    def counting(atlas):
        calls.append(cartography.control_key(atlas))
        return real(atlas)

    monkeypatch.setattr(cartography, "_gained_ground", counting)
    monkeypatch.setattr(cartography, "_GAINED", type(cartography._GAINED)())
    return calls


def versions(data, texts) -> tuple[str, str, str]:
    """The keys of the dashboard's caches: the served version (the atlas), the files' version
    and the map files' version."""
    return versioned.version_now(), dataset_version(data, texts), served.dataset_version(data)


def test_a_save_with_no_change_invalidates_nothing(editor):
    data, texts, path = editor
    review.commit(path, ME, CLI, accept=["src-b-p000"])
    before = versions(data, texts)
    for _ in range(5):
        assert not review.commit(path, ME, CLI, accept=["src-b-p000"]).changed
        assert not review.commit(path, ME, CLI, edits={"src-b-p001": {"date": "1994"}}).changed
    assert versions(data, texts) == before


def test_a_save_of_a_source_keeps_the_work_on_the_layers(editor, computed, tmp_path):
    data, texts, path = editor
    first = versioned.load_current(str(data))
    built = served.ensure_built(first, data, dt.date(2026, 1, 1), tmp_path / "cache", prebuilt=[])
    assert len(computed) == 1, "once for the 16 files of a version (every convention in every language)"
    before = versions(data, texts)
    assert review.commit(path, ME, CLI, accept=["src-b-p000"]).changed
    after = versions(data, texts)
    assert all(a != b for a, b in zip(before, after)), "the excerpts changed: the atlas and its files are new"
    second = versioned.load_current(str(data))
    rebuilt = served.ensure_built(second, data, dt.date(2026, 1, 1), tmp_path / "cache", prebuilt=[])
    assert rebuilt != built and "src-b-p000" in (rebuilt / served.data_file("en")).read_text(encoding="utf-8")
    assert len(computed) == 1, "the control layer did not change: its ground is not computed again"
    old = json.loads((built / served.data_file("en")).read_text(encoding="utf-8"))["changes"]
    new = json.loads((rebuilt / served.data_file("en")).read_text(encoding="utf-8"))["changes"]
    assert [(d, [i["geometry"] for i in items]) for d, items in old.items()] == \
        [(d, [i["geometry"] for i in items]) for d, items in new.items()]


def test_a_change_of_the_control_layer_is_computed_again(editor, computed):
    data, _, _ = editor
    first = versioned.load_current(str(data))
    cartography.changes(first)
    control = data / "layers" / "control.geojson"
    layer = json.loads(control.read_text(encoding="utf-8"))
    layer["features"][1]["geometry"]["coordinates"][0][1][0] = 46.45  # a corner moved
    control.write_text(json.dumps(layer), encoding="utf-8")
    second = versioned.load_current(str(data))
    cartography.changes(second)
    cartography.changes(second)
    assert len(computed) == 2 and computed[0] != computed[1]
