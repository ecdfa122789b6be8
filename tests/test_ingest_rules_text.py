"""Rules of reading a text: a year before a comma, a PDF page break and footnote marks in
sentences, a sentence that points back continues its neighbour's quote, and a date that names
a document does not date its sentence. Each rule with a case it changes and a case it must
leave alone; the sentence rules in the four languages."""
import pytest

from geo.dates import parse_date
from geo.ingest.dates import Context, find_dates
from geo.ingest.propose import SHORT_SENTENCE_WORDS, propose
from geo.ingest.references import names_document
from geo.ingest.sentences import split_sentences


def _texts(text):
    return [s.text for s in split_sentences(text)]


def _quoting(found, words):
    """The proposals whose quote holds ``words``."""
    return [p for p in found if words in p.quote]


def _only_quoting(found, words):
    hits = _quoting(found, words)
    assert len(hits) == 1, [p.quote for p in found]
    return hits[0]


# --- 1. a year before a comma ------------------------------------------------------------

def test_a_year_followed_by_a_comma_is_a_year():
    """"In 1994, when ..." names the year 1994."""
    found = find_dates("In 1994, when a military stalemate was reached, the fighting stopped.",
                       Context(parse_date("2000-01-01")))
    assert [(m.words, m.edtf) for m in found] == [("1994", "1994")]


@pytest.mark.parametrize("text", ["Some 2,000 people left the town.", "The census counted 1,994 homes.",
                                  "The reservoir covers 2020,5 hectares."])
def test_a_number_with_a_thousands_or_decimal_comma_is_not_a_year(text):
    """A comma followed by a digit makes the digits part of a number, not a year."""
    assert find_dates(text, Context(parse_date("2000-01-01"))) == []


def test_a_year_before_a_comma_gives_a_day_of_the_same_sentence_its_year():
    """"In 1994, on 12 May, ...": the bare day is read in the year named before it."""
    found = find_dates("In 1994, on 12 May, a ceasefire took effect.", Context(parse_date("2000-01-01")))
    assert [m.edtf for m in found if m.grain == "day"] == ["1994-05-12"]


def test_a_year_before_a_comma_carries_over_to_the_next_sentence_of_the_paragraph(atlas):
    """In a text that is not news, "In 1994, talks began." sets the paragraph's year: the
    next sentence's "On 12 May" is 12 May 1994, not the last 12 May before publication."""
    found = propose("In 1994, talks began. On 12 May a ceasefire took effect.", parse_date("2000-01-01"), atlas)
    assert _only_quoting(found, "On 12 May").date == "1994-05-12"


# --- 2. sentences: page breaks and footnote marks ----------------------------------------

def test_a_page_break_inside_a_sentence_does_not_split_it():
    """A blank line after a line ending without a stop, before a lower-case word, is a PDF
    page break: one sentence, one paragraph."""
    text = "By then the army could have\n\npushed on to capture both towns. It did not."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["By then the army could have\n\npushed on to capture both towns.",
                                           "It did not."]
    assert sentences[0].paragraph == sentences[1].paragraph
    ru = split_sentences("Армия могла\n\nпродвинуться дальше. Но не стала.")
    assert len(ru) == 2 and ru[0].text.endswith("дальше.") and ru[0].paragraph == ru[1].paragraph


@pytest.mark.parametrize("text", ["One. \n\nTwo.", "One.\n\ntwo.", "Background\n\nThe war began."])
def test_a_blank_line_still_ends_a_paragraph(text):
    """A blank line after a stop, or before a capital (a heading), still breaks the paragraph."""
    sentences = split_sentences(text)
    assert len(sentences) == 2
    assert sentences[0].paragraph != sentences[1].paragraph


@pytest.mark.parametrize("first, second", [
    ("Who would send peacekeepers?<sup>18</sup>", "From a military point of view, no one could."),
    ("Armenia appealed to the CSTO.[4]", "The timing was noted."),
    ("Армения обратилась к ОДКБ с просьбой прислать миротворцев.[4]", "Позже пришёл ответ."),
    ("Кто пошлёт миротворцев?<sup>18</sup>", "С военной точки зрения никто."),
    ("Ermənistan KTMT-yə müraciət etdi.[4]", "Sonra cavab gəldi."),
    ("Հայաստանը դիմեց ՀԱՊԿ-ին։[4]", "Հետո պատասխան եկավ։"),
])
def test_a_footnote_mark_after_the_stop_ends_the_sentence_and_stays_with_it(first, second):
    """A footnote mark (<sup>18</sup>, [4]) after a sentence's stop: the sentence ends after the mark."""
    assert _texts(f"{first} {second}") == [first, second]


# --- 3. a sentence that points back continues the quote ----------------------------------

# (a dated sentence, one that opens by pointing back to it, one that does not, the publication date)
POINTING_BACK = {
    "en": ("In May 1994 the sides agreed on a ceasefire that ended the large-scale fighting over Nagorno-Karabakh.",
           "This settlement left the front line where the armies stood and left the status of the region open.",
           "Azerbaijan and Armenia sent their foreign ministers to further rounds of talks held by the Minsk Group.",
           "2000-01-01"),
    "ru": ("В июле 2022 года стороны провели новый раунд переговоров о мирном договоре в Брюсселе при посредничестве ЕС.",
           "Это была уже третья встреча лидеров в таком формате за последние несколько месяцев.",
           "Россия предложила провести следующую встречу министров иностранных дел в Москве в ближайшее время.",
           "2023-01-01"),
    "az": ("2022-ci ilin iyulunda tərəflər Brüsseldə Aİ-nin vasitəçiliyi ilə sülh müqaviləsi üzrə yeni "
           "danışıqlar raundu keçirdilər.",
           "Bu, son bir neçə ay ərzində liderlərin bu formatda artıq üçüncü görüşü idi.",
           "Rusiya xarici işlər nazirlərinin növbəti görüşünü yaxın vaxtlarda Moskvada keçirməyi təklif etdi.",
           "2023-01-01"),
    "hy": ("2022 թվականի հուլիսին կողմերը Բրյուսելում ԵՄ միջնորդությամբ անցկացրին խաղաղության պայմանագրի "
           "շուրջ բանակցությունների նոր փուլ։",
           "Այս հանդիպումը վերջին մի քանի ամիսների ընթացքում առաջնորդների երրորդ հանդիպումն էր նման ձևաչափով։",
           "Ռուսաստանը առաջարկեց արտաքին գործերի նախարարների հաջորդ հանդիպումը մոտ ժամանակներս անցկացնել Մոսկվայում։",
           "2023-01-01"),
}


def _long(*sentences):
    # the rule is about sentences too long to be joined for being short
    assert all(len(s.split()) >= SHORT_SENTENCE_WORDS for s in sentences), sentences


@pytest.mark.parametrize("lang", sorted(POINTING_BACK))
def test_an_undated_sentence_pointing_back_is_quoted_with_the_dated_one(atlas, lang):
    """In a text that is not news, a sentence without a date that opens by pointing back
    ("This ...", "Это ...", "Bu ...", "Այս ...") is one quote with the dated sentence before it."""
    dated, back, _, published = POINTING_BACK[lang]
    _long(dated, back)
    found = propose(f"{dated} {back}", parse_date(published), atlas, lang=lang)
    p = _only_quoting(found, dated)
    assert back in p.quote
    assert len(found) == 1, [q.quote for q in found]


def test_the_definite_article_points_back_too(atlas):
    """"The towns were looted ..." after the sentence that names the towns is quoted with it."""
    dated = "Armenian forces took Aghdam and Fuzuli in the summer of 1993 after several weeks of heavy fighting."
    back = "The towns were looted and most of their buildings were left in ruins for the next decades."
    _long(dated, back)
    found = propose(f"{dated} {back}", parse_date("2000-01-01"), atlas)
    assert back in _only_quoting(found, dated).quote


@pytest.mark.parametrize("lang", sorted(POINTING_BACK))
def test_a_long_undated_sentence_that_does_not_point_back_stands_alone(atlas, lang):
    """A long sentence that opens with a name ("Azerbaijan ...", "Россия ...") after a long
    dated one is not joined to it."""
    dated, _, other, published = POINTING_BACK[lang]
    _long(dated, other)
    found = propose(f"{dated} {other}", parse_date(published), atlas, lang=lang)
    assert _quoting(found, dated) and not any(other in p.quote for p in _quoting(found, dated))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_sentence_pointing_back_from_the_next_paragraph_is_not_joined(atlas, lang):
    """The join stays within a paragraph."""
    dated, back, _, published = POINTING_BACK[lang]
    found = propose(f"{dated}\n\n{back}", parse_date(published), atlas, lang=lang)
    assert not any(back in p.quote for p in _quoting(found, dated))


# --- 4. a date that names a document -------------------------------------------------------

def _names_document(sentence, lang="en"):
    found = find_dates(sentence, Context(parse_date("2023-01-15")), lang)
    assert len(found) == 1, [m.words for m in found]
    return names_document(sentence, found[0].start, found[0].end, lang)


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Thus, Azerbaijan says it continues to abide by the terms of the 10 November 2020 tripartite statement."),
    ("en", "The sides still refer to the provisions of the statement of 10 November 2020."),
    ("ru", "Армения назвала этот шаг нарушением трёхстороннего заявления 2020 года."),
    ("ru", "Ереван сослался на пункт 6 трёхстороннего заявления от 10 ноября 2020 года."),
    ("az", "Ermənistan tərəfi bu addımı 2020-ci il 10 noyabr tarixli bəyanatın pozulması adlandırdı."),
    ("az", "Ermənistan tərəfi bu addımı 2020-ci il 10 noyabr bəyanatının pozulması adlandırdı."),
    ("hy", "Հայաստանը այս քայլը որակեց որպես 2020 թվականի նոյեմբերի 10-ի եռակողմ հայտարարության խախտում։"),
])
def test_a_date_in_a_documents_name_names_the_document(lang, sentence):
    """A date attached to a document word, not at the sentence's head, names the document."""
    assert _names_document(sentence, lang) is True


@pytest.mark.parametrize("lang, sentence", [
    # at the head
    ("en", "The 10 November 2020 statement ended the war."),
    ("en", "Under the 1994 ceasefire agreement, the line of contact was left where the armies stood."),
    ("ru", "Трёхстороннее заявление от 10 ноября 2020 года положило конец войне."),
    ("az", "2020-ci il 10 noyabr tarixli bəyanat müharibəyə son qoydu."),
    ("hy", "2020 թվականի նոյեմբերի 10-ի եռակողմ հայտարարությունը վերջ դրեց պատերազմին։"),
    # the sentence says the document was made
    ("en", "The leaders met in Moscow, and the 10 November 2020 tripartite statement was signed."),
    ("ru", "Лидеры трёх стран встретились в Москве, и трёхстороннее заявление от 10 ноября 2020 года было подписано."),
    ("az", "Liderlər Moskvada görüşdülər və 2020-ci il 10 noyabr tarixli üçtərəfli bəyanat imzalandı."),
    ("hy", "Առաջնորդները հանդիպեցին Մոսկվայում, և 2020 թվականի նոյեմբերի 10-ի եռակողմ հայտարարությունը ստորագրվեց։"),
    # a date of when something happened
    ("en", "Armenia and Azerbaijan signed a ceasefire on 10 November 2020."),
    ("en", "Fighting along the whole front stopped with a ceasefire on 10 November 2020."),
    ("ru", "Армения и Азербайджан прекратили огонь 10 ноября 2020 года."),
    ("az", "Ermənistan və Azərbaycan arasında döyüşlər 2020-ci il noyabrın 10-da dayandırıldı."),
    # (the dative -ին, not the genitive -ի, even before a document word)
    ("hy", "Մարտական գործողությունները դադարեցին, երբ կողմերը 2020 թվականի նոյեմբերի 10-ին հրադադար հաստատեցին։"),
])
def test_a_date_at_the_head_of_a_making_or_of_an_event_dates_the_sentence(lang, sentence):
    """At the sentence's head, with a verb of making (signed, подписано, imzalandı, ստորագրվեց)
    or as the date of an event, a date is not a document's name."""
    assert _names_document(sentence, lang) is False


# (a dated sentence, then one whose only date names a document; the publication date)
DOCUMENT_AFTER_DATED = {
    "en": ("On 12 December 2022 people presenting themselves as environmental activists blocked the Lachin road "
           "near Shusha.",
           "Thus, Azerbaijan says it continues to abide by the terms of the 10 November 2020 tripartite statement.",
           "2023-01-15", "2022-12-12"),
    "ru": ("23 апреля 2023 года Азербайджан установил контрольно-пропускной пункт на Лачинской дороге у моста "
           "через реку Акари.",
           "Армения назвала этот шаг нарушением трёхстороннего заявления 2020 года.",
           "2023-06-01", "2023-04-23"),
    "az": ("2023-cü il aprelin 23-də Azərbaycan Laçın yolunda Həkəri çayı üzərindəki körpünün yanında "
           "sərhəd-buraxılış məntəqəsi qurdu.",
           "Ermənistan tərəfi bu addımı 2020-ci il 10 noyabr tarixli bəyanatın pozulması adlandırdı.",
           "2023-06-01", "2023-04-23"),
    "hy": ("2023 թվականի ապրիլի 23-ին Ադրբեջանը Լաչինի ճանապարհին՝ Հակարի գետի կամրջի մոտ, անցակետ տեղադրեց։",
           "Հայաստանը այս քայլը որակեց որպես 2020 թվականի նոյեմբերի 10-ի եռակողմ հայտարարության խախտում։",
           "2023-06-01", "2023-04-23"),
}


@pytest.mark.parametrize("lang", sorted(DOCUMENT_AFTER_DATED))
def test_a_sentence_dated_only_by_a_documents_name_takes_its_neighbours_date(atlas, lang):
    """The sentence speaks of its paragraph's moment, not of the day the document was made."""
    dated, naming, published, day = DOCUMENT_AFTER_DATED[lang]
    assert day in (m.edtf for m in find_dates(dated, Context(parse_date(published)), lang))
    found = propose(f"{dated} {naming}", parse_date(published), atlas, lang=lang)
    p = _only_quoting(found, naming)
    assert not p.date.startswith("2020")
    assert p.date == day


@pytest.mark.parametrize("lang, sentence, day", [
    ("en", "The 10 November 2020 statement ended the war.", "2020-11-10"),
    ("en", "Under the 1994 ceasefire agreement, the line of contact was left where the armies stood.", "1994"),
    ("en", "The leaders met in Moscow, and the 10 November 2020 tripartite statement was signed.", "2020-11-10"),
    ("ru", "Лидеры трёх стран встретились в Москве, и трёхстороннее заявление от 10 ноября 2020 года было подписано.",
     "2020-11-10"),
])
def test_a_document_date_at_the_head_or_with_a_making_verb_dates_the_proposal(atlas, lang, sentence, day):
    """The counter-cases: these sentences are dated by the document's date."""
    assert propose(sentence, parse_date("2023-01-15"), atlas, lang=lang)[0].date == day


def test_the_year_of_a_documents_name_sets_no_year_for_the_paragraph(atlas):
    """A bare day after a sentence whose only year names a document is read against the
    publication date, not in the document's year; a year the sentence speaks of still carries over."""
    day = "On 15 March the leaders met in Brussels."
    naming = propose(f"Both governments still cite the terms of the 1994 ceasefire agreement in their statements. {day}",
                     parse_date("2021-11-29"), atlas)
    assert _only_quoting(naming, day).date == "2021-03-15"
    speaking = propose(f"Both governments met in Bishkek in 1994 to discuss a ceasefire. {day}",
                       parse_date("2021-11-29"), atlas)
    assert _only_quoting(speaking, day).date == "1994-03-15"
