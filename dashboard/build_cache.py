"""Build the dashboard's map files ahead of time: ``python -m dashboard.build_cache DIR``.

Writes ``DIR/v-<version>/`` (:mod:`dashboard.served`): Leaflet, the engine, and the engine
data of every naming convention in every interface language, for the dataset as the
dashboard loads it (source files with problems left out). A dashboard started with
``KARABAKH_ATLAS_PREBUILT=DIR`` serves those files and writes nothing; it builds into its
writable cache only when the dataset on disk is another version (a ``git pull`` since).
The Docker image runs this at build time (``make cache`` does the same locally).

Exit codes: 0 built (or already there); 1 the dataset cannot be loaded; 3 DIR cannot be written.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Sequence

from geo.errors import AtlasError, DatasetError
from geo.io import default_data_dir

from . import served, versioned


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.build_cache", description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, metavar="DIR", help="where to write v-<version>/")
    parser.add_argument("--data", type=Path, metavar="DIR",
                        help="dataset directory (default: $KARABAKH_ATLAS_DATA or the shipped data/)")
    args = parser.parse_args(argv)
    data_dir = args.data or default_data_dir()
    try:
        atlas = versioned.load_current(str(data_dir))
    except AtlasError as exc:
        if isinstance(exc, DatasetError):
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        print(f"build_cache: the dataset cannot be loaded: {exc}"[:2000], file=sys.stderr)
        return 1
    for problem in atlas.quarantined:
        print(f"left out: {problem}", file=sys.stderr)
    version = served.version_of(atlas, data_dir)
    try:
        built = served.build_into(args.directory, atlas, version, dt.date.today())
    except OSError as exc:
        print(f"build_cache: cannot write {args.directory}: {exc}", file=sys.stderr)
        return 3
    print(built)
    return 0


if __name__ == "__main__":
    sys.exit(main())
