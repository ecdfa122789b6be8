"""Exporting the dataset's event tables (GeoParquet, :mod:`geo.event_store`) as GeoJSON.

Streamed: each table is read one row group at a time and written one feature at a time
into the output's temporary file, which replaces the output when complete; memory stays
bounded whatever the number of rows. Each feature has the properties a layer file's event
has (the EDTF dates, accuracy, method, citation, the table's own fields). The GeoParquet
files themselves are the other download: they are the dataset's files, described in
``datapackage.json``.
"""
from __future__ import annotations

import io
from pathlib import Path

from . import event_store
from .atlas import Atlas
from .errors import ExportError
from .io import atomic_path


def _write(atlas: Atlas, out) -> int:
    if not atlas.tables:
        raise ExportError("the dataset has no event table (data/tables/*.parquet); import one with "
                          "`karabakh-atlas ingest events TABLE.csv --format acled -o DATA/tables/NAME.parquet`")
    out.write(b'{"type":"FeatureCollection","features":[\n')
    count = 0
    for table in atlas.tables:
        count += event_store.write_features(table.path, out, first=count == 0)
    out.write(b"\n]}\n")
    return count


def build(atlas: Atlas) -> bytes:
    """Every event of the tables as one GeoJSON FeatureCollection (in memory: for standard output)."""
    buffer = io.BytesIO()
    _write(atlas, buffer)
    return buffer.getvalue()


def write(atlas: Atlas, path: Path | str) -> Path:
    """Stream every event of the tables into the GeoJSON file ``path`` (atomically)."""
    with atomic_path(path) as tmp, open(tmp, "xb") as handle:
        _write(atlas, handle)
    return Path(path)
