"""Event tables (UCDP GED, ACLED) -> point events of the atlas's events layer.

One record per table format (:data:`FORMATS`) says which columns it needs and how a row
becomes an event: its id, name, point, the days it may have happened on, and how far
the point may be from where it happened (``accuracy_km``), from the format's own
location and date precision codes. Only rows inside the atlas region are kept.

The days become the atlas's change dates (:mod:`geo.dates`): an event is shown from
its first to its last possible day (``valid_to`` is the day after, exclusive); when only
an interval (a week, a month) is known, ``valid_from`` is that interval, so that the map
draws the event as uncertain on every day it may have happened.

Write the result to ``data/layers/events/<name>.geojson``: every ``*.geojson`` in the
folder ``layers/events/`` belongs to the events layer.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..crs import ATLAS_REGION
from ..errors import UsageError
from ..i18n import _
from ..escape import terminal
from ..io import write_atomic
from ..layers import only

MAX_PROBLEMS_SHOWN = 10


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


def _day(value: str) -> dt.date:
    text = (value or "").strip()[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for pattern in ("%d %B %Y", "%d-%b-%Y", "%m/%d/%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime((value or "").strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(_("not a date: {value}", value=repr(value)))


def _float(value: str, column: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(_("{column}: not a number: {value}", column=column, value=repr(value))) from None


def _count(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _int(value: str, column: str, allowed: range) -> int:
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        raise ValueError(_("{column}: not a precision code: {value}", column=column, value=repr(value))) from None
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
    first, last = _day(row.get("date_start")), _day(row.get("date_end") or row.get("date_start"))
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
    day = _day(row.get("event_date"))
    if when == 1:
        first = last = day
    elif when == 2:
        first, last = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
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
                _ucdp, "ucdp-ged"),
    TableFormat("acled", "Armed Conflict Location & Event Data (ACLED)",
                ("event_id_cnty", "event_date", "time_precision", "geo_precision", "latitude", "longitude", "source"),
                _acled, "acled"),
)}


def feature_id(prefix: str, event_id: str) -> str:
    """The atlas id of a table's event: the format's prefix and the event id, in id characters."""
    return f"{prefix}-" + (re.sub(r"[^a-z0-9]+", "-", event_id.lower()).strip("-") or "x")


def _bounds(row: Row) -> tuple[str, str, str]:
    """(valid_from, valid_to, date) under the atlas's time rule: shown from the first to
    the last day the event may have happened on (``valid_to`` is the day after, exclusive);
    when the day itself is not known, ``valid_from`` is the interval it lies in, so that
    the map draws the event uncertain on each of those days."""
    span = row.first.isoformat() if row.first == row.last else f"{row.first}/{row.last}"
    after = (row.last + dt.timedelta(days=1)).isoformat()
    return (row.first.isoformat() if row.date_exact else span), after, span


def to_feature(fmt: TableFormat, row: Row, dataset: str) -> dict:
    valid_from, valid_to, date = _bounds(row)
    props = {"id": feature_id(fmt.id_prefix, row.event_id), "kind": "event", "name": row.name,
             "names": {"en": row.name}, "valid_from": valid_from, "valid_to": valid_to, "date": date,
             "date_uncertain": not row.date_exact, "accuracy_km": row.accuracy_km, "method": row.method,
             "dataset": fmt.title, "source_table": dataset, "source_event_id": row.event_id,
             "citation": row.citation}
    props.update({k: v for k, v in row.extra.items() if v not in ("", [], {}, None)})
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [round(row.lon, 6), round(row.lat, 6)]}}


@dataclass
class Imported:
    features: list[dict]
    rows: int = 0
    outside: int = 0
    imprecise: int = 0
    duplicates: int = 0
    problems: list[str] = None

    def summary(self) -> str:
        return _("{n} event(s) from {rows} row(s); not imported: {outside} outside the atlas region, {imprecise} "
                 "located only to a country or wider, {duplicates} duplicate id(s), {unreadable} unreadable row(s)",
                 n=len(self.features), rows=self.rows, outside=self.outside, imprecise=self.imprecise,
                 duplicates=self.duplicates, unreadable=len(self.problems))


def _rows(path: Path) -> Iterator[dict]:
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise TableError(_("{path}: cannot be read ({reason})", path=path, reason=exc.strerror)) from None
    with handle:
        try:
            yield from csv.DictReader(handle)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise TableError(_("{path}: not a UTF-8 CSV table ({reason})", path=path, reason=exc)) from None


def import_table(path: Path | str, fmt_name: str) -> Imported:
    """The events of a table in the column layout ``fmt_name`` (a key of :data:`FORMATS`)."""
    fmt = FORMATS[fmt_name]
    path = Path(path)
    x0, y0, x1, y1 = ATLAS_REGION
    out = Imported([], problems=[])
    seen: set[str] = set()
    rows = _rows(path)
    first = next(rows, None)
    if first is None:
        raise TableError(_("{path}: no rows (an empty table, or no header line)", path=path))
    missing = [c for c in fmt.columns if c not in first]
    if missing:
        raise TableError(_("{path}: not a {format} table: missing column(s) {columns}", path=path, format=fmt.title,
                           columns=", ".join(missing)))
    for line, row in enumerate(_chain(first, rows), start=2):
        out.rows += 1
        try:
            parsed = fmt.read(row)
        except (ValueError, KeyError, TypeError) as exc:
            out.problems.append(_("{file}: line {line}: {problem}", file=path.name, line=line, problem=exc))
            continue
        if parsed is None:
            out.imprecise += 1
            continue
        if not (x0 <= parsed.lon <= x1 and y0 <= parsed.lat <= y1):
            out.outside += 1
            continue
        fid = feature_id(fmt.id_prefix, parsed.event_id)
        if fid in seen:
            out.duplicates += 1
            continue
        seen.add(fid)
        out.features.append(to_feature(fmt, parsed, path.name))
    return out


def _chain(first: dict, rest: Iterator[dict]) -> Iterator[dict]:
    yield first
    yield from rest


def cmd_ingest_events(args) -> int:
    if args.table is None:
        raise UsageError(_("ingest events needs a table: {usage}",
                           usage="karabakh-atlas ingest events TABLE.csv --format ucdp-ged|acled -o OUT.geojson"))
    if not args.format:
        raise UsageError(_("ingest events needs --format ({choices})", choices=" | ".join(FORMATS)))
    result = import_table(args.table, args.format)
    for problem in result.problems[:MAX_PROBLEMS_SHOWN]:
        print(terminal(problem), file=sys.stderr)
    if len(result.problems) > MAX_PROBLEMS_SHOWN:
        print(_("... and {n} more unreadable row(s)", n=len(result.problems) - MAX_PROBLEMS_SHOWN), file=sys.stderr)
    document = {"type": "FeatureCollection", "features": result.features}
    write_atomic(args.output, json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(terminal(_("wrote {path}: {summary}", path=args.output, summary=result.summary())), file=sys.stderr)
    if Path(args.output).parent.name != only("event"):
        print(terminal(_("note: the atlas reads event files from <data>/layers/events/*.geojson; "
                         "move {path} there to add its events", path=args.output)), file=sys.stderr)
    return 0
