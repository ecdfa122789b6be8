"""Benchmark (not a test): an event table through import, validate and the timeline export,
as GeoJSON (the code path before event tables: main's code, run from ``git archive``) and as
GeoParquet (this code), each step a subprocess measured for wall and CPU seconds and peak RSS.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_events_table.py [--rows 1000000] [--old-rows 100000]
        [--old-rev main] [--layouts acled,ucdp-ged]

Writes a synthetic table in each published column layout (points spread over the atlas
region and a little beyond, dates over 1990-2024, every precision code), copies the shipped
dataset and runs, for the new code at ``--old-rows`` and ``--rows`` rows and for the old
code at ``--old-rows`` rows:

- import: ``karabakh-atlas ingest events TABLE.csv --format F -o DATA/tables/F.parquet``
  (old: ``-o DATA/layers/events/F.geojson``);
- validate: ``karabakh-atlas validate --data DATA --no-quotes``;
- timeline: ``karabakh-atlas export html --timeline --data DATA -o timeline.html``.

Peak RSS is the subprocess's own ``ru_maxrss`` (``os.wait4``), CPU its user + system time.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.layers import only  # noqa: E402

EVENT_LAYER = only("event")

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
COLUMNS = {"ucdp-ged": UCDP_COLUMNS, "acled": ACLED_COLUMNS}


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


def write_table(path: Path, n: int, fmt: str, seed: int = 11) -> None:
    rnd = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[fmt])
        writer.writeheader()
        writer.writerows(_rows(n, fmt, rnd))


def measure(argv: list[str], pythonpath: Path, cwd: Path) -> dict:
    """Run ``python -m geo ARGV`` from ``pythonpath``; its wall and CPU seconds, peak RSS and exit code."""
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "geo", *argv], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
            "rc": os.waitstatus_to_exitcode(status), "last": (err.strip().splitlines() or [""])[-1][:160]}


def old_code(rev: str, into: Path) -> Path:
    """The ``geo`` package of git revision ``rev``, extracted into ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "old.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), rev, "geo"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def dataset(into: Path) -> Path:
    shutil.copytree(ROOT / "data", into, ignore=shutil.ignore_patterns(".*"))
    return into


def run(label: str, code: Path, table: Path, fmt: str, rows: int, tmp: Path, old: bool) -> list[tuple]:
    data = dataset(tmp / f"data-{label}-{fmt}-{rows}")
    if old:  # the folder of the layer playing the role "event" (the old code's one place for a table)
        folder = data / "layers" / EVENT_LAYER
        folder.mkdir(exist_ok=True)
        out = folder / f"{fmt}.geojson"
    else:
        (data / "tables").mkdir(exist_ok=True)
        out = data / "tables" / f"{fmt}.parquet"
    html = tmp / f"timeline-{label}-{fmt}-{rows}.html"
    steps = [("import", ["ingest", "events", str(table), "--format", fmt, "-o", str(out)]),
             ("validate", ["validate", "--data", str(data), "--no-quotes"]),
             ("timeline", ["export", "html", "--timeline", "--data", str(data), "-o", str(html)])]
    results = []
    for step, argv in steps:
        m = measure(argv, code, tmp)
        size = out if step == "import" else html if step == "timeline" else None
        m["size_mib"] = size.stat().st_size / 2**20 if size is not None and size.exists() else None
        results.append((label, fmt, rows, step, m))
        print(_row(*results[-1]), flush=True)
        if m["rc"] != 0 and step == "import":
            break
    shutil.rmtree(data, ignore_errors=True)
    html.unlink(missing_ok=True)
    return results


def _row(label, fmt, rows, step, m) -> str:
    size = f"{m['size_mib']:.1f} MiB" if m["size_mib"] is not None else ""
    note = "" if m["rc"] == 0 else f" exit {m['rc']}: {m['last']}"
    return (f"| {label} | {fmt} | {rows:,} | {step} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['rss_mib']:,.0f} | "
            f"{size} |{note}")


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return (f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
            f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--old-rows", type=int, default=100_000, help="rows for the old (GeoJSON) path; 0: skip it")
    parser.add_argument("--old-rev", default=None,
                        help="git revision of the old code (default: where this branch left main, git merge-base HEAD main)")
    parser.add_argument("--layouts", default="acled", help="comma-separated: acled, ucdp-ged")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print("| code | layout | rows | step | wall s | CPU s | peak RSS MiB | output | ")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        rev = args.old_rev or subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=True,
                                             capture_output=True, text=True).stdout.strip()
        print(f"old code: {rev[:12]}")
        old = old_code(rev, tmp / "old") if args.old_rows else None
        for fmt in args.layouts.split(","):
            sizes = sorted({n for n in (args.old_rows, args.rows) if n})
            for rows in sizes:
                table = tmp / f"{fmt}-{rows}.csv"
                write_table(table, rows, fmt)
                print(f"<!-- {fmt} table: {rows:,} rows, {table.stat().st_size / 2**20:.1f} MiB of CSV -->", flush=True)
                if old is not None and rows == args.old_rows:
                    run("old (GeoJSON)", old, table, fmt, rows, tmp, old=True)
                run("new (GeoParquet)", ROOT, table, fmt, rows, tmp, old=False)
                table.unlink()
    print(f"after: {machine()}")


if __name__ == "__main__":
    main()
