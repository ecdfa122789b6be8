"""News days: the weekend (the latest Saturday and Sunday up to filing), "the same day" (the
day of the sentence before), and a sentence in the present tense ("the villages are outside
the zone"), which speaks of the time of writing rather than of the day before it. And a
month beside its day is no word of what happened (Armenian "մարտի 27-ին", 27 March, is not
"մարտ", battle); an event's name says its dates in a parenthesis whose words are no topic."""
import pytest

from geo.dates import parse_date
from geo.ingest.match import NameIndex
from geo.ingest.propose import _event_topic, _eventful, _topic, propose


def _one(atlas, text, published, lang):
    return propose(text, parse_date(published), atlas, lang=lang, news=True)


# -- the weekend ---------------------------------------------------------------------------

WEEKEND = {
    "en": "Officials said Hin Tagher came under Azerbaijani control at the weekend.",
    "ru": "В выходные Хин Тагер перешёл под контроль Азербайджана.",
    "az": "Həftə sonu Hin Tağlar Azərbaycanın nəzarətinə keçib.",
    "hy": "Հին Թաղեր գյուղը հանգստյան օրերին անցել է ադրբեջանական ուժերի վերահսկողության տակ։",
}


@pytest.mark.parametrize("lang", sorted(WEEKEND))
def test_the_weekend_is_the_last_saturday_and_sunday(atlas, lang):
    (p,) = _one(atlas, WEEKEND[lang], "2020-12-14", lang)  # a Monday
    assert p.date == "2020-12-12/2020-12-13", p.evidence["date"]
    assert "place-hin-tagher" in p.place_ids


def test_the_weekend_of_a_saturday_is_that_day(atlas):
    (p,) = _one(atlas, WEEKEND["en"], "2020-12-12", "en")  # a Saturday: Sunday is yet to come
    assert p.date == "2020-12-12", p.evidence["date"]


# -- the same day --------------------------------------------------------------------------

SAME_DAY = {
    "en": "Stepanakert, 28 September - Yesterday morning fighting began along the line of contact. "
          "The same day Stepanakert was shelled.",
    "ru": "Степанакерт, 28 сентября — Вчера утром начались бои по всей линии соприкосновения. "
          "В тот же день был обстрелян Степанакерт.",
    "az": "Xankəndi, 28 sentyabr — Dünən səhər təmas xətti boyunca döyüşlər başladı. Həmin gün Xankəndi atəşə tutuldu.",
    "hy": "Ստեփանակերտ, սեպտեմբերի 28 — Երեկ առավոտյան մարտեր սկսվեցին շփման գծի ողջ երկայնքով։ "
          "Նույն օրը հրետակոծության ենթարկվեց Ստեփանակերտը, տեղեկացնում են իշխանությունները։",
}


@pytest.mark.parametrize("lang", sorted(SAME_DAY))
def test_the_same_day_is_the_day_of_the_sentence_before(atlas, lang):
    first, second = _one(atlas, SAME_DAY[lang], "2020-09-28", lang)
    assert first.date == "2020-09-27", first.evidence["date"]
    assert second.date == "2020-09-27", second.evidence["date"]  # not the filing day, 28 September


# -- the present tense in news -------------------------------------------------------------

PRESENT = {
    "en": ("Hin Tagher came under Azerbaijani control at the weekend. "
           "The village is outside the Russian peacekeepers' zone."),
    "hy": ("Հին Թաղեր գյուղը հանգստյան օրերին անցել է ադրբեջանական ուժերի վերահսկողության տակ։ "
           "Գյուղը գտնվում է ռուս խաղաղապահների գոտուց դուրս։"),
}


@pytest.mark.parametrize("lang", sorted(PRESENT))
def test_a_sentence_in_the_present_speaks_of_the_time_of_writing(atlas, lang):
    first, second = _one(atlas, PRESENT[lang], "2020-12-14", lang)
    assert first.date == "2020-12-12/2020-12-13", first.evidence["date"]
    assert second.date.startswith("2020-12-14"), second.evidence["date"]
    assert second.evidence["date"]["why"]["code"] == "publication_date"


def test_a_sentence_in_the_past_goes_on_with_the_sentence_before(atlas):
    first, second = _one(atlas, "Hin Tagher came under Azerbaijani control at the weekend. "
                                "Its residents left for Stepanakert.", "2020-12-14", "en")
    assert second.date == first.date == "2020-12-12/2020-12-13", second.evidence["date"]


# -- month words and the dates of event names ------------------------------------------------

def test_a_month_beside_its_day_is_no_word_of_fighting():
    assert "~fighting" not in _topic("2021 թվականի մարտի 27-ին", "hy")
    assert "~fighting" in _topic("մարտեր սկսվեցին", "hy")  # battles


def test_the_dates_of_an_events_name_are_no_words_of_its_topic(atlas):
    index = NameIndex(atlas.features)
    mines = atlas.by_id["ev-2020-11-landmines"]  # "(10 November 2020 - 2022-ci ilin sonu)": the end
    assert not any(w.startswith("son") for w in _event_topic(mines, index, "az"))
    (p,) = _one(atlas, "Həftə sonu Azərbaycan qüvvələri Hin Tağlara daxil olub.", "2020-12-14", "az")
    assert "ev-2020-11-landmines" not in p.feature_ids, p.evidence  # "Həftə sonu": the end of the week


@pytest.mark.parametrize("lang", sorted(WEEKEND))
def test_coming_under_control_is_no_word_of_the_mines_that_followed(atlas, lang):
    # the mines event is named "Mines left in the districts that came under Azerbaijani control ..."
    (p,) = _one(atlas, WEEKEND[lang], "2020-12-14", lang)
    assert "ev-2020-11-landmines" not in p.feature_ids, p.evidence


def test_forces_taking_a_town_is_an_event_of_fighting(atlas):
    index = NameIndex(atlas.features)
    for lang in ("en", "ru", "az", "hy"):
        assert "~fighting" in _event_topic(atlas.by_id["ev-1993-07-23-agdam"], index, lang), lang
    # "The ceasefire agreement takes effect" is no capture
    assert "~fighting" not in _event_topic(atlas.by_id["ev-1994-05-12-ceasefire"], index, "en")


# -- a clause timed by a document ------------------------------------------------------------

TIMED = {  # (the document's name not at the sentence's head, where its date is the sentence's anyway)
    "en": "A new line of contact ran through the region after the statement of 10 November 2020.",
    "ru": "Новая линия соприкосновения прошла по региону после заявления 10 ноября 2020 года.",
    "az": "Yeni təmas xətti 2020-ci il 10 noyabr bəyanatından sonra bölgədən keçdi.",
    "hy": "Շփման գիծը տեղափոխվեց 2020 թվականի նոյեմբերի 10-ի հայտարարությունից հետո։",
}


@pytest.mark.parametrize("lang", sorted(TIMED))
def test_a_clause_timed_by_a_document_is_dated_by_it(atlas, lang):
    (p,) = propose(TIMED[lang], parse_date("2021-03-15"), atlas, lang=lang)
    assert p.date == "2020-11-10", p.evidence["date"]
    assert "loc-2020" in p.feature_ids and "loc-1994" not in p.feature_ids, p.evidence


def test_a_document_named_in_passing_still_does_not_date_the_sentence(atlas):
    text = "Azerbaijan continues to abide by the terms of the statement of 10 November 2020."
    (p,) = propose(text, parse_date("2023-01-10"), atlas)
    assert p.date != "2020-11-10", p.evidence["date"]


# -- Russian present tense; flight is a kind of event ----------------------------------------

def test_a_russian_sentence_in_the_present_speaks_of_the_time_of_writing(atlas):
    text = ("Ереван, 25 мая — Вчера азербайджанские пограничники заняли позиции у сёл Газахского района. "
            "Жители соседних сёл Тавушской области опасаются за дорогу на Грузию.")
    first, second = propose(text, parse_date("2024-05-25"), atlas, lang="ru")
    assert first.date == "2024-05-24", first.evidence["date"]
    assert second.date.startswith("2024-05-25"), second.evidence["date"]
    # in the past, it goes on with the sentence before
    past = text.replace("опасаются", "опасались")
    assert propose(past, parse_date("2024-05-25"), atlas, lang="ru")[-1].date == "2024-05-24"


FLIGHT = {  # (no place and no word of the event's name: its kind, flight, ties the sentence)
    "en": "On 13 January 1990 thousands fled by ferry across the Caspian.",
    "ru": "13 января 1990 года тысячи человек бежали на пароме через Каспий.",
    "az": "1990-cı il yanvarın 13-də minlərlə insan bərə ilə Xəzərdən qaçdı.",
    "hy": "1990 թվականի հունվարի 13-ին հազարավոր մարդիկ լաստանավով փախան Կասպից ծովով։",
}


@pytest.mark.parametrize("lang", sorted(FLIGHT))
def test_flight_is_a_kind_of_event(atlas, lang):
    (p,) = propose(FLIGHT[lang], parse_date("2010-01-20"), atlas, lang=lang)
    assert "ev-1990-01-baku" in p.feature_ids, p.evidence


@pytest.mark.parametrize("lang, words", [
    ("en", "thousands of villagers fled"), ("ru", "тысячи жителей бежали"),
    ("az", "minlərlə sakin qaçdı"), ("hy", "հազարավոր բնակիչներ փախան"),
])
def test_words_of_flight_are_words_of_events(lang, words):
    assert _eventful(words, lang)


# -- a decade is background: only the sentence right beside it goes on at that date ------------

def test_a_decade_dates_only_the_sentence_right_after_it(atlas):
    text = ("Armenian forces took the districts around Nagorno-Karabakh in the 1990s. Their Azerbaijani "
            "inhabitants fled to Baku. Moscow brokered a ceasefire. Yerevan asked the CSTO for help.")
    found = {p.quote: p.date for p in propose(text, parse_date("2022-09-20"), atlas)}
    dates = [d for q, d in found.items() if "fled to Baku" in q]
    assert dates and dates[0].startswith("1990"), found
    later = [d for q, d in found.items() if "asked the CSTO" in q]
    assert later and not later[0].startswith("1990"), found


def test_a_period_running_to_the_time_of_writing_is_no_background(atlas):
    text = ("Baku has pressed its advantage since 2020. Moscow watches. Brussels watches. "
            "Russian peacekeepers stay in Karabakh.")
    found = propose(text, parse_date("2022-09-20"), atlas)
    assert found[-1].date.startswith("2020/"), [(p.quote, p.date) for p in found]


def test_a_verb_of_coming_under_is_no_word_of_the_mines(atlas):
    # the mines' name: "... nəzarətinə keçən rayonlarda ..." (the districts that came under ...)
    text = "Laçın, 26 avqust. Dünən Xankəndi ilə Gorus arasında hərəkət şəhərdən yan keçən yeni yola keçirilib."
    (p,) = propose(text, parse_date("2022-08-26"), atlas, lang="az")
    assert "ev-2020-11-landmines" not in p.feature_ids, p.evidence


SAME_PERIOD = {
    "en": "In May 1992 Shusha was shelled every day. In those same weeks Agdam was shelled.",
    "ru": "В мае 1992 года Шушу обстреливали каждый день. В те же недели обстреливали Агдам.",
    "az": "1992-ci ilin mayında Şuşa hər gün atəşə tutulurdu. Həmin həftələrdə Ağdam atəşə tutulurdu.",
    "hy": "1992 թվականի մայիսին Շուշին ամեն օր հրետակոծվում էր։ Նույն շաբաթներին հրետակոծվում էր Աղդամը։",
}


@pytest.mark.parametrize("lang", sorted(SAME_PERIOD))
def test_the_same_weeks_are_the_period_of_the_sentence_before(atlas, lang):
    found = propose(SAME_PERIOD[lang], parse_date("2012-05-08"), atlas, lang=lang)
    assert [p.date for p in found if "place-agdam" in p.place_ids] == ["1992-05"], \
        [(p.quote, p.date) for p in found]


SAME_DAYS_APART = {
    "en": ("On 20 February 1988 the regional soviet appealed to Moscow. "
           "In the same days mass rallies began in Stepanakert and Yerevan.", "In the same days"),
    "ru": ("20 февраля 1988 года областной совет обратился в Москву. "
           "В те же дни в Степанакерте и Ереване начались массовые митинги.", "В те же дни"),
    "hy": ("1988 թ. փետրվարի 20-ին մարզային խորհուրդը դիմեց Մոսկվային։ "
           "Նույն օրերին Ստեփանակերտում և Երևանում սկսվեցին զանգվածային ցույցեր։", "Նույն օրերին"),
}


@pytest.mark.parametrize("lang", sorted(SAME_DAYS_APART))
def test_a_sentence_dated_by_the_same_days_is_a_quote_of_its_own(atlas, lang):
    """"In the same days ..." gives a sentence its own date: a claim of its own, proposed on its
    own, so the towns it names are not linked to the sentence before it (and the reverse)."""
    text, second = SAME_DAYS_APART[lang]
    found = propose(text, parse_date("2018-02-20"), atlas, lang=lang)
    first = next(p for p in found if p.quote.startswith(text[:8]))
    assert second not in first.quote, first.quote
    assert "place-yerevan" not in first.place_ids, first.evidence
    (then,) = [p for p in found if p.quote.startswith(second)]
    assert then.date == first.date == "1988-02-20"
    assert "place-yerevan" in then.place_ids, then.evidence


THAT_MONTH = {
    "en": ("Fighting moved south on 11 August 1993. At the end of that month Qubadli was taken.",
           "In 1993 fighting moved south. At the end of that month Qubadli was taken.", "At the end"),
    "ru": ("11 августа 1993 года бои сместились на юг. В конце того же месяца был занят Кубатлы.",
           "В 1993 году бои сместились на юг. В конце того же месяца был занят Кубатлы.", "В конце"),
    "az": ("1993-cü il avqustun 11-də döyüşlər cənuba keçdi. Həmin ayın sonunda Qubadlı tutuldu.",
           "1993-cü ildə döyüşlər cənuba keçdi. Həmin ayın sonunda Qubadlı tutuldu.", "Həmin ayın"),
    "hy": ("1993 թ. օգոստոսի 11-ին մարտերը տեղափոխվեցին հարավ։ Նույն ամսվա վերջին գրավվեց Ղուբաթլին։",
           "1993 թ. մարտերը տեղափոխվեցին հարավ։ Նույն ամսվա վերջին գրավվեց Ղուբաթլին։", "Նույն ամսվա"),
}


@pytest.mark.parametrize("lang", sorted(THAT_MONTH))
def test_the_end_of_that_month_is_the_end_of_the_month_before(atlas, lang):
    """"At the end of that month": the last ten days of the month of the sentence before; after
    a sentence dated by its year only there is no month to take, and the phrase reads nothing."""
    month, year, second = THAT_MONTH[lang]
    (p,) = [p for p in propose(month, parse_date("2010-01-01"), atlas, lang=lang) if p.quote.startswith(second)]
    assert p.date == "1993-08-21/1993-08-31", p.evidence["date"]
    assert p.evidence["date"]["why"]["code"] == "counted_from_previous"
    found = propose(year, parse_date("2010-01-01"), atlas, lang=lang)
    assert all(p.date != "1993-08-21/1993-08-31" for p in found), [(p.quote, p.date) for p in found]


HEADED = {
    "en": "Autumn 2020: key dates\n\n27 September — Fighting begins along the line of contact.\n"
          "4 October — Azerbaijani forces take the town of Jabrayil.",
    "ru": "Осень 2020 года: главные даты\n\n27 сентября — Вдоль линии соприкосновения начинаются бои.\n"
          "4 октября — Азербайджанские силы занимают город Джебраил.",
    "az": "2020-ci ilin payızı: əsas tarixlər\n\n27 sentyabr — Təmas xətti boyunca döyüşlər başlayır.\n"
          "4 oktyabr — Azərbaycan qüvvələri Cəbrayıl şəhərini nəzarətə götürür.",
    "hy": "2020 թվականի աշուն: հիմնական տարեթվեր\n\nսեպտեմբերի 27 — Շփման գծի երկայնքով մարտեր են սկսվում։\n"
          "հոկտեմբերի 4 — Ադրբեջանական ուժերը գրավում են Ջաբրայիլ քաղաքը։",
}


@pytest.mark.parametrize("lang", sorted(HEADED))
def test_a_headings_year_is_the_year_of_the_days_below_it(atlas, lang):
    """A timeline under "Autumn 2020: key dates", published on the anniversary a year later:
    its bare days are the heading's year's, not the year of publication."""
    found = propose(HEADED[lang], parse_date("2021-09-27"), atlas, lang=lang)
    assert [p.date for p in found] == ["2020-09-27", "2020-10-04"], [(p.quote, p.date) for p in found]


PAST_NEW_YEAR = {
    "en": ("In October 2022 the EU sent a temporary team to the border. On 20 February the EU mission replaced it.",
           "From January to May 1992 Stepanakert was shelled. In February Khojaly was taken."),
    "ru": ("В октябре 2022 года ЕС направил на границу временную группу. 20 февраля её сменила миссия ЕС.",
           "С января по май 1992 года Степанакерт обстреливали. В феврале был занят Ходжалы."),
    "az": ("2022-ci ilin oktyabrında Aİ sərhədə müvəqqəti qrup göndərdi. Fevralın 20-də onu Aİ missiyası əvəz etdi.",
           "1992-ci ilin yanvar-may aylarında Xankəndi atəşə tutulurdu. Fevralda Xocalı tutuldu."),
    "hy": ("2022 թ. հոկտեմբերին ԵՄ-ն սահման ուղարկեց ժամանակավոր խումբ։ Փետրվարի 20-ին նրան փոխարինեց ԵՄ առաքելությունը։",
           "1992 թ. հունվար-մայիսին Ստեփանակերտը հրետակոծվում էր։ Փետրվարին գրավվեց Խոջալուն։"),
}


@pytest.mark.parametrize("lang", sorted(PAST_NEW_YEAR))
def test_a_story_going_on_past_a_new_year(atlas, lang):
    """A month before the one of the sentence before, in its year, is the next year's when that
    lies nearer to it (and is past): October 2022, then 20 February -> 2023; but January to May
    1992, then February -> 1992."""
    onward, inside = PAST_NEW_YEAR[lang]
    *_, last = propose(onward, parse_date("2023-03-15"), atlas, lang=lang)
    assert last.date == "2023-02-20", (last.quote, last.evidence["date"])
    assert last.evidence["date"]["why"]["code"] == "year_after_previous"
    *_, last = propose(inside, parse_date("2013-03-15"), atlas, lang=lang)
    assert last.date == "1992-02", (last.quote, last.evidence["date"])


THAT_DAY_AND_YEAR = {
    "en": ("On 10 April 1992 Azerbaijani forces entered Maraghar. Many residents were killed that day. "
           "The following year the village stood empty. In the same year Kalbajar was taken."),
    "ru": ("10 апреля 1992 года азербайджанские силы вошли в Марагу. В тот день многие жители были убиты. "
           "На следующий год село стояло пустым. В том же году был занят Кельбаджар."),
    "az": ("1992-ci il aprelin 10-da Azərbaycan qüvvələri Marağaya daxil oldu. O gün çox sakin öldürüldü. "
           "Növbəti ildə kənd boş idi. Həmin ildə Kəlbəcər tutuldu."),
    "hy": ("1992 թ. ապրիլի 10-ին ադրբեջանական ուժերը մտան Մարաղա։ Այդ օրը շատ բնակիչներ սպանվեցին։ "
           "Հաջորդ տարում գյուղը դատարկ էր։ Նույն տարում գրավվեց Քարվաճառը։"),
}


@pytest.mark.parametrize("lang", sorted(THAT_DAY_AND_YEAR))
def test_that_day_the_following_year_and_the_same_year(atlas, lang):
    """"That day" is the day of the sentence before; "the following year" the year after its
    year; "the same year" its year (here the year just reached)."""
    found = propose(THAT_DAY_AND_YEAR[lang], parse_date("2010-01-01"), atlas, lang=lang)
    assert [p.date for p in found] == ["1992-04-10", "1992-04-10", "1993", "1993"], \
        [(p.quote, p.date) for p in found]


def test_years_later_count_from_the_sentence_before_and_a_named_month_wins(atlas):
    text = ("In April 2016 fighting broke out near Talish. Four years later fighting moved north. "
            "Four years later, in July 2020, fighting broke out near Tovuz.")
    found = propose(text, parse_date("2021-01-01"), atlas)
    assert [p.date for p in found] == ["2016-04", "2020-04~", "2020-07"], [(p.quote, p.date) for p in found]


# the date of a text's last sentence: "since 12 December" without a year begins at the latest
# such day before publication, not in the year the text spoke of before; "a month later, on 12
# May" is 12 May of the year a month after the last day named (1994), not of the year a
# flashback before it named (1992)
SINCE_A_DAY = {
    "en": "In 1992 the town was shelled every day. Since 12 December the road has been closed.",
    "ru": "В 1992 году город обстреливали каждый день. С 12 декабря дорога закрыта.",
    "az": "1992-ci ildə şəhər hər gün atəşə tutulurdu. Dekabrın 12-dən bəri yol bağlıdır.",
    "hy": "1992 թ. քաղաքն ամեն օր հրետակոծվում էր։ Դեկտեմբերի 12-ից ի վեր ճանապարհը փակ է։",
}
A_MONTH_LATER_ON = {
    "en": ("On 11 April 1994 Karabakh Armenian forces took Talish. The village had been held by Azerbaijani "
           "forces since the summer of 1992. A month later, on 12 May, the ceasefire took effect."),
    "ru": ("11 апреля 1994 года карабахские армянские силы заняли Талыш. Село с лета 1992 года удерживали "
           "азербайджанские силы. Через месяц, 12 мая, вступило в силу перемирие."),
    "hy": ("1994 թվականի ապրիլի 11-ին ղարաբաղահայ ուժերը գրավեցին Թալիշ գյուղը։ Գյուղը 1992 թվականի ամռանից "
           "գտնվում էր ադրբեջանական ուժերի վերահսկողության տակ։ Մեկ ամիս անց՝ մայիսի 12-ին, ուժի մեջ մտավ հրադադարը։"),
}
LAST_SENTENCE = [(lang, text, "2023-02-15", "2022-12-12/2023-02-15") for lang, text in sorted(SINCE_A_DAY.items())] \
    + [(lang, text, "2014-04-11", "1994-05-12") for lang, text in sorted(A_MONTH_LATER_ON.items())]


@pytest.mark.parametrize("lang,text,published,expected", LAST_SENTENCE)
def test_the_last_sentences_date(atlas, lang, text, published, expected):
    *_, last = propose(text, parse_date(published), atlas, lang=lang)
    assert last.date == expected, (last.quote, last.evidence["date"])


# -- a flashback: the story returns to its own day after it ----------------------------------

FLASHBACK = {
    "en": ("On 22 February 1988 a crowd from Agdam set out for Stepanakert. Two days earlier the council of the "
           "autonomous oblast had asked Moscow for a transfer.\n\nNear Askeran the marchers were stopped. "
           "The news of the deaths was broadcast five days later."),
    "ru": ("22 февраля 1988 года толпа из Агдама двинулась на Степанакерт. Двумя днями ранее совет автономной "
           "области попросил Москву о передаче.\n\nУ Аскерана шествие остановили. Через пять дней о гибели "
           "людей сообщило радио."),
}


@pytest.mark.parametrize("lang", sorted(FLASHBACK))
def test_after_a_flashback_the_story_returns_to_its_own_day(atlas, lang):
    found = propose(FLASHBACK[lang], parse_date("2018-02-22"), atlas, lang=lang)
    dates = [p.date for p in found]
    assert dates[:2] == ["1988-02-22", "1988-02-20"], [(p.quote, p.date) for p in found]
    # the next paragraph goes on at the 22nd, and "five days later" counts from it
    assert "1988-02-27" in dates and "1988-02-25" not in dates, [(p.quote, p.date) for p in found]
