"""GeoPackage export: tables of the layers, ``excerpts`` and ``sources``, and the atlas's
QGIS styles in ``layer_styles``.

One geometry type per table (:func:`tables`, decided by the registry, not by the data, so
the tables are the same whatever the features): a layer whose geometry types are of one
family is one table named as the layer, Multi* when the layer allows multi-part features
(``control`` is MultiPolygon, ``places`` Point); a layer of several families (``peacekeeping``:
areas, lines and points) is one table per family, ``<layer>_polygon``, ``<layer>_line``,
``<layer>_point``. QGIS then draws each table with one renderer and never drops a feature
of another type.

Columns of a layer table: ``id, kind, name, names_en, names_az, names_hy, names_hy_Latn,
names_ru`` (text; a variant that is a list of names is kept, with the other variants, in
``properties_json``); the dates as GeoPackage DATE columns: ``valid_from`` (the first day
the EDTF ``valid_from`` can mean), ``valid_from_last`` (its last day), ``valid_to_first``
and ``valid_to`` (the first and last day the EDTF ``valid_to`` can mean), ``valid_from_start``
and ``valid_to_start`` (the atlas's time rule: drawn on day D when ``valid_from_start <= D <
valid_to_start``; NULL is open); the EDTF text as written in ``valid_from_edtf`` and
``valid_to_edtf``; ``valid_from_uncertain, valid_to_uncertain`` and ``uncertain`` (some day
of the feature's life is drawn uncertain: inside ``[valid_from, valid_from_last]`` when
``valid_from_uncertain``, inside ``[valid_to_first, valid_to]`` when ``valid_to_uncertain``);
``accuracy_km, method``, ``held_by`` (layers that have it), ``status_days`` (layers drawn by
their status on the day, roads: the ``status_history`` as JSON ``[[first day, last day,
status], ...]``, the days each change can mean, read by the QGIS style), ``excerpt_ids`` (semicolon-joined,
as in the CSV export) and ``properties_json`` (every other property, JSON-encoded). Geometry
is WGS84 longitude/latitude (EPSG:4326), as stored.

Every layer table has its style (:mod:`geo.qgis_style`) as the default in the standard
``layer_styles`` table, which QGIS reads when it opens a table; :func:`write_styles` writes
the same styles as ``.qml`` files.

The dataset's name, version and content hash (:mod:`geo.dataset`) are the GeoPackage's
dataset metadata (the ``gpkg_metadata`` table: ``pyogrio.read_info(path)["dataset_metadata"]``,
QGIS's layer properties), as ``DATASET_NAME``, ``DATASET_VERSION`` and ``DATASET_SHA256``.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
from pyogrio import errors as ogr_errors

from .atlas import Atlas
from .dataset import stamp
from .errors import ExportError
from .io import atomic_path, scratch_dir, write_atomic
from . import layers as layer_registry
from .model import Feature
from .qgis_style import has_statuses, qml

NAME_KEYS = ("en", "az", "hy", "hy_Latn", "ru")
#: The columns written as GeoPackage DATE (days).
DATE_COLUMNS = ("valid_from", "valid_to", "valid_from_last", "valid_to_first", "valid_from_start", "valid_to_start")
#: The boolean columns.
FLAG_COLUMNS = ("valid_from_uncertain", "valid_to_uncertain", "uncertain")
FEATURE_COLUMNS = ("id", "kind", "name", *(f"names_{k}" for k in NAME_KEYS), "valid_from", "valid_to",
                   "valid_from_edtf", "valid_to_edtf", "valid_from_last", "valid_to_first",
                   "valid_from_start", "valid_to_start", *FLAG_COLUMNS,
                   "accuracy_km", "method", "held_by", "status_days", "excerpt_ids", "properties_json")
#: Properties that have their own column (everything else goes to properties_json).
_OWN_COLUMNS = {"id", "kind", "name", "valid_from", "valid_to", "accuracy_km", "method", "held_by"}
EXCERPT_COLUMNS = ("id", "source_id", "quote", "date", "date_first", "date_last", "feature_ids", "place_ids",
                   "date_basis", "properties_json")
SOURCE_COLUMNS = ("id", "title", "authors", "published", "published_first", "vantage", "vantage_group",
                  "publisher", "url", "doi", "kind", "text_file", "excerpt_ids", "properties_json")
_FAMILY = {"Point": "Point", "MultiPoint": "Point", "LineString": "LineString", "MultiLineString": "LineString",
           "Polygon": "Polygon", "MultiPolygon": "Polygon"}
#: The suffix of a family's table when a layer is split into one table per family.
FAMILY_SUFFIX = {"Polygon": "polygon", "LineString": "line", "Point": "point"}
#: The GeoPackage's geometry column (GDAL's default), named in ``layer_styles``.
GEOMETRY_COLUMN = "geom"
STYLES_TABLE = "layer_styles"
GPKG_VERSION = "1.3"
STYLE_NAME = "Karabakh Atlas"


@dataclass(frozen=True)
class Table:
    """One feature table of the GeoPackage: a layer's features of one geometry family."""

    name: str
    layer: str
    family: str
    #: the table's one geometry type (Multi* when the layer allows multi-part features)
    geometry_type: str

    def holds(self, feature: Feature) -> bool:
        return _FAMILY[feature.geometry.geom_type] == self.family


def tables(layer: str) -> tuple[Table, ...]:
    """The tables of a layer, from the registry's geometry types (see the module docstring)."""
    record = layer_registry.get(layer)
    families = sorted({_FAMILY[t] for t in record.geometry_types}, key=list(FAMILY_SUFFIX).index)
    out = []
    for family in families:
        multi = any(t.startswith("Multi") and _FAMILY[t] == family for t in record.geometry_types)
        name = record.table if len(families) == 1 else f"{record.table}_{FAMILY_SUFFIX[family]}"
        out.append(Table(name, layer, family, ("Multi" + family) if multi else family))
    return tuple(out)


def all_tables() -> tuple[Table, ...]:
    """Every feature table, in the registry's drawing order."""
    return tuple(t for record in layer_registry.REGISTRY for t in tables(record.id))


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
            "valid_from": v.valid_from.first if v.valid_from else None,
            "valid_to": v.valid_to.last if v.valid_to else None,
            "valid_from_edtf": v.valid_from.text if v.valid_from else None,
            "valid_to_edtf": v.valid_to.text if v.valid_to else None,
            "valid_from_last": v.valid_from.last if v.valid_from else None,
            "valid_to_first": v.valid_to.first if v.valid_to else None,
            "valid_from_start": v.start, "valid_to_start": v.end,
            "valid_from_uncertain": v.from_uncertain, "valid_to_uncertain": v.to_uncertain,
            "uncertain": v.uncertain,
            "accuracy_km": float(feature.accuracy_km), "method": feature.method,
            "held_by": feature.properties.get("held_by"),
            "status_days": json.dumps([[c.since.first.isoformat(), c.since.last.isoformat(), c.status]
                                       for c in feature.status_changes]) if feature.status_changes else None,
            "excerpt_ids": ";".join(atlas.excerpt_ids_for(feature.id)) or None,
            "properties_json": _json(other)}


def _date_column(values: list[dt.date | None]) -> pd.Series:
    """Days (None when open) as Arrow ``date32``: written through Arrow, a GeoPackage DATE
    column (even when every value is None)."""
    return pd.Series(values, dtype=pd.ArrowDtype(pa.date32()))


def layer_frame(atlas: Atlas, layer: str, features: list[Feature] | None = None) -> gpd.GeoDataFrame:
    """The features of one layer (all dates; or ``features``) as a GeoDataFrame, sorted by id.
    The date columns are ``datetime.date`` values (None when open)."""
    features = sorted(atlas.layer(layer) if features is None else features, key=lambda f: f.id)
    rows = [feature_row(atlas, f) for f in features]
    columns = [c for c in FEATURE_COLUMNS
               if (c != "held_by" or any(f.properties.get("held_by") for f in atlas.layer(layer))
                   or layer_registry.has_role(layer, "control"))
               and (c != "status_days" or has_statuses(layer))]
    frame = pd.DataFrame(rows, columns=columns).astype(
        {c: object for c in columns if c not in (*FLAG_COLUMNS, "accuracy_km")})
    frame = frame.astype({**{c: bool for c in FLAG_COLUMNS}, "accuracy_km": float})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([f.geometry for f in features], crs=4326), crs=4326)


def _table_frame(atlas: Atlas, table: Table) -> gpd.GeoDataFrame:
    """A table's rows as written: its features, the dates as Arrow days."""
    frame = layer_frame(atlas, table.layer, [f for f in atlas.layer(table.layer) if table.holds(f)])
    for column in DATE_COLUMNS:
        frame[column] = _date_column(list(frame[column])).set_axis(frame.index)
    return frame


def excerpts_frame(atlas: Atlas) -> pd.DataFrame:
    rows = []
    for e in atlas.excerpts:
        other = {k: v for k, v in e.meta.items() if k not in EXCERPT_COLUMNS}
        rows.append({"id": e.id, "source_id": e.source_id, "quote": e.quote, "date": e.date.text,
                     "date_first": e.date.first, "date_last": e.date.last,
                     "feature_ids": ";".join(e.feature_ids) or None, "place_ids": ";".join(e.place_ids) or None,
                     "date_basis": e.meta.get("date_basis"), "properties_json": _json(other)})
    frame = pd.DataFrame(rows, columns=list(EXCERPT_COLUMNS)).astype(object)
    for column in ("date_first", "date_last"):  # GeoPackage DATE: the first and last day the date can mean
        frame[column] = _date_column(list(frame[column]))
    return frame


def sources_frame(atlas: Atlas) -> pd.DataFrame:
    rows = []
    for sid in sorted(atlas.sources):
        s = atlas.sources[sid]
        other = {k: v for k, v in s.meta.items() if k not in SOURCE_COLUMNS}
        rows.append({"id": s.id, "title": s.title, "authors": "; ".join(s.authors) or None,
                     "published": s.published.text, "published_first": s.published.first,
                     "vantage": s.vantage, "vantage_group": s.vantage_group,
                     "publisher": s.meta.get("publisher"), "url": s.meta.get("url"), "doi": s.meta.get("doi"),
                     "kind": s.meta.get("kind"), "text_file": s.text_file,
                     "excerpt_ids": ";".join(e.id for e in atlas.excerpts if e.source_id == sid) or None,
                     "properties_json": _json(other)})
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS)).astype(object)
    frame["published_first"] = _date_column(list(frame["published_first"]))
    return frame


def dataset_metadata(atlas: Atlas) -> dict[str, str]:
    """The GeoPackage's dataset metadata: which dataset the file was written from."""
    dataset = stamp(atlas)
    return {"DATASET_NAME": dataset.name, "DATASET_TITLE": dataset.title, "DATASET_VERSION": dataset.version,
            "DATASET_SHA256": dataset.sha256 or ""}


def styles_frame(atlas: Atlas, update_time: dt.datetime | None = None) -> pd.DataFrame:
    """The rows of ``layer_styles``: each feature table's style, its default (the columns QGIS
    reads and writes; catalog and schema are empty text, as QGIS writes them for a GeoPackage)."""
    when = update_time or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    version = stamp(atlas).version
    rows = [{"f_table_catalog": "", "f_table_schema": "", "f_table_name": table.name,
             "f_geometry_column": GEOMETRY_COLUMN, "styleName": STYLE_NAME, "styleQML": qml(table.layer, table.family),
             "styleSLD": "", "useAsDefault": True,
             "description": f"{layer_registry.title(table.layer)}: the atlas's cartography (dataset {version})",
             "owner": "", "ui": "", "update_time": when} for table in all_tables()]
    frame = pd.DataFrame(rows)
    frame["update_time"] = pd.to_datetime(frame["update_time"], utc=True).astype("datetime64[ms, UTC]")
    return frame


def _write_tables(atlas: Atlas, target: Path) -> None:
    try:
        for i, table in enumerate(all_tables()):
            frame = _table_frame(atlas, table).rename_geometry(GEOMETRY_COLUMN)
            pyogrio.write_dataframe(frame, target, layer=table.name, driver="GPKG", geometry_type=table.geometry_type,
                                    promote_to_multi=table.geometry_type.startswith("Multi"), use_arrow=True,
                                    dataset_metadata=dataset_metadata(atlas) if i == 0 else None,
                                    # GeoPackage 1.3: QGIS builds on GDAL < 3.7 read 1.4 only "partially"
                                    dataset_options={"VERSION": GPKG_VERSION} if i == 0 else None)
        pyogrio.write_dataframe(excerpts_frame(atlas), target, layer="excerpts", driver="GPKG", use_arrow=True)
        pyogrio.write_dataframe(sources_frame(atlas), target, layer="sources", driver="GPKG", use_arrow=True)
        pyogrio.write_dataframe(styles_frame(atlas), target, layer=STYLES_TABLE, driver="GPKG")
    except (OSError, ogr_errors.DataSourceError, ogr_errors.DataLayerError, ogr_errors.FieldError,
            ogr_errors.FeatureError, ogr_errors.GeometryError) as exc:
        raise ExportError(f"cannot write the GeoPackage: {exc}") from None


def write_geopackage(atlas: Atlas, path: Path | str) -> Path:
    """Write the atlas as a GeoPackage at ``path``, atomically (complete or untouched)."""
    with atomic_path(path) as tmp:
        _write_tables(atlas, tmp)
    return Path(path)


def style_files() -> dict[str, str]:
    """``<table>.qml`` -> the QML of each feature table (QGIS loads a ``.qml`` named like the
    layer it sits beside; Layer Properties > Style > Load Style reads any)."""
    return {f"{table.name}.qml": qml(table.layer, table.family) for table in all_tables()}


def check_styles_dir(directory: Path | str) -> Path:
    """The folder ``--styles`` names: it must exist (checked before anything is written)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ExportError(f"cannot write the QGIS styles into {directory}: "
                          + ("it is not a directory" if directory.exists() else "the directory does not exist"))
    return directory


def write_styles(directory: Path | str) -> list[Path]:
    """Write every table's style as ``<table>.qml`` into ``directory`` (each file atomically)."""
    directory = check_styles_dir(directory)
    return [write_atomic(directory / name, text) for name, text in style_files().items()]

def geopackage_bytes(atlas: Atlas) -> bytes:
    """The GeoPackage as bytes (written to a temporary file and read back), e.g. for a download."""
    with scratch_dir() as tmp:  # a killed build's leftovers are removed by the next one
        target = tmp / "karabakh-atlas.gpkg"
        _write_tables(atlas, target)
        return target.read_bytes()
