"""No hand-typed coordinates in the build code: points and lines drawn by hand live in data
files with their source and method (data/basemap/*.json, data/drawn/)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: A (lon, lat) or (lat, lon) pair inside the atlas's region, as a tuple or list literal.
PAIR = re.compile(r"[\(\[]\s*(4[2-9]|5[01])\.\d+\s*,\s*(3[6-9]|4[0-3])\.\d+\s*[\)\]]"
                  r"|[\(\[]\s*(3[6-9]|4[0-3])\.\d+\s*,\s*(4[2-9]|5[01])\.\d+\s*[\)\]]")
#: Not geography: where the map opens, where country names are written, and a sanity box.
NOT_POINTS = {("geo/crs.py", "MAP_CENTRE"), ("geo/cartography.py", "COUNTRY_LABELS"),
              ("scripts/build_places.py", "LON_RANGE"), ("scripts/build_places.py", "LAT_RANGE")}
CODE = sorted([*ROOT.glob("scripts/*.py"), *ROOT.glob("geo/**/*.py")])


def typed_pairs(path: Path, name: str) -> list[tuple[int, str]]:
    found, owner = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r"([A-Z_][A-Z0-9_]*)\s*(:[^=]*)?=", line)
        if m:
            owner = m.group(1)
        elif line and not line[0].isspace():
            owner = None
        if PAIR.search(line) and (name, owner) not in NOT_POINTS:
            found.append((number, line.strip()))
    return found


def test_the_scan_finds_a_typed_pair(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("OK = (0.5, 1.0)\nLINE = [\n    (46.59, 39.90), (46.59, 39.50)]\nAT = [39.82, 46.75]\n",
                      encoding="utf-8")
    assert [n for n, _ in typed_pairs(sample, "x.py")] == [3, 4]
    assert typed_pairs(sample, "geo/cartography.py") == typed_pairs(sample, "x.py")  # only the named owners pass


@pytest.mark.parametrize("path", CODE, ids=[str(p.relative_to(ROOT)) for p in CODE])
def test_no_hand_typed_coordinates(path):
    name = str(path.relative_to(ROOT))
    assert typed_pairs(path, name) == [], f"{name}: move these points to a data file with their source"
