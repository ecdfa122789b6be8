"""The citable dataset: data/datapackage.json (Frictionless), CITATION.cff, the content hash."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import frictionless
import jsonschema
import pytest
import yaml

from geo import datapackage, dataset
from geo.errors import DatasetError

from conftest import DATA_DIR, ROOT

SCHEMAS = Path(__file__).parent / "schemas"


def test_the_checked_in_descriptor_is_the_one_the_data_files_give():
    # fails after any change to a data file until `python scripts/build_datapackage.py` is run
    on_disk = json.loads((DATA_DIR / dataset.DESCRIPTOR).read_text(encoding="utf-8"))
    assert on_disk == datapackage.descriptor(DATA_DIR), "run: python scripts/build_datapackage.py"


def test_the_descriptor_validates_with_frictionless_and_its_hashes_match():
    report = frictionless.validate(str(DATA_DIR / dataset.DESCRIPTOR))
    assert report.valid, report.flatten(["type", "note"])


def test_every_data_file_is_a_resource_with_format_licence_and_hash():
    document = json.loads((DATA_DIR / dataset.DESCRIPTOR).read_text(encoding="utf-8"))
    paths = [r["path"] for r in document["resources"]]
    assert paths == [p.relative_to(DATA_DIR).as_posix() for p in dataset.data_files(DATA_DIR)]
    for res in document["resources"]:
        assert res["format"] in ("geojson", "json", "jsonl") and res["mediatype"].startswith("application/")
        assert res["licenses"] and all(lic["name"] and lic["path"].startswith("https://") for lic in res["licenses"])
        assert res["hash"] == "sha256:" + dataset.file_sha256(DATA_DIR / res["path"])
    by_path = {r["path"]: r for r in document["resources"]}
    # sources come from the files: the chronology cites the trilateral statement, places cite GeoNames
    assert any("Statement by President" in s["title"] for s in by_path["chronology.json"]["sources"])
    assert by_path["layers/places.geojson"]["sources"][0]["title"].startswith("GeoNames")
    assert {lic["name"] for lic in by_path["basemap/rivers.geojson"]["licenses"]} == {"LGPL-3.0", "ODbL-1.0"}


def test_a_tampered_file_fails_frictionless_validation(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / "layers" / "places.geojson"
    path.write_bytes(path.read_bytes().replace(b"Stepanakert", b"Stepanakery", 1))
    report = frictionless.validate(str(copy / dataset.DESCRIPTOR))
    assert not report.valid
    assert [e[0] for e in report.flatten(["type"])] == ["hash-count"]


def test_a_file_no_rule_describes_is_an_error_naming_it(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DatasetError, match="notes.txt"):
        datapackage.descriptor(copy)


def test_content_hash_changes_with_a_byte_and_ignores_the_descriptor(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = dataset.content_hash(copy)
    (copy / dataset.DESCRIPTOR).write_text("{}", encoding="utf-8")
    assert dataset.content_hash(copy) == before
    story = copy / "story.json"
    story.write_bytes(story.read_bytes() + b" ")
    assert dataset.content_hash(copy) != before


def test_stamp_reads_the_version_and_hash_and_defaults_to_unversioned(tmp_path):
    shipped = dataset.stamp_for(DATA_DIR)
    document = json.loads((DATA_DIR / dataset.DESCRIPTOR).read_text(encoding="utf-8"))
    assert shipped.version == document["version"]
    assert f"sha256:{shipped.sha256}" == document["content_hash"]
    assert shipped.text() == f"dataset version {shipped.version} (sha256 {shipped.sha256[:12]})"
    (tmp_path / "layers").mkdir()
    bare = dataset.stamp_for(tmp_path)
    assert bare.version == dataset.UNVERSIONED and bare.sha256 == dataset.content_hash(tmp_path)
    assert dataset.stamp_for(None).record() == {"name": "karabakh-atlas", "title": "Karabakh Atlas",
                                                "version": "unversioned", "sha256": None}


def test_citation_cff_is_valid_and_names_the_dataset_version():
    schema = json.loads((SCHEMAS / "cff" / "schema.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(citation)
    assert citation["version"] == dataset.declared_version(DATA_DIR)
    assert citation["type"] == "dataset"
    broken = {**citation, "authors": []}
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_the_wheel_ships_every_data_file():
    # pyproject installs data/ as the package karabakh_atlas_data; its globs must take every file
    import fnmatch
    import tomllib
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["karabakh_atlas_data"] == "data" and "karabakh_atlas_data" in config["packages"]
    globs = config["package-data"]["karabakh_atlas_data"]
    files = [p.relative_to(DATA_DIR).as_posix() for p in dataset.data_files(DATA_DIR)] + [dataset.DESCRIPTOR]
    missed = [f for f in files if not any(fnmatch.fnmatch(f, g) or fnmatch.fnmatch(f, g.replace("**/", "")) for g in globs)]
    assert missed == []
