"""Event tables (UCDP GED, ACLED) -> point events of the atlas's events layer.

One record per table format (:data:`FORMATS`) says which columns it needs and how a row
becomes an event: its id, name, point, the days it may have happened on, and how far
the point may be from where it happened (``accuracy_km``), from the format's own
location and date precision codes. Only rows inside the atlas region are kept.

The days become the atlas's change dates (:mod:`geo.dates`): an event is shown from
its first to its last possible day (``valid_to`` is the day after, exclusive); when only
an interval (a week, a month) is known, ``valid_from`` is that interval, so that the map
draws the event as uncertain on every day it may have happened.

The table is read as a stream (Arrow's CSV reader, a block at a time) and written as it
is read, so memory stays bounded whatever its length. A row that cannot be read (a date
that is not one or lies outside the years the atlas accepts, a precision code that is not
a number, a coordinate that is not finite) is skipped and reported by its row number and
field (the header is row 1), never stopping the import.

Write the result to ``data/tables/<name>.parquet`` (GeoParquet, :mod:`geo.event_store`;
made for tables of any size), or, for a small table, to ``data/layers/events/<name>.geojson``:
every ``*.geojson`` in the folder ``layers/events/`` belongs to the events layer.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pyarrow as pa
import pyarrow.csv as pacsv

from .. import event_store
from ..crs import ATLAS_REGION
from ..errors import UsageError
from ..i18n import _
from ..escape import terminal
from ..io import atomic_path
from ..layers import only, table_layer
from ..validate import MAX_YEAR, MIN_YEAR

MAX_PROBLEMS_SHOWN = 10
#: Unreadable rows kept with their message (the rest are counted only): memory stays bounded.
MAX_PROBLEMS_KEPT = 100
#: Bytes of the CSV parsed at a time.
BLOCK_BYTES = 8 << 20


class TableError(UsageError):
    """The table cannot be read as the format named (missing columns, not CSV)."""


@dataclass(frozen=True)
class Row:
    """What a table row says, in the atlas's terms."""

    event_id: str
    name: str
    lon: float
    lat: float
    first: dt.date
    last: dt.date
    date_exact: bool  # the day is known (not only an interval it lies in)
    accuracy_km: float
    method: str
    citation: str
    extra: dict


@dataclass(frozen=True)
class TableFormat:
    name: str
    title: str
    columns: tuple[str, ...]  # needed in the header
    read: Callable[[dict], Row | None]  # None: a row that is deliberately not imported
    id_prefix: str
    optional: tuple[str, ...] = ()  # further columns read when the table has them


def _in_years(day: dt.date, column: str) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"{column}: {day.isoformat()} is outside the years {MIN_YEAR}-{MAX_YEAR}")
    return day


def _day(value: str, column: str) -> dt.date:
    text = (value or "").strip()[:10]
    try:
        return _in_years(dt.date.fromisoformat(text), column)
    except ValueError as exc:
        if str(exc).startswith(column):
            raise
    for pattern in ("%d %B %Y", "%d-%b-%Y", "%m/%d/%Y", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime((value or "").strip(), pattern).date()
        except ValueError:
            continue
        return _in_years(day, column)
    raise ValueError(f"{column}: not a date: {value!r}")


def _float(value: str, column: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{column}: not a number: {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{column}: not a finite number: {value!r}")
    return number


def _count(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _int(value: str, column: str, allowed: range) -> int:
    try:
        number = int(float(value))
    except (TypeError, ValueError, OverflowError):  # OverflowError: "inf"
        raise ValueError(f"{column}: not a precision code: {value!r}") from None
    if number not in allowed:
        raise ValueError(_("{column}: unknown precision code {number} (expected {low}-{high})", column=column,
                           number=number, low=allowed.start, high=allowed.stop - 1))
    return number


# -- UCDP Georeferenced Event Dataset ------------------------------------------------------
#: where_prec -> (km, wording) (UCDP GED codebook).
UCDP_WHERE = {1: (2, "exact location"), 2: (25, "within about 25 km of a known point"),
              3: (50, "second-order administrative division"), 4: (100, "first-order administrative division"),
              5: (150, "a linear feature or large area"), 6: (300, "country only"),
              7: (300, "international waters or airspace")}
#: date_prec -> wording; date_start/date_end give the earliest and latest possible days.
UCDP_WHEN = {1: "exact day", 2: "within 2-6 days", 3: "within a week", 4: "within a month (8-30 days)",
             5: "within more than a month"}
UCDP_VIOLENCE = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}
#: Rows placed no better than this where_prec are not imported (a country's centre is not a place).
UCDP_MAX_WHERE_PREC = 5


def _ucdp(row: dict) -> Row | None:
    where = _int(row.get("where_prec"), "where_prec", range(1, 8))
    if where > UCDP_MAX_WHERE_PREC:
        return None
    when = _int(row.get("date_prec"), "date_prec", range(1, 6))
    first = _day(row.get("date_start"), "date_start")
    last = _day(row.get("date_end"), "date_end") if row.get("date_end") else first
    if last < first:
        raise ValueError(_("date_end {last} is before date_start {first}", last=last, first=first))
    km, where_words = UCDP_WHERE[where]
    place = (row.get("where_coordinates") or row.get("where_description") or row.get("adm_2") or "").strip()
    violence = UCDP_VIOLENCE.get(str(row.get("type_of_violence", "")).strip(), "Organised violence")
    who = (row.get("dyad_name") or row.get("conflict_name") or "").strip()
    name = f"{violence}: {who}" if who else violence
    name += f" ({place})" if place else ""
    deaths = {k: row[k] for k in ("best", "low", "high", "deaths_civilians") if row.get(k) not in (None, "")}
    return Row(str(row["id"]).strip(), name, _float(row.get("longitude"), "longitude"),
               _float(row.get("latitude"), "latitude"), first, last, when == 1,
               float(km), f"UCDP GED {row.get('relid') or row['id']}: location where_prec {where} "
                          f"({where_words}); date date_prec {when} ({UCDP_WHEN[when]}).",
               (row.get("source_article") or "").strip(),
               {"deaths": deaths, "where_description": (row.get("where_description") or "").strip()})


# -- ACLED -----------------------------------------------------------------------------------
#: geo_precision -> (km, wording) (ACLED codebook).
ACLED_WHERE = {1: (5, "the named town or village"), 2: (25, "near the named town, part of a region"),
               3: (100, "a larger region (its capital's coordinates)")}
#: time_precision -> wording, and how many days either side of event_date it may lie.
ACLED_WHEN = {1: "exact day", 2: "within a week (event_date is in that week)",
              3: "within a month (event_date is in that month)"}


def _acled(row: dict) -> Row | None:
    where = _int(row.get("geo_precision"), "geo_precision", range(1, 4))
    when = _int(row.get("time_precision"), "time_precision", range(1, 4))
    day = _day(row.get("event_date"), "event_date")
    if when == 1:
        first = last = day
    elif when == 2:
        first = _in_years(day - dt.timedelta(days=3), "event_date")
        last = _in_years(day + dt.timedelta(days=3), "event_date")
    else:
        first = day.replace(day=1)
        last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    km, where_words = ACLED_WHERE[where]
    kind = (row.get("sub_event_type") or row.get("event_type") or "Event").strip()
    location = (row.get("location") or row.get("admin2") or row.get("admin1") or "").strip()
    name = f"{kind} in {location}" if location else kind
    return Row(str(row["event_id_cnty"]).strip(), name, _float(row.get("longitude"), "longitude"),
               _float(row.get("latitude"), "latitude"), first, last, when == 1, float(km),
               f"ACLED {row['event_id_cnty']}: location geo_precision {where} ({where_words}); "
               f"date time_precision {when} ({ACLED_WHEN[when]}).",
               (row.get("source") or "").strip(),
               {"notes": (row.get("notes") or "").strip(), "fatalities": _count(row.get("fatalities")),
                "actors": [a for a in ((row.get("actor1") or "").strip(), (row.get("actor2") or "").strip()) if a]})


FORMATS: dict[str, TableFormat] = {f.name: f for f in (
    TableFormat("ucdp-ged", "UCDP Georeferenced Event Dataset",
                ("id", "date_start", "date_end", "date_prec", "where_prec", "latitude", "longitude", "source_article"),
                _ucdp, "ucdp-ged", ("relid", "type_of_violence", "dyad_name", "conflict_name", "where_coordinates",
                                    "where_description", "adm_2", "best", "low", "high", "deaths_civilians")),
    TableFormat("acled", "Armed Conflict Location & Event Data (ACLED)",
                ("event_id_cnty", "event_date", "time_precision", "geo_precision", "latitude", "longitude", "source"),
                _acled, "acled", ("event_type", "sub_event_type", "location", "admin1", "admin2", "notes",
                                  "fatalities", "actor1", "actor2")),
)}


def feature_id(prefix: str, event_id: str) -> str:
    """The atlas id of a table's event: the format's prefix and the event id, in id characters."""
    return f"{prefix}-" + (re.sub(r"[^a-z0-9]+", "-", event_id.lower()).strip("-") or "x")


def _bounds(row: Row) -> tuple[str, str, str]:
    """(valid_from, valid_to, date) under the atlas's time rule (:func:`geo.event_store.edtf_bounds`)."""
    return event_store.edtf_bounds(row.first, row.last, row.date_exact)


def _extra(row: Row) -> dict:
    return {k: v for k, v in row.extra.items() if v not in ("", [], {}, None)}


def to_feature(fmt: TableFormat, row: Row, dataset: str) -> dict:
    valid_from, valid_to, date = _bounds(row)
    props = {"id": feature_id(fmt.id_prefix, row.event_id), "kind": "event", "name": row.name,
             "names": {"en": row.name}, "valid_from": valid_from, "valid_to": valid_to, "date": date,
             "date_uncertain": not row.date_exact, "accuracy_km": row.accuracy_km, "method": row.method,
             "dataset": fmt.title, "source_table": dataset, "source_event_id": row.event_id,
             "citation": row.citation}
    props.update(_extra(row))
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [round(row.lon, 6), round(row.lat, 6)]}}


@dataclass
class Imported:
    """What an import read: the events (when collected), and what it left out and why."""

    features: list[dict] = field(default_factory=list)
    events: int = 0
    rows: int = 0
    outside: int = 0
    imprecise: int = 0
    duplicates: int = 0
    unreadable: int = 0
    #: the first :data:`MAX_PROBLEMS_KEPT` unreadable rows: ``file: row N: field: what is wrong``
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _("{n} event(s) from {rows} row(s); not imported: {outside} outside the atlas region, {imprecise} "
                 "located only to a country or wider, {duplicates} duplicate id(s), {unreadable} unreadable row(s)",
                 n=self.events, rows=self.rows, outside=self.outside, imprecise=self.imprecise,
                 duplicates=self.duplicates, unreadable=self.unreadable)

    def record(self) -> dict:
        """The counts, as stored in a GeoParquet table's metadata."""
        return {"rows_read": self.rows, "kept": self.events, "outside": self.outside,
                "imprecise": self.imprecise, "duplicates": self.duplicates, "unreadable": self.unreadable}


def _header(path: Path) -> list[str]:
    """The column names of the table's first line (only that line is decoded)."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(1 << 20)
    except OSError as exc:
        raise TableError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        line = first.decode("utf-8-sig")
        return next(csv.reader([line.rstrip("\r\n")]), [])
    except (csv.Error, UnicodeDecodeError) as exc:
        raise TableError(f"{path}: its header line is not UTF-8 CSV ({exc})") from None


def _records(path: Path, fmt: TableFormat) -> Iterator[tuple[str, dict | str]]:
    """(where, row) of the table's rows: ``where`` is "row N" (the header is row 1), ``row`` a
    dict of the columns ``fmt`` reads (text, or None when empty or absent); a row with the
    wrong number of fields comes as (where, what is wrong), not read. Streamed a block at a
    time. Arrow does not say where in a block a malformed row was: in a block that has one,
    each row's number is given as the range it lies in."""
    header = _header(path)
    if not header:
        raise TableError(f"{path}: no rows (an empty table, or no header line)")
    missing = [c for c in fmt.columns if c not in header]
    if missing:
        raise TableError(f"{path}: not a {fmt.title} table: missing column(s) {', '.join(missing)}")
    wanted = list(dict.fromkeys(fmt.columns + fmt.optional))
    # read as bytes and decoded column by column: a value that is not UTF-8 spoils its row only
    convert = pacsv.ConvertOptions(column_types={c: pa.binary() for c in header}, include_columns=wanted,
                                   include_missing_columns=True, strings_can_be_null=False)
    ragged: list[str] = []

    def skip(row) -> str:
        ragged.append(f"{row.actual_columns} field(s), the header has {row.expected_columns}: {row.text[:60]!r}")
        return "skip"
    done = 1  # rows before the block (the header)
    try:  # one thread: a block's malformed rows are told while that block is read, not ahead
        reader = pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=BLOCK_BYTES, use_threads=False),
                                parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=skip),
                                convert_options=convert)
        for batch in reader:
            bad, ragged[:] = list(ragged), []
            columns = {name: _texts(batch.column(name)) for name in wanted}
            for i in range(batch.num_rows):
                first = done + i + 1
                yield (f"row {first}" if not bad else f"row {first}-{first + len(bad)}"), \
                    {name: columns[name][i] for name in wanted}
            for message in bad:
                yield f"a row of rows {done + 1}-{done + batch.num_rows + len(bad)}", message
            done += batch.num_rows + len(bad)
        for message in ragged:  # malformed rows after the last block's rows
            yield f"a row after row {done}", message
    except pa.ArrowInvalid as exc:
        raise TableError(f"{path}: not a CSV table ({exc})") from None


class NotText(str):
    """A value that is not UTF-8 text (its row is reported, not read)."""


def _texts(column: pa.Array) -> list:
    """A column of bytes as text (None where absent); a value that is not UTF-8 becomes :class:`NotText`."""
    try:
        return column.cast(pa.string()).to_pylist()
    except pa.ArrowInvalid:
        out = []
        for value in column.to_pylist():
            try:
                out.append(None if value is None else value.decode("utf-8"))
            except UnicodeDecodeError:
                out.append(NotText(value.decode("utf-8", "replace")))
        return out


def scan(path: Path | str, fmt_name: str, result: Imported) -> Iterator[tuple[str, Row]]:
    """(atlas id, row) of every event of the table kept (inside the region, placed precisely
    enough, id not seen before); the rows left out are counted in ``result`` and the
    unreadable ones reported there by row number (the header is row 1)."""
    fmt = FORMATS[fmt_name]
    path = Path(path)
    x0, y0, x1, y1 = ATLAS_REGION
    seen: set[str] = set()

    for where, row in _records(path, fmt):
        result.rows += 1
        try:
            if isinstance(row, str):
                raise ValueError(row)
            not_text = next((name for name, value in row.items() if isinstance(value, NotText)), None)
            if not_text:
                raise ValueError(f"{not_text}: not UTF-8 text")
            parsed = fmt.read(row)
        except (ValueError, KeyError, TypeError, OverflowError, AttributeError) as exc:
            result.unreadable += 1
            if len(result.problems) < MAX_PROBLEMS_KEPT:
                result.problems.append(f"{path.name}: {where}: {exc}")
            continue
        if parsed is None:
            result.imprecise += 1
            continue
        if not (x0 <= parsed.lon <= x1 and y0 <= parsed.lat <= y1):
            result.outside += 1
            continue
        fid = feature_id(fmt.id_prefix, parsed.event_id)
        if fid in seen:
            result.duplicates += 1
            continue
        seen.add(fid)
        result.events += 1
        yield fid, parsed


def import_table(path: Path | str, fmt_name: str) -> Imported:
    """The events of a table in the column layout ``fmt_name`` (a key of :data:`FORMATS`),
    as GeoJSON features in memory (for a small table; see :func:`write_table`)."""
    fmt = FORMATS[fmt_name]
    out = Imported()
    out.features = [to_feature(fmt, row, Path(path).name) for _fid, row in scan(path, fmt_name, out)]
    return out


def write_table(path: Path | str, fmt_name: str, output: Path | str) -> Imported:
    """Import the table into a GeoParquet event table at ``output`` (atomically), streaming:
    memory stays bounded by a row group whatever the table's length."""
    fmt = FORMATS[fmt_name]
    out = Imported()
    meta = {"dataset": fmt.title, "format": fmt.name, "source_table": Path(path).name}
    with event_store.writing(output, meta) as writer:
        for fid, row in scan(path, fmt_name, out):
            writer.add(id=fid, name=row.name, first=row.first, last=row.last, date_exact=row.date_exact,
                       accuracy_km=row.accuracy_km, method=row.method, citation=row.citation or None,
                       source_event_id=row.event_id,
                       extra=json.dumps(_extra(row), ensure_ascii=False) if _extra(row) else None,
                       lon=row.lon, lat=row.lat)
        writer.notes = {"import": out.record()}
    return out


def write_geojson(path: Path | str, fmt_name: str, output: Path | str) -> Imported:
    """Import the table into a GeoJSON layer file at ``output`` (atomically), one feature at a time."""
    fmt = FORMATS[fmt_name]
    out = Imported()
    with atomic_path(output) as tmp, open(tmp, "xb") as handle:
        handle.write(b'{"type":"FeatureCollection","features":[')
        for _fid, row in scan(path, fmt_name, out):
            text = json.dumps(to_feature(fmt, row, Path(path).name), ensure_ascii=False, separators=(",", ":"))
            handle.write((b"," if out.events > 1 else b"") + text.encode("utf-8"))
        handle.write(b"]}\n")
    return out


def cmd_ingest_events(args) -> int:
    if args.table is None:
        raise UsageError(_("ingest events needs a table: {usage}", usage="karabakh-atlas ingest events TABLE.csv "
                           "--format ucdp-ged|acled -o DATA/tables/NAME.parquet (or OUT.geojson)"))
    if not args.format:
        raise UsageError(_("ingest events needs --format ({choices})", choices=" | ".join(FORMATS)))
    output = Path(args.output)
    if output.suffix == event_store.SUFFIX:
        result = write_table(args.table, args.format, output)
    elif output.suffix == ".geojson":
        result = write_geojson(args.table, args.format, output)
    else:
        raise UsageError(_("ingest events writes {suffix} (GeoParquet, for a table of any size) or .geojson, not "
                           "{given}: {path}", suffix=event_store.SUFFIX, given=output.suffix or "''", path=output))
    for problem in result.problems[:MAX_PROBLEMS_SHOWN]:
        print(terminal(problem), file=sys.stderr)
    if result.unreadable > MAX_PROBLEMS_SHOWN:
        print(_("... and {n} more unreadable row(s)", n=result.unreadable - MAX_PROBLEMS_SHOWN), file=sys.stderr)
    print(terminal(_("wrote {path}: {summary}", path=output, summary=result.summary())), file=sys.stderr)
    folder = event_store.FOLDER if output.suffix == event_store.SUFFIX else only("event")
    if output.parent.name != folder:
        where = (f"<data>/{event_store.FOLDER}/*{event_store.SUFFIX} (the {table_layer()} layer's tables)"
                 if folder == event_store.FOLDER else f"<data>/layers/{folder}/*.geojson")
        print(terminal(_("note: the atlas reads event files from {where}; move {path} there to add its events",
                         where=where, path=output)),
              file=sys.stderr)
    return 0
