"""The record, fact by fact: each dated change checked on the days either side of it.

Facts are read from the exported snapshot (``geojson_for_date``), as any user of
``karabakh-atlas export geojson --date D`` sees them.
"""

import pytest
from shapely.geometry import Point, shape

from geo.measure import area_km2, length_km

from holders import D, certain, holders, snapshot

pytestmark = pytest.mark.data


@pytest.mark.parametrize("where, before, during, after, old, new", [
    ("place-khojaly-ivanyan", "1992-02-24", ["1992-02-25", "1992-02-26"], "1992-02-27", "azerbaijani", "armenian"),
    ("place-shusha-shushi", "1992-05-07", [], "1992-05-08", "azerbaijani", "armenian"),
    ("place-lachin-berdzor", "1992-05-17", [], "1992-05-18", "azerbaijani", "armenian"),
    ("place-agdara-martakert", "1992-06-11", ["1992-06-12", "1992-07-04"], "1992-07-05", "armenian", "azerbaijani"),
    ("place-sarsang-reservoir", "1993-01-31", ["1993-02-01", "1993-02-28"], "1993-03-01", "azerbaijani", "armenian"),
    ("place-kalbajar-karvachar", "1993-03-26", ["1993-03-27", "1993-04-03"], "1993-04-04", "azerbaijani", "armenian"),
    ("place-agdara-martakert", "1993-06-19", ["1993-06-20", "1993-06-30"], "1993-07-01", "azerbaijani", "armenian"),
    ("place-agdam", "1993-07-22", [], "1993-07-23", "azerbaijani", "armenian"),
    ("place-fuzuli", "1993-08-22", [], "1993-08-23", "azerbaijani", "armenian"),
    ("place-jabrayil", "1993-08-22", [], "1993-08-23", "azerbaijani", "armenian"),
    ("place-qubadli-kashunik", "1993-08-30", [], "1993-08-31", "azerbaijani", "armenian"),
    ("place-horadiz", "1993-10-20", ["1993-10-21", "1993-10-31"], "1993-11-01", "azerbaijani", "armenian"),
    ("place-zangilan-kovsakan", "1993-10-28", ["1993-10-29", "1993-10-30"], "1993-10-31", "azerbaijani", "armenian"),
    ("place-horadiz", "1994-01-05", [], "1994-01-06", "armenian", "azerbaijani"),
    ("place-talish", "1994-04-10", [], "1994-04-11", "azerbaijani", "armenian"),
    ("place-shusha-shushi", "2020-11-07", [], "2020-11-08", "armenian", "azerbaijani"),
    ("place-agdam", "2020-11-19", [], "2020-11-20", "armenian", "azerbaijani"),
    ("place-kalbajar-karvachar", "2020-11-24", [], "2020-11-25", "armenian", "azerbaijani"),
    ("place-lachin-berdzor", "2020-11-30", [], "2020-12-01", "armenian", "peacekeepers"),
    ("place-lachin-berdzor", "2022-08-25", [], "2022-08-26", "peacekeepers", "azerbaijani"),
    ("place-stepanakert-khankendi", "2023-09-18", ["2023-09-19", "2023-09-20", "2023-10-15"], "2023-10-16",
     "armenian", "azerbaijani"),
])
def test_a_change_of_hands_on_its_day(atlas, where, before, during, after, old, new):
    assert holders(atlas, where, before) == certain(old), before
    for day in during:  # both states drawn, both uncertain, inside the interval of the change
        assert holders(atlas, where, day) == {old: True, new: True}, day
    assert holders(atlas, where, after) == certain(new), after


def test_khojaly_is_a_change_a_history_entry_and_an_event(atlas):
    history = atlas.by_id["prov-khojaly"].properties["control_history"]
    assert any(h["date"] == "1992-02-25/1992-02-26" and h["held_by"] == "armenian" for h in history)
    event = atlas.by_id["ev-1992-02-26-khojaly"]
    assert event.is_valid_on(D("1992-02-25")) and event.is_valid_on(D("1992-02-26"))
    assert not event.is_valid_on(D("1992-02-24")) and not event.is_valid_on(D("1992-02-27"))


def test_the_1994_line_is_whole_with_the_murov_ridge(atlas):
    line = atlas.by_id["loc-1994"].geometry
    assert length_km(line) > 190  # 131 km without the Murov ridge
    murov = line.intersection(shape({"type": "Polygon", "coordinates": [[[45.9, 40.2], [46.5, 40.2], [46.5, 40.5],
                                                                          [45.9, 40.5], [45.9, 40.2]]]}))
    assert length_km(murov) > 40
    # the eastern part runs east of 47.05 E at Agdam's latitude, more than 10 km east of the town
    at_agdam = line.intersection(shape({"type": "LineString", "coordinates": [[46.5, 39.99], [47.5, 39.99]]}))
    assert min(p.x for p in getattr(at_agdam, "geoms", [at_agdam])) > 47.05
    # the OSCE monitoring feature reuses it
    assert atlas.by_id["pk-osce-monitoring"].geometry.equals(line)


def test_the_1994_area_is_the_area_west_of_the_line(atlas):
    arm = [shape(f["geometry"]) for f in snapshot(atlas, "1995-01-01")
           if f["properties"]["layer"] == "control" and f["properties"]["held_by"] == "armenian"]
    from shapely.ops import unary_union
    assert 11_000 < area_km2(unary_union(arm)) < 12_000


# Villages of the Shusha district that stayed Armenian after 2020 (approximate points, about 2 km).
SHUSHA_VILLAGES = {"Lisagor": (46.69, 39.735), "Mets Shen": (46.67, 39.785), "Hin Shen": (46.655, 39.80)}


@pytest.mark.parametrize("name, point", sorted(SHUSHA_VILLAGES.items()))
def test_shusha_district_villages_stayed_armenian_held_after_2020(atlas, name, point):
    assert holders(atlas, point, "2021-06-01") == certain("armenian"), name


def test_the_2020_2023_area_follows_the_line(atlas):
    day = "2021-06-01"
    for pid in ("place-stepanakert-khankendi", "place-agdara-martakert", "place-sarsang-reservoir",
                "place-khojavend-martuni", "place-askeran"):
        assert holders(atlas, pid, day) == certain("armenian"), pid
    for pid in ("place-shusha-shushi", "place-hadrut", "place-talish", "place-sugovushan-madagiz", "place-agdam"):
        assert holders(atlas, pid, day) == certain("azerbaijani"), pid
    # no ground south of Martuni that was taken in 2020
    assert holders(atlas, (47.11, 39.72), day) == certain("azerbaijani")
    assert 2_600 < sum(area_km2(shape(f["geometry"])) for f in snapshot(atlas, day)
                       if f["properties"].get("held_by") == "armenian") < 3_300


@pytest.mark.parametrize("pid", ["place-kornidzor", "place-tegh"])
def test_kornidzor_and_tegh_are_in_armenia_outside_every_zone_and_control_area(atlas, pid):
    point = atlas.by_id[pid].geometry
    for day in ("2021-06-01", "2023-01-01"):
        for f in snapshot(atlas, day):
            if f["properties"]["layer"] in ("control", "peacekeeping") and f["properties"]["kind"] != "eu_monitoring":
                assert not shape(f["geometry"]).contains(point), (pid, f["properties"]["id"])


def test_lachin_town_in_the_peacekeeping_zone_until_26_august_2022(atlas):
    lachin = atlas.by_id["place-lachin-berdzor"].geometry

    def zones(day):
        return {f["properties"]["id"] for f in snapshot(atlas, day) if f["properties"]["layer"] == "peacekeeping"
                and f["properties"]["kind"] == "russian_peacekeeping_zone" and shape(f["geometry"]).contains(lachin)}
    assert zones("2022-08-25") == {"pk-russian-zone"}
    assert zones("2022-08-26") == set()


def test_the_old_and_new_lachin_roads(atlas):
    old, new = atlas.by_id["cor-lachin-2020"].geometry, atlas.by_id["cor-lachin-2022"].geometry
    near = lambda geom, pid, km: geom.distance(atlas.by_id[pid].geometry) * 85 < km  # noqa: E731 (deg -> km)
    assert near(old, "place-lachin-berdzor", 1) and near(old, "place-tegh", 1)
    assert near(new, "place-kornidzor", 1) and near(new, "place-hakari-bridge", 1)
    assert not near(new, "place-lachin-berdzor", 3)
    assert new.distance(Point(46.506, 39.592)) * 85 > 2  # Aghavno, bypassed


@pytest.mark.parametrize("day, status", [
    ("2022-12-11", "open"), ("2022-12-12", "blocked"), ("2023-04-22", "blocked"), ("2023-04-23", "checkpoint"),
    ("2023-06-14", "checkpoint"), ("2023-06-15", "closed"), ("2023-09-23", "closed"), ("2023-09-24", "exodus"),
])
def test_the_lachin_road_status(atlas, day, status):
    road = next(f for f in snapshot(atlas, day) if f["properties"]["id"] == "cor-lachin-2022")
    assert road["properties"]["status_on_date"] == status


@pytest.mark.parametrize("fid, absent, present", [
    ("pk-monitoring-centre", ["2021-01-29", "2024-04-26"], ["2021-01-30", "2024-04-25"]),
    ("pk-eu-mcap", ["2022-10-19", "2022-12-20"], ["2022-10-20", "2022-12-19"]),
    ("pk-euma", ["2023-02-19"], ["2023-02-20", "2025-06-01"]),
    ("pk-osce-monitoring", ["1994-12-31", "2020-04-01"], ["1995-01-01", "1998-01-01", "2020-02-29"]),
    ("loc-1994", ["1994-05-11", "2020-09-27"], ["1994-05-12", "2020-09-26"]),
    ("loc-2020", ["2020-11-09"], ["2020-11-10"]),
])
def test_monitoring_and_lines_by_day(atlas, fid, absent, present):
    for day in absent:
        assert fid not in {f["properties"]["id"] for f in snapshot(atlas, day)}, day
    for day in present:
        assert fid in {f["properties"]["id"] for f in snapshot(atlas, day)}, day


def test_osce_monitoring_dates_look_uncertain_only_where_they_are(atlas):
    v = atlas.by_id["pk-osce-monitoring"].validity
    assert v.uncertain_on(D("1996-06-01")) and not v.uncertain_on(D("2005-01-01"))
    assert v.uncertain_on(D("2020-03-15")) and not v.uncertain_on(D("2020-02-29"))


@pytest.mark.parametrize("fid", ["cor-nakhchivan-link", "cor-nakhchivan-railway"])
def test_the_nakhchivan_link_runs_on_the_north_bank_through_meghri(atlas, fid, iran):
    route = atlas.by_id[fid].geometry
    assert length_km(route.intersection(iran)) < 1
    assert route.distance(atlas.by_id["place-meghri"].geometry) * 85 < 5


def test_the_route_through_iran_stays_in_iran_and_off_armenian_held_ground(atlas, iran):
    route = atlas.by_id["cor-iran-route"].geometry
    outside = route.difference(iran)
    assert length_km(outside) < 45  # the crossings and Julfa - Nakhchivan, in Nakhchivan
    assert length_km(route.intersection(atlas.by_id["prov-nakhchivan"].geometry.union(iran))) > 0.9 * length_km(route)
    held_2000 = [shape(f["geometry"]) for f in snapshot(atlas, "2000-01-01")
                 if f["properties"].get("held_by") == "armenian"]
    assert not any(route.intersects(g) for g in held_2000)


@pytest.fixture(scope="module")
def iran():
    import json

    from conftest import DATA_DIR
    countries = json.loads((DATA_DIR / "basemap" / "countries.geojson").read_text(encoding="utf-8"))
    return next(shape(f["geometry"]) for f in countries["features"] if f["properties"]["adm0_a3"] == "IRN")


def test_neutral_wording(atlas):
    closure = atlas.by_id["ev-2022-12-12-road-closure"]
    assert not {"blockade", "protest"} & set(closure.name.lower().split())
    assert "blockade" in closure.properties["note"] and "protest" in closure.properties["note"]
    assert "Зангезур" not in atlas.by_id["cor-nakhchivan-link"].names["ru"]
    ceasefire = atlas.by_id["ev-1994-05-12-ceasefire"]
    assert "Bishkek" not in ceasefire.name and "12 May" in ceasefire.name
    assert atlas.by_id["place-qubadli-kashunik"].names["hy"] in atlas.by_id["ev-1993-08-31-qubadli"].names["hy"]
    assert "author is not named" in atlas.sources["russia-direct-2016"].vantage


def test_events_cover_1988_to_today_in_four_conventions(atlas):
    events = atlas.layer("events")
    for f in events:
        assert {"en", "az", "hy", "ru"} <= set(f.names), f.id
    years = {f.validity.start.year for f in events}
    assert {1988, 1990, 1991, 2021, 2022, 2023, 2024, 2025} <= years
    for fid in ("ev-1988-02-27-sumgait", "ev-1991-04-operation-ring", "ev-1991-09-02-declaration",
                "ev-2021-05-12-sev-lich", "ev-2022-08-03-corridor-fighting", "ev-2023-09-24-exodus",
                "ev-2023-09-28-dissolution", "ev-2024-04-peacekeepers-leave", "ev-2024-04-26-monitoring-centre-closed",
                "ev-2024-04-19-delimitation", "ev-2025-08-08-washington"):
        assert fid in atlas.by_id, fid


def test_every_change_of_hands_has_a_neutral_caption_and_its_ground_marked(atlas):
    from geo.cartography import changes
    from geo.story import key_date_captions, loaded_terms_in, read_story

    stops, _ = read_story(atlas.root)
    captions = key_date_captions(atlas, stops)
    marked = changes(atlas)
    for f in atlas.layer("control"):
        assert f.validity.start.isoformat() in captions, f.id
    assert not [(day, text) for day, text in captions.items() if loaded_terms_in(text)]
    agdam = atlas.by_id["place-agdam"].geometry
    (item,) = marked["1993-07-23"]
    assert item["to"] == "armenian" and shape(item["geometry"]).buffer(0.01).contains(agdam)
    assert item["since"] == max(d for d in atlas.key_dates if d < D("1993-07-23")).isoformat()
    assert "1992-01-01" not in marked  # where drawing starts, nothing changed hands
