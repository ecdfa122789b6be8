"""Text extraction for ``ingest``: plain text, Markdown, HTML and PDF."""
import pytest

from geo.ingest.extract import ExtractError, extract_text

SENTENCE = "Shusha fell on 8 May 1992, and Lachin followed."


def test_plain_text_is_read_with_its_paragraphs(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("First  paragraph,\nsecond line.\r\n\r\n\r\n" + SENTENCE + "\n", encoding="utf-8")
    assert extract_text(path) == "First paragraph,\nsecond line.\n\n" + SENTENCE + "\n"


def test_windows_1252_text_is_decoded(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Füzuli – “quoted”".encode("cp1252"))
    assert extract_text(path).strip() == "Füzuli – “quoted”"


def test_markdown_loses_its_markup(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# A heading\n\nThe *de jure* plan of [1999](https://example.org) was **dropped**.\n\n"
                    "- Shusha fell on 8 May 1992,\n  and Lachin followed.\n", encoding="utf-8")
    text = extract_text(path)
    assert "The de jure plan of 1999 was dropped." in text
    assert SENTENCE in text
    assert "*" not in text and "https" not in text and "#" not in text


def test_html_keeps_the_article_and_drops_scripts_and_navigation(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>T</title><script>var x = 'SCRIPT';</script></head><body>"
                    "<nav>Home | NAVIGATION</nav><article><h1>Headline</h1><p>Shusha fell on <b>8 May</b> 1992,\n"
                    "and Lachin followed.</p><p>Second&nbsp;paragraph &amp; more.</p></article>"
                    "<footer>FOOTER</footer></body></html>", encoding="utf-8")
    text = extract_text(path)
    assert text == "Headline\n\n" + SENTENCE + "\n\nSecond paragraph & more.\n"


def test_pdf_text_layer_is_read(tmp_path):
    from fpdf import FPDF  # fpdf2, a test dependency

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "A report.\n\n" + SENTENCE + " The line of contact held.")
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    text = extract_text(path)
    assert SENTENCE in " ".join(text.split())


def test_bad_input_is_a_clear_error(tmp_path):
    with pytest.raises(ExtractError, match="unknown document type '.docx'"):
        extract_text(tmp_path / "x.docx")
    with pytest.raises(ExtractError, match="no such file"):
        extract_text(tmp_path / "missing.txt")
    (tmp_path / "empty.html").write_text("<html><script>x</script></html>")
    with pytest.raises(ExtractError, match="no text found"):
        extract_text(tmp_path / "empty.html")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(ExtractError, match="broken.pdf"):
        extract_text(tmp_path / "broken.pdf")


def test_oversized_documents_are_refused(tmp_path, monkeypatch):
    from geo.ingest import extract

    path = tmp_path / "big.txt"
    path.write_text("Shusha fell. " * 100)
    monkeypatch.setattr(extract, "MAX_DOCUMENT_BYTES", 1000)
    with pytest.raises(ExtractError, match="larger than"):
        extract_text(path)
    monkeypatch.setattr(extract, "MAX_DOCUMENT_BYTES", 10**6)
    monkeypatch.setattr(extract, "MAX_TEXT_BYTES", 100)
    with pytest.raises(ExtractError, match="its text is larger"):
        extract_text(path)
