"""News: a deadline ("by 20 November", "до 20 ноября", "noyabrın 20-dək", "մինչև նոյեմբերի
20-ը") filed on 10 November lies ahead: the sentence speaks of the days from filing to it,
not of 20 November a year before. A day without a deadline word keeps the news rule (the
latest such day not after publication), and a report's past narrative is not read ahead."""
import pytest

from geo.dates import parse_date
from geo.ingest.propose import propose

DEADLINE = {
    "en": "BAKU, Nov 10 (Reuters) - Under the statement Agdam district is to be returned to Azerbaijan by November 20.",
    "ru": "Баку, 10 ноября — По заявлению Агдамский район должен быть возвращён Азербайджану до 20 ноября.",
    "az": "Bakı, 10 noyabr — Bəyanata əsasən Ağdam rayonu noyabrın 20-dək Azərbaycana qaytarılır.",
    "hy": "Երևան, նոյեմբերի 10 — Հայտարարության համաձայն՝ Աղդամի շրջանը պետք է հանձնվի մինչև նոյեմբերի 20-ը։",
}


@pytest.mark.parametrize("lang", sorted(DEADLINE))
def test_a_deadline_in_news_lies_ahead_of_filing(atlas, lang):
    (p,) = propose(DEADLINE[lang], parse_date("2020-11-10"), atlas, lang=lang)
    assert p.date == "2020-11-10/2020-11-20", p.evidence["date"]
    assert "prov-agdam" in p.feature_ids


def test_a_day_without_a_deadline_word_keeps_the_news_rule(atlas):
    (p,) = propose("BAKU, Nov 10 (Reuters) - Agdam district was shelled on November 20.",
                   parse_date("2020-11-10"), atlas)
    assert p.date == "2019-11-20"


def test_a_deadline_of_a_past_narrative_is_not_read_ahead(atlas):
    """A report of 30 March 2018 on 1993: "by 3 April" is not 3 April 2018."""
    text = ("Armenian forces launched an attack on Kalbajar at the end of March 1993 and had taken the "
            "district town by 3 April.")
    (p,) = propose(text, parse_date("2018-03-30"), atlas)
    assert p.date.startswith("1993"), p.date
