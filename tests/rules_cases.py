"""The table of cases that keeps the engine's rules (geo/static/engine/rules.js) equal to Python.

:func:`case_table` takes a loaded atlas and writes, from the Python side only, what each
per-day rule must answer: the engine records of its features (as :mod:`geo.engine` writes
them, geometry not simplified) and, for every feature, its state on each change day and the
days either side; for every excerpt, whether it speaks of the days at each edge of each
window; the balance of each of those days (counts and sentence); who held points inside
and outside the control areas (inside the overlap of both sides' areas in an uncertain
interval too) on each day their control changes and the days either side; "Cite this
view" of each excerpt's first and last day; days, long dates and permalinks.
``tests/js/rules.test.cjs`` reads the table and checks rules.js against it under Node.
"""
from __future__ import annotations

import datetime as dt
import itertools

from shapely.geometry import Point

from geo import balance, cartography, cite, dates, engine, stats
from geo import layers as registry
from geo.answers import control_on
from geo.frame import frame_for
from geo.held import held_since
from geo.model import VANTAGE_GROUPS

ONE = dt.timedelta(days=1)
#: Windows (days either side) the excerpt cases use: none, one day, a month, a year.
WINDOWS = (0, 1, 30, 365)
#: A point kept for "who held it" lies at least this far (degrees) from every control area's
#: outline: the engine's coordinates are rounded to 10^-5 degrees, Python's are not.
MARGIN = 1e-4


def _around(days) -> list[dt.date]:
    out = set()
    for d in days:
        for k in (-1, 0, 1):
            try:
                out.add(d + k * ONE)
            except OverflowError:
                pass
    return sorted(out)


def feature_cases(atlas, features) -> list[list]:
    """[record index, day, shown, uncertain, status index in force, its uncertainty, state's status]."""
    rows = []
    for i, f in enumerate(features):
        for day in _around(f.change_days | {dt.date(2000, 1, 1)}):
            current, status_unc = dates.status_on(f.status_changes, day)
            k = f.status_changes.index(current) if current else -1
            shown = f.is_valid_on(day)
            rows.append([i, day.isoformat(), shown, f.validity.uncertain_on(day), k, status_unc,
                         k if shown else -1])
    return rows


def excerpt_days(excerpt, window: int) -> list[dt.date]:
    pad = dt.timedelta(days=window)
    return _around([excerpt.date.first - pad, excerpt.date.last + pad])


def speaks_cases(atlas, records) -> list[list]:
    """[excerpt index, day, window, speaks of it] at each edge of each window."""
    by_id = atlas.excerpts_by_id
    return [[k, day.isoformat(), w, by_id[x["id"]].speaks_of(day, w)]
            for k, x in enumerate(records) for w in WINDOWS for day in excerpt_days(by_id[x["id"]], w)]


def balance_cases(atlas) -> list[dict]:
    """The balance of every day at an excerpt's edge, for each window (geo.balance.balance)."""
    days = sorted({(d, w) for e in atlas.excerpts for w in WINDOWS for d in excerpt_days(e, w)})
    out = []
    for day, w in days:
        b = balance.balance(atlas, day, w)
        out.append({"date": b["date"], "window": w, "total": b["total"], "counts": b["counts"],
                    "period": balance._period(day, w), "statement": b["statement"],
                    "missing": b["missing"], "sidesMissing": b["sides_missing"], "excerpts": b["excerpt_ids"]})
    return out


def _control_points(controls) -> list[tuple[float, float]]:
    """A point inside each control area, inside each overlap of two sides' areas drawn on a
    same day (an uncertain change), and outside them all; none near an outline."""
    points = [f.geometry.representative_point() for f in controls]
    for a, b in itertools.combinations(controls, 2):
        if a.properties.get("held_by") == b.properties.get("held_by"):
            continue
        if not any(a.is_valid_on(d) and b.is_valid_on(d) for d in _around(a.change_days | b.change_days)):
            continue
        both = a.geometry.intersection(b.geometry)
        if not both.is_empty and both.area > MARGIN ** 2 * 100:
            points.append(both.representative_point())
    if controls:
        minx, miny, maxx, maxy = controls[0].geometry.bounds
        for f in controls[1:]:
            bx = f.geometry.bounds
            minx, miny, maxx, maxy = min(minx, bx[0]), min(miny, bx[1]), max(maxx, bx[2]), max(maxy, bx[3])
        points += [Point(minx - 0.5, miny - 0.5), Point(maxx + 0.25, (miny + maxy) / 2)]
    edges = [f.geometry.boundary for f in controls]
    kept = []
    for p in points:
        key = (round(p.x, 6), round(p.y, 6))
        if key not in kept and all(e.distance(p) > MARGIN for e in edges):
            kept.append(key)
    return kept


def held_cases(atlas, controls) -> list[dict]:
    """Who held each point (geo.answers.control_on) on every day its control may change."""
    out = []
    for x, y in _control_points(controls):
        point = Point(x, y)
        over = [f for f in controls if f.geometry.covers(point)]
        days = _around(set().union(*(f.change_days for f in over)) if over else {dt.date(2000, 1, 1)})
        for day in days:
            c = control_on(atlas, point, day)
            out.append({"lng": x, "lat": y, "date": day.isoformat(), "status": c["status"], "side": c["held_by"],
                        "sides": c["sides"], "uncertain": c["uncertain"], "interval": c["interval"],
                        "ids": sorted(c["feature_ids"])})
    return out


def since_cases(controls, records, held) -> list[dict]:
    """Since when each held case's point was held (geo.held.held_since), from the control
    records whose area covers it on any day."""
    out = []
    for c in held:
        point = Point(c["lng"], c["lat"])
        over = [r for f, r in zip(controls, records) if f.geometry.covers(point)]
        out.append({"lng": c["lng"], "lat": c["lat"], "date": c["date"], "since": held_since(over, c["date"])})
    return out


def cite_cases(atlas) -> list[dict]:
    """"Cite this view" on the first and last day of each excerpt and on a day none speaks of."""
    days = sorted({d for e in atlas.excerpts for d in (e.date.first, e.date.last)} | {dt.date(1900, 1, 1)})
    out = []
    for day in days:
        sources = [e.source_id for e in atlas.excerpts_on(day)]
        view = cite.citation(atlas, day, f"https://example.org/atlas/#{day.isoformat()}&layers=", sources,
                             accessed=dt.date(2026, 1, 2))
        out.append({"date": day.isoformat(), "view": view, "text": cite.citation_text(view)})
    return out


def dataset_table(name: str, atlas) -> dict:
    """The cases of one dataset, with the engine data they are evaluated on."""
    excerpts = engine.excerpt_records(atlas, html=False)
    index = {x["id"]: i for i, x in enumerate(excerpts)}
    features = sorted(atlas.features, key=lambda f: (registry.LAYER_IDS.index(f.layer), f.id))
    records = [engine.feature_record(f, "en", index, atlas.excerpt_ids_for(f.id), simplify=False) for f in features]
    controls = [f for f in features if registry.has_role(f.layer, "control")]
    for f, record in zip(features, records):
        record.pop("t", None)  # the texts are not a rule
        if not registry.has_role(f.layer, "control"):
            record.pop("g", None)
    held = held_cases(atlas, controls)
    return {
        "name": name,
        "scale": 10 ** engine.QUANTUM_DECIMALS,
        "layers": [{"id": layer.id, "role": layer.role} for layer in registry.REGISTRY],
        "features": records,
        "excerpts": [{k: x[k] for k in ("id", "first", "last", "source")} for x in excerpts],
        "vantage": {sid: s.vantage_group for sid, s in atlas.sources.items()},
        "groups": list(VANTAGE_GROUPS),
        "groupLabels": dict(VANTAGE_GROUPS),
        "sides": list(balance.SIDE_GROUPS),
        "cases": {"feature": feature_cases(atlas, features), "speaks": speaks_cases(atlas, excerpts),
                  "balance": balance_cases(atlas), "held": held, "cite": cite_cases(atlas),
                  "since": since_cases(controls, [r for f, r in zip(features, records)
                                                     if registry.has_role(f.layer, "control")], held)},
    }


#: Views whose permalinks both sides must write and read alike (hash and query forms).
VIEWS = (
    {"date": "2021-06-01"},
    {"date": "1994-05-12", "layers": list(registry.LAYER_IDS[:2]), "view": {"center": [39.8, 46.6], "zoom": 10},
     "selected": "place-stepanakert-khankendi"},
    {"date": "2023-09-19", "layers": [], "names": "hy", "view": [39.123456, 46.000004, 9], "window": 30,
     "sources": ["osce-insights-2020", "a.b:c_d-e"], "vantage": ["armenian", "international"], "selected": "x"},
    {"date": "2020-11-10", "layers": "", "window": 0, "view": {"center": [-0.000001, -179.99999], "zoom": 0}},
    {"date": "2000-02-29", "selected": "a b&c=d#e+f%g/é", "sources": ["ü", "a,b"], "names": "ru"},
    {"date": "2023-09-19", "names": "az", "lang": "ru"},  # the interface language apart from the names
    {"layers": list(registry.LAYER_IDS), "window": 365},
    {"date": "2021-06-01", "compare": "1995-01-01", "selected": "x"},
)
#: Addresses a reader may type or an old link may carry: read alike, malformed parts left out.
ADDRESSES = (
    "", "#", "?", "#2021-06-01", "2021-06-01", "#2021-02-30", "#2021-6-1", "#x&date=2021-06-01",
    "#2021-06-01&view=39.8,46.6,10&layers=control,places&sel=place-stepanakert-khankendi",
    "?date=2021-06-01&layers=&names=az&view=39.80000,46.6,10&window=30&sources=a,,b,%zz&vantage=x&selected=a%2Fb",
    "?date=2021-06-01&view=1,2&window=-3&names=EN&selected=%C3%A9", "?view=91,0,3&window=007&layers=a%2Cb",
    "?view=1e3,2,3&view=4,5,6&unknown=1&=3&date", "#1994-05-12&selected=ok&sel=fine", "?date=%zz&layers=%E2%82",
    "?view=39.8,46.6,10.5&window=123456&names=abcd", "?view= 1,2,3&date=+2021-06-01",
    "#2021-06-01&compare=1995-01-01", "#2021-06-01&compare=1995-02-30", "?compare=95-01-01&date=2021-06-01",
    "#2023-09-19&names=hy&lang=az", "?lang=RU&date=2021-06-01", "?lang=hy&lang=abcd",
    # malformed percent-encoding (the exported page did not start: "URI malformed") and a
    # 5,000-digit zoom: left out, and named for the reader's note
    "#2021-06-01&view=39.8,46.6," + "9" * 5000, "#%E0%A4%A&date=2021-06-01&layers=%zz&x=%zz&sel=a%2",
    "#%&%zz=1&date=%E2%82&view=39.8,46.6,100", "#2021-06-01&view=39.8,46.6,18&view=1,2,1e3",
)


def permalink_cases() -> dict:
    encode = []
    for state in VIEWS:
        for hash_form in (False, True):
            text = cite.permalink_query(state, hash=hash_form)
            encode.append({"state": state, "hash": hash_form, "text": text, "decoded": cite.parse_permalink(text)})
    decode = []
    for t in ADDRESSES:
        dropped: list[str] = []
        decode.append({"text": t, "decoded": cite.parse_permalink(t, dropped), "dropped": dropped})
    return {"encode": encode, "decode": decode}


def day_cases(days) -> dict:
    texts = ["2021-06-01", "2021-02-29", "2020-02-29", "1000-01-01", "0999-12-31", "0000-01-01", "2021-13-01",
             "2021-00-10", "21-06-01", "2021-06-01T00:00", " 2021-06-01", "２０２１-06-01", "", "9999-12-31"]
    iso = []
    for t in texts:
        try:
            dates.parse_day(t)
            iso.append([t, True])
        except Exception:  # noqa: BLE001 - any refusal is "not a day"
            iso.append([t, False])
    add = [[d.isoformat(), n, (d + n * ONE).isoformat()] for d in days for n in (-366, -1, 1, 31)
           if dt.date.min + 400 * ONE < d < dt.date.max - 400 * ONE]
    months = [[d.isoformat(), n, dates.add_months(d, n).isoformat()]
              for d in list(days) + [dt.date(2020, 1, 31), dt.date(2020, 3, 31), dt.date(2021, 12, 31), dt.date(2000, 2, 29)]
              for n in (-12, -1, 1, 2, 12) if dt.date(2, 1, 1) < d < dt.date(9998, 1, 1)]
    first, last = dt.date(1988, 2, 20), dt.date(2026, 1, 1)
    typed = ["", "0002-05-01", "0020-05-01", "0202-05-01", "2021-05-01", "1988-02-19", "1988-02-20", "2026-01-01",
             "2026-01-02", "2021-02-30", "2021-5-1", "20210501"]
    committed = [[t, first.isoformat(), last.isoformat(), None if (c := dates.committed_day(t, first, last)) is None
                  else c.isoformat()] for t in typed]
    iso_days = sorted({d.isoformat() for d in days})
    probes = sorted(set(iso_days) | {"1900-01-01", "9999-12-31"} | {(d + ONE).isoformat() for d in days})
    steps = [[p, dates.next_in(iso_days, p), dates.prev_in(iso_days, p)] for p in probes]
    return {"isIsoDay": iso, "addDays": add, "longDate": [[d.isoformat(), dates.long_date(d)] for d in days],
            "addMonths": months, "committedDay": committed, "steps": {"days": iso_days, "cases": steps}}


def figure_cases(datasets: dict) -> list[list]:
    """The rows of figures (geo.stats.figure_rows) of every row of each framed dataset's series."""
    out = []
    for atlas in datasets.values():
        try:
            series = frame_for(atlas).series()
        except KeyError:  # a dataset without the frame's provinces has no series
            continue
        out += [[row, list(registry.SIDES), dict(registry.SIDES), stats.figure_rows(row)] for row in series]
    return out


def between_cases(datasets: dict) -> dict:
    """What changed hands between two days (geo.cartography.changes_between), on the shipped
    record: every pair of its change days' neighbours, both orders."""
    changes = {day: [{k: v for k, v in item.items() if k != "geometry"} for item in items]
               for day, items in cartography.changes(datasets["shipped"]).items()}
    days = sorted(changes)
    probes = [days[0], days[len(days) // 2], days[-1], "1995-01-01", "2021-01-01", "1900-01-01"]
    probes += [(dt.date.fromisoformat(d) - ONE).isoformat() for d in days[:3]]
    cases = [[a, b, cartography.changes_between(changes, a, b)] for a in probes for b in probes]
    return {"changes": changes, "cases": cases}


def case_table(datasets: dict) -> dict:
    """The whole table: every dataset's cases, permalinks and days."""
    tables = [dataset_table(name, atlas) for name, atlas in datasets.items()]
    days = sorted({dt.date.fromisoformat(row[1]) for t in tables for row in t["cases"]["feature"]})
    return {"datasets": tables, "permalinks": permalink_cases(), "days": {**day_cases(days), "figures": figure_cases(datasets),
                                                                   "between": between_cases(datasets)},
            "permalinkKeys": list(cite.PERMALINK_KEYS)}
