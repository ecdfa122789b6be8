"""Checking a GeoParquet event table (:mod:`geo.event_store`) column by column.

The checks run on whole row groups at once (Arrow compute, numpy and shapely 2 on arrays),
never one feature at a time, so their work grows with the table's size and their memory
with a row group: the columns are there with their types and the GeoParquet metadata;
every id is well formed and unique (in the table and against the layer files); every
date is a day in the years the atlas accepts and the last is not before the first; every
accuracy is a finite number of km, not negative; every name and method is text; every
geometry is a point inside the atlas region. A problem names the file, the row (the first
row is row 1), the event's id and the field; of each kind of problem the first
:data:`SHOWN_PER_CHECK` rows are listed and the rest counted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely

from . import event_store as store
from .crs import ATLAS_REGION
from .errors import Problem
from .validate import ID_PATTERN, MAX_YEAR, MIN_YEAR, _shown_id

SHOWN_PER_CHECK = 5


@dataclass(frozen=True)
class TableInfo:
    """A sound event table: where it is and what it holds."""

    path: Path
    label: str  # the path as shown in messages, relative to the dataset directory
    rows: int
    first: str  # the earliest first day (ISO), "" when the table is empty
    last: str


class _Found:
    """The problems of one table: the first rows of each (field, message) listed, the rest counted."""

    def __init__(self, label: str):
        self.label, self.problems, self.counts = label, [], {}

    def rows(self, mask: np.ndarray, offset: int, ids: list, field: str, message: str) -> None:
        bad = np.flatnonzero(mask)
        if not bad.size:
            return
        key = (field, message)
        done = self.counts.get(key, 0)
        for i in bad[:max(0, SHOWN_PER_CHECK - done)]:
            self.problems.append(Problem(self.label, _shown_id(ids[i]), field, f"row {offset + i + 1}: {message}"))
        self.counts[key] = done + bad.size

    def whole(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.label, "", field, message))

    def finish(self) -> list[Problem]:
        for (field, message), count in self.counts.items():
            if count > SHOWN_PER_CHECK:
                self.problems.append(Problem(self.label, "", field, f"{count - SHOWN_PER_CHECK} more row(s): {message}"))
        return self.problems


def _schema_problems(path: Path, found: _Found) -> bool:
    """Whether the file is a GeoParquet event table to check row by row (else reported)."""
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError) as exc:
        found.whole("", f"not a Parquet file ({exc})")
        return False
    sound = True
    for expected in store.SCHEMA:
        if expected.name not in schema.names:
            found.whole(expected.name, "missing column")
            sound = False
        elif not schema.field(expected.name).type.equals(expected.type):
            found.whole(expected.name, f"column of type {schema.field(expected.name).type}, expected {expected.type}")
            sound = False
    try:
        geo = json.loads((schema.metadata or {}).get(b"geo", b"null"))
        column = geo["columns"][geo["primary_column"]]
        if geo["primary_column"] != store.GEOMETRY or column["encoding"] != "WKB":
            raise ValueError
        if column.get("crs") not in (None, "OGC:CRS84"):
            found.whole("geometry", "the GeoParquet CRS must be lon/lat WGS84 (OGC:CRS84, or no crs member)")
            sound = False
    except (ValueError, KeyError, TypeError):
        found.whole("geometry", "no GeoParquet metadata naming a WKB 'geometry' column")
        sound = False
    return sound


def _text_missing(column: pa.Array) -> np.ndarray:
    return pc.fill_null(pc.equal(pc.utf8_trim_whitespace(column), ""), True).to_numpy(zero_copy_only=False)


def _check_batch(batch: pa.RecordBatch, offset: int, found: _Found) -> tuple[int, int]:
    """Report the batch's problems; return its (earliest first day, latest last day) as day numbers."""
    ids_col = batch.column("id")
    ids = ids_col.to_pylist()
    bad_id = ~pc.fill_null(pc.match_substring_regex(ids_col, f"^(?:{ID_PATTERN.pattern})$"), False) \
        .to_numpy(zero_copy_only=False)
    found.rows(bad_id, offset, ids, "id", "missing or malformed id (lowercase letters, digits and hyphens)")
    for name in ("name", "method", "source_event_id"):
        found.rows(_text_missing(batch.column(name)), offset, ids, name, "missing or empty")
    for name in ("date_exact",):
        found.rows(batch.column(name).is_null().to_numpy(zero_copy_only=False), offset, ids, name, "missing")
    low, high = store.day_number(_year_start(MIN_YEAR)), store.day_number(_year_start(MAX_YEAR + 1)) - 1
    first, last = store.days(batch.column("first")), store.days(batch.column("last"))
    for name, values in (("first", first), ("last", last)):
        found.rows((values < low) | (values > high), offset, ids, name,
                   f"missing, or a day outside the years {MIN_YEAR}-{MAX_YEAR}")
    found.rows((last < first) & (first >= low) & (last >= low), offset, ids, "last",
               "the last possible day is before the first")
    accuracy = batch.column("accuracy_km").to_numpy(zero_copy_only=False).astype("float64")
    with np.errstate(invalid="ignore"):
        found.rows(~np.isfinite(accuracy) | (accuracy < 0), offset, ids, "accuracy_km",
                   "must be a finite, non-negative number of km")
    found.rows(_geometry_problems(batch.column(store.GEOMETRY), offset, ids, found), offset, ids, "geometry",
               f"not a point inside the atlas region lon {ATLAS_REGION[0]}..{ATLAS_REGION[2]}, "
               f"lat {ATLAS_REGION[1]}..{ATLAS_REGION[3]} (latitude and longitude swapped?)")
    ok = (first >= low) & (last <= high)
    return (int(first[ok].min()) if ok.any() else high, int(last[ok].max()) if ok.any() else low)


def _geometry_problems(column: pa.Array, offset: int, ids: list, found: _Found) -> np.ndarray:
    """Rows whose geometry is present, a point, but not inside the region; the other
    geometry problems (unreadable WKB, not a point, empty) are reported here."""
    wkb = column.to_numpy(zero_copy_only=False)
    missing = np.array([w is None for w in wkb], dtype=bool)
    geoms = shapely.from_wkb(np.where(missing, None, wkb), on_invalid="ignore")
    unreadable = shapely.is_missing(geoms) & ~missing
    found.rows(missing, offset, ids, "geometry", "missing geometry")
    found.rows(unreadable, offset, ids, "geometry", "unreadable WKB")
    present = ~shapely.is_missing(geoms)
    not_point = present & (shapely.get_type_id(geoms) != 0)
    found.rows(not_point, offset, ids, "geometry", "not a Point (an event table holds points)")
    points = present & ~not_point
    empty = points & shapely.is_empty(geoms)
    found.rows(empty, offset, ids, "geometry", "empty point")
    usable = points & ~empty
    x, y = np.full(len(geoms), np.nan), np.full(len(geoms), np.nan)
    x[usable], y[usable] = shapely.get_x(geoms[usable]), shapely.get_y(geoms[usable])
    x0, y0, x1, y1 = ATLAS_REGION
    with np.errstate(invalid="ignore"):
        inside = np.isfinite(x) & np.isfinite(y) & (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
    return points & ~empty & ~inside


def _year_start(year: int):
    import datetime as dt
    return dt.date(year, 1, 1)


def check_table(path: Path | str, label: str, other_ids: Iterable[str] = ()) -> tuple[TableInfo | None, list[Problem]]:
    """Check one event table; (its info, []) when it is sound, else (None, its problems).
    ``other_ids``: the ids of the dataset's other features (an id must not repeat one)."""
    path = Path(path)
    found = _Found(label)
    if not _schema_problems(path, found):
        return None, found.finish()
    all_ids, rows, first, last = [], 0, None, None
    try:
        for offset, batch in store.batches(path, [f.name for f in store.SCHEMA]):
            lo, hi = _check_batch(batch, offset, found)
            first, last = min(lo, first if first is not None else lo), max(hi, last if last is not None else hi)
            all_ids.append(batch.column("id"))
            rows += batch.num_rows
    except (pa.ArrowException, OSError) as exc:
        found.whole("", f"cannot be read as a whole ({exc})")
        return None, found.finish()
    if all_ids:
        ids = pa.chunked_array(all_ids).combine_chunks()
        _duplicates(ids, found)
        other = pa.array(sorted(set(other_ids)), type=pa.string())
        if len(other):
            clash = pc.is_in(ids, value_set=other).to_numpy(zero_copy_only=False)
            found.rows(clash, 0, ids.to_pylist() if clash.any() else [], "id",
                       "duplicate feature id (also in a layer file)")
    problems = found.finish()
    if problems:
        return None, problems
    shown = (lambda n: store.from_day_number(n).isoformat()) if rows and first is not None else (lambda n: "")
    return TableInfo(path, label, rows, shown(first), shown(last)), []


def _duplicates(ids: pa.Array, found: _Found) -> None:
    """Report every row whose id an earlier row of the table holds."""
    codes = pc.dictionary_encode(ids).indices.to_numpy(zero_copy_only=False)
    order = np.argsort(codes, kind="stable")
    repeat = np.zeros(len(codes), dtype=bool)
    repeat[order[1:]] = codes[order[1:]] == codes[order[:-1]]
    if repeat.any():
        found.rows(repeat, 0, ids.to_pylist(), "id", "duplicate id (an earlier row of the table has it)")
