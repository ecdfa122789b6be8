"""Provenance you can follow: every reference names its publisher, title and date (validate
refuses one without), no aggregate references, and every change, event, route, zone and line
cites at least one specific reference."""
from __future__ import annotations

import json

import pytest

from geo.cli import main
from geo.io import read_dataset
from geo.validate import check_dataset

from conftest import DATA_DIR, write_dataset

GOOD = {"title": "Bloodshed in the Caucasus", "publisher": "Human Rights Watch", "published": "1992-09",
        "url": None, "kind": "reference"}


def _problems(tmp_path, files):
    data, texts = write_dataset(tmp_path, files)
    return [str(p) for p in check_dataset(read_dataset(data), texts).problems]


def test_a_sound_reference_passes(tmp_path, dataset_files):
    dataset_files["provenance.json"] = {"hrw-1992": GOOD}
    assert _problems(tmp_path, dataset_files) == []


@pytest.mark.parametrize("field, value, message", [
    ("publisher", None, "provenance.json: reports-2020: publisher: must be the organisation, office or author"),
    ("publisher", " ", "provenance.json: reports-2020: publisher: must be the organisation"),
    ("published", "late 2020", "provenance.json: reports-2020: published: must be the date of the reference"),
    ("title", "", "provenance.json: reports-2020: title: must not be empty"),
])
def test_validate_refuses_a_reference_without_publisher_title_or_date(tmp_path, dataset_files, field, value, message):
    dataset_files["provenance.json"] = {"reports-2020": {**GOOD, field: value}}
    problems = _problems(tmp_path, dataset_files)
    assert len(problems) == 1 and problems[0].startswith(message), problems


@pytest.mark.parametrize("field", ["publisher", "published", "title"])
def test_a_missing_field_is_named(tmp_path, dataset_files, field):
    entry = dict(GOOD)
    del entry[field]
    dataset_files["provenance.json"] = {"reports-2020": entry}
    problems = _problems(tmp_path, dataset_files)
    assert len(problems) == 1 and problems[0].startswith(f"provenance.json: reports-2020: {field}: missing"), problems


def test_the_cli_exits_1_on_an_aggregate_reference(tmp_path, dataset_files, capsys):
    dataset_files["provenance.json"] = {"reports-1992-1994": {"title": "Dated reports, as reported at the time",
                                                              "publisher": None, "published": "1994-05",
                                                              "kind": "reference"}}
    data, texts = write_dataset(tmp_path, dataset_files)
    assert main(["validate", "--data", str(data), "--sources", str(texts)]) == 1
    assert "provenance.json: reports-1992-1994: publisher:" in capsys.readouterr().err


# -- the shipped record --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def registry():
    return json.loads((DATA_DIR / "provenance.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def record_sources():
    return {json.loads(p.read_text(encoding="utf-8"))["source"]["id"] for p in (DATA_DIR / "sources").glob("*.json")}


def test_no_aggregate_reference_is_left(registry):
    assert not [k for k in registry if k.startswith("reports-")]
    for key, entry in registry.items():
        if entry.get("kind") == "reference":
            assert entry.get("publisher") and entry.get("title") and entry.get("published"), key


def _cited(ids, registry, record_sources):
    """The specific references among ``ids`` (a registry reference or a source of the record)."""
    return [i for i in ids if (registry.get(i, {}).get("kind") == "reference") or i in record_sources]


def test_every_change_cites_a_specific_reference(registry, record_sources):
    changes = json.loads((DATA_DIR / "chronology.json").read_text(encoding="utf-8"))["changes"]
    for change in changes:
        assert _cited(change.get("reference_ids") or [], registry, record_sources), change["id"]


@pytest.mark.parametrize("layer", ["events", "corridors", "line_of_contact", "peacekeeping"])
def test_every_drawn_feature_and_route_status_cites_a_specific_reference(layer, registry, record_sources):
    features = json.loads((DATA_DIR / "drawn" / "layers" / f"{layer}.geojson").read_text(encoding="utf-8"))["features"]
    for feature in features:
        props = feature["properties"]
        assert _cited(props.get("source_ids") or [], registry, record_sources), props["id"]
        for entry in props.get("status_history") or []:
            assert _cited(entry.get("source_ids") or [], registry, record_sources), (props["id"], entry["from"])


def test_a_date_resting_on_one_sides_announcement_says_so(registry):
    """A reference that is one side's account (``vantage_group`` armenian or azerbaijani: a
    statement of its president, government or ministry) says so in its note."""
    one_sided = {k: e for k, e in registry.items() if e.get("vantage_group") in ("armenian", "azerbaijani")}
    assert {e["vantage_group"] for e in one_sided.values()} == {"armenian", "azerbaijani"}
    for key, entry in one_sided.items():
        note = entry.get("note", "").lower()
        assert "one side's" in note or "other side's" in note, key
    for key in ("aliyev-2020-11-08-shusha", "azerbaijan-2023-09-19-mod", "armenia-2023-10-refugee-count"):
        assert key in one_sided, key
