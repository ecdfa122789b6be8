"""Answers to "who held X on day D", name lookup and the `place` command."""
import datetime as dt
import json

import pytest

from geo import load_atlas
from geo.answers import Answers, answer, format_answer
from geo.cli import main
from geo.lookup import NameIndex, UnknownName, fold

from conftest import _feature, _poly, tiny_dataset, write_dataset

D = dt.date.fromisoformat
STEPANAKERT_NAMES = {"en": "Stepanakert", "az": "Xankəndi", "hy": "Ստեփանակերտ", "hy_Latn": "Stepanakert",
                     "ru": "Степанакерт", "alt": ["Khankendi"]}


@pytest.fixture
def changing(tmp_path, dataset_files):
    """The tiny dataset where ctrl-a's ground changes hands some day in October 2020."""
    control = dataset_files["layers/control.geojson"]["features"]
    control[0]["properties"]["valid_to"] = "2020-10"
    control[1]["properties"]["valid_to"] = None
    control.append(_feature("ctrl-c", "held_area", _poly(46.0, 39.0, 46.2, 39.5), "2020-10", None,
                            held_by="azerbaijani"))
    place = dataset_files["layers/places.geojson"]["features"][0]["properties"]
    place["names"] = STEPANAKERT_NAMES
    place["name"] = "Stepanakert"
    province = dataset_files["layers/provinces.geojson"]["features"][0]["properties"]
    province["control_history"] = [
        {"event": "taken", "side": "armenian", "date": "1994-05-12", "excerpt_ids": ["src-a-02"], "source_ids": []},
        {"event": "returned", "side": "azerbaijani", "date": "2020-10", "excerpt_ids": [], "source_ids": []}]
    data, texts = write_dataset(tmp_path, dataset_files)
    return load_atlas(data, texts)


@pytest.mark.parametrize("typed", ["Stepanakert", "STEPANAKERT", "Xankəndi", "xankendi", "XANKƏNDİ", "Khankendi",
                                   "Степанакерт", "степанакерт", "Ստեփանակերտ", "place-a", "  stepanakert "])
def test_every_naming_convention_finds_the_same_place(changing, typed):
    assert NameIndex(changing.features).find(typed).feature.id == "place-a"


def test_fold_drops_case_and_diacritics():
    assert fold("Xankəndi") == fold("XANKENDI") == "xankendi"
    assert fold("Şuşa") == "susa" and fold("Füzuli") == "fuzuli" and fold("Laçın") == "lacin"
    assert fold("Agarak–Nurduz") == "agarak nurduz"


def test_unknown_name_suggests_the_nearest(changing):
    index = NameIndex(changing.features)
    with pytest.raises(UnknownName) as err:
        index.find("Stepanakrt")
    assert err.value.suggestions[0] == "Stepanakert" and err.value.exit_code == 2
    with pytest.raises(UnknownName) as err:
        index.find("zzzzzz")
    assert err.value.suggestions == []


def test_held_certain_then_uncertain_then_certain(changing):
    place = changing.by_id["place-a"]
    before = answer(changing, place, D("2000-01-01"))
    assert before["held_by"] == "armenian" and before["control"]["status"] == "held"
    assert not before["control"]["uncertain"]
    during = answer(changing, place, D("2020-10-15"))
    assert during["held_by"] is None and during["control"]["status"] == "uncertain"
    assert during["control"]["sides"] == ["armenian", "azerbaijani"]
    assert during["control"]["interval"] == ["2020-10-01", "2020-10-31"]
    after = answer(changing, place, D("2020-11-01"))
    assert after["held_by"] == "azerbaijani" and not after["control"]["uncertain"]
    assert answer(changing, place, D("1990-01-01"))["control"]["status"] == "not drawn"


def test_district_history_with_its_sources(changing):
    result = answer(changing, changing.by_id["place-a"], D("2000-01-01"))
    assert result["district"]["id"] == "prov-a"
    first, second = result["history"]
    assert first["change"].startswith("taken by") and first["excerpt_ids"] == ["src-a-02"]
    assert first["source_ids"] == ["src-a"]  # the excerpt's source stands behind the date
    assert first["before_date"] and not second["before_date"]
    assert result["excerpt_ids"] == ["src-a-01"]


def test_a_district_split_by_the_line_is_divided(changing):
    result = answer(changing, changing.by_id["prov-a"], D("2000-01-01"))
    assert result["control"]["status"] == "divided" and result["held_by"] is None
    assert result["control"]["shares"]["armenian"] == pytest.approx(0.4, abs=0.01)


def test_text_answer_is_safe_in_a_terminal(tmp_path, dataset_files):
    place = dataset_files["layers/places.geojson"]["features"][0]["properties"]
    place["name"] = "Evil\x1b[2J\u202eplace"
    place["names"]["en"] = place["name"]
    data, texts = write_dataset(tmp_path, dataset_files)
    small = load_atlas(data, texts)
    text = format_answer(answer(small, small.by_id["place-a"], D("2000-01-01")))
    assert "\x1b" not in text and "\u202e" not in text and "[2J" in text and "Evil" in text


def test_the_card_html_and_the_terminal_text_render_the_same_rows(changing, tmp_path):
    """Both renderers draw the answer's rows (from its dict): the card has every row of the
    text but the title, excerpts and also-named ones, with data escaped, not parsed from text."""
    from geo.answer_html import answer_html
    from geo.answers import answer_rows
    result = Answers(changing).by_name("Stepanakert", D("2020-10-15"))
    rows = answer_rows(result)
    text, html = format_answer(result), answer_html(result)
    assert [r.kind for r in rows][:2] == ["title", "held"] and "history" in {r.kind for r in rows}
    for row in rows:
        assert row.text in text
        assert (f"ka-answer-{row.kind}" in html) == (row.kind not in ("title", "excerpts", "also"))
    held = next(r for r in rows if r.kind == "held")
    assert held.text.startswith("uncertain: areas of both sides") and held.text in html
    evil = tiny_dataset()
    place = evil["layers/places.geojson"]["features"][0]["properties"]
    place["name"] = place["names"]["en"] = "<b>Evil</b>"
    data, texts = write_dataset(tmp_path / "evil", evil)
    small = load_atlas(data, texts)
    html = answer_html(answer(small, small.by_id["place-a"], D("2000-01-01")), leave_out=())
    assert "<b>Evil</b>" not in html and "&lt;b&gt;Evil&lt;/b&gt;" in html


# -- the shipped data -----------------------------------------------------------
@pytest.mark.parametrize("typed", ["Stepanakert", "Khankendi", "Xankəndi", "Степанакерт", "xankendi"])
def test_stepanakert_in_every_convention(atlas, typed):
    assert Answers(atlas).by_name(typed, D("2021-06-01"))["place"]["id"] == "place-stepanakert-khankendi"


def test_stepanakert_2021_and_after_september_2023(atlas):
    answers = Answers(atlas)
    in_2021 = answers.by_name("Stepanakert", D("2021-06-01"))
    assert in_2021["held_by"] == "armenian"
    assert "russian_peacekeeping_zone" in {z["kind"] for z in in_2021["zones"]}
    assert in_2021["in_former_oblast"] is True
    assert answers.by_name("Khankendi", D("2023-10-16"))["held_by"] == "azerbaijani"


def test_lachin_2021_inside_the_peacekeeping_zone(atlas):
    answers = Answers(atlas)
    for typed in ("Lachin", "Berdzor", "Laçın", "Лачин"):
        result = answers.by_name(typed, D("2021-06-01"))
        assert result["place"]["id"] == "place-lachin-berdzor"
        assert any(z["kind"] == "russian_peacekeeping_zone" and z["relation"] == "inside" for z in result["zones"])
        # Lachin town stayed inside the corridor under the peacekeepers until 26 August 2022
        assert result["held_by"] is None and result["control"]["held_by"] == "peacekeepers"
        assert result["district"]["id"] == "prov-lachin"
    history = answers.by_name("Lachin", D("2021-06-01"))["history"]
    assert history and all(h["source_ids"] for h in history if h["side"] == "azerbaijani")


def test_goris_in_the_eu_monitoring_area_is_not_a_control_area(atlas):
    result = Answers(atlas).by_name("Goris", D("2022-11-01"))
    assert result["held_by"] is None and result["district"]["id"] == "prov-syunik"
    assert [z["kind"] for z in result["zones"]] == ["eu_monitoring"]


def test_history_references_exist(atlas):
    answers = Answers(atlas)
    for district in atlas.layer("provinces"):
        for row in answers.by_name(district.id, D("2021-06-01"))["history"]:
            for sid in row["source_ids"]:
                assert sid in atlas.sources or sid in atlas.registry, (district.id, sid)
            for eid in row["excerpt_ids"]:
                assert eid in atlas.excerpts_by_id, (district.id, eid)


# -- the command line ---------------------------------------------------------------
def test_place_json(changing, capsys):
    assert main(["place", "--data", str(changing.root), "Xankəndi", "--date", "2020-10-15", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["place"] == {**doc["place"], "id": "place-a", "name": "Stepanakert"}
    assert doc["date"] == "2020-10-15" and doc["held_by"] is None and doc["control"]["status"] == "uncertain"
    assert doc["district"]["id"] == "prov-a" and isinstance(doc["zones"], list)
    assert [set(h) >= {"date", "change", "excerpt_ids", "source_ids"} for h in doc["history"]] == [True, True]
    assert doc["excerpt_ids"] == ["src-a-01"]


def test_place_text_and_names(changing, capsys):
    assert main(["place", "--data", str(changing.root), "stepanakert", "--date", "2000-01-01", "--names", "az"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Xankəndi") and "Held by:   Armenian" in out


def test_place_unknown_name_exits_2_with_suggestions(changing, capsys):
    assert main(["place", "--data", str(changing.root), "Stepanakrt", "--date", "2000-01-01"]) == 2
    err = capsys.readouterr().err
    assert '"Stepanakrt"' in err and "did you mean" in err and '"Stepanakert"' in err


def test_place_bad_date_exits_2(changing, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["place", "--data", str(changing.root), "Stepanakert", "--date", "2020-02-30"])
    assert exit_.value.code == 2
