"""Build the atlas's drawn layers: control, line_of_contact, corridors, peacekeeping, events.

Run after scripts/build_provinces.py and scripts/build_places.py:

    python scripts/build_drawn_layers.py

The geometries here are drawn by hand: lines are lists of (lon, lat) vertices written
below, areas are Natural Earth district polygons cut by those lines. Every vertex list
says what it follows; every feature carries an honest ``accuracy_km`` and ``method``,
and its dates cite the excerpts or reference documents they come from. The script also
writes each district's ``control_history`` into data/layers/provinces.geojson and the
reference documents into data/provenance.json. Output is deterministic.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from shapely import set_precision
from shapely.geometry import LineString, Point, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
LAYERS_DIR = ROOT / "data" / "layers"
PROVENANCE = ROOT / "data" / "provenance.json"
GRID = 1e-5  # coordinates are rounded to 5 decimals (about 1 m)

CONFLICT_DISTRICTS = ["prov-kalbajar", "prov-lachin", "prov-qubadli", "prov-zangilan", "prov-jabrayil",
                      "prov-fuzuli", "prov-agdam", "prov-shusha", "prov-khojaly", "prov-khojavend",
                      "prov-tartar", "prov-khankendi"]

# --------------------------------------------------------------------------------------
# Reference documents (no text stored; cited for dates the five quoted sources do not give)
REFERENCES = {
    "trilateral-statement-2020": {
        "title": "Statement by President of the Republic of Azerbaijan, Prime Minister of the Republic of "
                 "Armenia and President of the Russian Federation",
        "publisher": "President of Russia (kremlin.ru)", "published": "2020-11-10",
        "url": "http://kremlin.ru/events/president/news/64384", "kind": "reference",
        "licence": "official document; cited, not reproduced",
        "note": "Cited by osce-insights-2020 (its note 18). No text is stored in the atlas. Used for the dates "
                "it sets: ceasefire from 00:00 Moscow time on 10 November 2020; Agdam district returned by "
                "20 November, Kalbajar by 15 November (later extended to 25 November) and Lachin by "
                "1 December 2020; a Lachin corridor 5 km wide under Russian peacekeepers; the new Lachin "
                "route to be agreed within three years; the transport links of article 9."},
    "unsc-resolutions-1993": {
        "title": "UN Security Council Resolutions 822, 853, 874 and 884 (1993)",
        "publisher": "United Nations Security Council", "published": "1993",
        "url": "https://www.un.org/securitycouncil/content/resolutions-adopted-security-council-1993",
        "kind": "reference", "licence": "official documents; cited, not reproduced",
        "note": "Cited by osce-insights-2020 (its note 3). Resolution 822 (30 April 1993) concerns the "
                "Kalbajar district, 853 (29 July 1993) the Agdam district, 874 (14 October 1993) the "
                "ceasefire, 884 (12 November 1993) the Zangilan district and the city of Goradiz (Horadiz)."},
    "reports-2020-war": {
        "title": "Announcements of captured towns during the 2020 war, as reported at the time",
        "publisher": None, "published": "2020-11", "url": None, "kind": "reference",
        "licence": "n/a",
        "note": "Not a single document and not stored: the dates on which the President of Azerbaijan "
                "announced the capture of district centres (Jabrayil 4 October, Hadrut 9 October, Fuzuli "
                "17 October, Zangilan 20 October, Qubadli 25 October 2020) as widely reported; Armenian "
                "officials did not always confirm them on the same day. The atlas marks these dates "
                "approximate (~) and draws the front between them coarsely."},
    "reports-2022-2024": {
        "title": "Dated steps of the 2022-2024 period, as reported at the time",
        "publisher": None, "published": "2024-06", "url": None, "kind": "reference", "licence": "n/a",
        "note": "Not stored: the handover of Lachin town and the switch to the new Lachin road (26 August "
                "2022); the Azerbaijani checkpoint at the Hakari bridge (23 April 2023); the Azerbaijani "
                "operation of 19-20 September 2023 and the departure of most Karabakh Armenians by the end "
                "of September 2023; the Russian-Turkish monitoring centre (opened 30 January 2021, closed "
                "April 2024); the EU Mission in Armenia (deployed 20 February 2023); the withdrawal of the "
                "Russian peacekeepers (April-June 2024). Marked approximate where the day is not certain."},
}

# --------------------------------------------------------------------------------------
# Hand-drawn lines, (lon, lat), north to south.

# The 1994 line of contact from the Murov range north of Tartar district to the Araks
# west of Horadiz: east of Martakert (Armenian-held) and west of Tartar town, a few km
# east of Agdam town, east of Martuni (Khojavend) and Fuzuli towns, and west of
# Horadiz, which stayed Azerbaijani-held. Drawn from general knowledge of the published
# maps of the 1994-2020 line; accuracy about 5 km.
LOC_1994 = [(46.55, 40.47), (46.72, 40.42), (46.80, 40.40), (46.85, 40.33), (46.87, 40.26), (46.90, 40.17),
            (46.97, 40.08),
            (47.03, 39.99), (47.08, 39.90), (47.17, 39.81), (47.20, 39.70), (47.23, 39.62), (47.22, 39.52),
            (47.22, 39.41)]

# The areas Azerbaijan retook in the 2020 war, cumulative at each date, as coarse
# polygons (accuracy about 10 km): each is subtracted from the 1994 extent.
WAR_GAINS = {
    # first week: the Jabrayil-Fuzuli front on the Araks, and Sugovushan/Talish in the north
    "2020-10-04": [[(46.98, 39.30), (47.30, 39.30), (47.30, 39.66), (47.17, 39.60), (47.05, 39.52)],
                   [(46.55, 40.29), (46.95, 40.29), (46.95, 40.50), (46.55, 40.50)]],
    # Jabrayil district and Fuzuli's held part, Hadrut
    "2020-10-17": [[(46.80, 39.15), (47.30, 39.15), (47.30, 39.70), (47.08, 39.64), (46.98, 39.60),
                    (46.88, 39.47), (46.80, 39.30)],
                   [(46.55, 40.29), (46.95, 40.29), (46.95, 40.50), (46.55, 40.50)]],
    # along the Araks to Zangilan
    "2020-10-20": [[(46.45, 38.80), (47.30, 38.80), (47.30, 39.70), (47.08, 39.64), (46.98, 39.60),
                    (46.86, 39.45), (46.70, 39.22), (46.52, 39.05)],
                   [(46.55, 40.29), (46.95, 40.29), (46.95, 40.50), (46.55, 40.50)]],
}
# The southern edge of what remained Armenian-held after the war: north of Hadrut,
# south of Martuni, from the Shusha heights east to the old line (accuracy about 5 km).
SOUTH_OF_REMAINDER = [(46.60, 39.30), (46.60, 39.70), (46.70, 39.72), (46.80, 39.68), (46.90, 39.66),
                      (47.00, 39.65), (47.10, 39.68), (47.30, 39.68), (47.30, 39.30)]
AGDAM_TONGUE = [(46.80, 39.78), (46.98, 39.78), (46.98, 39.93), (46.80, 39.93)]
NORTH_OF_REMAINDER = [(46.40, 40.60), (46.40, 40.29), (46.95, 40.29), (46.95, 40.60)]

# Routes. The Lachin corridor road via Lachin town (2020-2022), from Stepanakert past
# Shusha's southern slopes, through Lachin, to the Armenian border at Kornidzor.
LACHIN_ROUTE_2020 = [(46.753, 39.818), (46.770, 39.790), (46.765, 39.752), (46.735, 39.728), (46.690, 39.705),
                     (46.640, 39.690), (46.590, 39.660), (46.550, 39.637), (46.530, 39.600),
                     (46.530, 39.560), (46.531, 39.548)]
# The new road bypassing Lachin town to the south (from late August 2022), joining
# Armenia's road network near Tegh; via the Hakari bridge at the border.
LACHIN_ROUTE_2022 = [(46.753, 39.818), (46.770, 39.790), (46.765, 39.752), (46.735, 39.728), (46.690, 39.690),
                     (46.640, 39.640), (46.600, 39.600), (46.560, 39.570), (46.520, 39.560), (46.481, 39.558)]
# Proposed road link along the Araks: Horadiz - Zangilan (Mincivan) - Meghri/Agarak -
# Ordubad - Julfa - Nakhchivan.
NAKHCHIVAN_LINK = [(47.335, 39.450), (47.02, 39.33), (46.85, 39.20), (46.72, 39.03), (46.55, 38.93),
                   (46.40, 38.88), (46.243, 38.901), (46.195, 38.865), (46.02, 38.91), (45.80, 38.93),
                   (45.63, 38.954), (45.50, 39.05), (45.412, 39.209)]
# The Soviet-era railway on the same valley (Horadiz - Mincivan - Meghri - Julfa - Nakhchivan).
NAKHCHIVAN_RAILWAY = [(47.335, 39.450), (47.03, 39.34), (46.86, 39.21), (46.73, 39.03), (46.56, 38.92),
                      (46.41, 38.87), (46.25, 38.895), (46.19, 38.862), (46.03, 38.905), (45.81, 38.925),
                      (45.64, 38.950), (45.52, 39.06), (45.41, 39.20)]
# Azerbaijan proper to Nakhchivan through Iran: across the Araks near Horadiz, along the
# Iranian bank (Khoda Afarin, Nurduz, Jolfa), back across at Julfa.
IRAN_ROUTE = [(47.335, 39.450), (47.30, 39.40), (47.05, 39.25), (46.93, 39.15), (46.75, 39.00),
              (46.55, 38.90), (46.25, 38.87), (46.00, 38.88), (45.80, 38.91), (45.64, 38.945),
              (45.63, 38.954), (45.50, 39.05), (45.412, 39.209)]

MONITORING_CENTRE = (46.99, 40.03)  # near Qiyasli, Agdam district (accuracy about 3 km)


# --------------------------------------------------------------------------------------
def load_layer(name: str) -> dict:
    return json.loads((LAYERS_DIR / f"{name}.geojson").read_text(encoding="utf-8"))


def set_output(data_dir: Path) -> None:
    """Build into another dataset directory (used to try changes without touching data/)."""
    global LAYERS_DIR, PROVENANCE
    LAYERS_DIR, PROVENANCE = data_dir / "layers", data_dir / "provenance.json"


def clean(geometry):
    """Round to the grid, drop slivers, orient rings counter-clockwise (RFC 7946)."""
    geometry = set_precision(geometry.buffer(0), GRID)
    if geometry.geom_type == "GeometryCollection":
        geometry = unary_union([g for g in geometry.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    if geometry.geom_type == "Polygon":
        return orient(geometry)
    if geometry.geom_type == "MultiPolygon":
        parts = [orient(p) for p in geometry.geoms if p.area > 1e-6]
        return parts[0] if len(parts) == 1 else type(geometry)(parts)
    return geometry


def west_of(line: list[tuple[float, float]]) -> Polygon:
    """The polygon west of a north-south line, closed far to the west."""
    north, south = line[0], line[-1]
    return Polygon(list(line) + [(south[0], 37.0), (44.0, 37.0), (44.0, 42.5), (north[0], 42.5)])


def feature(fid, kind, name, names, geometry, valid_from, valid_to, accuracy_km, method, **extra):
    props = {"id": fid, "kind": kind, "name": name, "names": names, "valid_from": valid_from,
             "valid_to": valid_to, "accuracy_km": accuracy_km, "method": method}
    props.update(extra)
    areal = geometry.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection")
    geometry = clean(geometry) if areal else set_precision(geometry, GRID)
    return {"type": "Feature", "properties": props, "geometry": mapping(geometry)}


def write_layer(name: str, features: list[dict]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, indent=None, separators=(",", ":"))
    # one feature per line keeps diffs readable
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    (LAYERS_DIR / f"{name}.geojson").write_text(text + "\n", encoding="utf-8")


def names_of(en, az, hy, hy_latn, ru):
    return {"en": en, "az": az, "hy": hy, "hy_Latn": hy_latn, "ru": ru}


SIDE_NAMES = {
    "armenian": ("Held by Armenian and Karabakh Armenian forces", "Erməni qüvvələrinin nəzarətində",
                 "Հայկական ուժերի վերահսկողության տակ", "Held by Armenian forces",
                 "Под контролем армянских сил"),
    "azerbaijani": ("Held by Azerbaijani forces", "Azərbaycan qüvvələrinin nəzarətində",
                    "Ադրբեջանական ուժերի վերահսկողության տակ", "Held by Azerbaijani forces",
                    "Под контролем азербайджанских сил"),
}


def main() -> int:
    provinces = load_layer("provinces")
    places = {f["properties"]["id"]: shape(f["geometry"]) for f in load_layer("places")["features"]}
    district = {f["properties"]["id"]: shape(f["geometry"]) for f in provinces["features"]}
    zone = unary_union([district[d] for d in CONFLICT_DISTRICTS])
    nkao = district["prov-nkao"]
    west_1994 = west_of(LOC_1994)

    # ---------------- control ----------------
    arm_1994 = zone.intersection(west_1994)
    agdam_part = district["prov-agdam"].intersection(west_1994)
    periods = []  # (date id, valid_from, valid_to, armenian geometry, accuracy, method, basis, excerpts, sources)
    nk_1992 = unary_union([nkao.intersection(west_1994), district["prov-lachin"]])
    periods.append(("1992-05-18", "1992-05", "1993-04", nk_1992, 15,
                    "former NKAO outline (prov-nkao) west of the 1994 line, plus Lachin district; the front "
                    "lines inside the NKAO moved through 1992-93 and are not resolved here",
                    "Lachin taken in May 1992, days after Shusha (OSCE Insights 2020).",
                    ["osce-insights-2020-01"], []))
    nk_1993 = unary_union([nk_1992, district["prov-kalbajar"]])
    periods.append(("1993-04-03", "1993-04", "1993-07-23", nk_1993, 15,
                    "the 1992 area plus Kalbajar district",
                    "Kalbajar captured in a March-April 1993 operation (OSCE Insights 2020); UNSC resolution "
                    "822 of 30 April 1993.", ["osce-insights-2020-02"], ["unsc-resolutions-1993"]))
    nk_1993b = unary_union([nk_1993, agdam_part])
    periods.append(("1993-07-23", "1993-07-23", "1993-08-31", nk_1993b, 15,
                    "the April 1993 area plus Agdam district west of the 1994 line",
                    "Agdam captured in summer 1993 (OSCE Insights 2020); UNSC resolution 853 of 29 July 1993.",
                    ["osce-insights-2020-04"], ["unsc-resolutions-1993"]))
    periods.append(("1993-08-31", "1993-08-31", "1994-05-12", arm_1994, 8,
                    "the conflict districts west of the 1994 line (LOC_1994)",
                    "Qubadli, Zangilan and Jabrayil and parts of Fuzuli captured in summer 1993 (OSCE Insights "
                    "2020); Zangilan's capture is dated October-November 1993 by UNSC resolution 884.",
                    ["osce-insights-2020-03", "osce-insights-2020-04"], ["unsc-resolutions-1993"]))
    periods.append(("1994-05-12", "1994-05-12", "2020-09-27", arm_1994, 5,
                    "the conflict districts west of the 1994 line of contact (LOC_1994)",
                    "The 1994 ceasefire (OSCE Insights 2020) took effect on 12 May 1994; the renewed fighting "
                    "began on 27 September 2020.", ["osce-insights-2020-05", "osce-insights-2020-06"], []))
    periods.append(("2020-09-27", "2020-09-27", "2020-10-04", arm_1994, 8,
                    "the 1994 extent on the first day of the 2020 war",
                    "Fighting renewed on 27 September 2020 (OSCE Insights 2020).", ["osce-insights-2020-06"], []))
    for day, nxt in (("2020-10-04", "2020-10-17"), ("2020-10-17", "2020-10-20"), ("2020-10-20", "2020-10-25")):
        gains = unary_union([Polygon(p) for p in WAR_GAINS[day]])
        periods.append((day, f"{day}~", nxt, arm_1994.difference(gains), 10,
                        "the 1994 extent minus the coarse polygons of Azerbaijani gains (WAR_GAINS)",
                        "Date of the Azerbaijani announcement of the capture of a district centre, as reported "
                        "at the time (reports-2020-war); approximate.", [], ["reports-2020-war"]))
    south_zone = unary_union([district[d] for d in ("prov-jabrayil", "prov-fuzuli", "prov-zangilan",
                                                    "prov-qubadli")])
    gains_1025 = unary_union([Polygon(p) for p in WAR_GAINS["2020-10-20"]] + [south_zone])
    arm_1025 = arm_1994.difference(gains_1025)
    periods.append(("2020-10-25", "2020-10-25", "2020-11-08", arm_1025, 10,
                    "the 1994 extent minus Jabrayil, Fuzuli, Zangilan and Qubadli districts and the Hadrut and "
                    "Sugovushan areas", "Qubadli announced taken on 25 October 2020 (reports-2020-war).",
                    [], ["reports-2020-war"]))
    remainder = nkao.intersection(west_1994).difference(district["prov-shusha"]) \
        .difference(Polygon(SOUTH_OF_REMAINDER)).difference(Polygon(NORTH_OF_REMAINDER))
    # Natural Earth's Agdam district reaches south between Khojaly and Khojavend (the
    # Askeran-Martuni road); that tongue stayed on the Armenian-held side after 2020.
    agdam_tongue = district["prov-agdam"].intersection(west_1994).intersection(Polygon(AGDAM_TONGUE))
    remainder = unary_union([remainder, district["prov-khankendi"], agdam_tongue])
    outside_nk = unary_union([district["prov-kalbajar"], district["prov-lachin"], agdam_part]) \
        .difference(south_zone).difference(remainder)
    agdam_rest = agdam_part.difference(remainder)
    kalbajar_rest = district["prov-kalbajar"].difference(remainder)
    arm_1108 = unary_union([remainder, outside_nk])
    periods.append(("2020-11-08", "2020-11-08", "2020-11-10", arm_1108, 8,
                    "the area left to Armenian forces when Shusha fell: the reduced Nagorno-Karabakh area "
                    "(north of Hadrut, without Shusha district) with Kalbajar, Lachin and western Agdam",
                    "Shusha recaptured on 7 November per OSCE Insights 2020; announced by Azerbaijan on "
                    "8 November.", ["osce-insights-2020-07"], ["reports-2020-war"]))
    steps = [("2020-11-10", "2020-11-10", "2020-11-20", arm_1108,
              "The trilateral statement's ceasefire from 10 November 2020.", ["osce-insights-2020-08"]),
             ("2020-11-20", "2020-11-20", "2020-11-25", arm_1108.difference(agdam_rest),
              "Agdam district returned by 20 November 2020 (trilateral statement, article 6).", []),
             ("2020-11-25", "2020-11-25", "2020-12-01",
              arm_1108.difference(agdam_rest).difference(kalbajar_rest),
              "Kalbajar district returned on 25 November 2020 (the statement's 15 November, extended).", []),
             ("2020-12-01", "2020-12-01", "2023-09-20", remainder,
              "Lachin district returned by 1 December 2020 (trilateral statement); the arrangement ended "
              "with the Azerbaijani operation of 19-20 September 2023.", [])]
    for day, vf, vt, geom, basis, excerpts in steps:
        periods.append((day, vf, vt, geom, 8,
                        "the reduced Nagorno-Karabakh area (prov-nkao west of the 1994 line, without Shusha "
                        "district, the Hadrut area and the Talish-Sugovushan area) and what had not yet been "
                        "returned", basis, excerpts, ["trilateral-statement-2020"]))
    control = []
    for day, vf, vt, arm, accuracy, how, basis, excerpts, sources in periods:
        arm = arm.intersection(zone)
        aze = zone.difference(arm)
        for side, geom in (("armenian", arm), ("azerbaijani", aze)):
            en, az, hy, hy_latn, ru = SIDE_NAMES[side]
            control.append(feature(
                f"ctrl-{day}-{side}", "held_area", f"{en} ({day})", names_of(en, az, hy, hy_latn, ru), geom,
                vf, vt, accuracy,
                f"Hand-drawn: {how}. Areas are the conflict districts (Natural Earth) cut by hand-drawn lines "
                f"in scripts/build_drawn_layers.py.",
                held_by=side, date_basis=basis, evidence_excerpt_ids=excerpts,
                source_ids=sources + ["natural-earth-admin1"]))
    en, az, hy, hy_latn, ru = SIDE_NAMES["azerbaijani"]
    control.append(feature(
        "ctrl-2023-09-20-azerbaijani", "held_area", f"{en} (from 2023-09-20)", names_of(en, az, hy, hy_latn, ru),
        zone, "2023-09-20", None, 1,
        "The conflict districts (Natural Earth): no ground held by Armenian forces after 20 September 2023.",
        held_by="azerbaijani", date_basis="The Azerbaijani operation of 19-20 September 2023 (reports-2022-2024).",
        evidence_excerpt_ids=[], source_ids=["reports-2022-2024", "natural-earth-admin1"]))
    write_layer("control", control)

    # ---------------- line of contact ----------------
    loc_1994 = LineString(LOC_1994).intersection(zone.buffer(0.05))
    loc_2020 = remainder.boundary
    write_layer("line_of_contact", [
        feature("loc-1994", "ceasefire_line_1994", "Line of contact (1994 ceasefire)",
                names_of("Line of contact (1994 ceasefire)", "Təmas xətti (1994)", "Շփման գիծ (1994)",
                         "Line of contact (1994)", "Линия соприкосновения (1994)"),
                loc_1994, "1994-05-12", "2020-09-27", 5,
                "Hand-drawn polyline LOC_1994 in scripts/build_drawn_layers.py, from general knowledge of "
                "published maps of the 1994-2020 line: east of Martakert and Agdam, west of Horadiz.",
                date_basis="The 1994 ceasefire took effect on 12 May 1994; fighting renewed on 27 September 2020.",
                source_ids=[]),
        feature("loc-2020", "contact_line_2020", "Line of contact after the 10 November 2020 statement",
                names_of("Line of contact (2020)", "Təmas xətti (2020)", "Շփման գիծ (2020)",
                         "Line of contact (2020)", "Линия соприкосновения (2020)"),
                loc_2020, "2020-11-10", "2023-09-20", 5,
                "The outline of the area left under Armenian control after the 2020 war (control layer, "
                "ctrl-2020-12-01-armenian): hand-drawn cuts of the former NKAO outline.",
                date_basis="From the 10 November 2020 statement to the Azerbaijani operation of 19-20 "
                           "September 2023.", source_ids=["trilateral-statement-2020", "reports-2022-2024"]),
    ])

    # ---------------- corridors ----------------
    corridors = [
        feature("cor-lachin-2020", "lachin_corridor", "Lachin corridor (via Lachin town)",
                names_of("Lachin corridor (via Lachin)", "Laçın dəhlizi (Laçın şəhəri ilə)",
                         "Լաչինի միջանցք (Բերձորով)", "Lachin corridor (via Berdzor)", "Лачинский коридор (через Лачин)"),
                LineString(LACHIN_ROUTE_2020), "2020-11-10", "2022-08-26", 3,
                "Hand-drawn along the Stepanakert-Lachin-Goris road (LACHIN_ROUTE_2020) from general knowledge; "
                "the statement made the corridor 5 km wide.",
                status_history=[{"from": "2020-11-10", "status": "open", "label": "Open, under the Russian "
                                 "peacekeepers (article 6 of the trilateral statement)",
                                 "source_ids": ["trilateral-statement-2020"], "excerpt_ids": ["osce-insights-2020-08"]}],
                source_ids=["trilateral-statement-2020", "reports-2022-2024"]),
        feature("cor-lachin-2022", "lachin_corridor", "Lachin corridor (new route bypassing Lachin)",
                names_of("Lachin corridor (new route)", "Laçın yolu (yeni marşrut)", "Լաչինի միջանցք (նոր երթուղի)",
                         "Lachin corridor (new route)", "Лачинский коридор (новый маршрут)"),
                LineString(LACHIN_ROUTE_2022), "2022-08-26", "2023-10", 4,
                "Hand-drawn south of Lachin town to the border near Tegh (LACHIN_ROUTE_2022), from general "
                "knowledge; approximate.",
                date_basis="The new road became fully operational on 25 August 2022 (pashayeva-2023-09); Lachin "
                           "town was handed over on 26 August 2022 and traffic moved to the new road in the "
                           "following days (reports-2022-2024). Used until the departure of the Karabakh "
                           "Armenians at the end of September 2023.",
                evidence_excerpt_ids=["pashayeva-2023-09"],
                status_history=[
                    {"from": "2022-08-26", "status": "open", "label": "Open: the new road replaces the route "
                     "through Lachin town", "source_ids": ["reports-2022-2024"],
                     "excerpt_ids": ["pashayeva-2023-08", "pashayeva-2023-09"]},
                    {"from": "2022-12-12", "status": "blocked", "label": "Protest camp on the road from "
                     "12 December 2022: called a blockade in Armenian and most international reporting; "
                     "described by the Azerbaijani source here as a peaceful environmental protest through "
                     "which humanitarian traffic passed", "source_ids": ["reports-2022-2024"],
                     "excerpt_ids": ["pashayeva-2023-10", "pashayeva-2023-13"]},
                    {"from": "2023-04-23", "status": "checkpoint", "label": "Azerbaijani checkpoint at the "
                     "Hakari bridge from 23 April 2023", "source_ids": ["reports-2022-2024"], "excerpt_ids": []},
                    {"from": "2023-09-24", "status": "exodus", "label": "Used by the departing Karabakh "
                     "Armenian population, late September 2023", "source_ids": ["reports-2022-2024"],
                     "excerpt_ids": []}],
                source_ids=["reports-2022-2024"]),
        feature("cor-nakhchivan-link", "nakhchivan_link", "Proposed Nakhchivan link through Meghri",
                {"en": "Proposed Nakhchivan link (Meghri route)", "az": "Zəngəzur dəhlizi",
                 "hy": "Մեղրիով անցնող ճանապարհ (առաջարկվող)", "hy_Latn": "Proposed route through Meghri",
                 "ru": "Зангезурский коридор (предлагаемый)",
                 "alt": ["Zangezur corridor", "Syunik route", "article 9 link"]},
                LineString(NAKHCHIVAN_LINK), "2020-11-10", None, 5,
                "Schematic: hand-drawn along the Araks valley (NAKHCHIVAN_LINK); no route has been agreed.",
                status="proposed",
                status_history=[{"from": "2020-11-10", "status": "proposed", "label": "Transport links "
                                 "between mainland Azerbaijan and Nakhchivan, article 9 of the trilateral statement",
                                 "source_ids": ["trilateral-statement-2020"], "excerpt_ids": ["osce-insights-2020-09"]}],
                source_ids=["trilateral-statement-2020"]),
        feature("cor-nakhchivan-railway", "railway", "Soviet-era railway along the Araks (Horadiz-Meghri-Julfa)",
                names_of("Horadiz-Meghri-Julfa railway", "Horadiz-Mehri-Culfa dəmir yolu",
                         "Հորադիզ-Մեղրի-Ջուլֆա երկաթուղի", "Horadiz-Meghri-Julfa railway",
                         "Железная дорога Горадиз-Мегри-Джульфа"),
                LineString(NAKHCHIVAN_RAILWAY), None, None, 5,
                "Schematic: hand-drawn along the Araks valley (NAKHCHIVAN_RAILWAY), from general knowledge of "
                "the Soviet-era line; not surveyed.",
                status_history=[{"from": "1992", "status": "closed", "label": "Out of use since the early "
                                 "1990s war", "source_ids": [], "excerpt_ids": []},
                                {"from": "2020-11-10", "status": "proposed", "label": "Revival proposed under "
                                 "article 9 of the trilateral statement", "source_ids": ["trilateral-statement-2020"],
                                 "excerpt_ids": []}],
                source_ids=["trilateral-statement-2020"]),
        feature("cor-iran-route", "route_through_iran", "Route to Nakhchivan through Iran",
                names_of("Route to Nakhchivan through Iran", "İran ərazisindən Naxçıvana yol",
                         "Իրանով դեպի Նախիջևան ճանապարհ", "Route to Nakhchivan through Iran",
                         "Путь в Нахичевань через Иран"),
                LineString(IRAN_ROUTE), "1992", None, 8,
                "Schematic: hand-drawn along the Iranian bank of the Araks (IRAN_ROUTE); the crossing points "
                "used have varied.",
                date_basis="'For decades' (sept13-essay-2022); the Armenian routes closed in the early 1990s.",
                evidence_excerpt_ids=["sept13-essay-2022-11"], source_ids=[]),
    ]
    write_layer("corridors", corridors)

    # ---------------- peacekeeping ----------------
    corridor_2020 = LineString(LACHIN_ROUTE_2020).buffer(0.03)  # about 2.5 km each side
    corridor_2022 = LineString(LACHIN_ROUTE_2022).buffer(0.03)
    shusha_town = places["place-shusha-shushi"].buffer(0.025)
    zone_2020 = unary_union([remainder, corridor_2020]).difference(shusha_town)
    zone_2022 = unary_union([remainder, corridor_2022]).difference(shusha_town)
    armenia = unary_union([district[d] for d in ("prov-syunik", "prov-vayots-dzor", "prov-gegharkunik",
                                                 "prov-tavush")])
    azerbaijan = unary_union([district[d] for d in CONFLICT_DISTRICTS + ["prov-nakhchivan"]])
    border = armenia.boundary.intersection(azerbaijan.buffer(0.01))
    eu_zone = armenia.intersection(border.buffer(0.12))
    pk_names = names_of("Russian peacekeeping zone", "Rusiya sülhməramlılarının məsuliyyət zonası",
                        "Ռուս խաղաղապահների պատասխանատվության գոտի", "Russian peacekeeping zone",
                        "Зона ответственности российских миротворцев")
    peacekeeping = [
        feature("pk-russian-zone", "russian_peacekeeping_zone", "Russian peacekeeping zone (2020-2022)",
                pk_names, zone_2020, "2020-11-10", "2022-08-26", 5,
                "The Armenian-held area of ctrl-2020-12-01-armenian plus a 5 km corridor along the 2020 Lachin "
                "route, less Shusha town; hand-drawn, approximate.",
                date_basis="Deployed under the 10 November 2020 statement (osce-insights-2020-08); the corridor "
                           "part moved with the new Lachin road in late August 2022.",
                evidence_excerpt_ids=["osce-insights-2020-08", "osce-insights-2020-20"],
                source_ids=["trilateral-statement-2020"]),
        feature("pk-russian-zone-2022", "russian_peacekeeping_zone", "Russian peacekeeping zone (2022-2024)",
                pk_names, zone_2022, "2022-08-26", "2024-06", 5,
                "As pk-russian-zone with the corridor along the new Lachin route; the zone lasted until the "
                "withdrawal of the peacekeepers (April-June 2024).",
                source_ids=["reports-2022-2024"]),
        feature("pk-monitoring-centre", "monitoring_centre", "Russian-Turkish joint monitoring centre",
                names_of("Russian-Turkish monitoring centre", "Rusiya-Türkiyə Birgə Monitorinq Mərkəzi",
                         "Ռուս-թուրքական մոնիտորինգի կենտրոն", "Russian-Turkish monitoring centre",
                         "Российско-турецкий мониторинговый центр"),
                Point(MONITORING_CENTRE), "2021-01-30", "2024-04", 3,
                "Hand-placed near Qiyasli, Agdam district, from general knowledge.",
                source_ids=["reports-2022-2024"]),
        feature("pk-eu-mcap", "eu_monitoring", "EU Monitoring Capacity to Armenia",
                names_of("EU Monitoring Capacity (EUMCAP)", "Aİ Monitorinq Potensialı", "ԵՄ դիտորդական առաքելություն",
                         "EU Monitoring Capacity", "Мониторинговый потенциал ЕС"),
                eu_zone, "2022-10-20", "2022-12-19", 10,
                "Schematic: Armenia's provinces within about 12 km of the border with Azerbaijan "
                "(Natural Earth); the mission patrolled Armenia's side only.",
                date_basis="Agreed in Prague on 6 October 2022, active from October to 19 December 2022 "
                           "(pashayeva-2023-05); deployed on 20 October 2022 (reports-2022-2024).",
                evidence_excerpt_ids=["pashayeva-2023-05"],
                source_ids=["reports-2022-2024"]),
        feature("pk-euma", "eu_monitoring", "EU Mission in Armenia (EUMA)",
                names_of("EU Mission in Armenia (EUMA)", "Aİ-nin Ermənistandakı missiyası", "ԵՄ առաքելություն Հայաստանում",
                         "EU Mission in Armenia", "Миссия ЕС в Армении"),
                eu_zone, "2023-02-20", None, 10,
                "Schematic: Armenia's provinces within about 12 km of the border with Azerbaijan "
                "(Natural Earth); the mission patrols Armenia's side only.",
                date_basis="Decided by the EU Council on 23 January 2023 (pashayeva-2023-17); deployed on "
                           "20 February 2023 (reports-2022-2024).",
                evidence_excerpt_ids=["pashayeva-2023-17"],
                source_ids=["reports-2022-2024"]),
        feature("pk-osce-monitoring", "osce_monitoring", "OSCE monitoring of the line of contact",
                names_of("OSCE monitoring of the line of contact", "ATƏT-in təmas xəttində monitorinqi",
                         "ԵԱՀԿ մշտադիտարկում շփման գծում", "OSCE monitoring", "Мониторинг ОБСЕ на линии соприкосновения"),
                loc_1994, "1996", "2020-09-27", 5,
                "The 1994 line (loc-1994): the Personal Representative's brief observation missions covered "
                "limited segments of it, by advance permission of the sides.",
                date_basis="Personal Representative appointed in 1996 (OSCE Insights 2020).", source_ids=[]),
    ]
    write_layer("peacekeeping", peacekeeping)

    # ---------------- events ----------------
    def at(place_id):
        return places[place_id]

    events = [
        ("ev-1992-05-shusha-lachin", "Armenian forces take Shusha (Shushi) and Lachin (Berdzor)", at("place-shusha-shushi"), "1992-05", "1992-06", 1),
        ("ev-1993-04-kalbajar", "Armenian forces take Kalbajar (Karvachar)", at("place-kalbajar-karvachar"), "1993-03", "1993-05", 1),
        ("ev-1993-summer-offensive", "Summer 1993 offensive: Agdam, Fuzuli, Jabrayil, Qubadli, Zangilan",
         at("place-agdam"), "1993-06", "1993-09", 1),
        ("ev-1994-05-ceasefire", "Ceasefire (Bishkek Protocol) takes effect", at("place-agdam"), "1994-05-12", "1994-05-13", 30),
        ("ev-2016-04-four-day-war", "April 2016 fighting (the four-day war)", at("place-talish"), "2016-04-02", "2016-04-06", 15),
        ("ev-2020-07-border-clashes", "Clashes on the Armenia-Azerbaijan border (Tovuz-Tavush)", Point(45.55, 40.98),
         "2020-07-12", "2020-07-17", 10),
        ("ev-2020-09-27-offensive", "Fighting resumes: the 2020 war begins", at("place-fuzuli"), "2020-09-27", "2020-09-28", 30),
        ("ev-2020-11-07-shusha", "Azerbaijani forces take Shusha (Shushi)", at("place-shusha-shushi"),
         "2020-11-07", "2020-11-09", 1),
        ("ev-2020-11-10-statement", "Trilateral statement ends the war", at("place-stepanakert-khankendi"),
         "2020-11-10", "2020-11-11", 30),
        ("ev-2021-11-16-border-clashes", "Clashes on the Armenia-Azerbaijan border in Syunik and Gegharkunik",
         Point(46.0, 39.75), "2021-11-16", "2021-11-17", 20),
        ("ev-2021-11-26-sochi-summit", "Sochi summit (Putin, Aliyev, Pashinyan)", at("place-stepanakert-khankendi"),
         "2021-11-26", "2021-11-27", 500),
        ("ev-2022-08-sarsang-inspection", "Azerbaijani inspection of the Sarsang reservoir", at("place-sarsang-reservoir"),
         "2022-08-22", "2022-08-23", 2),
        ("ev-2022-09-13-strikes", "Fighting on the Armenia-Azerbaijan border; strikes on towns in Armenia (13 September 2022)", at("place-jermuk"),
         "2022-09-13", "2022-09-15", 30),
        ("ev-2022-12-12-blockade", "Protest camp on the Lachin road begins (12 December 2022)",
         Point(46.77, 39.77), "2022-12-12", "2022-12-13", 3),
        ("ev-2023-04-23-checkpoint", "Azerbaijani checkpoint at the Hakari bridge", at("place-hakari-bridge"),
         "2023-04-23", "2023-04-24", 2),
        ("ev-2023-09-19-offensive", "Azerbaijani operation in Karabakh (19-20 September 2023)",
         at("place-stepanakert-khankendi"), "2023-09-19", "2023-09-21", 20),
    ]
    event_names = {"ev-2021-11-26-sochi-summit": "The summit was held in Sochi, Russia, outside the map; the point "
                   "marks the conflict it concerned."}
    write_layer("events", [
        feature(eid, "event", title, {"en": title}, geom, vf, vt, acc,
                "Point at the place the event is named after (places layer) or hand-placed in the area where it "
                "happened; accuracy_km is the extent of the event around the point.",
                **({"note": event_names[eid]} if eid in event_names else {}))
        for eid, title, geom, vf, vt, acc in events])

    # ---------------- control histories of the districts; reference documents ----------------
    histories = control_histories()
    for f in provinces["features"]:
        pid = f["properties"]["id"]
        if pid in histories:
            f["properties"]["control_history"] = histories[pid]
    (LAYERS_DIR / "provinces.geojson").write_text(
        json.dumps(provinces, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    registry = json.loads(PROVENANCE.read_text(encoding="utf-8")) if PROVENANCE.exists() else {}
    registry.update(REFERENCES)
    PROVENANCE.write_text(json.dumps(registry, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def control_histories() -> dict[str, list[dict]]:
    """Dates each district was taken and returned, with the excerpts and references behind them."""
    def entry(event, side, date, excerpts=(), sources=(), note=None):
        item = {"event": event, "side": side, "date": date, "excerpt_ids": list(excerpts), "source_ids": list(sources)}
        if note:
            item["note"] = note
        return item

    ret = lambda date, sources, note=None: entry("returned", "azerbaijani", date, (), sources, note)  # noqa: E731
    retaken = lambda date, note=None: entry("retaken", "azerbaijani", date, (), ["reports-2020-war"], note)  # noqa: E731
    return {
        "prov-lachin": [entry("taken", "armenian", "1992-05", ["osce-insights-2020-01"]),
                        ret("2020-12-01", ["trilateral-statement-2020"])],
        "prov-shusha": [entry("taken", "armenian", "1992-05", ["osce-insights-2020-01"],
                              note="Shusha was captured days before Lachin (OSCE Insights 2020)."),
                        entry("retaken", "azerbaijani", "2020-11-07/2020-11-08", ["osce-insights-2020-07"],
                              ["reports-2020-war"], "7 November per OSCE Insights 2020; announced on 8 November.")],
        "prov-kalbajar": [entry("taken", "armenian", "1993-03/1993-04", ["osce-insights-2020-02"], ["unsc-resolutions-1993"]),
                          ret("2020-11-25", ["trilateral-statement-2020"],
                              "The statement set 15 November 2020; the handover was extended to 25 November.")],
        "prov-agdam": [entry("taken", "armenian", "1993-07-23", ["osce-insights-2020-04"], ["unsc-resolutions-1993"],
                             "About two thirds of the district, west of the 1994 line."),
                       ret("2020-11-20", ["trilateral-statement-2020"])],
        "prov-fuzuli": [entry("taken", "armenian", "1993-08-31", ["osce-insights-2020-04"], note="Part of the district."),
                        retaken("2020-10-17")],
        "prov-jabrayil": [entry("taken", "armenian", "1993-08-31", ["osce-insights-2020-03"]), retaken("2020-10-04")],
        "prov-qubadli": [entry("taken", "armenian", "1993-08-31", ["osce-insights-2020-03"]), retaken("2020-10-25")],
        "prov-zangilan": [entry("taken", "armenian", "1993-08/1993-11", ["osce-insights-2020-03"], ["unsc-resolutions-1993"],
                                "Summer 1993 per OSCE Insights 2020; UNSC resolution 884 (12 November 1993) "
                                "condemns its occupation as recent."),
                          retaken("2020-10-20")],
        "prov-khojavend": [retaken("2020-10-09/2020-11-10",
                                   "The southern part (Hadrut) retaken in October 2020; the rest stayed under "
                                   "Armenian control until September 2023."),
                           entry("retaken", "azerbaijani", "2023-09-20", (), ["reports-2022-2024"])],
        "prov-khojaly": [entry("retaken", "azerbaijani", "2023-09-20", (), ["reports-2022-2024"],
                               "Held by Karabakh Armenian forces from the early 1990s to September 2023.")],
        "prov-khankendi": [entry("retaken", "azerbaijani", "2023-09-20", (), ["reports-2022-2024"],
                                 "Stepanakert/Khankendi, seat of the Karabakh Armenian authorities until 2023.")],
        "prov-tartar": [entry("retaken", "azerbaijani", "2023-09-20", (), ["reports-2022-2024"],
                              "The western (former Martakert/Agdara) part was held by Armenian forces until 2023; "
                              "Sugovushan/Talish retaken in October 2020.")],
    }


if __name__ == "__main__":
    if len(sys.argv) > 1:
        set_output(Path(sys.argv[1]))
    sys.exit(main())
