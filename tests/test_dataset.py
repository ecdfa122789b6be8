"""Consistency tests over the shipped dataset: the facts a reader of the sources expects."""
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from geo.dates import parse_date
from geo.export import geojson_for_date
from geo.measure import area_km2
from geo.model import LAYERS, VANTAGE_GROUPS

from conftest import DATA_DIR, ROOT, SEEDS_DIR

D = dt.date.fromisoformat
CONFLICT_DISTRICTS = ["prov-kalbajar", "prov-lachin", "prov-qubadli", "prov-zangilan", "prov-jabrayil",
                      "prov-fuzuli", "prov-agdam", "prov-shusha", "prov-khojaly", "prov-khojavend",
                      "prov-tartar", "prov-khankendi"]


def place(atlas, pid) -> Point:
    return atlas.by_id[pid].geometry


def held(atlas, day, side):
    return unary_union([f.geometry for f in atlas.features_on(day)["control"] if f.properties["held_by"] == side])


def ids_on(atlas, day, layer):
    return {f.id for f in atlas.features_on(day)[layer]}


def test_every_layer_file_is_present_and_non_empty(atlas):
    assert {f.layer for f in atlas.features} == set(LAYERS)
    assert {p.stem for p in (DATA_DIR / "layers").glob("*.geojson")} == set(LAYERS)


def test_stepanakert_inside_the_peacekeeping_zone_and_shusha_outside(atlas):
    for day in (D("2021-06-01"), D("2023-01-01")):
        zone = unary_union([f.geometry for f in atlas.features_on(day)["peacekeeping"]
                            if f.kind == "russian_peacekeeping_zone"])
        assert zone.contains(place(atlas, "place-stepanakert-khankendi"))
        assert not zone.contains(place(atlas, "place-shusha-shushi"))


def test_agdam_town_behind_the_1994_line_on_the_armenian_held_side(atlas):
    day = D("2000-01-01")
    assert held(atlas, day, "armenian").contains(place(atlas, "place-agdam"))
    assert held(atlas, day, "azerbaijani").contains(place(atlas, "place-tartar"))
    assert held(atlas, D("2021-06-01"), "azerbaijani").contains(place(atlas, "place-agdam"))


def test_towns_held_where_the_sources_put_them(atlas):
    arm_1995, arm_2021 = held(atlas, D("1995-01-01"), "armenian"), held(atlas, D("2021-06-01"), "armenian")
    for pid in ("place-lachin-berdzor", "place-kalbajar-karvachar", "place-fuzuli", "place-jabrayil",
                "place-qubadli-kashunik", "place-zangilan-kovsakan", "place-shusha-shushi",
                "place-stepanakert-khankendi", "place-agdara-martakert", "place-khojavend-martuni"):
        assert arm_1995.contains(place(atlas, pid)), pid
    for pid in ("place-stepanakert-khankendi", "place-agdara-martakert", "place-khojavend-martuni",
                "place-askeran"):
        assert arm_2021.contains(place(atlas, pid)), pid
    for pid in ("place-shusha-shushi", "place-lachin-berdzor", "place-kalbajar-karvachar", "place-hadrut",
                "place-agdam", "place-fuzuli"):
        assert not arm_2021.contains(place(atlas, pid)), pid


def test_control_partitions_the_conflict_districts_on_every_day(atlas):
    """Control areas cover the districts on every change day and overlap only where the
    change is uncertain that day (old and new holder both drawn, both uncertain)."""
    zone = unary_union([atlas.by_id[d].geometry for d in CONFLICT_DISTRICTS])
    zone_km2 = area_km2(zone)
    for day in atlas.change_dates:
        shown = [f for f in atlas.features_on(day)["control"]]
        if not shown or day < D("1992-01-01"):  # before January 1992 only the Karki exclave is drawn
            continue
        certain = [f for f in shown if not f.validity.uncertain_on(day)]
        for a in certain:
            for b in (f for f in shown if f is not a):
                assert area_km2(a.geometry.intersection(b.geometry)) < 1, (day, a.id, b.id)
        # the districts are covered; the exclaves and the ground outside them are drawn besides
        covered = unary_union([f.geometry for f in shown]).intersection(zone)
        assert area_km2(covered) == pytest.approx(zone_km2, rel=0.002), day


def test_war_of_2020_has_at_least_six_dated_changes(atlas):
    starts = {f.properties["valid_from"] for f in atlas.layer("control")
              if D("2020-09-27") <= f.validity.start < D("2020-11-10")}
    assert len(starts) >= 6


def test_armenian_held_area_over_time_matches_the_record(atlas):
    def arm(day):
        return area_km2(held(atlas, D(day), "armenian"))
    assert 8_500 < arm("2000-01-01") < 12_000           # Karabakh and the surrounding districts
    assert arm("2020-10-30") < arm("2020-10-10") < arm("2020-09-28")  # the 2020 advance
    assert 2_300 < arm("2021-06-01") < 3_500             # the reduced Karabakh of 2020-2023
    zone = unary_union([atlas.by_id[d].geometry for d in CONFLICT_DISTRICTS])
    assert area_km2(held(atlas, D("2024-01-01"), "armenian").intersection(zone)) < 0.5
    # outside the districts, the exclaves of Azerbaijan inside Armenia are still drawn Armenian-held
    assert 20 < arm("2024-06-01") < 60


def test_line_of_contact_by_period(atlas):
    assert ids_on(atlas, D("2000-01-01"), "line_of_contact") == {"loc-1994"}
    assert ids_on(atlas, D("2021-06-01"), "line_of_contact") == {"loc-2020"}
    assert ids_on(atlas, D("2024-01-01"), "line_of_contact") == set()
    assert atlas.by_id["loc-1994"].kind == "ceasefire_line_1994"
    assert atlas.by_id["loc-2020"].kind == "contact_line_2020"


def test_lachin_corridor_moves_in_august_2022(atlas):
    assert "cor-lachin-2020" in ids_on(atlas, D("2021-06-01"), "corridors")
    assert "cor-lachin-2022" not in ids_on(atlas, D("2021-06-01"), "corridors")
    assert ids_on(atlas, D("2023-01-01"), "corridors") >= {"cor-lachin-2022", "cor-nakhchivan-link"}
    assert "cor-lachin-2020" not in ids_on(atlas, D("2023-01-01"), "corridors")
    statuses = [e["status"] for e in atlas.by_id["cor-lachin-2022"].properties["status_history"]]
    assert statuses[:3] == ["open", "blocked", "checkpoint"]
    # the old route passes through Lachin town, the new one bypasses it
    lachin = place(atlas, "place-lachin-berdzor")
    assert atlas.by_id["cor-lachin-2020"].geometry.distance(lachin) < 0.01
    assert atlas.by_id["cor-lachin-2022"].geometry.distance(lachin) > 0.03


def test_nakhchivan_link_runs_through_meghri_in_syunik(atlas):
    link = atlas.by_id["cor-nakhchivan-link"].geometry
    assert link.distance(place(atlas, "place-meghri")) < 0.02
    assert link.intersects(atlas.by_id["prov-syunik"].geometry)
    assert link.intersects(atlas.by_id["prov-nakhchivan"].geometry)


def test_peacekeeping_and_monitoring_periods(atlas):
    assert ids_on(atlas, D("2000-01-01"), "peacekeeping") == {"pk-osce-monitoring"}
    assert ids_on(atlas, D("2021-06-01"), "peacekeeping") == {"pk-russian-zone", "pk-monitoring-centre"}
    assert "pk-eu-mcap" in ids_on(atlas, D("2022-11-15"), "peacekeeping")
    assert "pk-euma" in ids_on(atlas, D("2023-06-01"), "peacekeeping")
    assert "pk-russian-zone-2022" not in ids_on(atlas, D("2025-01-01"), "peacekeeping")
    # the EU missions work on Armenia's side of the border only
    countries = json.loads((DATA_DIR / "basemap" / "countries.geojson").read_text(encoding="utf-8"))
    armenia = next(shape(f["geometry"]) for f in countries["features"] if f["properties"]["adm0_a3"] == "ARM")
    assert area_km2(atlas.by_id["pk-euma"].geometry.difference(armenia)) < 1


def test_the_two_maps_2000_and_2021_differ_as_the_sources_say(atlas):
    def ids(day):
        return {f["properties"]["id"] for f in geojson_for_date(atlas, D(day))["features"]}
    y2000, y2021 = ids("2000-01-01"), ids("2021-06-01")
    assert {"loc-1994", "pk-osce-monitoring"} <= y2000
    assert not {"loc-2020", "pk-russian-zone", "cor-lachin-2020"} & y2000
    assert {"loc-2020", "pk-russian-zone", "cor-lachin-2020"} <= y2021
    assert not {"loc-1994", "pk-osce-monitoring"} & y2021
    assert y2000 & y2021 >= {"ctrl-1992-01-oblast-to-2023-09-operation-armenian"}  # Stepanakert's ground
    assert "ctrl-1993-07-agdam-to-2020-11-agdam-armenian" in y2000 - y2021


def test_every_conflict_district_has_a_cited_control_history(atlas):
    for pid in CONFLICT_DISTRICTS:
        history = atlas.by_id[pid].properties.get("control_history")
        assert history, pid
        for entry in history:
            assert entry["excerpt_ids"] or entry["source_ids"], (pid, entry)
            parse_date(entry["date"], allow_interval=True)


def test_every_drawn_feature_cites_its_dates(atlas):
    for f in atlas.features:
        if f.layer in ("control", "line_of_contact", "corridors", "peacekeeping") and f.validity.valid_from:
            cited = f.properties.get("date_basis") or f.properties.get("source_ids") \
                or f.properties.get("evidence_excerpt_ids")
            assert cited, f.id


def test_names_in_every_convention_for_places(atlas):
    variants = {"Ստեփանակերտ": "Xankəndi", "Շուշի": "Şuşa", "Բերձոր": "Laçın", "Քարվաճառ": "Kəlbəcər"}
    pairs = {(f.names.get("hy"), f.names.get("az")) for f in atlas.layer("places")}
    for hy, az in variants.items():
        assert any(h and hy in h and a and az in a for h, a in pairs), hy
    for f in atlas.layer("places"):
        assert {"en", "az", "ru"} <= set(f.names) and ({"hy", "hy_Latn"} & set(f.names)), f.id


def test_gazetteer_has_forty_places_with_recorded_origin(atlas):
    places = atlas.layer("places")
    assert len(places) >= 40
    for f in places:
        gazetteer = f.properties["gazetteer"]
        assert gazetteer["source"] in ("GeoNames", "hand-placed")
        assert (gazetteer["id"] is not None) == (gazetteer["source"] == "GeoNames"), f.id


def test_excerpt_counts_and_vantage_points(atlas):
    per_source = Counter(e.source_id for e in atlas.excerpts)
    # the five founding documents and their excerpts are there; a new source needs no count changed here
    assert {"russia-direct-2016", "sept13-essay-2022", "pashayeva-2023", "osce-insights-2020",
            "giragosian-sochi-2021"} <= set(atlas.sources)
    assert sum(per_source.values()) >= 60
    assert all(per_source[s] >= 1 for s in atlas.sources), per_source
    assert {s.vantage_group for s in atlas.sources.values()} == set(VANTAGE_GROUPS)
    for e in atlas.excerpts:
        assert len(e.quote.split()) <= 60


def test_opposing_vantage_points_speak_of_the_same_matters(atlas):
    # the Lachin road in December 2022 and the peacekeepers: more than one vantage point each
    def groups(feature_id):
        return {atlas.sources[e.source_id].vantage_group for e in atlas.excerpts_for(feature_id)}
    assert len(groups("pk-russian-zone")) >= 3
    assert len(groups("cor-nakhchivan-link")) >= 3


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="../shared/seeds not present")
def test_every_quote_is_verbatim_in_its_source_text(atlas):
    from geo.validate import fold_whitespace
    for e in atlas.excerpts:
        text = (SEEDS_DIR / atlas.sources[e.source_id].text_file).read_text(encoding="utf-8")
        assert fold_whitespace(e.quote) in fold_whitespace(text), e.id


def test_seeds_are_present_in_ci():
    import os
    if os.environ.get("CI"):
        assert SEEDS_DIR.is_dir(), "CI must have ../shared/seeds so that quotes are checked"


def _tracked_text_files():
    import subprocess
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    files = out.stdout.split() if out.returncode == 0 else [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                                                            if p.is_file() and ".venv" not in p.parts]
    return [ROOT / f for f in files if Path(f).suffix in (".json", ".geojson", ".md", ".py", ".txt", ".csv", ".html")]


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="../shared/seeds not present")
def test_no_full_source_text_is_committed():
    window = 70  # longer than any quote (at most 60 words)
    shingles = set()
    for seed in SEEDS_DIR.glob("*.txt"):
        words = seed.read_text(encoding="utf-8").split()
        shingles.update(" ".join(words[i:i + window]) for i in range(0, max(1, len(words) - window), 7))
    for path in _tracked_text_files():
        if not path.is_file():
            continue
        text = " ".join(path.read_text(encoding="utf-8", errors="ignore").split())
        assert not any(s in text for s in shingles if len(s) > 200), path


def test_registry_entries_have_provenance_and_are_used(atlas):
    registry = json.loads((DATA_DIR / "provenance.json").read_text(encoding="utf-8"))
    used = set()
    for f in atlas.features:
        used.update(f.properties.get("source_ids") or [])
        for key in ("control_history", "status_history"):
            for entry in f.properties.get(key) or []:
                used.update(entry.get("source_ids") or [])
    for path in sorted((DATA_DIR / "basemap").glob("*.geojson")):  # the base map's features cite theirs too
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            used.update(f["properties"].get("source_ids") or [])
    for key, entry in registry.items():
        assert entry.get("title") and entry.get("licence"), key
        built_by = entry.get("script")  # a dataset read by a build script (e.g. the base map's rivers)
        assert key in used or key == "geonames" or (built_by and (ROOT / built_by).is_file()), \
            f"registry entry {key} is cited by no feature and built into nothing"
