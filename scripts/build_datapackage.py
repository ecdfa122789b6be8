"""Write the dataset's Frictionless descriptor: data/datapackage.json.

    python scripts/build_datapackage.py [DATA_DIR] [--version X.Y.Z]

Describes every data file (format, media type, licences, sources, size, SHA-256) and the
dataset's content hash (geo/datapackage.py). The version is kept from the existing
descriptor unless --version sets a new one (then update CITATION.cff to match). Run it
after any change to the data files (``make datapackage``); tests/test_datapackage.py fails
while the descriptor is out of date. Output is deterministic.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.datapackage import descriptor, to_json  # noqa: E402
from geo.dataset import DESCRIPTOR  # noqa: E402
from geo.errors import DatasetError  # noqa: E402
from geo.io import write_atomic  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data", help="dataset directory (default: data/)")
    parser.add_argument("--version", help="set the dataset's version (default: keep the descriptor's)")
    args = parser.parse_args(argv)
    try:
        document = descriptor(args.data, args.version)
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 1
    path = write_atomic(args.data / DESCRIPTOR, to_json(document))
    print(f"wrote {path} ({len(document['resources'])} resources, version {document['version']})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
