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
import json
from pathlib import Path

from . import event_store
from .atlas import Atlas
from .dataset import stamp
from .io import atomic_path


def _write(atlas: Atlas, out) -> int:
    """The collection (empty when the dataset has no table), stating the dataset's version and
    hash and the tables it holds (``tables``: file, upstream dataset, rows)."""
    tables = [{"file": t.label, "dataset": event_store.table_meta(t.path).get("dataset", ""), "rows": t.rows}
              for t in atlas.tables]
    head = {"type": "FeatureCollection", "dataset": stamp(atlas).record(), "tables": tables}
    out.write(json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1].encode("utf-8")
              + b',"features":[\n')
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
