"""Event tables for the map engine: counts per month and per grid cell, not one marker per row.

A table of a million events cannot be drawn (or sent to a browser) one marker at a time.
The engine draws it at the density the view needs: each event is counted once, in the
calendar month of the first day it may have happened on, and in the cell of a regular grid
of :data:`CELL_DEGREES` degrees over the atlas region that holds its point. On a day the
engine shows the month that day lies in; at a low zoom it merges the cells into blocks of
2x2, 4x4, ... (``tables.js``), so that the counts it draws always add up to the month's
events, and the months' counts to the table's rows.

Computed column by column (numpy over each row group of the GeoParquet file), so the work
grows with the table and the memory with a row group and the number of non-empty cells.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import shapely

from . import event_store as store
from .crs import ATLAS_REGION
from .layers import table_layer

#: The grid's cell, in degrees (about 11 km north-south, 8.5 km east-west here).
CELL_DEGREES = 0.1


def grid() -> tuple[float, float, int, int]:
    """(west, south, columns, rows) of the grid over the atlas region."""
    x0, y0, x1, y1 = ATLAS_REGION
    return x0, y0, math.ceil((x1 - x0) / CELL_DEGREES - 1e-9), math.ceil((y1 - y0) / CELL_DEGREES - 1e-9)


def cells_of(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The grid cell (row * columns + column) of each point (points on the region's east or
    north edge go to the last cell)."""
    x0, y0, cols, rows = grid()
    cx = np.clip(np.floor((lon - x0) / CELL_DEGREES).astype("int64"), 0, cols - 1)
    cy = np.clip(np.floor((lat - y0) / CELL_DEGREES).astype("int64"), 0, rows - 1)
    return cy * cols + cx


def months_of(day_numbers: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of days given as days since 1970-01-01."""
    return day_numbers.astype("datetime64[D]").astype("datetime64[M]").astype("int64")


def month_key(month: int) -> str:
    """``YYYY-MM`` of a month counted since 1970-01."""
    return f"{1970 + month // 12:04d}-{month % 12 + 1:02d}"


def count_table(path) -> tuple[int, dict[int, tuple[int, int]], dict[int, dict[int, int]]]:
    """(rows, {month: (events, not dated to the day)}, {month: {cell: events}}) of a table."""
    _x0, _y0, cols, rows_ = grid()
    ncells = cols * rows_
    keys_parts, counts_parts, month_parts, unc_parts, rows = [], [], [], [], 0
    for _offset, batch in store.batches(path, ["first", "date_exact", store.GEOMETRY]):
        points = shapely.from_wkb(batch.column(store.GEOMETRY).to_numpy(zero_copy_only=False))
        cells = cells_of(shapely.get_x(points), shapely.get_y(points))
        months = months_of(store.days(batch.column("first")))
        keys, counts = np.unique(months * ncells + cells, return_counts=True)
        keys_parts.append(keys)
        counts_parts.append(counts)
        exact = batch.column("date_exact").to_numpy(zero_copy_only=False).astype(bool)
        month_parts.append(months)
        unc_parts.append(~exact)
        rows += batch.num_rows
    per_month: dict[int, tuple[int, int]] = {}
    per_cell: dict[int, dict[int, int]] = {}
    if not rows:
        return 0, per_month, per_cell
    months = np.concatenate(month_parts)
    uncertain = np.concatenate(unc_parts)
    for month, total, unc in zip(*_sum_by(months, np.ones(len(months), "int64"), uncertain.astype("int64"))):
        per_month[int(month)] = (int(total), int(unc))
    keys, counts = _sum_by(np.concatenate(keys_parts), np.concatenate(counts_parts))
    for key, count in zip(keys, counts):
        per_cell.setdefault(int(key // ncells), {})[int(key % ncells)] = int(count)
    return rows, per_month, per_cell


def _sum_by(keys: np.ndarray, *weights: np.ndarray) -> tuple[np.ndarray, ...]:
    unique, inverse = np.unique(keys, return_inverse=True)
    return (unique,) + tuple(np.bincount(inverse, weights=w, minlength=len(unique)).astype("int64") for w in weights)


def encode_month(total: int, uncertain: int, cells: dict[int, int]) -> list[int]:
    """``[events, not dated to the day, cell, count, cell step, count, ...]``: the month's
    cells in order, each after the first as the step from the one before."""
    out, previous = [total, uncertain], 0
    for cell in sorted(cells):
        out += [cell - previous, cells[cell]]
        previous = cell
    return out


def table_record(table) -> dict:
    """One event table (:class:`geo.event_check.TableInfo`) for the engine (counted once per
    version of the file: the engine data is built per language and naming convention)."""
    info = table.path.stat()
    return dict(_record(str(table.path), table.label, info.st_size, info.st_mtime_ns))


@lru_cache(maxsize=8)
def _record(path_text: str, label: str, _size: int, _mtime_ns: int) -> dict:
    path = Path(path_text)
    x0, y0, cols, rows_ = grid()
    rows, per_month, per_cell = count_table(path)
    meta = store.table_meta(path)
    return {"id": path.stem, "file": label, "title": meta.get("dataset") or path.stem,
            "layer": table_layer(), "rows": rows, "cell": CELL_DEGREES, "origin": [x0, y0], "cols": cols,
            "gridRows": rows_,
            "months": {month_key(m): encode_month(total, unc, per_cell.get(m, {}))
                       for m, (total, unc) in sorted(per_month.items())}}


def engine_tables(tables: Iterable, layers: Iterable[str]) -> list[dict]:
    """The engine's records of the atlas's event tables, when their layer is drawn."""
    if table_layer() not in set(layers):
        return []
    return [table_record(t) for t in tables]
