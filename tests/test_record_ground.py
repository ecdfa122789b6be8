"""Who held which ground, fact by fact: the corrections of December 2026 on the days either side.

Each fact is a point (given by coordinates, with where they come from) and the days around its
change, read from the exported snapshot (``geojson_for_date``) of the built control layer, as any
user of ``karabakh-atlas export geojson --date D`` sees it. Inside a change's interval both the old
and the new holder are drawn, both uncertain; before and after, one holder, certain.
"""
import json

import pytest
from shapely.geometry import Point, shape


from conftest import DATA_DIR

from holders import D, certain, holders, snapshot

pytestmark = pytest.mark.data


# Points (lon, lat). GeoNames points are read from the places layer by id; the others are the
# coordinates cited in the drawn areas' methods (Wikipedia) or a point inside a drawn strip.
KARMIR_SHUKA = (46.94861, 39.67583)      # Wikipedia
HIN_TAGHER = (46.82361, 39.5075)         # Wikipedia
KHTSABERD = (46.77083, 39.54583)         # Wikipedia
SHAHUMYAN = (46.56478, 40.41792)         # GeoNames 587201, Ashaghi Aghjakand
ARTSVASHEN = (45.51556, 40.64611)        # Wikipedia
KARKI = (44.94361, 39.78556)             # Wikipedia
YUKHARI_ASKIPARA = (45.02306, 41.06611)  # Wikipedia
BARKHUDARLY = (45.2253, 40.9933)         # Wikipedia
ASHAGI_ASKIPARA = (45.08278, 41.07556)   # Wikipedia
PARUKH = (46.80111, 40.01639)            # Wikipedia
LELE_TEPE = (47.26869, 39.40851)         # Wikipedia
TALISH_HEIGHTS = (46.765, 40.3903)       # inside the drawn heights north-east of Talish
SEV_LAKE_SOUTH = (46.2311, 39.5833)      # 1.6 km south of the lake's centre, in Armenia as drawn
EAST_OF_JERMUK = (45.78, 39.84)          # 9.5 km east of Jermuk (GeoNames), inside the drawn ground
QUBADLI_NORTH = (46.60, 39.45)           # northern Qubadli district, taken after 25 October 2020
BORDER_STRIP = (46.4166, 39.369)         # Qubadli district 1-2 km from the border with Armenia


def both(old, new):
    return {old: True, new: True}


NOT_DRAWN = {}


# (what, where, [(day, expected holders)]): the days either side of each change and inside it
FACTS = [
    ("Karmir Shuka stays Armenian-held inside the 2020-2023 area", KARMIR_SHUKA, [
        ("2020-11-09", certain("armenian")), ("2021-06-01", certain("armenian")),
        ("2023-09-18", certain("armenian")), ("2023-09-25", both("armenian", "azerbaijani")),
        ("2023-10-16", certain("azerbaijani"))]),
    ("Askeran is Armenian-held before and after Khojaly's capture", "place-askeran", [
        ("1992-02-10", certain("armenian")), ("1992-02-25", certain("armenian")),
        ("1992-02-27", certain("armenian"))]),
    ("Khojaly changes hands on 25-26 February 1992", "place-khojaly-ivanyan", [
        ("1992-02-24", certain("azerbaijani")), ("1992-02-25", both("azerbaijani", "armenian")),
        ("1992-02-27", certain("armenian"))]),
    ("Hin Tagher is held until 12-15 December 2020", HIN_TAGHER, [
        ("2020-11-15", certain("armenian")), ("2020-12-11", certain("armenian")),
        ("2020-12-12", both("armenian", "azerbaijani")), ("2020-12-15", both("armenian", "azerbaijani")),
        ("2020-12-16", certain("azerbaijani"))]),
    ("Khtsaberd is held until 12-15 December 2020", KHTSABERD, [
        ("2020-12-11", certain("armenian")), ("2020-12-16", certain("azerbaijani"))]),
    ("Jabrayil town: announced 4 October 2020, filmed 9 October", "place-jabrayil", [
        ("2020-10-03", certain("armenian")), ("2020-10-04", both("armenian", "azerbaijani")),
        ("2020-10-09", both("armenian", "azerbaijani")), ("2020-10-10", certain("azerbaijani"))]),
    ("Fuzuli town falls on 16-17 October 2020, not from 9 October", "place-fuzuli", [
        ("2020-10-10", certain("armenian")), ("2020-10-15", certain("armenian")),
        ("2020-10-16", both("armenian", "azerbaijani")), ("2020-10-18", certain("azerbaijani"))]),
    ("Zangilan town: announced 20 October 2020", "place-zangilan-kovsakan", [
        ("2020-10-19", certain("armenian")), ("2020-10-21", both("armenian", "azerbaijani")),
        ("2020-10-22", certain("azerbaijani"))]),
    ("Qubadli town: announced 25 October 2020", "place-qubadli-kashunik", [
        ("2020-10-24", certain("armenian")), ("2020-10-26", both("armenian", "azerbaijani")),
        ("2020-10-27", certain("azerbaijani"))]),
    ("northern Qubadli district is not Azerbaijani-held on 17-24 October 2020", QUBADLI_NORTH, [
        ("2020-10-17", certain("armenian")), ("2020-10-24", certain("armenian")),
        ("2020-10-25", both("armenian", "azerbaijani")), ("2020-11-10", both("armenian", "azerbaijani")),
        ("2020-11-11", certain("azerbaijani"))]),
    ("a strip by the Armenian border is held until December 2020", BORDER_STRIP, [
        ("2020-11-15", certain("armenian")), ("2020-11-30", certain("armenian")),
        ("2020-12-01", both("armenian", "azerbaijani")), ("2020-12-20", both("armenian", "azerbaijani")),
        ("2020-12-21", certain("azerbaijani"))]),
    ("Shahumyan is Armenian-held until the June 1992 offensive", SHAHUMYAN, [
        ("1991-12-31", NOT_DRAWN), ("1992-01-01", {"armenian": True}), ("1992-02-01", certain("armenian")),
        ("1992-06-11", certain("armenian")),
        ("1992-06-12", both("armenian", "azerbaijani")), ("1992-06-17", both("armenian", "azerbaijani")),
        ("1992-06-18", certain("azerbaijani"))]),
    ("Artsvashen, Armenia's exclave, is taken in August 1992", ARTSVASHEN, [
        ("1992-07-31", certain("armenian")), ("1992-08-15", both("armenian", "azerbaijani")),
        ("1992-09-01", certain("azerbaijani")), ("2024-06-01", certain("azerbaijani"))]),
    ("Karki, Nakhchivan's exclave, is taken between January 1990 and May 1992", KARKI, [
        ("1990-01-18", NOT_DRAWN), ("1990-01-19", {"armenian": True}), ("1992-05-31", {"armenian": True}),
        ("1992-06-01", certain("armenian")), ("2024-06-01", certain("armenian"))]),
    ("Yukhari Askipara, Gazakh's exclave, is taken on 8 June 1992", YUKHARI_ASKIPARA, [
        ("1992-06-07", NOT_DRAWN), ("1992-06-08", certain("armenian")), ("2024-06-01", certain("armenian"))]),
    ("Barkhudarly, Gazakh's exclave, is taken on 23-27 April 1992", BARKHUDARLY, [
        ("1992-04-22", NOT_DRAWN), ("1992-04-25", {"armenian": True}), ("1992-04-28", certain("armenian"))]),
    ("Ashagi Askipara is handed over on 24 May 2024", ASHAGI_ASKIPARA, [
        ("2020-01-01", certain("armenian")), ("2024-05-23", certain("armenian")),
        ("2024-05-24", certain("azerbaijani"))]),
    ("Lele Tepe: taken 11-12 February 1994, lost 2-5 April 2016", LELE_TEPE, [
        ("1994-02-10", certain("azerbaijani")), ("1994-02-12", both("azerbaijani", "armenian")),
        ("1994-02-13", certain("armenian")), ("2016-04-01", certain("armenian")),
        ("2016-04-03", both("armenian", "azerbaijani")), ("2016-04-06", certain("azerbaijani"))]),
    ("heights near Talish change hands on 2-5 April 2016", TALISH_HEIGHTS, [
        ("2016-04-01", certain("armenian")), ("2016-04-02", both("armenian", "azerbaijani")),
        ("2016-04-06", certain("azerbaijani"))]),
    ("positions by Lake Sev, in Armenia as drawn, from 12 May 2021", SEV_LAKE_SOUTH, [
        ("2021-05-11", NOT_DRAWN), ("2021-05-12", certain("azerbaijani")), ("2024-01-01", certain("azerbaijani"))]),
    ("positions east of Jermuk, in Armenia as drawn, from 13-14 September 2022", EAST_OF_JERMUK, [
        ("2022-09-12", NOT_DRAWN), ("2022-09-13", {"azerbaijani": True}), ("2022-09-15", certain("azerbaijani"))]),
    ("Jermuk itself stays outside the positions", "place-jermuk", [("2022-09-15", NOT_DRAWN)]),
    ("Parukh: Armenian-held 1992-2022, Azerbaijani positions from 24-25 March 2022", PARUKH, [
        ("1992-03-01", certain("armenian")), ("2021-06-01", certain("armenian")),
        ("2022-03-23", certain("armenian")), ("2022-03-24", both("armenian", "azerbaijani")),
        ("2022-03-26", certain("azerbaijani"))]),
    ("September 2023 is uncertain from 19 September to 15 October", "place-stepanakert-khankendi", [
        ("2023-09-18", certain("armenian")), ("2023-09-20", both("armenian", "azerbaijani")),
        ("2023-09-29", both("armenian", "azerbaijani")), ("2023-10-15", both("armenian", "azerbaijani")),
        ("2023-10-16", certain("azerbaijani"))]),
]


@pytest.mark.parametrize("what, where, days", FACTS, ids=[f[0] for f in FACTS])
def test_who_held_the_ground_on_the_days_either_side(atlas, what, where, days):
    for day, expected in days:
        assert holders(atlas, where, day) == expected, (what, day)


@pytest.mark.parametrize("where", [KARMIR_SHUKA, PARUKH, "place-askeran"])
def test_the_peacekeeping_zone_takes_in_the_ground_held_in_2020_2023(atlas, where):
    point = atlas.by_id[where].geometry if isinstance(where, str) else Point(where)
    for day in ("2021-06-01", "2023-01-01"):
        zones = [f for f in snapshot(atlas, day) if f["properties"]["layer"] == "peacekeeping"
                 and f["properties"]["kind"] == "russian_peacekeeping_zone"]
        assert any(shape(f["geometry"]).contains(point) for f in zones), (where, day)


def test_the_hadrut_pocket_is_a_change_with_its_own_references(atlas):
    history = atlas.by_id["prov-khojavend"].properties["control_history"]
    (entry,) = [h for h in history if h["change_id"] == "2020-12-hadrut-pocket"]
    assert entry["date"] == "2020-12-12/2020-12-15" and entry["held_by"] == "azerbaijani"
    assert {"bbc-2020-12-16-hadrut-raid", "zartonk-2020-12-14-hadrut-villages"} <= set(entry["source_ids"])


AGGREGATES = {"reports-1992-1994", "reports-2020-war", "reports-2022-2024"}
CORRECTED = ["1992-02-khojaly", "2020-10-jabrayil-front", "2020-10-jabrayil-town", "2020-10-hadrut-fuzuli",
             "2020-10-fuzuli-town", "2020-10-zangilan", "2020-10-qubadli", "2020-11-south-later",
             "2020-12-south-border-strips", "2020-11-hadrut-area", "2020-12-hadrut-pocket", "2023-09-operation",
             "1992-01-shahumyan", "1992-06-shahumyan", "1992-01-artsvashen", "1992-08-artsvashen", "1990-01-karki",
             "1992-04-barkhudarly", "1992-06-yukhari-askipara", "1992-gazakh-villages", "2024-05-gazakh-villages",
             "1994-02-lele-tepe", "2016-04-lele-tepe", "2016-04-talish-heights", "2021-05-sev-lake",
             "2022-09-jermuk", "2022-03-parukh"]


def _read(name):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("change_id", CORRECTED)
def test_each_corrected_change_cites_specific_dated_references(change_id):
    changes = {c["id"]: c for c in _read("chronology.json")["changes"]}
    provenance = _read("provenance.json")
    refs = changes[change_id]["reference_ids"]
    assert refs and not AGGREGATES & set(refs), change_id
    for rid in refs:
        entry = provenance[rid]
        assert entry["kind"] == "reference" and entry["title"] and entry["publisher"] and entry["published"], rid


def _source_ids() -> set[str]:
    """The ids of the dataset's source documents (a correction may cite one)."""
    return {json.loads(p.read_text(encoding="utf-8"))["source"]["id"] for p in (DATA_DIR / "sources").glob("*.json")}


def test_the_corrections_log_names_real_changes_and_references():
    log = _read("corrections.json")
    assert set(log) == {"about", "corrections"}
    changes = {c["id"] for c in _read("chronology.json")["changes"]}
    provenance = _read("provenance.json")
    ids = [c["id"] for c in log["corrections"]]
    assert len(ids) == len(set(ids))
    fields = {"id", "date", "what", "before", "after", "why", "reference_ids", "change_ids"}
    for c in log["corrections"]:
        assert fields <= set(c) <= fields | {"feature_ids"} and c["id"].startswith("2026-12-"), c["id"]
        assert D(c["date"]) and all(c[k].strip() for k in ("what", "before", "after", "why")), c["id"]
        assert set(c["change_ids"]) <= changes and set(c["reference_ids"]) <= set(provenance) | _source_ids(), c["id"]
    covered = {cid for c in log["corrections"] for cid in c["change_ids"]}
    assert set(CORRECTED) <= covered
