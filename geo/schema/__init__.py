"""The published JSON Schemas (Draft 2020-12) of the dataset's files, and readable errors.

The schema files sit beside this module (``geo/schema/*.schema.json``) and ship in the
package; other tools can load them with ``importlib.resources.files("geo.schema")`` or
:func:`schema`. :func:`errors` checks a parsed file with the ``jsonschema`` library and
words every failure as (path into the document, message).

A file of 100,000 features would take a minute in ``jsonschema`` (its references and
validators are evaluated anew for every feature), so :func:`errors` first runs the same
schema compiled to Python by ``fastjsonschema``: a file that passes it has no error; one that
does not (or anything the fast check cannot judge) is checked by ``jsonschema``, whose
errors are the ones reported. The schemas use only keywords both implement
(:data:`FAST_KEYWORDS`; ``tests/test_schema.py`` fails if another appears), so the fast check
passes exactly what the full one passes.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterator

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from .. import i18n
from ..i18n import N_, _

#: kind of file -> schema file name.
SCHEMA_FILES: dict[str, str] = {
    "layer": "layer-file.schema.json",
    "source": "source-file.schema.json",
    "provenance": "provenance.schema.json",
    "chronology": "chronology.schema.json",
    "corrections": "corrections.schema.json",
}
#: Extra words for fields that are missing.
MISSING_HINTS = {"valid_from": N_("missing (use null for an open end)"),
                 "valid_to": N_("missing (use null for an open end)"),
                 "publisher": N_("missing: a reference names its publisher, title and date"),
                 "published": N_("missing: a reference names its publisher, title and date (YYYY, YYYY-MM or YYYY-MM-DD)")}


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    """The JSON Schema of a kind of file (``layer``, ``source``, ``provenance``, ``chronology``)."""
    return json.loads(files(__name__).joinpath(SCHEMA_FILES[kind]).read_text(encoding="utf-8"))


#: The schema keywords the fast check (fastjsonschema, draft 7 semantics) implements as
#: Draft 2020-12 does; "errorMessage" is this project's annotation, ignored by both.
FAST_KEYWORDS = frozenset({
    "$defs", "$id", "$ref", "$schema", "additionalProperties", "allOf", "anyOf", "const", "description", "enum",
    "errorMessage", "exclusiveMaximum", "exclusiveMinimum", "if", "then", "else", "items", "maxItems", "maxLength",
    "maximum", "minItems", "minLength", "minimum", "not", "oneOf", "pattern", "properties", "propertyNames",
    "required", "title", "type", "uniqueItems", "patternProperties", "default", "examples"})


@lru_cache(maxsize=None)
def fast_check(kind: str):
    """The schema compiled to a Python function (raises on the first error)."""
    return fastjsonschema.compile(schema(kind))


@lru_cache(maxsize=None)
def validator(kind: str) -> Draft202012Validator:
    document = schema(kind)
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document)


def errors(kind: str, instance: Any) -> list[tuple[tuple, str]]:
    """Every way ``instance`` fails the schema, as (path, message), sorted by path."""
    try:
        fast_check(kind)(instance)
        return []
    except Exception:  # noqa: BLE001 - failed, or could not judge: the full check decides and words it
        pass
    found = {(tuple(path), message) for error in validator(kind).iter_errors(instance)
             for path, message in _describe(error)}
    return sorted(found, key=lambda item: ([str(p) for p in item[0]], item[1]))


# -- messages ---------------------------------------------------------------------------------
def short(value: Any, limit: int = 60) -> str:
    """A value as JSON, cut to ``limit`` characters (messages never repeat a whole document)."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return _("not a JSON value")


_TYPE_WORDS = {"string": N_("a string"), "number": N_("a number"), "integer": N_("an integer"), "array": N_("a list"),
               "object": N_("an object"), "boolean": N_("true or false"), "null": "null"}


def _describe(error: ValidationError) -> Iterator[tuple[tuple, str]]:
    path, value, rule, expected = tuple(error.absolute_path), error.instance, error.validator, error.validator_value
    custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
    if rule == "required":
        for key in expected:
            if isinstance(value, dict) and key not in value:
                yield path + (key,), _(MISSING_HINTS.get(key, N_("missing")))
    elif rule == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        yield path, _("must be {wanted}, not {found}", wanted=_(" or ").join(_(_TYPE_WORDS.get(t, t)) for t in wanted),
                      found=json_type(value)) + (
            f" ({short(value)})" if value is not None and not isinstance(value, (dict, list)) else "")
    elif custom and rule in ("pattern", "anyOf", "oneOf"):
        custom = i18n.text(custom)  # the schema's own words (errorMessage), through the catalogue
        yield path, custom.replace("{value}", short(value)) if "{value}" in custom else _(
            "must be {rule}, not {value}", rule=custom, value=short(value))
    elif rule in ("anyOf", "oneOf") and error.context:
        yield from _describe(best_match(error.context))
    elif rule == "enum":
        yield path, _("must be one of {allowed}, not {value}", allowed=", ".join(short(v) for v in expected),
                      value=short(value))
    elif rule == "const":
        yield path, _("must be {rule}, not {value}", rule=short(expected), value=short(value))
    elif rule == "minimum":
        yield path, _("must be at least {limit}, not {value}", limit=expected, value=short(value))
    elif rule == "maximum":
        yield path, _("must be at most {limit}, not {value}", limit=expected, value=short(value, 30))
    elif rule == "exclusiveMaximum":
        yield path, _("must be less than {limit}, not {value}", limit=expected, value=short(value, 30))
    elif rule == "minItems":
        yield path, _("needs at least {limit} item(s), not {n}", limit=expected, n=len(value))
    elif rule == "maxItems":
        yield path, _("has {n} items; at most {limit} allowed", n=len(value), limit=expected)
    elif rule == "minLength":
        yield path, _("must not be empty")
    elif rule == "maxLength":
        yield path, _("is longer than {limit} characters", limit=expected)
    else:
        yield path, error.message if len(error.message) <= 160 else error.message[:160] + "…"
