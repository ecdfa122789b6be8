"""How far a sentence's words reach: a capital named as a place by the words before it
("in the streets of Yerevan", "на улицах Еревана"), not as its government ("the position of
Yerevan"). Each in the languages it concerns."""
import pytest

from geo.dates import parse_date
from geo.ingest.propose import propose


def _proposals(atlas, text, published, lang="en", news=False):
    return propose(text, parse_date(published), atlas, lang=lang, news=news)


# -- a capital as a place, by a phrase before it -------------------------------------------

STREETS = {
    "en": ("On 22 April 2016 Lavrov was welcomed with protests in the streets of Yerevan.",
           "On 22 April 2016 the position of Yerevan hardened."),
    "ru": ("22 апреля 2016 года Лаврова встретили протестами на улицах Еревана.",
           "22 апреля 2016 года позиция Еревана ужесточилась."),
}


@pytest.mark.parametrize("lang", sorted(STREETS))
def test_the_streets_of_a_capital_are_the_place(atlas, lang):
    place, government = STREETS[lang]
    (p,) = _proposals(atlas, place, "2016-05-01", lang)
    assert "place-yerevan" in p.place_ids, p.evidence
    (q,) = _proposals(atlas, government, "2016-05-01", lang)
    assert "place-yerevan" not in q.place_ids, q.evidence


# -- a sentence that points back carries each of line, route and zone it does not name -------

def test_a_sentence_pointing_back_keeps_the_road_when_it_names_a_zone(atlas):
    """"It is the only road that the Russian peacekeepers ..." names the peacekeeping zone
    itself, and still speaks of the road named before it."""
    text = ("On 13 December 2022 a group describing themselves as environmental activists closed the Lachin "
            "corridor near the Shusha turn, stopping all traffic but that of the peacekeepers and the Red Cross "
            "for weeks. It is the only road that the Russian peacekeepers are there to keep open for the people "
            "who live in the region and need food and medicine from Armenia.")
    first, second = _proposals(atlas, text, "2023-01-10")
    assert second.quote.startswith("It is the only road")
    road = [f for f in first.feature_ids if atlas.by_id[f].kind == "lachin_corridor"]
    assert road and set(road) <= set(second.feature_ids), second.evidence
    assert any(atlas.by_id[f].kind.startswith("russian_peacekeeping") for f in second.feature_ids)


# -- the peacekeeping mission is the peacekeeping zone ----------------------------------------

MISSION = {
    "en": "In March 2021 the peacekeeping mission's patrols reached Hadrut.",
    "ru": "В марте 2021 года патрули миротворческой миссии дошли до Гадрута.",
    "az": "2021-ci ilin martında sülhməramlı missiyanın patrulları Hadruta çatdı.",
    "hy": "2021 թվականի մարտին խաղաղապահ առաքելության պարեկները հասան Հադրութ։",
}


@pytest.mark.parametrize("lang", sorted(MISSION))
def test_the_peacekeeping_mission_names_the_zone_of_its_day(atlas, lang):
    (p,) = _proposals(atlas, MISSION[lang], "2021-05-01", lang)
    zones = [f for f in p.feature_ids if atlas.by_id[f].kind == "russian_peacekeeping_zone"]
    assert zones and all(atlas.by_id[f].is_valid_on(parse_date("2021-03-15").first) for f in zones), p.evidence


# -- routes in every language: through Iran, the railway ------------------------------------

THROUGH_IRAN = {
    "en": "Since 1992 the land route to Nakhchivan has run through Iran.",
    "ru": "С 1992 года сухопутная дорога в Нахичевань идёт через территорию Ирана.",
    "az": "1992-ci ildən bəri Naxçıvana gedən quru yolu İran ərazisindən keçir.",
    "hy": "1992 թվականից Նախիջևան տանող ցամաքային ճանապարհն անցնում է Իրանի տարածքով։",
}
RAILWAY = {
    "en": "In February 2021 Azerbaijan began to rebuild the railway along the Araks.",
    "ru": "В феврале 2021 года Азербайджан начал восстанавливать железную дорогу вдоль Аракса.",
    "az": "2021-ci ilin fevralında Azərbaycan Araz boyunca dəmir yolunu bərpa etməyə başladı.",
    "hy": "2021 թվականի փետրվարին Ադրբեջանը սկսեց վերականգնել Արաքսի երկայնքով երկաթուղին։",
}


@pytest.mark.parametrize("lang", sorted(THROUGH_IRAN))
def test_the_route_through_iran_is_named_in_every_language(atlas, lang):
    (p,) = _proposals(atlas, THROUGH_IRAN[lang], "2023-10-10", lang)
    assert any(atlas.by_id[f].kind == "route_through_iran" for f in p.feature_ids), p.evidence


@pytest.mark.parametrize("lang", sorted(RAILWAY))
def test_the_railway_is_named_in_every_language(atlas, lang):
    (p,) = _proposals(atlas, RAILWAY[lang], "2021-03-01", lang)
    assert any(atlas.by_id[f].kind == "railway" for f in p.feature_ids), p.evidence


# -- a wire dateline with a country; the road named from either end -------------------------

def test_a_wire_dateline_with_a_country_is_the_filing_place_not_the_news(atlas):
    text = ("GORIS, Armenia, Jan 20 (Reuters) - The road linking Karabakh with Armenia has now been closed "
            "to ordinary traffic for more than five weeks.")
    (p,) = _proposals(atlas, text, "2023-01-20")
    assert p.quote.startswith("The road linking"), p.quote
    assert "place-goris" not in p.place_ids
    assert p.date.startswith("2023-01-20") or p.date.endswith("2023-01-20")
    assert any(atlas.by_id[f].kind == "lachin_corridor" for f in p.feature_ids), p.evidence



# -- a word of events is no inflected name ----------------------------------------------------

def test_battles_are_not_martuni_but_martuni_is(atlas):
    """"մարտերը" (the battles) shares its stem with Մարտունի; only the town's own forms name it."""
    battles = "2022 թվականի սեպտեմբերի 14-ին մարտերը սահմանի մի քանի հատվածներում շարունակվեցին։"
    town = "2020 թվականի սեպտեմբերի 27-ին հրետակոծության ենթարկվեցին Ստեփանակերտը և Մարտունին։"
    (p,) = propose(battles, parse_date("2022-09-15"), atlas, lang="hy")
    assert "place-khojavend-martuni" not in p.place_ids, p.evidence
    (q,) = propose(town, parse_date("2020-09-28"), atlas, lang="hy")
    assert "place-khojavend-martuni" in q.place_ids, q.evidence


# -- a possessive opener points back: "Its observers ..." ----------------------------------------

ITS = {
    "en": ("YEREVAN, Feb 21 (Reuters) - The EU civilian mission in Armenia officially began its work yesterday. "
           "Its observers will patrol the Armenian side of the border, including Syunik Province."),
    "ru": ("Ереван, 21 февраля — Гражданская миссия Евросоюза в Армении вчера официально начала работу. "
           "Её наблюдатели будут патрулировать армянскую сторону границы, в том числе в Сюникской области."),
}


@pytest.mark.parametrize("lang", sorted(ITS))
def test_a_possessive_opener_carries_the_zone_before_it(atlas, lang):
    first, second = _proposals(atlas, ITS[lang], "2023-02-21", lang)
    assert "pk-euma" in first.feature_ids, first.evidence
    assert "pk-euma" in second.feature_ids and "prov-syunik" in second.feature_ids, second.evidence


# -- a route named by two places on its way, with a word of roads or traffic --------------------

ENDS = {
    "en": "On 15 June 2023 all traffic between Stepanakert and Goris stopped.",
    "ru": "15 июня 2023 года движение между Степанакертом и Горисом прекратилось.",
    "az": "2023-cü il iyunun 15-də Xankəndi ilə Gorus arasında hərəkət dayandı.",
    "hy": "2023 թվականի հունիսի 15-ին Ստեփանակերտի և Գորիսի միջև երթևեկությունը դադարեց։",
}


@pytest.mark.parametrize("lang", sorted(ENDS))
def test_a_route_named_by_the_places_on_its_way(atlas, lang):
    (p,) = _proposals(atlas, ENDS[lang], "2023-06-20", lang)
    assert "cor-lachin-2022" in p.feature_ids and "cor-lachin-2020" not in p.feature_ids, p.evidence


LANDS = {
    "en": "On 10 November 2020 Russian peacekeepers began to oversee transport between Nagorno-Karabakh and Armenia.",
    "ru": "С 10 ноября 2020 года российские миротворцы контролируют сообщение между Карабахом и Арменией.",
    "az": "2020-ci il noyabrın 10-dan Rusiya sülhməramlıları Qarabağ ilə Ermənistan arasında nəqliyyata nəzarət edir.",
    "hy": "2020 թվականի նոյեմբերի 10-ից ռուս խաղաղապահները վերահսկում են Արցախի և Հայաստանի միջև երթևեկությունը։",
}


@pytest.mark.parametrize("lang", sorted(LANDS))
def test_a_route_named_by_the_lands_at_its_ends(atlas, lang):
    (p,) = _proposals(atlas, LANDS[lang], "2020-12-01", lang)
    assert "cor-lachin-2020" in p.feature_ids, p.evidence


def test_the_lands_without_a_word_of_roads_name_no_route(atlas):
    (p,) = _proposals(atlas, "On 10 November 2020 Armenia lost the war in Karabakh.", "2020-12-01")
    assert not any(atlas.by_id[f].kind == "lachin_corridor" for f in p.feature_ids), p.evidence


def test_two_places_without_a_word_of_roads_name_no_route(atlas):
    (p,) = _proposals(atlas, "On 15 June 2023 the mayors of Stepanakert and Goris met.", "2023-06-20")
    assert not any(atlas.by_id[f].kind == "lachin_corridor" for f in p.feature_ids), p.evidence


CIVILIAN = {
    "en": "YEREVAN, Feb 20 (AFP) - The European Union's new civilian mission in Armenia began its work on Monday.",
    "ru": "Ереван, 20 февраля — Новая гражданская миссия Евросоюза в Армении в понедельник начала работу.",
}


@pytest.mark.parametrize("lang", sorted(CIVILIAN))
def test_the_eus_civilian_mission_is_the_mission_of_its_day(atlas, lang):
    (p,) = _proposals(atlas, CIVILIAN[lang], "2023-02-20", lang)
    assert "pk-euma" in p.feature_ids and "pk-eu-mcap" not in p.feature_ids, p.evidence


# -- an observation mission is the monitoring of its day ------------------------------------------

OBSERVATION = {
    "en": ("In April 2016 the observation mission on the line of contact was cut short.",
           "In February 2023 the observation mission opened offices in Goris."),
    "ru": ("В апреле 2016 года наблюдательная миссия на линии соприкосновения была прервана.",
           "В феврале 2023 года наблюдательная миссия открыла офисы в Горисе."),
    "az": ("2016-cı ilin aprelində təmas xəttində müşahidə missiyası dayandırıldı.",
           "2023-cü ilin fevralında müşahidə missiyası Gorusda ofis açdı."),
    "hy": ("2016 թվականի ապրիլին շփման գծում դիտորդական առաքելությունը ընդհատվեց։",
           "2023 թվականի փետրվարին դիտորդական առաքելությունը գրասենյակ բացեց Գորիսում։"),
}


@pytest.mark.parametrize("lang", sorted(OBSERVATION))
def test_an_observation_mission_is_the_monitoring_of_its_day(atlas, lang):
    osce, eu = OBSERVATION[lang]
    (p,) = _proposals(atlas, osce, "2016-05-01", lang)
    assert "pk-osce-monitoring" in p.feature_ids, p.evidence
    (q,) = _proposals(atlas, eu, "2023-03-01", lang)
    assert "pk-euma" in q.feature_ids and "pk-osce-monitoring" not in q.feature_ids, q.evidence


# -- a phrase of a kind not shown that day still names what it names ------------------------------

def test_a_route_phrase_before_its_route_names_its_place(atlas):
    """"a road to Nakhchivan" in 1999, before the Nakhchivan link of 2020, names Nakhchivan;
    in 2021 it is the link."""
    (p,) = _proposals(atlas, "In October 1999 Azerbaijan was offered only a road to Nakhchivan.", "2000-01-01")
    assert "prov-nakhchivan" in p.feature_ids and "cor-nakhchivan-link" not in p.feature_ids, p.evidence
    (q,) = _proposals(atlas, "In October 2021 Azerbaijan was offered only a road to Nakhchivan.", "2022-01-01")
    assert "cor-nakhchivan-link" in q.feature_ids, q.evidence


# -- the places a route's name names: its ends and its way, not the place it is named after ----

NAMED_BY_ENDS = {
    "en": "Since 12 December 2022 the protests have been under way on the Lachin-Khankendi road.",
    "az": "Dekabrın 12-dən Laçın-Xankəndi yolunda aksiya davam edir.",
    "hy": "Դեկտեմբերի 12-ից Ստեփանակերտ-Գորիս ճանապարհով երթևեկությունը դադարեցված է։",
}
TOWNS_AT_ENDS = {"en": {"place-lachin-berdzor", "place-stepanakert-khankendi"},
        "az": {"place-lachin-berdzor", "place-stepanakert-khankendi"},
        "hy": {"place-stepanakert-khankendi", "place-goris"}}


@pytest.mark.parametrize("lang", sorted(NAMED_BY_ENDS))
def test_a_route_named_by_its_ends_names_the_two_towns(atlas, lang):
    (p,) = _proposals(atlas, NAMED_BY_ENDS[lang], "2023-01-10", lang)
    assert "cor-lachin-2022" in p.feature_ids, p.evidence
    assert TOWNS_AT_ENDS[lang] <= set(p.place_ids), p.evidence
    assert "prov-lachin" not in p.feature_ids  # a road runs between towns, not districts


def test_a_road_bypassing_a_town_names_the_town(atlas):
    (p,) = _proposals(atlas, "In August 2022 a new road bypassing Lachin opened.", "2023-01-10")
    assert "place-lachin-berdzor" in p.place_ids, p.evidence


@pytest.mark.parametrize("lang, text", [
    ("en", "Since 12 December 2022 traffic on the Lachin corridor has stopped."),
    ("ru", "С 12 декабря 2022 года движение по Лачинскому коридору прекращено."),
])
def test_the_place_a_route_is_named_after_is_not_named(atlas, lang, text):
    (p,) = _proposals(atlas, text, "2023-01-10", lang)
    assert "cor-lachin-2022" in p.feature_ids, p.evidence
    assert "place-lachin-berdzor" not in p.place_ids and "prov-lachin" not in p.feature_ids, p.evidence


# -- a mission named before it deploys ---------------------------------------------------------

BEFORE_DEPLOYMENT = {
    "en": ("On 23 January 2023 the EU Council decided to deploy a new EU civilian mission in Armenia.", "pk-euma"),
    "ru": ("6 октября 2022 года в Праге договорились о гражданской миссии ЕС вдоль границы.", "pk-eu-mcap"),
}


@pytest.mark.parametrize("lang", sorted(BEFORE_DEPLOYMENT))
def test_a_mission_named_weeks_before_it_deploys_is_that_mission(atlas, lang):
    text, mission = BEFORE_DEPLOYMENT[lang]
    (p,) = _proposals(atlas, text, "2023-03-01", lang)
    assert mission in p.feature_ids, p.evidence
    (why,) = [e["why"] for e in p.evidence["links"] if mission in e["ids"]]
    assert why["code"] == "before_deployment"


def test_a_mission_named_months_before_any_deployment_links_none(atlas):
    # the first EU mission began on 20 October 2022: on 1 June 2022, 141 days before, a civilian
    # mission spoken of is no mission the atlas shows
    (p,) = _proposals(atlas, "On 1 June 2022 an EU civilian mission was proposed.", "2023-03-01")
    assert "pk-euma" not in p.feature_ids and "pk-eu-mcap" not in p.feature_ids, p.evidence


def test_a_peoples_adjective_is_no_similar_place_name(atlas):
    # "Iranian" is one letter from Ivanyan (Khojaly)
    (p,) = _proposals(atlas, "In 1999 a land swap along the Iranian border was discussed.", "2020-12-01")
    assert "place-khojaly-ivanyan" not in p.place_ids, p.evidence


# -- the oblast; a capital listed after a place that is located; towns of a list ----------------

OBLAST = {
    "en": "In February 1988 rallies demanded the transfer of the oblast to Soviet Armenia.",
    "ru": "В феврале 1988 года митинги требовали передать автономную область Армении.",
    "az": "1988-ci ilin fevralında mitinqlər muxtar vilayətin Ermənistana verilməsini tələb edirdi.",
    "hy": "1988 թվականի փետրվարին հանրահավաքները պահանջում էին ինքնավար մարզը միացնել Հայաստանին։",
}


@pytest.mark.parametrize("lang", sorted(OBLAST))
def test_the_oblast_is_the_autonomous_oblast(atlas, lang):
    (p,) = _proposals(atlas, OBLAST[lang], "2018-02-22", lang)
    assert "prov-nkao" in p.feature_ids, p.evidence


def test_a_capital_listed_after_a_located_place_is_a_place(atlas):
    text = "In February 1988 rallies filled the central squares of Stepanakert and Yerevan."
    (p,) = _proposals(atlas, text, "2018-02-22")
    assert {"place-stepanakert-khankendi", "place-yerevan"} <= set(p.place_ids), p.evidence
    (q,) = _proposals(atlas, "In February 1988 Stepanakert and Yerevan demanded a transfer.", "2018-02-22")
    assert "place-yerevan" not in q.place_ids, q.evidence  # the government, not the place


def test_the_towns_of_a_list_are_towns(atlas):
    (p,) = _proposals(atlas, "The towns of Fuzuli and Jabrayil were taken on 23 August 1993.", "1993-09-01")
    assert {"place-fuzuli", "place-jabrayil"} <= set(p.place_ids), p.evidence
    assert not {"prov-fuzuli", "prov-jabrayil"} & set(p.feature_ids), p.evidence


# -- the ceasefire that set a line of contact --------------------------------------------------

CEASEFIRE = {
    "en": ("In April 2016 Azerbaijan revoked its signature from the 1994 ceasefire agreement.", "loc-1994"),
    "ru": ("9 ноября 2020 года Алиев принял российский план прекращения огня.", "loc-2020"),
    "az": ("2020-ci il noyabrın 9-da Əliyev Rusiyanın atəşkəs planını qəbul etdi.", "loc-2020"),
    "hy": ("1994 թվականի մայիսին կողմերը ստորագրեցին հրադադարի համաձայնագիրը։", "loc-1994"),
}


@pytest.mark.parametrize("lang", sorted(CEASEFIRE))
def test_the_ceasefire_that_set_a_line_speaks_of_that_line(atlas, lang):
    text, line = CEASEFIRE[lang]
    (p,) = _proposals(atlas, text, "2021-01-01", lang)
    assert line in p.feature_ids, p.evidence
    (why,) = [e["why"] for e in p.evidence["links"] if line in e["ids"]]
    assert why["code"] == "ceasefire_line"


@pytest.mark.parametrize("text", [
    "On 10 October 2020 a humanitarian ceasefire was agreed in Moscow.",  # a month before the line
    "On 6 November 2020 there was no ceasefire in sight.",  # four days before: beyond the lead
    "In 2016 the ceasefire was broken again.",  # no ceasefire of 2016 set a line
])
def test_a_ceasefire_of_another_time_sets_no_line(atlas, text):
    (p,) = _proposals(atlas, text, "2021-01-01")
    assert not any(e.get("why", {}).get("code") == "ceasefire_line" for e in p.evidence["links"]), p.evidence


@pytest.mark.parametrize("lang, text", [
    ("en", "On 30 January 2021 the joint ceasefire monitoring centre began work in Agdam district."),
    ("ru", "30 января 2021 года совместный российско-турецкий центр начал работу в Агдамском районе."),
    ("az", "2021-ci il yanvarın 30-da Rusiya-Türkiyə mərkəzi Ağdam rayonunda fəaliyyətə başladı."),
    ("hy", "2021 թվականի հունվարի 30-ին ռուս-թուրքական կենտրոնը սկսեց աշխատել Աղդամի շրջանում։"),
])
def test_the_monitoring_centre_by_its_phrases(atlas, lang, text):
    (p,) = _proposals(atlas, text, "2021-02-01", lang)
    assert "pk-monitoring-centre" in p.feature_ids, p.evidence


# -- the route through Iran: through, not into -------------------------------------------------

@pytest.mark.parametrize("lang, through, into", [
    ("en", "In 2021 trucks reached Nakhchivan through Iranian territory.",
     "In October 1993 thousands crossed the river into Iranian territory."),
    ("az", "2021-ci ildə yük maşınları Naxçıvana İran ərazisindən çatdı.",
     "1993-cü ilin oktyabrında sakinlər Araz çayını keçib İran ərazisinə getdi."),
    ("hy", "2021 թվականին բեռնատարները Նախիջևան հասան Իրանով։",
     "1993 թվականի հոկտեմբերին բնակիչները հեռացան Իրանից։"),
])
def test_the_route_through_iran_is_through_it_not_into_it(atlas, lang, through, into):
    (p,) = _proposals(atlas, through, "2022-01-01", lang)
    assert "cor-iran-route" in p.feature_ids, p.evidence
    (q,) = _proposals(atlas, into, "2022-01-01", lang)
    assert "cor-iran-route" not in q.feature_ids, q.evidence


# -- the new road and the old one, when the atlas moves a route ---------------------------

NEW_ROAD = {
    "en": ("On 26 August 2022 traffic was moved to a new road further south.",
           "On 26 August 2022 the peacekeepers left their posts on the old road."),
    "ru": ("26 августа 2022 года движение перевели на новую дорогу южнее.",
           "26 августа 2022 года миротворцы оставили посты на старой дороге."),
    "az": ("2022-ci il avqustun 26-da hərəkət yeni yola keçirildi.",
           "2022-ci il avqustun 26-da sülhməramlılar köhnə yoldakı postlarını tərk etdi."),
    "hy": ("2022 թ. օգոստոսի 26-ին երթևեկությունը տեղափոխվեց նոր ճանապարհ։",
           "2022 թ. օգոստոսի 26-ին խաղաղապահները լքեցին հին ճանապարհի դիրքերը։"),
}


@pytest.mark.parametrize("lang", sorted(NEW_ROAD))
def test_the_new_road_and_the_old_one_at_the_time_the_route_moved(atlas, lang):
    new, old = NEW_ROAD[lang]
    (p,) = _proposals(atlas, new, "2022-09-01", lang)
    assert "cor-lachin-2022" in p.feature_ids and "cor-lachin-2020" not in p.feature_ids, p.evidence
    assert any(e.get("why", {}).get("code") == "route_new" for e in p.evidence["links"]), p.evidence
    (q,) = _proposals(atlas, old, "2022-09-01", lang)
    assert "cor-lachin-2020" in q.feature_ids and "cor-lachin-2022" not in q.feature_ids, q.evidence


def test_a_new_road_far_from_a_route_change_is_no_corridor(atlas):
    (p,) = _proposals(atlas, "In 2019 a new road was built near Ganja.", "2020-01-01")
    assert not [f for f in p.feature_ids if f.startswith("cor-")], p.evidence


# -- the departure of a people, by a word of leaving and the people's name -----------------

DEPARTURES = {
    "en": ("In 1988 most Azerbaijanis left Armenia.", "In 1988 many Armenians left Azerbaijan."),
    "ru": ("В 1988 году большинство азербайджанцев покинули Армению.", "В 1988 году многие армяне покинули Азербайджан."),
    "az": ("1988-ci ildə azərbaycanlıların əksəriyyəti Ermənistanı tərk etdi.",
           "1988-ci ildə ermənilərin çoxu Azərbaycanı tərk etdi."),
    "hy": ("1988 թ. ադրբեջանցիների մեծ մասը լքեց Հայաստանը։", "1988 թ. շատ հայեր հեռացան Ադրբեջանից։"),
}


@pytest.mark.parametrize("lang", sorted(DEPARTURES))
def test_a_peoples_departure_links_the_departure_of_that_people(atlas, lang):
    azerbaijanis, armenians = DEPARTURES[lang]
    (p,) = _proposals(atlas, azerbaijanis, "2010-01-01", lang)
    assert "ev-1988-azerbaijanis-leave-armenia" in p.feature_ids, p.evidence
    assert "ev-1988-armenians-leave-azerbaijan" not in p.feature_ids, p.evidence
    (q,) = _proposals(atlas, armenians, "2010-01-01", lang)
    assert "ev-1988-armenians-leave-azerbaijan" in q.feature_ids, q.evidence
    assert "ev-1988-azerbaijanis-leave-armenia" not in q.feature_ids, q.evidence


def test_an_adjective_or_a_decade_is_no_departure_of_a_people(atlas):
    # "армянские силы ушли": forces of one side left, no people; "in the early 1990s": too loose
    (p,) = _proposals(atlas, "В 1988 году армянские отряды ушли из села.", "2010-01-01", "ru")
    assert "ev-1988-armenians-leave-azerbaijan" not in p.feature_ids, p.evidence
    (q,) = _proposals(atlas, "In the early 1990s the Azerbaijanis of the villages left.", "2010-01-01")
    assert "ev-1992-05-azerbaijani-displacement" not in q.feature_ids, q.evidence
