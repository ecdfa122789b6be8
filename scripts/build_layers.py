"""Build the drawn layers (control, line_of_contact, corridors, peacekeeping, events).

    python scripts/build_layers.py [DATA_DIR] [--out DIR]

Reads the editable inputs of the dataset (data/drawn/, data/chronology.json; see
geo/build/pipeline.py) and writes data/layers/<layer>.geojson. Run by ``make data``
after the provinces, places and base-map scripts. Output is deterministic.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.build.pipeline import build  # noqa: E402
from geo.errors import DatasetError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data", help="dataset directory (default: data/)")
    parser.add_argument("--out", type=Path, default=None, help="write into DIR/layers instead of the dataset")
    args = parser.parse_args(argv)
    try:
        written = build(args.data, args.out)
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
