"""The plain text of a document: plain text, Markdown, HTML or PDF.

Extraction uses well-kept libraries (markdown-it-py, lxml, pypdf);
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
from .budget import Budget, BudgetExceeded
from ..i18n import _


class ExtractError(UsageError):
    """A document could not be read or holds no text."""


#: Documents larger than this are not read (a report is rarely over a few MiB).
MAX_DOCUMENT_BYTES = 64 * 2**20

#: HTML pages with more tags than this, or nested deeper, are not parsed (a long report has a
#: few tens of thousands of tags, nested a few dozen deep).
MAX_HTML_TAGS = 500_000
MAX_HTML_DEPTH = 200

#: PDFs with more pages than this, or a page with more bytes of drawing instructions, are not
#: read (a dense page of text takes some tens of KiB; pypdf reads about a MiB in seconds).
MAX_PDF_PAGES = 5000
MAX_PDF_PAGE_BYTES = 2**20

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


def html_text(source: str) -> str:
    """The prose of an HTML page: scripts, navigation and page furniture dropped.

    Parsed by lxml (libxml2) and walked without recursion, so the work grows with the
    page's length; a page of more than :data:`MAX_HTML_TAGS` tags or nested deeper than
    :data:`MAX_HTML_DEPTH` elements is refused before it can take the memory or the time."""
    import lxml.etree

    tags = source.count("<")  # an upper bound on the elements, counted before parsing
    if tags > MAX_HTML_TAGS:
        raise ExtractError(f"more than {MAX_HTML_TAGS:,} tags ({tags:,} '<'); a report is far smaller: "
                           "save the article's text as .txt and ingest that")
    parser = lxml.etree.HTMLParser(encoding="utf-8", recover=True, remove_comments=True, remove_pis=True,
                                   no_network=True)
    doc = lxml.etree.fromstring(source.encode("utf-8", "surrogatepass"), parser=parser)
    if doc is None:  # an empty document
        return ""
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise ExtractError(f"elements nested deeper than the parser reads ({_depth(doc):,} levels); "
                           f"a page is rarely nested {MAX_HTML_DEPTH} deep: save the article's text as .txt")
    depth = _depth(doc)
    if depth > MAX_HTML_DEPTH:
        raise ExtractError(f"elements nested {depth:,} levels deep, more than {MAX_HTML_DEPTH}; "
                           "save the article's text as .txt and ingest that")
    for tag in list(doc.iter(*_HTML_DROP)):
        _drop(tag)
    root = next((r for r in (doc.find(".//article"), doc.find(".//main"), doc.find("body")) if r is not None), doc)
    title_tag = doc.find(".//title")
    title = " ".join("".join(title_tag.itertext()).split()) if title_tag is not None else ""
    body = "".join(_html_pieces(root))
    # inline line breaks inside a paragraph are layout, not structure
    body = "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", body))
    text = normalise(body)
    heading = root.find(".//h1")
    if title and not (heading is not None and "".join(heading.itertext()).strip()) and title not in text:
        text = normalise(title + "\n\n" + text)
    return text


def _depth(doc) -> int:
    """How deeply the elements of ``doc`` nest (counted without recursion)."""
    import lxml.etree

    depth = deepest = 0
    for event, _ in lxml.etree.iterwalk(doc, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def _drop(el) -> None:
    """Take ``el`` and its contents out of the tree, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _html_pieces(root):
    """The text of ``root`` in document order: a paragraph break around each block
    element, a line break for ``br`` and ``hr``."""
    import lxml.etree

    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        inner = el is not root
        name = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if inner and name in ("br", "hr"):
                yield "\n"
                continue
            if inner and name in _HTML_BLOCKS:
                yield "\n\n"
            if el.text:
                yield el.text
        elif inner:
            if name in _HTML_BLOCKS and name not in ("br", "hr"):
                yield "\n\n"
            if el.tail:
                yield el.tail


def markdown_text(source: str) -> str:
    """Markdown rendered by markdown-it-py, then read like HTML (emphasis marks, link
    targets and heading hashes are not part of a quotable sentence)."""
    from markdown_it import MarkdownIt

    return html_text(MarkdownIt("commonmark").render(source))


def pdf_text(path: Path, budget: Budget | None = None) -> str:
    """The text layer of a PDF (pypdf); words hyphenated across lines are joined. At most
    :data:`MAX_PDF_PAGES` pages of at most :data:`MAX_PDF_PAGE_BYTES` of drawing
    instructions each (pypdf itself limits what a compressed stream may expand to), read
    within ``budget``."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not ours to print
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ExtractError(_("{path}: an encrypted PDF; save an unencrypted copy first", path=path))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ExtractError(f"{path}: {len(reader.pages):,} pages, more than {MAX_PDF_PAGES:,}; split it first")
        pages, size = [], 0
        for number, page in enumerate(reader.pages, 1):
            if budget is not None:
                budget.check(f"reading page {number} of the PDF")
            contents = page.get_contents()
            drawn = len(contents.get_data()) if contents is not None else 0
            if drawn > MAX_PDF_PAGE_BYTES:
                raise ExtractError(f"{path}: page {number} holds {drawn:,} bytes of drawing instructions, more than "
                                   f"{MAX_PDF_PAGE_BYTES:,} (a page of text needs a few tens of thousands); "
                                   "not read")
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_TEXT_BYTES:
                raise ExtractError(f"{path}: its text is larger than {MAX_TEXT_BYTES // 2**20} MiB (by page {number}), "
                                   "more than validate reads of a source text; split the document")
    except (ExtractError, BudgetExceeded):
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


def extract_text(path: Path | str, budget: Budget | None = None) -> str:
    """The normalised text of a document, by its suffix (a PDF read within ``budget``)."""
    path = Path(path)
    kind = document_type(path)
    if not path.is_file():
        raise ExtractError(_("{path}: no such file", path=path))
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise ExtractError(_("{path}: larger than {n} MiB; split it first", path=path, n=MAX_DOCUMENT_BYTES // 2**20))
    if kind == "pdf":
        text = pdf_text(path, budget)
    elif kind in ("html", "markdown"):
        try:
            text = (html_text if kind == "html" else markdown_text)(_read(path))
        except ExtractError as exc:
            message = str(exc)
            raise ExtractError(message if message.startswith(f"{path}:") else f"{path}: {message}") from None
    else:
        text = normalise(unescape_entities(_read(path)))
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ExtractError(_("{path}: its text is larger than {n} MiB, more than validate "
                             "reads of a source text; split the document", path=path, n=MAX_TEXT_BYTES // 2**20))
    if not text.strip():
        raise ExtractError(_("{path}: no text found (a scanned PDF without a text layer?)", path=path) if kind == "pdf"
                           else _("{path}: no text found", path=path))
    return text
