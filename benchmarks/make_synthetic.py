"""A synthetic dataset for scale tests: the shipped atlas plus N dated point events.

    python benchmarks/make_synthetic.py OUT_DIR [--events 100000] [--seed 8]

Copies the shipped dataset to OUT_DIR and adds N events spread over 1988-2025 inside
the atlas's conflict zone: most last a few days to a few months; one in five is dated
only to the month (drawn uncertain through that month). Deterministic for a seed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = dt.date(1988, 2, 20), dt.date(2025, 12, 31)
BOX = (46.0, 39.2, 47.4, 40.4)  # lon/lat box of the conflict zone


def event(i: int, rng: random.Random) -> dict:
    first = START + dt.timedelta(days=rng.randrange((END - START).days))
    last = first + dt.timedelta(days=rng.choice((1, 3, 7, 30, 90)))
    monthly = rng.random() < 0.2
    valid_from = first.strftime("%Y-%m") if monthly else first.isoformat()
    valid_to = last.isoformat() if not monthly else (last + dt.timedelta(days=31)).strftime("%Y-%m")
    x, y = rng.uniform(BOX[0], BOX[2]), rng.uniform(BOX[1], BOX[3])
    name = f"Synthetic event {i}"
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(x, 5), round(y, 5)]},
            "properties": {"id": f"syn-{i}", "kind": "synthetic", "name": name, "names": {"en": name},
                           "valid_from": valid_from, "valid_to": valid_to, "accuracy_km": 1,
                           "method": "Synthetic: a random point and period for benchmarks"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(ROOT / "data", args.out)
    rng = random.Random(args.seed)
    path = args.out / "layers" / "events.geojson"
    events = json.loads(path.read_text(encoding="utf-8"))
    events["features"] += [event(i, rng) for i in range(args.events)]
    path.write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")
    print(f"{args.out}: {len(events['features'])} events")


if __name__ == "__main__":
    main()
