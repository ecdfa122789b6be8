"""The published JSON Schemas: shipped in the package, valid Draft 2020-12, usable by a plain
jsonschema call (as another tool would use them), and in step with the validator."""
from __future__ import annotations

import json
import tomllib
from importlib.resources import files

import jsonschema
import pytest

from geo import schema

from conftest import DATA_DIR, ROOT


@pytest.mark.parametrize("kind, name", sorted(schema.SCHEMA_FILES.items()))
def test_each_schema_is_shipped_and_valid(kind, name):
    document = json.loads(files("geo.schema").joinpath(name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "*.schema.json" in package_data["geo.schema"]


def test_the_shipped_data_passes_the_schemas_as_another_tool_would_check_it():
    def check(kind, path):
        document = json.loads(files("geo.schema").joinpath(schema.SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(document).validate(json.loads(path.read_text(encoding="utf-8")))

    layer_files = sorted((DATA_DIR / "layers").rglob("*.geojson"))
    source_files = sorted((DATA_DIR / "sources").glob("*.json"))
    assert layer_files and source_files
    for path in layer_files:
        check("layer", path)
    for path in source_files:
        check("source", path)
    check("provenance", DATA_DIR / "provenance.json")
    check("chronology", DATA_DIR / "chronology.json")


@pytest.mark.parametrize("bad", ["place-a\n", "Place-a", "-a", "a b", "", "a\x00"])
def test_id_pattern_is_matched_in_full_by_any_tool(bad):
    """The pattern ends with (?![\\s\\S]) (end of text in every regex dialect): a trailing
    newline does not slip through as it would with $ in Python."""
    ids = schema.schema("layer")["$defs"]["id"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, ids)
    jsonschema.validate("place-a", ids)


def keywords(node, inside_names=False) -> set[str]:
    """Every keyword a schema uses (the names under properties/$defs are not keywords)."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if not inside_names:
                found.add(key)
            found |= keywords(value, inside_names=key in ("properties", "$defs", "patternProperties")
                              and not inside_names)
    elif isinstance(node, list):
        for item in node:
            found |= keywords(item)
    return found


def test_the_fast_check_implements_every_keyword_the_schemas_use():
    used = set().union(*(keywords(schema.schema(kind)) for kind in schema.SCHEMA_FILES))
    assert {"$ref", "pattern", "if", "items"} <= used  # the walk sees the keywords
    assert used <= schema.FAST_KEYWORDS, used - schema.FAST_KEYWORDS


@pytest.mark.parametrize("bad", [
    {"type": "FeatureCollection"},
    {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "Place-a"}, "geometry": None}]},
    {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None}]},
    {"type": "FeatureCollection", "features": "no"},
])
def test_the_fast_check_fails_what_the_full_check_fails(bad):
    assert not jsonschema.Draft202012Validator(schema.schema("layer")).is_valid(bad)
    with pytest.raises(Exception):
        schema.fast_check("layer")(bad)
    assert schema.errors("layer", bad)  # and the full check words it


def test_the_fast_check_passes_the_shipped_data():
    for path in sorted((DATA_DIR / "layers").rglob("*.geojson")):
        schema.fast_check("layer")(json.loads(path.read_text(encoding="utf-8")))
