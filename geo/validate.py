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

from . import schema as schemas
from .confine import ReadRefused, check_relative_name
from .crs import ATLAS_REGION
from .chronology import district_histories, parse_chronology
from .dates import FuzzyDate, Validity, parse_bound, parse_date
from .errors import DateError, Problem
from .io import RawDataset, RawFile, read_source_text
from .jsonload import field_name
from . import layers as layer_registry
from .model import VANTAGE_GROUPS, Excerpt, Feature, Source
from .i18n import N_, _

#: Ids are matched in full (``fullmatch``: no trailing newline slips through).
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_QUOTE_WORDS = 60
#: Dates outside these years are refused (the dashboard pads dates by up to a year).
MIN_YEAR, MAX_YEAR = 1000, 2999
#: Longest id shown in a message.
MAX_SHOWN_ID = 100
REQUIRED_NAME_KEYS = ("en",)


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
    #: the sound event tables (GeoParquet, checked column by column: geo/event_check.py)
    tables: list = field(default_factory=list)


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
            report(field_name, _("missing date"))
        return None
    if not isinstance(value, str):
        report(field_name, _("must be a date written as a string, not {kind}",
                             kind=schemas.json_type(value)))
        return None
    try:
        date = parse_bound(value) if change else parse_date(value, allow_interval=interval)
    except DateError as exc:
        report(field_name, _("unparseable date: {exc}", exc=exc))
        return None
    if date.first.year < MIN_YEAR or date.last.year > MAX_YEAR:
        report(field_name, _("{value} is outside the years {min_year}-{max_year}",
                             value=repr(value), min_year=MIN_YEAR, max_year=MAX_YEAR))
        return None
    return date


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def _shown_id(value: Any) -> str:
    """An item's id for messages (whatever it is; cut if long)."""
    if not isinstance(value, str):
        return ""
    return value if len(value) <= MAX_SHOWN_ID else value[:MAX_SHOWN_ID] + "…"


def _unclosed_ring(raw_geometry: dict) -> str | None:
    kind, coords = raw_geometry.get("type"), raw_geometry.get("coordinates")
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for p, rings in enumerate(polygons):
        for r, ring in enumerate(rings):
            if ring and ring[0] != ring[-1]:
                if kind == "MultiPolygon":
                    return _("ring {ring} of polygon {polygon} is not closed: its last position must repeat its first",
                             ring=r, polygon=p)
                return _("ring {ring} is not closed: its last position must repeat its first", ring=r)
    return None


def _text(record: dict, key: str, report: _Reporter, *, required: bool = True) -> str | None:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            report(key, _("missing or empty"))
        return None
    if not isinstance(value, str):
        report(key, _("must be a string, not {name}", name=type(value).__name__))
        return None
    return value


def _str_list(record: dict, key: str, report: _Reporter) -> tuple[str, ...]:
    value = record.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report(key, _("must be a list of strings"))
        return ()
    return tuple(value)


def _coordinates_ok(geometry, report: _Reporter) -> bool:
    coords = shapely.get_coordinates(geometry)
    if coords.size == 0:
        report("geometry", _("empty geometry"))
        return False
    lon, lat = coords[:, 0], coords[:, 1]
    if (abs(lon) > 180).any() or (abs(lat) > 90).any():
        report("geometry", _("coordinates outside WGS84 longitude/latitude (a projected CRS?); layer files must be "
                             "in EPSG:4326 lon/lat"))
        return False
    x0, y0, x1, y1 = ATLAS_REGION
    outside = (lon < x0) | (lon > x1) | (lat < y0) | (lat > y1)
    if outside.any():
        bad = coords[outside][0]
        report("geometry", _("coordinate ({lon}, {lat}) is outside the atlas region lon {x0}..{x1}, lat {y0}..{y1} "
                             "(latitude and longitude swapped?)", lon=f"{bad[0]:.4f}", lat=f"{bad[1]:.4f}",
                             x0=x0, x1=x1, y0=y0, y1=y1))
        return False
    return True


def check_feature(layer: str, raw: dict, report_file: str, problems: list[Problem]) -> Feature | None:
    """Check one GeoJSON feature of ``layer``; return it as a Feature if it is sound."""
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        problems.append(Problem(report_file, "", "type", _("not a GeoJSON Feature")))
        return None
    props = raw.get("properties")
    if not isinstance(props, dict):
        problems.append(Problem(report_file, "", "properties", _("missing properties object")))
        return None
    fid = props.get("id")
    report = _Reporter(problems, report_file, _shown_id(fid))
    before = len(problems)
    if not _valid_id(fid):
        report("id", _("missing or malformed id {fid} (lowercase letters, digits and hyphens)", fid=repr(fid)))
    kind = _text(props, "kind", report)
    record = layer_registry.get(layer)
    allowed = record.kinds
    if kind and allowed and kind not in allowed:
        report("kind", _("unknown kind {kind} for layer {layer} (expected one of {choices})",
                         kind=repr(kind), layer=layer, choices=sorted(allowed)))
    name = _text(props, "name", report)
    names = props.get("names")
    if not isinstance(names, dict) or not all(isinstance(v, (str, list)) for v in names.values()):
        report("names", _('must be an object of name variants, e.g. {{"en": ..., "az": ..., "hy": ..., "ru": ...}}'))
        names = {}
    for key in REQUIRED_NAME_KEYS:
        if names and key not in names:
            report("names", _("no {key} name", key=repr(key)))
    for key in ("valid_from", "valid_to"):
        if key not in props:
            report(key, _("missing (use null for an open end)"))
    valid_from = _date(props.get("valid_from"), report, "valid_from", change=True)
    valid_to = _date(props.get("valid_to"), report, "valid_to", change=True)
    if valid_from and valid_to and valid_to.first <= valid_from.first:
        report("valid_to", _("valid_to {valid_to} is not after valid_from {valid_from}",
                             valid_to=valid_to, valid_from=valid_from))
    accuracy = props.get("accuracy_km")
    if isinstance(accuracy, bool) or not isinstance(accuracy, (int, float)) or accuracy < 0:
        report("accuracy_km", _("must be a non-negative number of km, not {accuracy}", accuracy=repr(accuracy)))
    _text(props, "method", report)
    for key, values in record.required.items():
        if values is not None and props.get(key) not in values:
            report(key, _("must be one of {choices}, not {value}", choices=sorted(values), value=repr(props.get(key))))
        elif values is None and not isinstance(props.get(key), str):
            report(key, _("missing or not a string: {value}", value=repr(props.get(key))))
    geometry = None
    raw_geometry = raw.get("geometry")
    if not isinstance(raw_geometry, dict):
        report("geometry", _("missing geometry"))
    elif raw_geometry.get("type") not in record.geometry_types:
        report("geometry", _("{value} geometry not allowed in layer {layer} (expected {choices})",
                             value=repr(raw_geometry.get('type')), layer=layer, choices=' or '.join(sorted(record.geometry_types))))
    elif _unclosed_ring(raw_geometry):
        report("geometry", _unclosed_ring(raw_geometry))
    else:
        try:
            geometry = shape(raw_geometry)
        except Exception as exc:  # shapely raises several types for malformed input
            report("geometry", _("malformed coordinates ({exc})", exc=exc))
        if geometry is not None and _coordinates_ok(geometry, report) and not geometry.is_valid:
            report("geometry", _("invalid geometry: {reason}", reason=explain_validity(geometry)))
    if len(problems) > before:
        return None
    return Feature(layer=layer, id=fid, kind=kind, name=name, names=dict(names), geometry=geometry,
                   validity=Validity(valid_from, valid_to), accuracy_km=float(accuracy),
                   method=props["method"], properties=dict(props))


_field = field_name


def _locate_layer(content: Any, path: tuple) -> tuple[tuple | None, str, str]:
    """(item key, item id, field) of a path into a layer file."""
    if len(path) >= 2 and path[0] == "features" and isinstance(path[1], int):
        feature = content["features"][path[1]]
        props = feature.get("properties") if isinstance(feature, dict) else None
        rest = path[2:]
        if rest[:1] == ("properties",):
            rest = rest[1:]
        return path[:2], _shown_id(props.get("id") if isinstance(props, dict) else None), _field(rest)
    return None, "", _field(path)


def _locate_source(content: Any, path: tuple) -> tuple[tuple | None, str, str]:
    """(item key, item id, field) of a path into a source file."""
    if path[:1] == ("source",) and len(path) >= 2:
        source = content["source"]
        return path[:1], _shown_id(source.get("id") if isinstance(source, dict) else None), _field(path[1:])
    if len(path) >= 2 and path[0] == "excerpts" and isinstance(path[1], int):
        excerpt = content["excerpts"][path[1]]
        return path[:2], _shown_id(excerpt.get("id") if isinstance(excerpt, dict) else None), _field(path[2:])
    return None, "", _field(path)


def _locate_chronology(content: Any, path: tuple) -> tuple[tuple | None, str, str]:
    """(item key, item id, field) of a path into the chronology."""
    if len(path) >= 2 and path[0] == "changes" and isinstance(path[1], int):
        change = content["changes"][path[1]]
        return path[:2], _shown_id(change.get("id") if isinstance(change, dict) else None), _field(path[2:])
    return None, "", _field(path)


def _locate_registry(content: Any, path: tuple) -> tuple[tuple | None, str, str]:
    if path:
        return path[:1], _shown_id(path[0]), _field(path[1:])
    return None, "", ""


def check_structure(kind: str, raw: RawFile, problems: list[Problem]) -> tuple[bool, set[tuple]]:
    """Strict-JSON issues and JSON Schema errors of one file, as problems naming the item
    and field. Returns (the file is sound enough to check item by item, keys of bad items)."""
    locate = {"layer": _locate_layer, "source": _locate_source, "provenance": _locate_registry,
              "chronology": _locate_chronology}[kind]
    found = [(issue.path, issue.message) for issue in raw.issues]
    flagged = {path for path, _ in found}
    found += [(path, message) for path, message in schemas.errors(kind, raw.content)
              if not any(path[:len(f)] == f for f in flagged)]
    sound, bad = True, set()
    for path, message in found:
        key, item_id, field_name = locate(raw.content, path)
        problems.append(Problem(raw.label, item_id, field_name, message))
        if key is None:
            sound = False
        else:
            bad.add(key)
    return sound, bad


def check_layer_file(raw: RawFile, problems: list[Problem]) -> list[Feature]:
    layer = raw.layer or raw.path.stem
    if layer not in layer_registry.BY_ID:
        problems.append(Problem(raw.label, "", "", _("unknown layer {layer}; layer files are named {choices} (or are "
                                                     "any *.geojson in a folder layers/<layer>/)",
                                                     layer=repr(layer), choices=', '.join(l + '.geojson' for l in layer_registry.LAYER_IDS))))
        return []
    content = raw.content
    if isinstance(content, dict) and "crs" in content:
        problems.append(Problem(raw.label, "", "crs", _("RFC 7946 GeoJSON has no crs member; store WGS84 lon/lat and "
                                                        "remove it")))
    sound, bad = check_structure("layer", raw, problems)
    if not sound:
        return []
    features = [check_feature(layer, f, raw.label, problems) for i, f in enumerate(content["features"])
                if ("features", i) not in bad]
    return [f for f in features if f is not None]


def check_source(raw: dict, label: str, problems: list[Problem]) -> Source | None:
    if not isinstance(raw, dict):
        problems.append(Problem(label, "", "source", _("missing source object")))
        return None
    sid = raw.get("id")
    report = _Reporter(problems, label, _shown_id(sid))
    before = len(problems)
    if not _valid_id(sid):
        report("id", _("missing or malformed source id {sid}", sid=repr(sid)))
    title = _text(raw, "title", report)
    authors = _str_list(raw, "authors", report)
    published = _date(raw.get("published"), report, "published", required=True)
    vantage = _text(raw, "vantage", report)
    group = raw.get("vantage_group")
    if group not in VANTAGE_GROUPS:
        report("vantage_group", _("must be one of {choices}, not {group}",
                                  choices=sorted(VANTAGE_GROUPS), group=repr(group)))
    text_file = _text(raw, "text_file", report, required=False)
    if text_file and check_relative_name(text_file):
        report("text_file", check_relative_name(text_file))
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https?://", url)):
        report("url", _("must be an http(s) address, not {url}", url=repr(url)))
    if len(problems) > before:
        return None
    return Source(id=sid, title=title, authors=authors, published=published, vantage=vantage,
                  vantage_group=group, text_file=text_file, meta=dict(raw))


def check_excerpt(raw: dict, label: str, problems: list[Problem]) -> Excerpt | None:
    if not isinstance(raw, dict):
        problems.append(Problem(label, "", "excerpts", _("an excerpt must be an object")))
        return None
    eid = raw.get("id")
    report = _Reporter(problems, label, _shown_id(eid))
    before = len(problems)
    if not _valid_id(eid):
        report("id", _("missing or malformed excerpt id {eid}", eid=repr(eid)))
    source_id = _text(raw, "source_id", report)
    quote = _text(raw, "quote", report)
    if quote and len(quote.split()) > MAX_QUOTE_WORDS:
        report("quote", _("{n} words; quotes are at most {max} words",
                          n=len(quote.split()), max=MAX_QUOTE_WORDS))
    date = _date(raw.get("date"), report, "date", interval=True, required=True)
    feature_ids = _str_list(raw, "feature_ids", report)
    place_ids = _str_list(raw, "place_ids", report)
    if len(problems) > before:
        return None
    return Excerpt(id=eid, source_id=source_id, quote=quote, date=date, feature_ids=feature_ids,
                   place_ids=place_ids, meta=dict(raw))


#: The problem of an id used twice, by the kind of item.
DUPLICATE = {"feature": N_("duplicate feature id (also in {file})"), "source": N_("duplicate source id (also in {file})"),
             "excerpt": N_("duplicate excerpt id (also in {file})")}
#: The problem of a reference to an unknown id, by the kind of id.
UNKNOWN = {"source": N_("unknown source {id}"), "excerpt": N_("unknown excerpt {id}")}


def _check_unique(items: list[tuple[str, str, str]], problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for item_id, label, what in items:
        if item_id in seen:
            problems.append(Problem(label, item_id, "id", _(DUPLICATE[what], file=seen[item_id])))
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
            report(key, _("must be a list"))
            continue
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                report(f"{key}[{i}]", _("must be an object"))
                continue
            if key == "status_history":
                _date(entry.get("from"), report, f"{key}[{i}].from", change=True, required=True)
                if not isinstance(entry.get("status"), str) or not entry.get("status"):
                    report(f"{key}[{i}].status", _("missing or not a string"))
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
            report("source_id", _("unknown source {id}", id=repr(excerpt.source_id)))
        for fid in excerpt.feature_ids:
            if fid not in layers:
                report("feature_ids", _("unknown feature {id}", id=repr(fid)))
            elif layer_registry.has_role(layers[fid], "place"):
                report("feature_ids", _("{fid} is a place; list it under place_ids", fid=repr(fid)))
        for pid in excerpt.place_ids:
            if pid not in layers or not layer_registry.has_role(layers[pid], "place"):
                report("place_ids", _("unknown place {id}", id=repr(pid)))
    for feature in checked.features:
        label = labels[feature.id]
        for field_name, kind, ref in _nested_refs(feature):
            known = known_sources if kind == "source" else excerpt_ids
            if ref not in known:
                checked.problems.append(Problem(label, feature.id, field_name, _(UNKNOWN[kind], id=repr(ref))))
        _check_histories(feature, label, checked.problems)


def check_quotes(checked: Checked, sources_dir: Path, labels: dict[str, str],
                 read_text: Callable[[Path, str], str] = read_source_text) -> None:
    """Every quote must occur verbatim (whitespace folded) in its source's text. Texts are
    read inside ``sources_dir`` only (see :mod:`geo.confine`)."""
    folded: dict[str, str | None] = {}
    for source in checked.sources.values():
        if source.text_file:
            try:
                folded[source.id] = fold_whitespace(read_text(sources_dir, source.text_file))
            except ReadRefused as exc:
                folded[source.id] = None
                checked.problems.append(Problem(labels[source.id], source.id, "text_file",
                                                f"{source.text_file}: {exc}"))
    for excerpt in checked.excerpts:
        text = folded.get(excerpt.source_id)
        if text and fold_whitespace(excerpt.quote) not in text:
            checked.problems.append(Problem(labels[excerpt.id], excerpt.id, "quote",
                                            _("quote not found verbatim in the source text")))
    checked.quotes_checked = True


def attach_control_histories(chronology: RawFile, checked: Checked) -> None:
    """Give each district the ``control_history`` the chronology holds for it."""
    sound, bad = check_structure("chronology", chronology, checked.problems)
    if not sound:
        return
    content = dict(chronology.content)
    content["changes"] = [c for i, c in enumerate(content["changes"]) if ("changes", i) not in bad]
    changes = []
    for change in parse_chronology(content, chronology.label, checked.problems):
        if change.date.first.year < MIN_YEAR or change.date.last.year > MAX_YEAR:
            checked.problems.append(Problem(chronology.label, change.id, "date",
                                            _("{text} is outside the years {min_year}-{max_year}",
                                              text=repr(change.date.text), min_year=MIN_YEAR, max_year=MAX_YEAR)))
        else:
            changes.append(change)
    districts = {f.id: f for f in checked.features if layer_registry.has_role(f.layer, "district")}
    for district_id, history in district_histories(changes).items():
        if district_id not in districts:
            change_id = next(c.id for c in changes if district_id in c.districts)
            checked.problems.append(Problem(chronology.label, change_id, "districts",
                                            _("unknown district {district_id} (ids of the provinces layer)",
                                              district_id=repr(district_id))))
            continue
        districts[district_id].properties["control_history"] = history


def check_dataset(raw: RawDataset, sources_dir: Path | None) -> Checked:
    """Run every check over a parsed dataset."""
    checked = Checked(problems=list(raw.problems))
    labels: dict[str, str] = {}
    ids: list[tuple[str, str, str]] = []
    whole = not raw.problems  # every file parsed and is sound as a whole
    for layer_file in raw.layer_files:
        if layer_file.content is None:
            continue
        content = layer_file.content
        if isinstance(content, dict) and isinstance(content.get("features"), list):
            for item in content["features"]:
                props = item.get("properties") if isinstance(item, dict) else None
                fid = props.get("id") if isinstance(props, dict) else None
                if isinstance(fid, str):
                    checked.feature_layers.setdefault(fid, layer_file.layer or layer_file.path.stem)
        before = len(checked.problems)
        for feature in check_layer_file(layer_file, checked.problems):
            checked.features.append(feature)
            ids.append((feature.id, layer_file.label, "feature"))
        whole = whole and not any(p.file == layer_file.label and not p.item_id for p in checked.problems[before:])
    if raw.table_files:
        from .event_check import check_table  # it reads this module's rules (ids, years)
        for path, label in raw.table_files:
            table, problems = check_table(path, label, checked.feature_layers)
            checked.problems += problems
            if table is not None:
                checked.tables.append(table)
    if raw.chronology is not None and raw.chronology.content is not None:
        attach_control_histories(raw.chronology, checked)
    for source_file in raw.source_files:
        content = source_file.content
        if content is None:
            continue
        if isinstance(content, dict):
            excerpts = content.get("excerpts")
            for item in [content.get("source")] + (excerpts if isinstance(excerpts, list) else []):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    checked.referable.add(item["id"])
        sound, bad = check_structure("source", source_file, checked.problems)
        if not sound:
            whole = False
            continue
        source = None
        if ("source",) not in bad:
            source = check_source(content["source"], source_file.label, checked.problems)
        if source:
            checked.sources[source.id] = source
            ids.append((source.id, source_file.label, "source"))
        for i, raw_excerpt in enumerate(content["excerpts"]):
            excerpt = None if ("excerpts", i) in bad else check_excerpt(raw_excerpt, source_file.label,
                                                                          checked.problems)
            if excerpt:
                checked.excerpts.append(excerpt)
                ids.append((excerpt.id, source_file.label, "excerpt"))
    if raw.provenance is not None and raw.provenance.content is not None:
        sound, _bad = check_structure("provenance", raw.provenance, checked.problems)
        if isinstance(raw.provenance.content, dict):
            checked.registry = dict(raw.provenance.content)
            ids += [(key, "provenance.json", "registry") for key in checked.registry]
        whole = whole and sound
    _check_unique(ids, checked.problems)
    for item_id, label, _what in ids:
        labels.setdefault(item_id, label)
    if whole:  # a file that did not parse, or is broken as a whole, hides ids: fix it first
        check_references(checked, labels)
    if sources_dir is not None:
        check_quotes(checked, Path(sources_dir), labels)
    return checked
