"""Time-aware exchange formats: JSON-FG and the Linked Places Format, each validated
against its published JSON Schema (vendored under tests/schemas, see its README)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pyogrio
import pytest
from referencing import Registry, Resource

from geo import dataset
from geo.cli import main
from geo.export import to_json
from geo.export_jsonfg import jsonfg_collection as _jsonfg_collection, time_interval
from geo.export_lpf import gazetteer_features, lpf_collection as _lpf_collection

SCHEMAS = Path(__file__).parent / "schemas"


def jsonfg_collection(*args):
    """The document as a reader of the file gets it (JSON arrays, not Python tuples)."""
    return json.loads(to_json(_jsonfg_collection(*args)))


def lpf_collection(*args):
    return json.loads(to_json(_lpf_collection(*args)))


def _jsonfg_validator() -> jsonschema.Draft202012Validator:
    resources = []
    for path in sorted((SCHEMAS / "json-fg").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    root = registry.contents("https://schemas.opengis.net/json-fg/jsonfg-root-object.json")
    return jsonschema.Draft202012Validator(root, registry=registry)


def _lpf_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMAS / "lpf" / "schema_lpf_v1.2.2.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def jsonfg_all(atlas):
    return jsonfg_collection(atlas)


def test_jsonfg_of_every_date_and_of_one_day_validate(atlas, jsonfg_all):
    validator = _jsonfg_validator()
    validator.validate(jsonfg_all)
    day = jsonfg_collection(atlas, dt.date(2021, 6, 1), ["control", "corridors"])
    validator.validate(day)
    assert {f["featureType"] for f in day["features"]} == {"control", "corridors"}


def test_the_jsonfg_schema_check_can_fail(jsonfg_all):
    validator = _jsonfg_validator()
    broken = json.loads(json.dumps(jsonfg_all))
    broken["features"][0]["time"] = {"interval": ["1 June 2021", ".."]}
    assert not validator.is_valid(broken)
    assert not validator.is_valid({**jsonfg_all, "conformsTo": ["http://example.org/other"]})


def test_jsonfg_time_is_the_days_drawn_and_the_edtf_stays_in_properties(atlas, jsonfg_all):
    one = dt.timedelta(days=1)
    for record in jsonfg_all["features"]:
        feature = atlas.by_id[record["id"]]
        start, end = record["time"]["interval"]
        assert record["properties"]["valid_from"] == feature.properties.get("valid_from")
        assert record["properties"]["valid_to"] == feature.properties.get("valid_to")
        if start != "..":
            first = dt.date.fromisoformat(start)
            assert feature.is_valid_on(first) and not feature.is_valid_on(first - one)
        if end != "..":
            last = dt.date.fromisoformat(end)
            assert feature.is_valid_on(last) and not feature.is_valid_on(last + one)
    assert jsonfg_all["dataset"] == dataset.stamp(atlas).record()


def test_jsonfg_interval_of_a_known_change(atlas):
    # the 1994-2020 line of contact: from the ceasefire (May 1994, uncertain) to 27 September 2020 (exclusive)
    loc = next(f for f in atlas.layer("line_of_contact") if f.kind == "ceasefire_line_1994")
    start, end = time_interval(loc)
    assert start == loc.validity.start.isoformat()
    assert dt.date.fromisoformat(end) == loc.validity.end - dt.timedelta(days=1)


def test_gdal_reads_the_jsonfg_time(atlas, tmp_path):
    path = tmp_path / "day.fg.json"
    assert main(["export", "jsonfg", "--all", "--layers", "line_of_contact", "-o", str(path)]) == 0
    table = pyogrio.read_dataframe(path, layer="line_of_contact")
    document = json.loads(path.read_text(encoding="utf-8"))
    by_id = {f["id"]: f["time"]["interval"] for f in document["features"]}
    for _, row in table.iterrows():
        start, end = by_id[row["id"]]
        assert str(row["time_start"])[:10] == start and (end == ".." or str(row["time_end"])[:10] == end)


@pytest.fixture(scope="module")
def lpf(atlas):
    return lpf_collection(atlas)


def test_every_lpf_place_validates(atlas, lpf):
    validator = _lpf_validator()
    for place in lpf["features"]:
        errors = sorted(validator.iter_errors(place), key=str)
        assert not errors, (place["@id"], errors[:3])
    assert len(lpf["features"]) == len(gazetteer_features(atlas))
    assert lpf["dataset"] == dataset.stamp(atlas).record()


def test_the_lpf_schema_check_can_fail(lpf):
    validator = _lpf_validator()
    place = json.loads(json.dumps(lpf["features"][0]))
    place["names"][0] = {"lang": "en"}  # neither toponym nor ethnonym
    assert not validator.is_valid(place)
    assert not validator.is_valid({**lpf["features"][0], "dataset": {}})  # no foreign members in a place


def _place(lpf, fid):
    return next(p for p in lpf["features"] if p["@id"].endswith(":" + fid))


def test_lpf_names_in_every_convention_with_citations_and_spans(atlas, lpf):
    place = _place(lpf, "place-stepanakert-khankendi")
    names = {(n["toponym"], n["lang"]) for n in place["names"]}
    assert {("Stepanakert", "en"), ("Xankəndi", "az"), ("Ստեփանակերտ", "hy"), ("Step’anakert", "hy-Latn"),
            ("Степанакерт", "ru"), ("Khankendi", None)} <= names
    for name in place["names"]:
        labels = [c["label"] for c in name["citations"]]
        assert labels[0].startswith("GeoNames 146970")
        assert any(dataset.stamp(atlas).text() in label for label in labels)
        assert name["when"]["timespans"][0]["start"] == {"in": "1988-02-20"}
    assert place["links"] == [{"type": "closeMatch", "identifier": "gn:146970"}]
    lachin = _place(lpf, "place-lachin-berdzor")
    assert {"Lachin", "Laçın"} <= {n["toponym"] for n in lachin["names"]}
    assert any(n["toponym"] == "Berdzor" for n in lachin["names"])


def test_lpf_span_of_a_dated_feature_follows_its_edtf(atlas, lpf):
    dated = next(f for f in gazetteer_features(atlas) if f.validity.valid_to is not None)
    span = _place(lpf, dated.id)["when"]["timespans"][0]
    if dated.validity.valid_to.uncertain:
        assert span["end"] == {"earliest": dated.validity.valid_to.first.isoformat(),
                               "latest": dated.validity.valid_to.last.isoformat()}
    else:
        assert span["end"] == {"in": (dated.validity.end - dt.timedelta(days=1)).isoformat()}
