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
