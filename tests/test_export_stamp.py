"""Every format of the export registry states the dataset version and content hash."""
from __future__ import annotations

import datetime as dt
import json

import pyogrio
import pytest

from geo import dataset, exports, load_atlas
from geo.cite import cite_view

from conftest import write_dataset

VERSION = "9.9.9-test"


@pytest.fixture
def versioned(tmp_path, dataset_files):
    data, texts = write_dataset(tmp_path, dataset_files)
    (data / dataset.DESCRIPTOR).write_text(json.dumps({"name": "x", "version": VERSION}), encoding="utf-8")
    return load_atlas(data, texts)


def _requests(fmt: exports.ExportFormat) -> list[exports.Request]:
    if "date-or-all" in fmt.options or "date-or-timeline" in fmt.options:
        return [exports.Request(day=dt.date(2000, 1, 1)), exports.Request(timeline=True)]
    return [exports.Request()]


@pytest.mark.parametrize("fmt", exports.FORMATS, ids=lambda f: f.name)
def test_every_export_states_the_dataset_version_and_hash(fmt, versioned, tmp_path):
    stamp = dataset.stamp(versioned)
    assert stamp.version == VERSION and stamp.sha256
    for i, request in enumerate(_requests(fmt)):
        if fmt.write is not None:
            target = tmp_path / f"out-{fmt.name}-{i}{fmt.suffix}"
            written = fmt.write(versioned, request, target)
            if fmt.name == "gpkg":
                meta = pyogrio.read_info(target, layer="provinces")["dataset_metadata"]
                assert meta["DATASET_VERSION"] == VERSION and meta["DATASET_SHA256"] == stamp.sha256
                continue
            files = written if isinstance(written, list) else [written]
            text = "".join(f.read_text(encoding="utf-8") for f in files if f.suffix in (".html", ".json", ".geojson"))
        else:
            built = fmt.build(versioned, request)
            text = built.decode("utf-8") if isinstance(built, bytes) else built
        assert VERSION in text, (fmt.name, request)
        assert stamp.sha256[:dataset.SHORT] in text, (fmt.name, request)


def test_an_atlas_without_a_descriptor_says_unversioned(tiny):
    data, texts = tiny
    atlas = load_atlas(data, texts)
    text = cite_view(atlas, dt.date(2000, 1, 1), "https://example.org/")
    assert "dataset version unversioned (sha256 " in text
