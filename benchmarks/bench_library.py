"""Benchmark of the library (not a test): loading, snapshots, exports and figures.

    .venv/bin/python benchmarks/bench_library.py

Prints median and p95 in milliseconds over 50 dates spread over 1988-2026.
"""
from __future__ import annotations

import datetime as dt
import statistics
import time

from geo import load_atlas
from geo.export import geojson_for_date, to_json
from geo.stats import stats_for_date


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def summary(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    print(f"{label:<44} median {statistics.median(samples):8.2f} ms   p95 {p95:8.2f} ms   (n={len(samples)})")


def main() -> None:
    start = time.perf_counter()
    atlas = load_atlas()
    print(f"{'load_atlas (read, validate, quotes, index)':<44} {1000 * (time.perf_counter() - start):8.1f} ms once")
    first, last = dt.date(1988, 2, 20), dt.date(2026, 11, 1)
    step = (last - first) / 49
    days = [first + step * i for i in range(50)]
    summary("snapshot, first visit of each date", [timed(atlas.snapshot, d) for d in days])
    summary("snapshot, again (cached per segment)", [timed(atlas.snapshot, d) for d in days])
    summary("geojson_for_date + serialise", [timed(lambda d: to_json(geojson_for_date(atlas, d)), d) for d in days])
    summary("stats_for_date (areas, lengths)", [timed(stats_for_date, atlas, d) for d in days])


if __name__ == "__main__":
    main()
