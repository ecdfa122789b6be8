"""Bounded work per document: ingest's time grows with the document's length, and depth,
size and time have limits that stop it with a message naming the file and the limit."""
from __future__ import annotations

import time
import zlib

import pytest

from geo.dates import parse_date
from geo.ingest import extract
from geo.ingest.budget import Budget, BudgetExceeded
from geo.ingest.extract import ExtractError, extract_text, html_text
from geo.ingest.propose import propose

PUBLISHED = parse_date("2022-09-14")


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit", ["fighting near Shusha on 12 May 1992, and in 1993, ",
                                  "бои у Степанакерта 12 сентября 2022 года и ",
                                  "on 3 and 7 December 2022 shelling near Lachin since 2020; ",
                                  # dates that name documents, read from a window around each
                                  "in breach of the 10 November 2020 tripartite statement (of 2020), "])
def test_a_long_text_without_sentence_stops_is_read_in_linear_time(atlas, unit):
    # 200,000 characters in one "sentence": each date used to search the whole text before it
    # (65 s); the time now grows with the length, not with its square
    def text(n):
        return (unit * (n // len(unit) + 1))[:n] + "\n"
    small = min(_timed(propose, text(25_000), PUBLISHED, atlas) for _ in range(2))
    big = min(_timed(propose, text(200_000), PUBLISHED, atlas) for _ in range(2))
    assert big < 20 * small + 2.0, (small, big)  # 8 times the text; quadratic work would be 64 times


def test_a_long_paragraph_of_towns_named_again_is_read_in_linear_time(atlas):
    # every sentence names a town, road and district again by its kind, and looks back for the
    # one named before it: within a bounded window (the whole paragraph took 9 s for 6,000
    # characters and 109 s for 24,000)
    unit = "The town burned and the road to it was cut, and the district around it emptied. "
    def text(n):
        return "Shusha was shelled on 12 May 1992. " + (unit * (n // len(unit) + 1))[:n] + "\n"
    small = min(_timed(propose, text(6_000), PUBLISHED, atlas) for _ in range(2))
    big = _timed(propose, text(24_000), PUBLISHED, atlas)
    assert big < 8 * small + 2.0, (small, big)  # 4 times the text; quadratic work would be 16 times


@pytest.mark.parametrize("tag, closed", [("div", True), ("div", False), ("b", False), ("span", True)])
def test_deeply_nested_html_is_refused_at_once(tag, closed):
    # many nested tags drove ingest past 4 GB; 10,000 nested divs took 17 s to read
    depth = 20_000
    page = ("<html><body><article><p>Shusha fell on 8 May 1992.</p>" + f"<{tag}>" * depth + "x"
            + (f"</{tag}>" * depth if closed else "") + "</article></body></html>")
    with pytest.raises(ExtractError, match="nested"):  # refused while walking, before the text is built
        html_text(page)


def test_html_nested_within_the_limit_is_read(monkeypatch):
    page = "<html><body>" + "<div>" * (extract.MAX_HTML_DEPTH - 5) + "Shusha fell." + "</div>" * 150 + "</body></html>"
    assert html_text(page) == "Shusha fell.\n"


def test_html_with_too_many_tags_is_refused_with_the_file_named(tmp_path, monkeypatch):
    path = tmp_path / "many.html"
    path.write_text("<html><body><p>Shusha fell.</p>" + "<br>" * 200 + "</body></html>", encoding="utf-8")
    assert extract_text(path) == "Shusha fell.\n"
    monkeypatch.setattr(extract, "MAX_HTML_TAGS", 100)
    with pytest.raises(ExtractError, match=r"many\.html: more than 100 tags"):
        extract_text(path)


def _pdf_with_content(path, content: bytes) -> None:
    """A one-page PDF whose page draws ``content`` (Flate-compressed: small on disk)."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = StreamObject()
    stream._data = zlib.compress(content, 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Contents")] = writer._add_object(stream)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    with open(path, "wb") as out:
        writer.write(out)


def test_a_small_pdf_that_expands_to_megabytes_of_drawing_is_refused(tmp_path):
    # 16 KB on disk, 5 MB of text-drawing instructions on one page: pypdf took minutes on it
    line = b"BT /F1 12 Tf 72 720 Td (Shusha fell on 8 May 1992) Tj ET\n"
    path = tmp_path / "bomb.pdf"
    _pdf_with_content(path, line * (5 * 2**20 // len(line)))
    assert path.stat().st_size < 100_000
    with pytest.raises(ExtractError, match=r"bomb\.pdf: page 1 holds [\d,]+ bytes of drawing instructions"):
        extract_text(path)  # refused by the size of the page's instructions, before any is interpreted
    _pdf_with_content(path, line * 3)  # the same page, drawn once: read
    assert "Shusha fell on 8 May 1992" in extract_text(path)


def test_a_pdf_of_too_many_pages_is_refused(tmp_path, monkeypatch):
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, "Shusha fell on 8 May 1992.")
    path = tmp_path / "long.pdf"
    pdf.output(str(path))
    monkeypatch.setattr(extract, "MAX_PDF_PAGES", 2)
    with pytest.raises(ExtractError, match=r"long\.pdf: 3 pages, more than 2"):
        extract_text(path)


def test_a_spent_time_budget_stops_reading_with_a_message(atlas, tmp_path):
    spent = Budget(60, "report.txt")
    spent.deadline = 0.0
    with pytest.raises(BudgetExceeded, match=r"report\.txt: stopped after 60 s while reading the dates of sentence 1"):
        propose("Shusha fell on 8 May 1992. Lachin followed.", PUBLISHED, atlas, budget=spent)
    with pytest.raises(BudgetExceeded, match="reading page 1 of the PDF"):
        from fpdf import FPDF
        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, "Shusha fell on 8 May 1992.")
        pdf.output(str(tmp_path / "r.pdf"))
        extract_text(tmp_path / "r.pdf", spent)
    with pytest.raises(Exception, match="positive number of seconds"):
        Budget(0)
