"""Checking a parsed dataset and turning it into model records.

Each check appends a :class:`Problem` naming the file, the feature/excerpt/source id
and the field; nothing here raises on bad data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from .crs import ATLAS_REGION
from .dates import FuzzyDate, Validity, parse_bound, parse_date
from .errors import DateError, Problem
from .io import RawDataset, RawFile, read_source_text
from .model import LAYERS, SIDES, VANTAGE_GROUPS, Excerpt, Feature, Source

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_QUOTE_WORDS = 60
REQUIRED_NAME_KEYS = ("en",)
KINDS_BY_LAYER: dict[str, set[str] | None] = {
    "line_of_contact": {"ceasefire_line_1994", "contact_line_2020"},
    "control": {"held_area"},
}
GEOMETRY_TYPES: dict[str, set[str]] = {
    "provinces": {"Polygon", "MultiPolygon"},
    "control": {"Polygon", "MultiPolygon"},
    "line_of_contact": {"LineString", "MultiLineString"},
    "corridors": {"LineString", "MultiLineString"},
    "peacekeeping": {"Polygon", "MultiPolygon", "Point", "LineString", "MultiLineString"},
    "events": {"Point", "MultiPoint"},
    "places": {"Point"},
}


def fold_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space (how quotes are compared)."""
    return " ".join(text.split())


@dataclass
class Checked:
    """The records that passed their checks, and every problem found."""

    sources: dict[str, Source] = field(default_factory=dict)
    excerpts: list[Excerpt] = field(default_factory=list)
    features: list[Feature] = field(default_factory=list)
    registry: dict[str, dict] = field(default_factory=dict)
    #: id -> layer of every feature that has an id, sound or not (so that a broken
    #: feature is not reported again as an unknown reference)
    feature_layers: dict[str, str] = field(default_factory=dict)
    referable: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    quotes_checked: bool = False


class _Reporter:
    def __init__(self, problems: list[Problem], file: str, item_id: str = ""):
        self.problems, self.file, self.item_id = problems, file, item_id

    def __call__(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.item_id, field_name, message))


def _date(value: Any, report: _Reporter, field_name: str, *, interval: bool = False,
          required: bool = False, change: bool = False) -> FuzzyDate | None:
    """Parse a date field; ``change=True`` for the date of a change (a day or an interval, see
    :func:`geo.dates.parse_bound`)."""
    if value is None:
        if required:
            report(field_name, "missing date")
        return None
    try:
        if not isinstance(value, str):
            return parse_date(repr(value))
        return parse_bound(value) if change else parse_date(value, allow_interval=interval)
    except DateError as exc:
        report(field_name, f"unparseable date: {exc}")
        return None


def _text(record: dict, key: str, report: _Reporter, *, required: bool = True) -> str | None:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            report(key, "missing or empty")
        return None
    if not isinstance(value, str):
        report(key, f"must be a string, not {type(value).__name__}")
        return None
    return value


def _str_list(record: dict, key: str, report: _Reporter) -> tuple[str, ...]:
    value = record.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report(key, "must be a list of strings")
        return ()
    return tuple(value)


def _coordinates_ok(geometry, report: _Reporter) -> bool:
    coords = shapely.get_coordinates(geometry)
    if coords.size == 0:
        report("geometry", "empty geometry")
        return False
    lon, lat = coords[:, 0], coords[:, 1]
    if (abs(lon) > 180).any() or (abs(lat) > 90).any():
        report("geometry", "coordinates outside WGS84 longitude/latitude (a projected CRS?); "
                           "layer files must be in EPSG:4326 lon/lat")
        return False
    x0, y0, x1, y1 = ATLAS_REGION
    outside = (lon < x0) | (lon > x1) | (lat < y0) | (lat > y1)
    if outside.any():
        bad = coords[outside][0]
        report("geometry", f"coordinate ({bad[0]:.4f}, {bad[1]:.4f}) is outside the atlas region "
                           f"lon {x0}..{x1}, lat {y0}..{y1} (latitude and longitude swapped?)")
        return False
    return True


def check_feature(layer: str, raw: dict, report_file: str, problems: list[Problem]) -> Feature | None:
    """Check one GeoJSON feature of ``layer``; return it as a Feature if it is sound."""
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        problems.append(Problem(report_file, "", "type", "not a GeoJSON Feature"))
        return None
    props = raw.get("properties")
    if not isinstance(props, dict):
        problems.append(Problem(report_file, "", "properties", "missing properties object"))
        return None
    fid = props.get("id")
    report = _Reporter(problems, report_file, fid if isinstance(fid, str) else "")
    before = len(problems)
    if not isinstance(fid, str) or not ID_PATTERN.match(fid):
        report("id", f"missing or malformed id {fid!r} (lowercase letters, digits and hyphens)")
    kind = _text(props, "kind", report)
    allowed = KINDS_BY_LAYER.get(layer)
    if kind and allowed and kind not in allowed:
        report("kind", f"unknown kind {kind!r} for layer {layer} (expected one of {sorted(allowed)})")
    name = _text(props, "name", report)
    names = props.get("names")
    if not isinstance(names, dict) or not all(isinstance(v, (str, list)) for v in names.values()):
        report("names", "must be an object of name variants, e.g. {\"en\": ..., \"az\": ..., \"hy\": ..., \"ru\": ...}")
        names = {}
    for key in REQUIRED_NAME_KEYS:
        if names and key not in names:
            report("names", f"no {key!r} name")
    for key in ("valid_from", "valid_to"):
        if key not in props:
            report(key, "missing (use null for an open end)")
    valid_from = _date(props.get("valid_from"), report, "valid_from", change=True)
    valid_to = _date(props.get("valid_to"), report, "valid_to", change=True)
    if valid_from and valid_to and valid_to.first <= valid_from.first:
        report("valid_to", f"valid_to {valid_to} is not after valid_from {valid_from}")
    accuracy = props.get("accuracy_km")
    if isinstance(accuracy, bool) or not isinstance(accuracy, (int, float)) or accuracy < 0:
        report("accuracy_km", f"must be a non-negative number of km, not {accuracy!r}")
    _text(props, "method", report)
    if layer == "control" and props.get("held_by") not in SIDES:
        report("held_by", f"must be one of {sorted(SIDES)}, not {props.get('held_by')!r}")
    geometry = None
    raw_geometry = raw.get("geometry")
    if not isinstance(raw_geometry, dict):
        report("geometry", "missing geometry")
    elif raw_geometry.get("type") not in GEOMETRY_TYPES[layer]:
        report("geometry", f"{raw_geometry.get('type')!r} geometry not allowed in layer {layer} "
                           f"(expected {' or '.join(sorted(GEOMETRY_TYPES[layer]))})")
    else:
        try:
            geometry = shape(raw_geometry)
        except Exception as exc:  # shapely raises several types for malformed input
            report("geometry", f"malformed coordinates ({exc})")
        if geometry is not None and _coordinates_ok(geometry, report) and not geometry.is_valid:
            report("geometry", f"invalid geometry: {explain_validity(geometry)}")
    if len(problems) > before:
        return None
    return Feature(layer=layer, id=fid, kind=kind, name=name, names=dict(names), geometry=geometry,
                   validity=Validity(valid_from, valid_to), accuracy_km=float(accuracy),
                   method=props["method"], properties=dict(props))


def check_layer_file(raw: RawFile, problems: list[Problem]) -> list[Feature]:
    layer = raw.path.stem
    if layer not in LAYERS:
        problems.append(Problem(raw.label, "", "", f"unknown layer {layer!r}; layer files are named "
                                                   f"{', '.join(l + '.geojson' for l in LAYERS)}"))
        return []
    content = raw.content
    if not isinstance(content, dict) or content.get("type") != "FeatureCollection" \
            or not isinstance(content.get("features"), list):
        problems.append(Problem(raw.label, "", "type", "not a GeoJSON FeatureCollection"))
        return []
    if "crs" in content:
        problems.append(Problem(raw.label, "", "crs", "RFC 7946 GeoJSON has no crs member; "
                                                      "store WGS84 lon/lat and remove it"))
    features = [check_feature(layer, f, raw.label, problems) for f in content["features"]]
    return [f for f in features if f is not None]


def check_source(raw: dict, label: str, problems: list[Problem]) -> Source | None:
    if not isinstance(raw, dict):
        problems.append(Problem(label, "", "source", "missing source object"))
        return None
    sid = raw.get("id")
    report = _Reporter(problems, label, sid if isinstance(sid, str) else "")
    before = len(problems)
    if not isinstance(sid, str) or not ID_PATTERN.match(sid):
        report("id", f"missing or malformed source id {sid!r}")
    title = _text(raw, "title", report)
    authors = _str_list(raw, "authors", report)
    published = _date(raw.get("published"), report, "published", required=True)
    vantage = _text(raw, "vantage", report)
    group = raw.get("vantage_group")
    if group not in VANTAGE_GROUPS:
        report("vantage_group", f"must be one of {sorted(VANTAGE_GROUPS)}, not {group!r}")
    text_file = _text(raw, "text_file", report, required=False)
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https?://", url)):
        report("url", f"must be an http(s) address, not {url!r}")
    if len(problems) > before:
        return None
    return Source(id=sid, title=title, authors=authors, published=published, vantage=vantage,
                  vantage_group=group, text_file=text_file, meta=dict(raw))


def check_excerpt(raw: dict, label: str, problems: list[Problem]) -> Excerpt | None:
    if not isinstance(raw, dict):
        problems.append(Problem(label, "", "excerpts", "an excerpt must be an object"))
        return None
    eid = raw.get("id")
    report = _Reporter(problems, label, eid if isinstance(eid, str) else "")
    before = len(problems)
    if not isinstance(eid, str) or not ID_PATTERN.match(eid):
        report("id", f"missing or malformed excerpt id {eid!r}")
    source_id = _text(raw, "source_id", report)
    quote = _text(raw, "quote", report)
    if quote and len(quote.split()) > MAX_QUOTE_WORDS:
        report("quote", f"{len(quote.split())} words; quotes are at most {MAX_QUOTE_WORDS} words")
    date = _date(raw.get("date"), report, "date", interval=True, required=True)
    feature_ids = _str_list(raw, "feature_ids", report)
    place_ids = _str_list(raw, "place_ids", report)
    if len(problems) > before:
        return None
    return Excerpt(id=eid, source_id=source_id, quote=quote, date=date, feature_ids=feature_ids,
                   place_ids=place_ids, meta=dict(raw))


def _check_unique(items: list[tuple[str, str, str]], problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for item_id, label, what in items:
        if item_id in seen:
            problems.append(Problem(label, item_id, "id", f"duplicate {what} id (also in {seen[item_id]})"))
        else:
            seen[item_id] = label


def _nested_refs(feature: Feature) -> list[tuple[str, str, str]]:
    """(field, kind of id, id) of the references a feature makes in its history entries."""
    refs = [("source_ids", "source", s) for s in feature.properties.get("source_ids") or []]
    refs += [("evidence_excerpt_ids", "excerpt", e) for e in feature.properties.get("evidence_excerpt_ids") or []]
    for key in ("control_history", "status_history"):
        for i, entry in enumerate(feature.properties.get(key) or []):
            if not isinstance(entry, dict):
                continue
            refs += [(f"{key}[{i}].source_ids", "source", s) for s in entry.get("source_ids") or []]
            refs += [(f"{key}[{i}].excerpt_ids", "excerpt", e) for e in entry.get("excerpt_ids") or []]
    return refs


def _check_histories(feature: Feature, label: str, problems: list[Problem]) -> None:
    for key in ("control_history", "status_history"):
        entries = feature.properties.get(key)
        if entries is None:
            continue
        report = _Reporter(problems, label, feature.id)
        if not isinstance(entries, list):
            report(key, "must be a list")
            continue
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                report(f"{key}[{i}]", "must be an object")
                continue
            if key == "status_history":
                _date(entry.get("from"), report, f"{key}[{i}].from", change=True, required=True)
                if not isinstance(entry.get("status"), str) or not entry.get("status"):
                    report(f"{key}[{i}].status", "missing or not a string")
                continue
            _date(entry.get("date") or entry.get("from"), report, f"{key}[{i}].date", interval=True, required=True)
            if entry.get("to") is not None:
                _date(entry.get("to"), report, f"{key}[{i}].to")


def check_references(checked: Checked, labels: dict[str, str]) -> None:
    """Every id an excerpt or feature names must exist, and be of the right kind."""
    layers = checked.feature_layers
    excerpt_ids = checked.referable
    known_sources = checked.referable | set(checked.registry)
    for excerpt in checked.excerpts:
        report = _Reporter(checked.problems, labels[excerpt.id], excerpt.id)
        if excerpt.source_id not in checked.referable:
            report("source_id", f"unknown source {excerpt.source_id!r}")
        for fid in excerpt.feature_ids:
            if fid not in layers:
                report("feature_ids", f"unknown feature {fid!r}")
            elif layers[fid] == "places":
                report("feature_ids", f"{fid!r} is a place; list it under place_ids")
        for pid in excerpt.place_ids:
            if layers.get(pid) != "places":
                report("place_ids", f"unknown place {pid!r}")
    for feature in checked.features:
        label = labels[feature.id]
        for field_name, kind, ref in _nested_refs(feature):
            known = known_sources if kind == "source" else excerpt_ids
            if ref not in known:
                checked.problems.append(Problem(label, feature.id, field_name, f"unknown {kind} {ref!r}"))
        _check_histories(feature, label, checked.problems)


def check_quotes(checked: Checked, sources_dir: Path, labels: dict[str, str],
                 read_text: Callable[[Path, str], str | None] = read_source_text) -> None:
    """Every quote must occur verbatim (whitespace folded) in its source's text."""
    folded: dict[str, str | None] = {}
    for source in checked.sources.values():
        if source.text_file:
            text = read_text(sources_dir, source.text_file)
            folded[source.id] = fold_whitespace(text) if text is not None else None
            if text is None:
                checked.problems.append(Problem(labels[source.id], source.id, "text_file",
                                                f"{source.text_file} not found in {sources_dir}"))
    for excerpt in checked.excerpts:
        text = folded.get(excerpt.source_id)
        if text and fold_whitespace(excerpt.quote) not in text:
            checked.problems.append(Problem(labels[excerpt.id], excerpt.id, "quote",
                                            "quote not found verbatim in the source text"))
    checked.quotes_checked = True


def check_dataset(raw: RawDataset, sources_dir: Path | None) -> Checked:
    """Run every check over a parsed dataset."""
    checked = Checked(problems=list(raw.problems))
    labels: dict[str, str] = {}
    ids: list[tuple[str, str, str]] = []
    for layer_file in raw.layer_files:
        if layer_file.content is None:
            continue
        content = layer_file.content
        if isinstance(content, dict) and isinstance(content.get("features"), list):
            for item in content["features"]:
                fid = item.get("properties", {}).get("id") if isinstance(item, dict) and isinstance(item.get("properties"), dict) else None
                if isinstance(fid, str):
                    checked.feature_layers.setdefault(fid, layer_file.path.stem)
        for feature in check_layer_file(layer_file, checked.problems):
            checked.features.append(feature)
            ids.append((feature.id, layer_file.label, "feature"))
    for source_file in raw.source_files:
        content = source_file.content
        if content is None:
            continue
        if not isinstance(content, dict):
            checked.problems.append(Problem(source_file.label, "", "", "must be an object with source and excerpts"))
            continue
        for item in [content.get("source")] + list(content.get("excerpts") or []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                checked.referable.add(item["id"])
        source = check_source(content.get("source"), source_file.label, checked.problems)
        if source:
            checked.sources[source.id] = source
            ids.append((source.id, source_file.label, "source"))
        excerpts = content.get("excerpts", [])
        if not isinstance(excerpts, list):
            checked.problems.append(Problem(source_file.label, "", "excerpts", "must be a list"))
            continue
        for raw_excerpt in excerpts:
            excerpt = check_excerpt(raw_excerpt, source_file.label, checked.problems)
            if excerpt:
                checked.excerpts.append(excerpt)
                ids.append((excerpt.id, source_file.label, "excerpt"))
    if raw.provenance is not None and isinstance(raw.provenance.content, dict):
        checked.registry = dict(raw.provenance.content)
        ids += [(key, "provenance.json", "registry") for key in checked.registry]
    _check_unique(ids, checked.problems)
    for item_id, label, _ in ids:
        labels.setdefault(item_id, label)
    if not raw.problems:  # a file that did not parse hides ids: fix it first
        check_references(checked, labels)
    if sources_dir is not None:
        check_quotes(checked, Path(sources_dir), labels)
    return checked
