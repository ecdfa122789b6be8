"""The plain text of a document: plain text, Markdown, HTML or PDF.

Extraction uses well-kept libraries (markdown-it-py, BeautifulSoup with lxml, pypdf);
the result is normalised the same way for every type: paragraphs separated by one blank
line, runs of spaces folded, so that quotes can be checked verbatim against it.
"""
from __future__ import annotations

import codecs
import html
import logging
import re
import unicodedata
from pathlib import Path

from ..confine import MAX_TEXT_BYTES
from ..errors import UsageError
from ..i18n import _


class ExtractError(UsageError):
    """A document could not be read or holds no text."""


#: Documents larger than this are not read (a report is rarely over a few MiB).
MAX_DOCUMENT_BYTES = 64 * 2**20

#: file suffix -> document type
TYPES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}

#: HTML elements whose text is never part of the document's prose.
_HTML_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
              "button", "svg", "iframe", "head")
#: HTML elements that end a paragraph.
_HTML_BLOCKS = ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                "blockquote", "pre", "table", "tr", "dd", "dt", "figcaption", "br", "hr", "ul", "ol")


def document_type(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in TYPES:
        raise ExtractError(_("{path}: unknown document type {suffix}; ingest reads {types}", path=path,
                             suffix=repr(suffix) if suffix else _("(no suffix)"), types=', '.join(sorted(TYPES))))
    return TYPES[suffix]


def normalise(text: str) -> str:
    """NFC, unified line ends, spaces folded within lines, one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\ufeff", "")
    paragraphs = re.split(r"\n\s*\n", text)
    out = []
    for para in paragraphs:
        lines = [" ".join(line.split()) for line in para.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
    return "\n\n".join(out) + ("\n" if out else "")


def html_text(html: str) -> str:
    """The prose of an HTML page: scripts, navigation and page furniture dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in root.find_all(_HTML_BLOCKS):
        if tag.name in ("br", "hr"):
            tag.replace_with("\n")
        else:
            tag.insert_before("\n\n")
            tag.insert_after("\n\n")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    body = root.get_text("")
    # inline line breaks inside a paragraph are layout, not structure
    body = "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", body))
    text = normalise(body)
    heading = root.find(["h1"])
    if title and not (heading and heading.get_text(strip=True)) and title not in text:
        text = normalise(title + "\n\n" + text)
    return text


def markdown_text(source: str) -> str:
    """Markdown rendered by markdown-it-py, then read like HTML (emphasis marks, link
    targets and heading hashes are not part of a quotable sentence)."""
    from markdown_it import MarkdownIt

    return html_text(MarkdownIt("commonmark").render(source))


def pdf_text(path: Path) -> str:
    """The text layer of a PDF (pypdf); words hyphenated across lines are joined."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not ours to print
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ExtractError(_("{path}: an encrypted PDF; save an unencrypted copy first", path=path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on broken files
        raise ExtractError(_("{path}: not a readable PDF ({kind}: {exc})", path=path, kind=type(exc).__name__,
                             exc=exc)) from None
    text = "\n\n".join(pages)
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    # a line break inside a paragraph is layout: keep paragraph breaks (blank lines, or a
    # line ending a sentence followed by a capital) and join the rest
    text = re.sub(r"(?<![.!?:\n])\n(?!\n)", " ", text)
    return normalise(text)


#: byte-order marks -> the encoding they announce (UTF-32's before UTF-16's: they share a prefix)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: an HTML character reference left in plain text ("&laquo;", "&#1329;", "&#x531;")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def decode(raw: bytes, path: Path | str = "") -> str:
    """Text from bytes: the encoding a byte-order mark announces (UTF-8, UTF-16, UTF-32),
    else UTF-8, else Windows-1252 (then Latin-1, which reads anything)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ExtractError(_("{path}: starts with a {encoding} byte-order mark but is not "
                                     "{encoding} ({reason} at byte {start})", path=path, encoding=encoding.upper(), reason=exc.reason, start=exc.start)) from None
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def unescape_entities(text: str) -> str:
    """HTML character references in plain text resolved ("&laquo;" -> "«", "&#1329;" -> "Ա")."""
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text


def _read(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ExtractError(_("{path}: cannot be read ({strerror})", path=path, strerror=exc.strerror)) from None
    return decode(raw, path)


def extract_text(path: Path | str) -> str:
    """The normalised text of a document, by its suffix."""
    path = Path(path)
    kind = document_type(path)
    if not path.is_file():
        raise ExtractError(_("{path}: no such file", path=path))
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise ExtractError(_("{path}: larger than {n} MiB; split it first", path=path, n=MAX_DOCUMENT_BYTES // 2**20))
    if kind == "pdf":
        text = pdf_text(path)
    elif kind == "html":
        text = html_text(_read(path))
    elif kind == "markdown":
        text = markdown_text(_read(path))
    else:
        text = normalise(unescape_entities(_read(path)))
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ExtractError(_("{path}: its text is larger than {n} MiB, more than validate "
                             "reads of a source text; split the document", path=path, n=MAX_TEXT_BYTES // 2**20))
    if not text.strip():
        raise ExtractError(f"{path}: no text found" + (" (a scanned PDF without a text layer?)" if kind == "pdf" else ""))
    return text
