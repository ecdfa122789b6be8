"""Benchmark (not a test): importing a 100,000-row event table, UCDP GED and ACLED layouts.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_events_table.py [--rows N]

Writes a synthetic table of N rows in each published column layout (points spread over
the atlas region and a little beyond, dates over 1990-2024, every precision code), then
times ``import_table`` and the write of the GeoJSON file, as ``ingest events`` does them.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.ingest.events_table import FORMATS, import_table  # noqa: E402
from geo.io import write_atomic  # noqa: E402

UCDP_COLUMNS = ("id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
                "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
                "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,"
                "source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,"
                "latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,"
                "date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob").split(",")
ACLED_COLUMNS = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                 "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                 "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,"
                 "fatalities,tags,timestamp").split(",")


def _rows(n: int, fmt: str, rnd: random.Random):
    start = dt.date(1990, 1, 1)
    for i in range(n):
        lat, lon = rnd.uniform(36.5, 43.0), rnd.uniform(42.5, 51.0)
        day = start + dt.timedelta(days=rnd.randrange(12_000))
        if fmt == "ucdp-ged":
            prec = rnd.randint(1, 5)
            end = day + dt.timedelta(days=0 if prec == 1 else rnd.randint(1, 30))
            row = dict.fromkeys(UCDP_COLUMNS, "")
            row.update(id=str(100000 + i), relid=f"SYN-{i}", type_of_violence=str(rnd.randint(1, 3)),
                       dyad_name="Side A - Side B", source_article=f"Synthetic source {i}",
                       where_prec=str(rnd.randint(1, 7)), where_description=f"Place {i % 500}",
                       latitude=f"{lat:.4f}", longitude=f"{lon:.4f}", date_prec=str(prec),
                       date_start=f"{day} 00:00:00.000", date_end=f"{end} 00:00:00.000", best="1")
        else:
            row = dict.fromkeys(ACLED_COLUMNS, "")
            row.update(event_id_cnty=f"SYN{i}", event_date=str(day), time_precision=str(rnd.randint(1, 3)),
                       event_type="Battles", sub_event_type="Armed clash", location=f"Place {i % 500}",
                       latitude=f"{lat:.4f}", longitude=f"{lon:.4f}", geo_precision=str(rnd.randint(1, 3)),
                       source="Synthetic source", notes=f"Synthetic row {i}.", fatalities=str(rnd.randint(0, 5)))
        yield row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    rnd = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, columns in (("ucdp-ged", UCDP_COLUMNS), ("acled", ACLED_COLUMNS)):
            table = Path(tmp) / f"{fmt}.csv"
            with open(table, "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                writer.writerows(_rows(args.rows, fmt, rnd))
            start = time.perf_counter()
            result = import_table(table, fmt)
            read = time.perf_counter() - start
            out = Path(tmp) / f"{fmt}.geojson"
            write_atomic(out, json.dumps({"type": "FeatureCollection", "features": result.features},
                                         ensure_ascii=False, separators=(",", ":")) + "\n")
            total = time.perf_counter() - start
            print(f"{FORMATS[fmt].title}: {args.rows:,} rows ({table.stat().st_size / 2**20:.1f} MiB) -> "
                  f"{len(result.features):,} events ({out.stat().st_size / 2**20:.1f} MiB): "
                  f"read {read:.2f} s, with the write {total:.2f} s")


if __name__ == "__main__":
    main()
