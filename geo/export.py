"""Exports of the atlas: GeoJSON, excerpts JSON and CSV (the same code for the CLI and the app).

Each states the dataset it came from (:mod:`geo.dataset`): the GeoJSON and the excerpts
JSON in a ``dataset`` member (``{"name", "title", "version", "sha256"}``), the CSV in its
last two columns (``dataset_version``, ``dataset_sha256``) on every row."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Iterable

from shapely.geometry import mapping

from .atlas import Atlas
from .attribution import ATTRIBUTION
from .dataset import stamp
from .dates import status_on
from .escape import csv_cell
from .model import LAYERS, Feature

GENERATOR = "karabakh-atlas"


def feature_record(atlas: Atlas, feature: Feature, day: dt.date | None = None) -> dict[str, Any]:
    """A feature as an RFC 7946 Feature: its layer file properties plus ``layer``,
    ``excerpt_ids``, flags for uncertain validity bounds and the days on which it is drawn
    uncertain (``uncertain_intervals``, inclusive); for one day also ``uncertain_on_date``
    and the status in force (``status_on_date``, ``status_uncertain``)."""
    props = dict(feature.properties)
    props["layer"] = feature.layer
    props["excerpt_ids"] = list(atlas.excerpt_ids_for(feature.id))
    props["valid_from_uncertain"] = feature.validity.from_uncertain
    props["valid_to_uncertain"] = feature.validity.to_uncertain
    props["uncertain_intervals"] = feature.validity.bounds()["uncertain"]
    if day is not None:
        props["uncertain_on_date"] = feature.validity.uncertain_on(day)
        if feature.status_changes:
            current, uncertain = status_on(feature.status_changes, day)
            props["status_on_date"] = current.status if current else None
            props["status_uncertain"] = uncertain
    return {"type": "Feature", "id": feature.id, "geometry": mapping(feature.geometry), "properties": props}


def feature_collection(atlas: Atlas, features: Iterable[Feature], day: dt.date | None = None,
                       **members: Any) -> dict[str, Any]:
    collection: dict[str, Any] = {"type": "FeatureCollection"}
    collection.update(members)
    collection["features"] = [feature_record(atlas, f, day) for f in features]
    return collection


def geojson_for_date(atlas: Atlas, day: dt.date, layers: Iterable[str] | None = None) -> dict[str, Any]:
    """Everything valid on ``day`` (optionally only some layers) as one FeatureCollection."""
    wanted = set(layers) if layers is not None else set(LAYERS)
    by_layer = atlas.features_on(day)
    features = [f for name in LAYERS if name in wanted for f in by_layer[name]]
    return feature_collection(atlas, features, day, date=day.isoformat(), generator=GENERATOR,
                              dataset=stamp(atlas).record(), layers=[name for name in LAYERS if name in wanted],
                              attribution=ATTRIBUTION)


def geojson_all(atlas: Atlas) -> dict[str, Any]:
    """The whole temporal dataset as one FeatureCollection (filter by valid_from/valid_to)."""
    ordered = sorted(atlas.features, key=lambda f: (LAYERS.index(f.layer), f.id))
    return feature_collection(atlas, ordered, generator=GENERATOR, dataset=stamp(atlas).record(), attribution=ATTRIBUTION)


def source_record(atlas: Atlas, source_id: str) -> dict[str, Any]:
    source = atlas.sources[source_id]
    record = dict(source.meta)
    record["excerpt_ids"] = [e.id for e in atlas.excerpts if e.source_id == source_id]
    return record


def excerpt_record(excerpt) -> dict[str, Any]:
    record = {"id": excerpt.id, "source_id": excerpt.source_id, "quote": excerpt.quote,
              "date": excerpt.date.text, "feature_ids": list(excerpt.feature_ids),
              "place_ids": list(excerpt.place_ids)}
    for key, value in excerpt.meta.items():
        record.setdefault(key, value)
    return record


def excerpts_document(atlas: Atlas) -> dict[str, Any]:
    """``{"dataset": {...}, "sources": [...], "excerpts": [...]}`` with every source and excerpt."""
    return {"dataset": stamp(atlas).record(), "sources": [source_record(atlas, sid) for sid in sorted(atlas.sources)],
            "excerpts": [excerpt_record(e) for e in atlas.excerpts]}


CSV_COLUMNS = ("id", "source_id", "date", "date_first", "date_last", "quote", "feature_ids", "place_ids",
               "source_title", "source_authors", "source_published", "source_vantage", "source_vantage_group",
               "source_url", "dataset_version", "dataset_sha256")


def excerpts_csv(atlas: Atlas) -> str:
    """The excerpts as CSV, one row each with its source's citation (UTF-8, RFC 4180).
    Cells that a spreadsheet would run as a formula start with a ``'`` (see
    :func:`geo.escape.csv_cell`; :func:`geo.escape.csv_uncell` undoes it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    dataset = stamp(atlas)
    for e in atlas.excerpts:
        s = atlas.sources[e.source_id]
        row = [e.id, e.source_id, e.date.text, e.date.first.isoformat(), e.date.last.isoformat(),
               e.quote, ";".join(e.feature_ids), ";".join(e.place_ids), s.title,
               "; ".join(s.authors), s.published.text, s.vantage, s.vantage_group, s.meta.get("url") or "",
               dataset.version, dataset.sha256 or ""]
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def to_json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
