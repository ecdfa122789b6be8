"""GeoPackage export: one table per layer, plus ``excerpts`` and ``sources`` tables.

Columns of a layer table: ``id, kind, name, names_en, names_az, names_hy, names_hy_Latn,
names_ru`` (text; a variant that is a list of names is kept, with the other variants, in
``properties_json``), ``valid_from, valid_to`` (EDTF text as in the data), ``valid_from_start, valid_to_start`` (ISO day on which the bound
takes effect under the atlas's rule), ``valid_from_uncertain, valid_to_uncertain``,
``accuracy_km, method``, ``held_by`` (layers that have it), ``excerpt_ids``
(semicolon-joined, as in the CSV export) and ``properties_json`` (every other property,
JSON-encoded). Geometry is WGS84 longitude/latitude (EPSG:4326), as stored.

The dataset's name, version and content hash (:mod:`geo.dataset`) are the GeoPackage's
dataset metadata (the ``gpkg_metadata`` table: ``pyogrio.read_info(path)["dataset_metadata"]``,
QGIS's layer properties), as ``DATASET_NAME``, ``DATASET_VERSION`` and ``DATASET_SHA256``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
from pyogrio import errors as ogr_errors

from .atlas import Atlas
from .dataset import stamp
from .errors import ExportError
from .io import atomic_path, scratch_dir
from . import layers as layer_registry
from .model import Feature

NAME_KEYS = ("en", "az", "hy", "hy_Latn", "ru")
FEATURE_COLUMNS = ("id", "kind", "name", *(f"names_{k}" for k in NAME_KEYS), "valid_from", "valid_to",
                   "valid_from_start", "valid_to_start", "valid_from_uncertain", "valid_to_uncertain",
                   "accuracy_km", "method", "held_by", "excerpt_ids", "properties_json")
#: Properties that have their own column (everything else goes to properties_json).
_OWN_COLUMNS = {"id", "kind", "name", "valid_from", "valid_to", "accuracy_km", "method", "held_by"}
EXCERPT_COLUMNS = ("id", "source_id", "quote", "date", "date_first", "date_last", "feature_ids", "place_ids",
                   "date_basis", "properties_json")
SOURCE_COLUMNS = ("id", "title", "authors", "published", "published_first", "vantage", "vantage_group",
                  "publisher", "url", "doi", "kind", "text_file", "excerpt_ids", "properties_json")
_FAMILY = {"Point": "Point", "MultiPoint": "Point", "LineString": "LineString", "MultiLineString": "LineString",
           "Polygon": "Polygon", "MultiPolygon": "Polygon"}


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None


def _name_text(value: Any) -> str | None:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or None
    return value if isinstance(value, str) and value else None


def feature_row(atlas: Atlas, feature: Feature) -> dict[str, Any]:
    v = feature.validity
    # a variant that is one name has its column; a list of names goes with the other variants
    # to properties_json, so that every name comes back exactly as it was
    names = {f"names_{k}": _name_text(feature.names.get(k)) for k in NAME_KEYS
             if not isinstance(feature.names.get(k), list)}
    other = {k: val for k, val in feature.properties.items() if k not in _OWN_COLUMNS and k != "names"}
    other_names = {k: val for k, val in feature.names.items() if k not in NAME_KEYS or isinstance(val, list)}
    if other_names:
        other["names"] = other_names
    return {"id": feature.id, "kind": feature.kind, "name": feature.name, **names,
            "valid_from": v.valid_from.text if v.valid_from else None,
            "valid_to": v.valid_to.text if v.valid_to else None,
            "valid_from_start": v.start.isoformat() if v.start else None,
            "valid_to_start": v.end.isoformat() if v.end else None,
            "valid_from_uncertain": v.from_uncertain, "valid_to_uncertain": v.to_uncertain,
            "accuracy_km": float(feature.accuracy_km), "method": feature.method,
            "held_by": feature.properties.get("held_by"),
            "excerpt_ids": ";".join(atlas.excerpt_ids_for(feature.id)) or None,
            "properties_json": _json(other)}


def _geometry_type(layer: str, features: list[Feature]) -> str:
    """The table's geometry type: the one type if all agree, Multi* when single and multi
    parts of one family mix, else the generic type (peacekeeping holds areas, lines and points)."""
    types = {f.geometry.geom_type for f in features}
    if len(types) == 1:
        return types.pop()
    families = {_FAMILY.get(t) for t in types} if types else {_FAMILY.get(layer_registry.get(layer).family)}
    if len(families) == 1 and None not in families:
        return "Multi" + families.pop()
    return "Unknown"


def layer_frame(atlas: Atlas, layer: str) -> gpd.GeoDataFrame:
    """The features of one layer (all dates) as a GeoDataFrame, sorted by id."""
    features = sorted(atlas.layer(layer), key=lambda f: f.id)
    rows = [feature_row(atlas, f) for f in features]
    columns = [c for c in FEATURE_COLUMNS if c != "held_by" or any(f.properties.get("held_by") for f in features)
               or layer_registry.has_role(layer, "control")]
    frame = pd.DataFrame(rows, columns=columns).astype(
        {c: object for c in columns if c not in ("valid_from_uncertain", "valid_to_uncertain", "accuracy_km")})
    frame = frame.astype({"valid_from_uncertain": bool, "valid_to_uncertain": bool, "accuracy_km": float})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([f.geometry for f in features], crs=4326), crs=4326)


def excerpts_frame(atlas: Atlas) -> pd.DataFrame:
    rows = []
    for e in atlas.excerpts:
        other = {k: v for k, v in e.meta.items() if k not in EXCERPT_COLUMNS}
        rows.append({"id": e.id, "source_id": e.source_id, "quote": e.quote, "date": e.date.text,
                     "date_first": e.date.first.isoformat(), "date_last": e.date.last.isoformat(),
                     "feature_ids": ";".join(e.feature_ids) or None, "place_ids": ";".join(e.place_ids) or None,
                     "date_basis": e.meta.get("date_basis"), "properties_json": _json(other)})
    return pd.DataFrame(rows, columns=list(EXCERPT_COLUMNS)).astype(object)


def sources_frame(atlas: Atlas) -> pd.DataFrame:
    rows = []
    for sid in sorted(atlas.sources):
        s = atlas.sources[sid]
        other = {k: v for k, v in s.meta.items() if k not in SOURCE_COLUMNS}
        rows.append({"id": s.id, "title": s.title, "authors": "; ".join(s.authors) or None,
                     "published": s.published.text, "published_first": s.published.first.isoformat(),
                     "vantage": s.vantage, "vantage_group": s.vantage_group,
                     "publisher": s.meta.get("publisher"), "url": s.meta.get("url"), "doi": s.meta.get("doi"),
                     "kind": s.meta.get("kind"), "text_file": s.text_file,
                     "excerpt_ids": ";".join(e.id for e in atlas.excerpts if e.source_id == sid) or None,
                     "properties_json": _json(other)})
    return pd.DataFrame(rows, columns=list(SOURCE_COLUMNS)).astype(object)


def dataset_metadata(atlas: Atlas) -> dict[str, str]:
    """The GeoPackage's dataset metadata: which dataset the file was written from."""
    dataset = stamp(atlas)
    return {"DATASET_NAME": dataset.name, "DATASET_TITLE": dataset.title, "DATASET_VERSION": dataset.version,
            "DATASET_SHA256": dataset.sha256 or ""}


def _write_tables(atlas: Atlas, target: Path) -> None:
    try:
        for i, record in enumerate(layer_registry.REGISTRY):
            layer = record.id
            geometry_type = _geometry_type(layer, atlas.layer(layer))
            pyogrio.write_dataframe(layer_frame(atlas, layer), target, layer=record.table, driver="GPKG",
                                    geometry_type=geometry_type, promote_to_multi=geometry_type.startswith("Multi"),
                                    dataset_metadata=dataset_metadata(atlas) if i == 0 else None)
        pyogrio.write_dataframe(excerpts_frame(atlas), target, layer="excerpts", driver="GPKG")
        pyogrio.write_dataframe(sources_frame(atlas), target, layer="sources", driver="GPKG")
    except (OSError, ogr_errors.DataSourceError, ogr_errors.DataLayerError, ogr_errors.FieldError,
            ogr_errors.FeatureError, ogr_errors.GeometryError) as exc:
        raise ExportError(f"cannot write the GeoPackage: {exc}") from None


def write_geopackage(atlas: Atlas, path: Path | str) -> Path:
    """Write the atlas as a GeoPackage at ``path``, atomically (complete or untouched)."""
    with atomic_path(path) as tmp:
        _write_tables(atlas, tmp)
    return Path(path)


def geopackage_bytes(atlas: Atlas) -> bytes:
    """The GeoPackage as bytes (written to a temporary file and read back), e.g. for a download."""
    with scratch_dir() as tmp:  # a killed build's leftovers are removed by the next one
        target = tmp / "karabakh-atlas.gpkg"
        _write_tables(atlas, target)
        return target.read_bytes()
