"""Names and feature phrases in every script with their inflections, linked to the feature
valid at the proposal's date; datelines; links labelled as names or inferences."""
import dataclasses
import json

import pytest

from geo.dates import parse_date
from geo.ingest import languages
from geo.ingest.dateline import find_dateline
from geo.ingest.match import NameIndex
from geo.ingest.propose import propose


@pytest.fixture(scope="module")
def index(atlas):
    return NameIndex(atlas.features)


def _found(index, text, lang):
    return {i for m in index.find(text, lang=lang) for i in m.feature_ids}


@pytest.mark.parametrize("lang, text, expected", [
    ("az", "Xankəndidə sakitlikdir", "place-stepanakert-khankendi"),
    ("az", "Laçından gələn yol", "place-lachin-berdzor"),
    ("az", "Şuşada görüş", "place-shusha-shushi"),
    ("az", "Həkəri körpüsündə", "place-hakari-bridge"),
    ("ru", "в центре Степанакерта", "place-stepanakert-khankendi"),
    ("ru", "под Шушей", "place-shusha-shushi"),
    ("ru", "у моста Хакари", "place-hakari-bridge"),
    ("hy", "Ստեփանակերտում", "place-stepanakert-khankendi"),
    ("hy", "Շուշիի մոտ", "place-shusha-shushi"),
    ("hy", "Գորիսից", "place-goris"),
    # (Armenian ու becomes վ before an ending: Բաքու, Բաքվում, Բաքվից)
    ("hy", "Բաքվում", "place-baku"),
    ("hy", "Բաքվից", "place-baku"),
])
def test_inflected_place_names_in_each_language(index, lang, text, expected):
    assert expected in _found(index, text, lang)


@pytest.mark.parametrize("lang, text, kind", [
    ("ru", "в Лачинском коридоре", "lachin_corridor"),
    ("ru", "Лачинский коридор", "lachin_corridor"),
    ("ru", "блокада Лачинского коридора", "lachin_corridor"),
    ("ru", "по Лачинскому коридору", "lachin_corridor"),
    ("ru", "с Лачинским коридором", "lachin_corridor"),
    ("ru", "российские миротворцы", "russian_peacekeeping_zone"),
    ("ru", "российских миротворцев", "russian_peacekeeping_zone"),
    ("ru", "вдоль линии соприкосновения", "contact_line_2020"),
    ("az", "Laçın dəhlizi", "lachin_corridor"),
    ("az", "Laçın dəhlizində", "lachin_corridor"),
    ("az", "Laçın-Xankəndi yolunun", "lachin_corridor"),
    ("az", "sülhməramlılar", "russian_peacekeeping_zone"),
    ("az", "Rusiya sülhməramlıları", "russian_peacekeeping_zone"),
    ("hy", "Լաչինի միջանցք", "lachin_corridor"),
    ("hy", "Լաչինի միջանցքը", "lachin_corridor"),
    ("hy", "Լաչինի միջանցքում", "lachin_corridor"),
    ("hy", "ռուս խաղաղապահները", "russian_peacekeeping_zone"),
    ("hy", "շփման գծի երկայնքով", "contact_line_2020"),
])
def test_feature_phrases_in_each_language_with_their_inflections(atlas, index, lang, text, kind):
    kinds = {atlas.by_id[i].kind for i in _found(index, text, lang)}
    assert kind in kinds


def test_latin_words_are_cut_only_in_azerbaijani_text(index):
    # "Shushan" is not Shusha in English text; in Azerbaijani "Şuşanı" is
    assert "place-shusha-shushi" not in _found(index, "Shushan said", "en")
    assert "place-shusha-shushi" in _found(index, "Şuşanı azad etdi", "az")


def test_armenian_names_match_in_either_form_of_the_data(atlas):
    # the dataset's `hy` may be Armenian script or a transliteration: both reach the same skeleton
    place = atlas.by_id["place-stepanakert-khankendi"]
    for hy in ("Ստեփանակերտ", "Stepanakert"):
        names = dict(place.names, hy=hy, hy_Latn="Stepanakert")
        copy = dataclasses.replace(place, names=names)
        assert copy.names["hy"] == hy
        found = {i for m in NameIndex([copy]).find("Ստեփանակերտում", lang="hy") for i in m.feature_ids}
        assert found == {place.id}


def test_the_phrase_links_the_feature_valid_at_the_proposals_date(atlas):
    before = propose("2020 թ. նոյեմբերի 12-ին Լաչինի միջանցքում խաղաղապահներ կային։", parse_date("2020-12"), atlas)
    after = propose("2022 թ. դեկտեմբերի 12-ին Լաչինի միջանցքը փակվեց։", parse_date("2022-12-20"), atlas)
    assert "cor-lachin-2020" in before[0].feature_ids and "cor-lachin-2022" not in before[0].feature_ids
    assert "cor-lachin-2022" in after[0].feature_ids and "cor-lachin-2020" not in after[0].feature_ids
    # the day either side of the change of route (2022-08-25/2022-08-31)
    on_24 = propose("24 августа 2022 года Лачинский коридор работал.", parse_date("2022-09"), atlas)[0]
    on_sep = propose("1 сентября 2022 года Лачинский коридор работал.", parse_date("2022-09"), atlas)[0]
    assert "cor-lachin-2020" in on_24.feature_ids and "cor-lachin-2022" not in on_24.feature_ids
    assert "cor-lachin-2022" in on_sep.feature_ids and "cor-lachin-2020" not in on_sep.feature_ids


def test_an_armenian_item_is_several_proposals_dated_by_their_own_days(atlas):
    text = ("Ստեփանակերտ, դեկտեմբերի 12, Արմենպրես: Դեկտեմբերի 12-ի առավոտյան Լաչինի միջանցքը փակվել է: "
            "Դեկտեմբերի 13-ին ռուս խաղաղապահները բանակցում էին:")
    found = sorted(propose(text, parse_date("2022-12-13"), atlas), key=lambda p: p.start)
    assert [p.date for p in found] == ["2022-12-12", "2022-12-13"]
    assert all(p.language == "hy" for p in found)
    assert not found[0].quote.startswith("Ստեփանակերտ,")  # the dateline is not quoted


@pytest.mark.parametrize("text, lang, place, day", [
    ("YEREVAN, September 13 (Reuters) - Azerbaijan shelled", "en", "YEREVAN", "2022-09-13"),
    ("БАКУ, 13 сентября. /ТАСС/. Азербайджан", "ru", "БАКУ", "2022-09-13"),
    ("Bakı, 23 aprel, AZƏRTAC. Laçın", "az", "Bakı", "2022-04-23"),
    ("Ստեփանակերտ, դեկտեմբերի 12, Արմենպրես: Լաչինի", "hy", "Ստեփանակերտ", "2021-12-12"),
])
def test_datelines_are_read_as_place_and_day(text, lang, place, day):
    found = find_dateline(text, parse_date("2022-09-13"), lang)
    assert (found.place, found.edtf) == (place, day)


def test_no_dateline_in_an_ordinary_opening():
    assert find_dateline("In 1994, 12 May was the day.", parse_date("2022"), "en") is None
    assert find_dateline("The war of 2020 ended on 10 November.", parse_date("2022"), "en") is None


def test_the_sentences_own_date_wins_over_the_dateline(atlas):
    text = ("STEPANAKERT, September 21 (AP) - Azerbaijan launched a military operation in Karabakh on "
            "19 September 2023. Residents said the shelling went on.")
    first = min(propose(text, parse_date("2023-09-21"), atlas), key=lambda p: p.start)
    assert first.date == "2023-09-19"


def test_a_wire_item_datelined_on_the_day_reads_a_bare_day_as_that_year(atlas):
    text = ("YEREVAN, September 13 (Reuters) - The war of 2020 had ended in a truce. Azerbaijani forces "
            "shelled Jermuk and Goris on September 13, the ministry said.")
    dates = {p.quote.split()[0]: p.date for p in propose(text, parse_date("2022-09-13"), atlas)}
    assert dates["Azerbaijani"] == "2022-09-13"


def test_links_say_whether_they_are_a_name_or_an_inference(atlas):
    text = ("YEREVAN, September 13 (Reuters) - Azerbaijani forces shelled Jermuk overnight. "
            "The present escalation is the most serious in two years.")
    by_start = sorted(propose(text, parse_date("2022-09-13"), atlas), key=lambda p: p.start)
    escalation = next(p for p in by_start if p.quote.startswith("The present escalation"))
    assert "ev-2022-09-13-strikes" in escalation.feature_ids
    links = {i: e for e in escalation.evidence["links"] for i in e["ids"]}
    assert links["ev-2022-09-13-strikes"]["link"] == "inference"
    assert 0 < links["ev-2022-09-13-strikes"]["confidence"] < 1
    shelled = by_start[0]
    assert {e["link"] for e in shelled.evidence["links"] if "place-jermuk" in e["ids"]} == {"name"}


def test_language_is_detected_by_script():
    assert languages.detect("Լաչինի միջանցքը փակվել է") == "hy"
    assert languages.detect("Лачинский коридор закрыт") == "ru"
    assert languages.detect("Laçın dəhlizi bağlanıb, sülhməramlılar yerindədir") == "az"
    assert languages.detect("The Lachin corridor was closed") == "en"


def test_the_language_tables_are_data_with_every_field(tmp_path):
    data = json.loads(languages.LANGUAGES_FILE.read_text(encoding="utf-8"))
    for lang in ("hy", "az", "ru"):
        table = data["languages"][lang]
        assert {str(m) for m in range(1, 13)} == set(table["months"])
        assert table["feature_phrases"]["lachin_corridor"]


def test_english_words_never_meet_names_through_stems(index):
    # "War" and "Sus" are stems of no name in an English text
    assert index.find("The War ended. Sus.", lang="en") == []
