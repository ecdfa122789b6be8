"""A town or district named again by its kind alone ("the district", "в обход города",
"Qəsəbə", "Գյուղի") is the one named last before it in its paragraph, as an inferred link;
a kind word next to a name ("the town of Lachin", "Ağdam rayonu") is that name's own, and a
sentence that names a town itself takes no other."""
import pytest

from geo.dates import parse_date
from geo.ingest.propose import propose

AGAIN = {
    "en": ("Kalbajar district lies between Armenia and the north of the former oblast. On 30 April 1993 the UN "
           "Security Council demanded the withdrawal of the forces that had entered the district.",
           "2018-03-30", "prov-kalbajar"),
    "ru": ("Лачин, 26 августа — Азербайджанские военные в пятницу вошли в город Лачин, накануне покинутый его "
           "жителями. Движение по коридору теперь идёт по новой дороге в обход города.",
           "2022-08-26", "place-lachin-berdzor"),
    "az": ("Bakı, 7 yanvar — Azərbaycan qüvvələri dünən Füzuli rayonundakı Horadiz qəsəbəsini tutub. "
           "Qəsəbə 1993-cü ilin oktyabr ayının sonunda erməni qüvvələrinin nəzarətinə keçmişdi.",
           "1994-01-07", "place-horadiz"),
    "hy": ("Ստեփանակերտ, ապրիլի 11 — Երեկ ադրբեջանական ուժերը գրավեցին Մարաղա գյուղը։ "
           "Գյուղի տասնյակ բնակիչներ սպանվել են, մյուսները փախել են հարևան գյուղեր։",
           "1992-04-11", "place-maraghar"),
}


@pytest.mark.parametrize("lang", sorted(AGAIN))
def test_a_town_or_district_named_again_by_its_kind(atlas, lang):
    text, published, expected = AGAIN[lang]
    proposals = propose(text, parse_date(published), atlas, lang=lang)
    assert len(proposals) == 2, [p.quote for p in proposals]
    second = proposals[1]
    assert expected in second.feature_ids + second.place_ids, second.evidence
    (ev,) = [e for e in second.evidence["links"] if expected in e["ids"]]
    assert ev["link"] == "inference" and ev["words"] and ev["why"]["code"] == "named_again", ev


def test_a_kind_word_next_to_a_name_is_that_names_own(atlas):
    text = ("Kalbajar district was taken in April 1993. On 18 May 1992 Armenian forces entered the town of "
            "Lachin and the district around it.")
    *_, last = propose(text, parse_date("2018-03-30"), atlas)
    assert "prov-kalbajar" not in last.feature_ids, last.evidence
    assert "place-lachin-berdzor" in last.place_ids


def test_a_sentence_naming_its_own_town_takes_no_other(atlas):
    text = ("On 8 May 1992 Armenian forces took Shusha. On 18 May 1992 they entered Lachin, and the town "
            "emptied within hours.")
    *_, last = propose(text, parse_date("2018-03-30"), atlas)
    assert "place-shusha-shushi" not in last.place_ids, last.evidence



def test_the_city_of_a_denial_is_the_one_named_before_not_the_government(atlas):
    """"Yerevan denied targeting the city": Yerevan is the government, the city is Ganja."""
    text = ("Ganja, 11 October - A missile struck a residential block in Ganja overnight, killing ten people. "
            "Yerevan denied targeting the city.")
    *_, last = propose(text, parse_date("2020-10-12"), atlas)
    assert "place-ganja" in last.place_ids and "place-yerevan" not in last.place_ids, last.evidence


ROAD_AGAIN = {
    "en": ("A new road bypassing Lachin was opened to all traffic on 26 August 2022. On 30 August the last "
           "residents left Lachin town. The road measures 32 kilometres in all, ten of them in Armenia.",
           "The road measures"),
    "ru": ("26 августа 2022 года открылась дорога в обход Лачина, построенная за месяц. "
           "Длина дороги — 32 километра, из них десять проходят по территории Армении.", "Длина дороги"),
}


@pytest.mark.parametrize("lang", sorted(ROAD_AGAIN))
def test_the_road_named_again_is_the_route_of_its_day(atlas, lang):
    text, again = ROAD_AGAIN[lang]
    proposals = propose(text, parse_date("2022-09-01"), atlas, lang=lang)
    assert "cor-lachin-2022" in proposals[0].feature_ids, proposals[0].evidence
    (p,) = [p for p in proposals if again in p.quote]
    assert "cor-lachin-2022" in p.feature_ids, p.evidence
    assert any(e.get("why", {}).get("code") == "named_again" for e in p.evidence["links"]), p.evidence


def test_a_kind_word_next_to_a_name_of_another_kind_still_points_back(atlas):
    """"Rayonda rus sülhməramlıları ...": the peacekeepers next to "Rayonda" (in the district)
    are no district's name, so the district is the one named before."""
    text = ("Bakı, 10 noyabr — Sənədə əsasən Ağdam rayonu noyabrın 20-dək Azərbaycana qaytarılır. "
            "Rayonda rus sülhməramlıları yerləşdirilmir.")
    *_, last = propose(text, parse_date("2020-11-10"), atlas, lang="az")
    assert last.quote.startswith("Rayonda")
    assert "prov-agdam" in last.feature_ids, last.evidence


RESIDENTS = {
    "en": ("On 10 April 1992 Azerbaijani forces entered Maraghar, a village in the Martakert district. "
           "Dozens of its residents were killed that day and most of the houses were burned.",
           "Dozens of its residents"),
    "ru": ("10 апреля 1992 года азербайджанские силы вошли в Мараги. Десятки его жителей были убиты в тот же день.",
           "Десятки его жителей"),
}


@pytest.mark.parametrize("lang", sorted(RESIDENTS))
def test_its_residents_are_of_the_place_named_before(atlas, lang):
    text, said = RESIDENTS[lang]
    proposals = propose(text, parse_date("2012-04-10"), atlas, lang=lang)
    (p,) = [p for p in proposals if said in p.quote]
    assert "place-maraghar" in p.place_ids, p.evidence


# -- several named again: "the villages" are each village of the sentence before ---------------

VILLAGES = {
    "en": ("On 12 December 2020 Hin Tagher and Khtsaberd in the Hadrut district came under Azerbaijani control. "
           "The villages lie outside the peacekeepers' zone."),
    "ru": ("12 декабря 2020 года Хин Тагер и Хцаберд в Гадрутском районе перешли под контроль Азербайджана. "
           "Эти сёла лежат вне зоны миротворцев."),
    "az": ("2020-ci il dekabrın 12-də Hadrut rayonunun Hin Tağlar və Xtsaberd kəndləri Azərbaycanın nəzarətinə keçdi. "
           "Bu kəndlər sülhməramlıların zonasından kənardadır."),
    "hy": ("2020 թվականի դեկտեմբերի 12-ին Հադրութի շրջանի Հին Թաղեր և Խծաբերդ գյուղերն անցան ադրբեջանական "
           "ուժերի վերահսկողության տակ։ Գյուղերը գտնվում են խաղաղապահների գոտուց դուրս։"),
}


@pytest.mark.parametrize("lang", sorted(VILLAGES))
def test_the_villages_are_each_village_named_before(atlas, lang):
    # (as news: each sentence a proposal of its own)
    first, p = propose(VILLAGES[lang], parse_date("2020-12-14"), atlas, lang=lang, news=True)
    assert {"place-hin-tagher", "place-khtsaberd"} <= set(p.place_ids), p.evidence
    # Hadrut is named there as its district: not one of the villages named again
    again = {i for e in p.evidence["links"] if e.get("why", {}).get("code") == "named_again" for i in e["ids"]}
    assert again == {"place-hin-tagher", "place-khtsaberd"}, p.evidence


@pytest.mark.parametrize("lang, text", [
    ("en", "On 12 June 1992 fighting began at Shahumyan. Thousands fled from other villages."),
    ("hy", "1992 թվականի հունիսի 12-ին Շահումյանում մարտեր սկսվեցին։ Այլ գյուղերից հազարավոր մարդիկ փախան։"),
])
def test_villages_without_a_definite_word_name_none_again(atlas, lang, text):
    found = propose(text, parse_date("2012-06-12"), atlas, lang=lang)
    assert not any(e.get("why", {}).get("code") == "named_again" for p in found for e in p.evidence["links"]), \
        [p.evidence for p in found]


# -- a mine named again, in the paragraph after the one that named it -------------------------

MINE = {
    "en": ("In December 2022 the protests turned on the Gizilbulag gold mine.\n\n"
           "On 3 December 2022 experts were to inspect the deposit."),
    "ru": ("В декабре 2022 года протесты были связаны с Кызылбулагским месторождением.\n\n"
           "3 декабря 2022 года эксперты должны были осмотреть месторождение."),
    "az": ("2022-ci ilin dekabrında etirazlar Qızılbulaq yatağı ilə bağlı idi.\n\n"
           "2022-ci il dekabrın 3-də ekspertlər yatağı yoxlamalı idilər."),
    "hy": ("2022 թվականի դեկտեմբերին բողոքները կապված էին Դրմբոնի հանքավայրի հետ։\n\n"
           "2022 թվականի դեկտեմբերի 3-ին փորձագետները պետք է զննեին հանքավայրը։"),
}


@pytest.mark.parametrize("lang", sorted(MINE))
def test_a_mine_named_again_in_the_next_paragraph(atlas, lang):
    *_, p = propose(MINE[lang], parse_date("2023-03-01"), atlas, lang=lang)
    assert p.date == "2022-12-03", p.quote
    assert "place-gizilbulag-mine" in p.place_ids, p.evidence


def test_the_look_back_stops_at_its_bound_across_paragraphs(atlas):
    from geo.ingest.propose import NAMED_AGAIN_CHARS
    filler = "Nothing happened on that day. " * (NAMED_AGAIN_CHARS // 30 + 1)
    text = f"In December 2022 the protests turned on the Gizilbulag gold mine.\n\n{filler}\n\n" \
           "On 3 December 2022 experts were to inspect the deposit."
    *_, p = propose(text, parse_date("2023-03-01"), atlas)
    assert "place-gizilbulag-mine" not in p.place_ids, p.evidence


# -- a place's people with words inside the phrase ---------------------------------------------

GAPPED = {
    "en": ("Kalbajar district lies between Armenia and the former oblast. Armenian forces took it on 3 April 1993. "
           "Most of its Azerbaijani inhabitants escaped over the mountains.", "Most of its Azerbaijani"),
    "ru": ("10 апреля 1992 года азербайджанские силы вошли в Мараги. Десятки его армянских жителей были убиты.",
           "Десятки его армянских"),
}


@pytest.mark.parametrize("lang", sorted(GAPPED))
def test_its_people_with_an_adjective_inside_are_of_the_place_named_before(atlas, lang):
    text, said = GAPPED[lang]
    (p,) = [p for p in propose(text, parse_date("2018-03-30"), atlas, lang=lang, news=True) if said in p.quote]
    assert {"prov-kalbajar", "place-maraghar"} & (set(p.feature_ids) | set(p.place_ids)), p.evidence


def test_three_words_inside_are_too_many(atlas):
    text = ("On 10 April 1992 Azerbaijani forces entered Maraghar. "
            "Its later many brave wartime inhabitants returned.")
    (p,) = [p for p in propose(text, parse_date("2012-04-10"), atlas, news=True) if "returned" in p.quote]
    assert "place-maraghar" not in p.place_ids, p.evidence


def test_a_place_named_after_its_residents_is_where_they_went(atlas):
    # "его жителей ... в Барду": Barda is where they went, not whose residents they were
    text = ("23 июля 1993 года силы карабахских армян заняли Агдам. "
            "В те же дни большинство его жителей ушли на восток, в Барду.")
    *_, p = propose(text, parse_date("2013-07-23"), atlas, lang="ru", news=True)
    assert "place-agdam" in p.place_ids, p.evidence


# -- a district's town: "the district centre of Qubadli", "Rayon mərkəzi" ----------------------

CENTRE_OF = {
    "en": "The district centre of Qubadli was taken by Armenian forces on 31 August 1993.",
    "ru": "31 августа 1993 года армянские силы заняли районный центр Кубатлы.",
}


@pytest.mark.parametrize("lang", sorted(CENTRE_OF))
def test_a_district_centre_named_is_the_town(atlas, lang):
    (p,) = propose(CENTRE_OF[lang], parse_date("2013-08-31"), atlas, lang=lang)
    assert "place-qubadli-kashunik" in p.place_ids and "prov-qubadli" not in p.feature_ids, p.evidence


CENTRE_AGAIN = {  # (not Russian: "Кубатлинский район", the district by its adjective, names no town)
    "en": "Armenian forces entered Qubadli district in August 1993. The district centre fell on 31 August.",
    "az": "1993-cü ilin avqustunda erməni qüvvələri Qubadlı rayonuna daxil oldu. Rayon mərkəzi avqustun 31-də tutuldu.",
    "hy": "1993 թվականի օգոստոսին հայկական ուժերը մտան Ղուբաթլուի շրջան։ Շրջկենտրոնը գրավվեց օգոստոսի 31-ին։",
}


@pytest.mark.parametrize("lang", sorted(CENTRE_AGAIN))
def test_the_district_centre_is_the_town_of_the_district_named_before(atlas, lang):
    *_, p = propose(CENTRE_AGAIN[lang], parse_date("2013-08-31"), atlas, lang=lang, news=True)
    assert "place-qubadli-kashunik" in p.place_ids, p.evidence
