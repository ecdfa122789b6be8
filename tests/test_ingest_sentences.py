"""Sentences in the four scripts, documents in UTF-16 and with HTML entities, and splitting
that stays linear in the text's length."""
import codecs
import time

import pytest

from geo.ingest.extract import extract_text
from geo.ingest.sentences import split_sentences


def _texts(text):
    return [s.text for s in split_sentences(text)]


def test_the_armenian_full_stop_and_the_colon_typed_for_it_end_sentences():
    text = "Ճանապարհը փակվեց։ Ակտիվիստները կանգնեցին Շուշիի մոտ: Իսկ 2022 թ. դեկտեմբերին սկսվեց շրջափակումը։"
    assert _texts(text) == ["Ճանապարհը փակվեց։", "Ակտիվիստները կանգնեցին Շուշիի մոտ:",
                            "Իսկ 2022 թ. դեկտեմբերին սկսվեց շրջափակումը։"]


def test_the_armenian_full_stop_ends_a_sentence_before_a_lower_case_month():
    # (Armenian month names are written in lower case: "հոկտեմբերի 4-ին" may open a sentence)
    text = "Մարտերը սկսվեցին սեպտեմբերի 27-ին։ հոկտեմբերի 4-ին գրավվեց Ջաբրայիլը։"
    assert [s.text for s in split_sentences(text)] == ["Մարտերը սկսվեցին սեպտեմբերի 27-ին։",
                                                       "հոկտեմբերի 4-ին գրավվեց Ջաբրայիլը։"]


def test_a_heading_is_a_paragraph_of_its_own_above_a_lower_case_line():
    text = "2020 թվականի աշուն\n\nսեպտեմբերի 27 — Մարտեր են սկսվում։"
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [
        ("2020 թվականի աշուն", 0), ("սեպտեմբերի 27 — Մարտեր են սկսվում։", 1)]
    # (but a line cut by a page break in mid-sentence still runs on into the next)
    cut = "By then the army could have\n\npushed on."
    assert len(split_sentences(cut)) == 1


def test_russian_abbreviations_initials_and_guillemets():
    text = "В 2020 г. война закончилась. Т.е. всё. «Мы готовы», — сказал он. И. Алиев ответил."
    assert _texts(text) == ["В 2020 г. война закончилась.", "Т.е. всё.", "«Мы готовы», — сказал он.",
                            "И. Алиев ответил."]


def test_azerbaijani_capitals_start_sentences():
    text = "Aprelin 23-ü məntəqə quruldu. Əvvəlcə nazir danışdı. Şuşada görüş oldu. İrəvan cavab verdi."
    assert len(_texts(text)) == 4


def test_a_quote_closed_after_the_stop_stays_with_its_sentence():
    assert _texts("Он сказал: «Дорога закрыта.» Затем ушёл.") == ["Он сказал: «Дорога закрыта.»", "Затем ушёл."]


@pytest.mark.parametrize("unit", [".", "!", "!”", "Ա: ", "a. ", ". ", "?!…"])
def test_splitting_a_long_pathological_text_is_linear(unit):
    # 400,000 characters of stops and quotes; quadratic splitting took minutes on 80,000
    text = unit * (400_000 // len(unit))
    start = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - start < 10.0


def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path):
    text = "Степанакерт, 12 декабря — Утром 12 декабря дорога была перекрыта.\n"
    for encoding, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(bom + text.encode(encoding))
        assert extract_text(path).strip() == text.strip()


def test_html_entities_in_plain_text_are_resolved(tmp_path):
    path = tmp_path / "item.txt"
    path.write_text("&laquo;Laçın yolu&raquo; &#1329;&#x0532; &amp; more; AT&T stays.\n", encoding="utf-8")
    assert extract_text(path).strip() == "«Laçın yolu» ԱԲ & more; AT&T stays."
