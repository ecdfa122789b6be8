"""Event tables stored as GeoParquet: the format, its writer and its readers.

A large table of point events (an imported UCDP GED or ACLED table) is one GeoParquet file
``<data>/tables/<name>.parquet`` (:data:`FOLDER`), part of the layer the registry names
(:func:`geo.layers.table_layer`). One row per event, the columns of :data:`SCHEMA`:

- ``id``, ``name``, ``method``, ``citation``, ``source_event_id``: text as in a layer file;
- ``first`` and ``last`` (Arrow date32): the first and last day the event may have happened
  on; ``date_exact``: whether the day itself is known (else the map draws it uncertain on
  each of those days, as :func:`geo.ingest.events_table.to_feature` writes its EDTF dates);
- ``accuracy_km``: how far the point may be from where the event happened;
- ``extra``: the table's further fields as a JSON object (deaths, notes, actors), or null;
- ``geometry``: the point as WKB, lon/lat WGS84 (GeoParquet 1.1 metadata, CRS OGC:CRS84).

Files are written in row groups of :data:`ROW_GROUP` rows and read back group by group
(:func:`batches`), so that memory stays bounded whatever the number of rows. No
validation here (:mod:`geo.event_check`).
"""
from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from .io import atomic_path

#: The dataset folder of event tables, and their suffix.
FOLDER, SUFFIX = "tables", ".parquet"
#: Rows per row group: the unit of writing and reading.
ROW_GROUP = 65_536
#: The key of the file's own metadata (what it was imported from).
META_KEY = b"karabakh_atlas"
#: Further metadata written when the file is complete (the import's counts).
NOTES_KEY = "karabakh_atlas_notes"
GEOMETRY = "geometry"

SCHEMA = pa.schema([
    ("id", pa.string()), ("name", pa.string()), ("first", pa.date32()), ("last", pa.date32()),
    ("date_exact", pa.bool_()), ("accuracy_km", pa.float64()), ("method", pa.string()),
    ("citation", pa.string()), ("source_event_id", pa.string()), ("extra", pa.string()),
    (GEOMETRY, pa.binary()),
])
#: Columns that may be null (the others must hold a value in every row).
NULLABLE = frozenset({"citation", "extra"})

#: GeoParquet metadata (https://geoparquet.org/releases/v1.1.0/): points as WKB, lon/lat; no
#: "crs" member means OGC:CRS84.
GEO_METADATA = {"version": "1.1.0", "primary_column": GEOMETRY,
                "columns": {GEOMETRY: {"encoding": "WKB", "geometry_types": ["Point"]}}}

_EPOCH = dt.date(1970, 1, 1)


def schema_with(meta: dict[str, Any]) -> pa.Schema:
    """:data:`SCHEMA` with the GeoParquet metadata and the file's own (``meta``)."""
    return SCHEMA.with_metadata({b"geo": json.dumps(GEO_METADATA).encode(),
                                 META_KEY: json.dumps(meta, ensure_ascii=False).encode("utf-8")})


def to_batch(columns: dict[str, list]) -> pa.RecordBatch:
    """One record batch from columns of Python values; ``lon``/``lat`` lists become the points."""
    lon = np.asarray(columns.pop("lon"), dtype="float64")
    lat = np.asarray(columns.pop("lat"), dtype="float64")
    wkb = shapely.to_wkb(shapely.points(np.round(lon, 6), np.round(lat, 6)))
    arrays = [pa.array(columns[f.name], type=f.type) for f in SCHEMA if f.name != GEOMETRY]
    return pa.RecordBatch.from_arrays(arrays + [pa.array(wkb, type=pa.binary())], schema=SCHEMA)


class Writer:
    """Appends events to a GeoParquet file in row groups (see :func:`writing`)."""

    COLUMNS = tuple(f.name for f in SCHEMA if f.name != GEOMETRY) + ("lon", "lat")

    def __init__(self, writer: pq.ParquetWriter):
        self._writer = writer
        #: merged into the file's own metadata when the file is complete (e.g. counts of the import)
        self.notes: dict[str, Any] = {}
        self._columns: dict[str, list] = {name: [] for name in self.COLUMNS}
        self.rows = 0

    def add(self, **values) -> None:
        for name in self.COLUMNS:
            self._columns[name].append(values[name])
        if len(self._columns["id"]) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if self._columns["id"]:
            self.rows += len(self._columns["id"])
            self._writer.write_batch(to_batch(self._columns), row_group_size=ROW_GROUP)
            self._columns = {name: [] for name in self.COLUMNS}


@contextmanager
def writing(path: Path | str, meta: dict[str, Any]) -> Iterator[Writer]:
    """Write an event table to ``path`` atomically: complete when the block ends without an
    error, else ``path`` is left as it was. ``meta`` is stored in the file's metadata."""
    with atomic_path(path) as tmp:
        with pq.ParquetWriter(tmp, schema_with(meta), compression="zstd") as parquet:
            writer = Writer(parquet)
            yield writer
            writer.flush()
            if writer.notes:
                parquet.add_key_value_metadata({NOTES_KEY: json.dumps(writer.notes, ensure_ascii=False)})


def table_meta(path: Path | str) -> dict[str, Any]:
    """The file's own metadata (what it was imported from, and the notes written when it was
    complete); {} when it has none."""
    found = pq.ParquetFile(path).metadata.metadata or {}
    out: dict[str, Any] = {}
    for key in (META_KEY, NOTES_KEY.encode()):
        try:
            meta = json.loads(found[key]) if key in found else {}
        except ValueError:
            meta = {}
        if isinstance(meta, dict):
            out.update(meta)
    return out


def batches(path: Path | str, columns: list[str] | None = None) -> Iterator[tuple[int, pa.RecordBatch]]:
    """(index of the batch's first row, batch) over the table, one row group at a time."""
    parquet = pq.ParquetFile(path)
    offset = 0
    for batch in parquet.iter_batches(batch_size=ROW_GROUP, columns=columns):
        yield offset, batch
        offset += batch.num_rows


def days(array: pa.Array) -> np.ndarray:
    """A date32 column as integer days since 1970-01-01 (nulls as the smallest int32)."""
    return array.cast(pa.int32()).fill_null(np.iinfo(np.int32).min).to_numpy(zero_copy_only=False)


def day_number(day: dt.date) -> int:
    return (day - _EPOCH).days


def from_day_number(number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(number))


def edtf_bounds(first: dt.date, last: dt.date, exact: bool) -> tuple[str, str, str]:
    """(valid_from, valid_to, date) of an event under the atlas's time rule: shown from the
    first to the last day it may have happened on (``valid_to`` is the day after,
    exclusive); when the day is not known, ``valid_from`` is the interval it lies in, so the
    map draws the event uncertain on each of those days."""
    span = first.isoformat() if first == last else f"{first}/{last}"
    return (first.isoformat() if exact else span), (last + dt.timedelta(days=1)).isoformat(), span


def feature_properties(row: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    """The GeoJSON properties of one stored event (as a layer file would hold them)."""
    valid_from, valid_to, date = edtf_bounds(row["first"], row["last"], row["date_exact"])
    props = {"id": row["id"], "kind": "event", "name": row["name"], "names": {"en": row["name"]},
             "valid_from": valid_from, "valid_to": valid_to, "date": date, "date_uncertain": not row["date_exact"],
             "accuracy_km": row["accuracy_km"], "method": row["method"], "dataset": meta.get("dataset", ""),
             "source_table": meta.get("source_table", ""), "source_event_id": row["source_event_id"],
             "citation": row["citation"] or ""}
    if row.get("extra"):
        props.update(json.loads(row["extra"]))
    return props


def write_features(path: Path | str, out, first: bool = True) -> int:
    """Stream the table's events as GeoJSON features (comma-separated, the first one without
    a comma unless ``first`` is false) to the binary file ``out``, one row group at a time
    (memory bounded); returns the number of features written."""
    meta = table_meta(path)
    count = 0
    for _offset, batch in batches(path):
        points = shapely.from_wkb(batch.column(GEOMETRY).to_numpy(zero_copy_only=False))
        xs, ys = shapely.get_x(points), shapely.get_y(points)
        rows = batch.drop_columns([GEOMETRY]).to_pylist()
        for i, row in enumerate(rows):
            feature = {"type": "Feature", "properties": feature_properties(row, meta),
                       "geometry": {"type": "Point", "coordinates": [float(xs[i]), float(ys[i])]}}
            text = json.dumps(feature, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            out.write(text if first and not count else b",\n" + text)
            count += 1
    return count
