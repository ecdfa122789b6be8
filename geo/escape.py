"""The one way text from data reaches HTML or JavaScript.

Folium's tooltips and popups insert text as raw HTML, and some of it lands inside
JavaScript template literals, where a backtick, ``${`` or a backslash would break out;
and branca compiles rendered map elements as Jinja templates a second time, where
``{{ ... }}`` would run. :func:`text` escapes for HTML *and* writes those characters
and braces as HTML entities, so the result is safe in an element, an attribute, a
template literal and a template, and still displays literally. :func:`url` lets through only http(s) addresses.
"""
from __future__ import annotations

import html
import json
from urllib.parse import urlsplit

# backtick, dollar and backslash break JS template literals; braces would be run as
# Jinja by branca, which compiles rendered map elements as templates a second time
_JS_TEMPLATE_CHARS = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})


def text(value: object) -> str:
    """Escape any value for HTML text or attributes, inside a JS template literal too."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_JS_TEMPLATE_CHARS)


def url(value: object) -> str | None:
    """The address, escaped, if it is an absolute http(s) URL; otherwise None."""
    if not isinstance(value, str):
        return None
    candidate = value.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text(candidate)


def link(label: object, address: object) -> str:
    """An ``<a>`` to ``address`` if it is safe, else the label as plain text."""
    safe = url(address)
    if safe is None:
        return text(label)
    return f'<a href="{safe}" target="_blank" rel="noopener noreferrer">{text(label)}</a>'


def json_for_script(value: object) -> str:
    """JSON that can sit inside a ``<script>`` element: ``<``, ``>``, ``&`` and the
    line separators U+2028/U+2029 are written as escapes, so no ``</script>`` can end it."""
    dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# C0 and C1 control characters and DEL, and the bidirectional overrides that reorder text.
_TERMINAL_UNSAFE = {c: _visible(chr(c)) for c in [*range(0x20), 0x7f, *range(0x80, 0xa0),
                                                  0x061c, 0x200e, 0x200f, *range(0x202a, 0x202f),
                                                  *range(0x2066, 0x206a)]}


def terminal(value: object, keep_newlines: bool = False) -> str:
    """Text for a terminal: control characters (ESC, CR, NUL, ...), and bidirectional
    overrides, written visibly as ``\\x1b``, ``\\u202e``; a newline stays one if asked."""
    text = str(value).translate(_TERMINAL_UNSAFE) if not keep_newlines else "\n".join(
        line.translate(_TERMINAL_UNSAFE) for line in str(value).split("\n"))
    return text


def terminal_json(dumped: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with the characters
    :func:`terminal` makes visible written as ``\\uXXXX`` escapes: still the same JSON."""
    return dumped.translate(_JSON_TERMINAL)


# json.dumps already escapes C0 controls inside strings; what is left are DEL, C1 and bidi controls
_JSON_TERMINAL = {code: f"\\u{code:04x}" for code in _TERMINAL_UNSAFE if code >= 0x20}


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection");
#: a leading quote is included so that the neutralising below can always be undone.
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs as a formula: a text starting with ``= + - @``,
    tab, CR or ``'`` gets a single quote in front (the OWASP convention). Reversible with
    :func:`csv_uncell`: a cell starting with ``'`` had one added."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


def csv_uncell(cell: str) -> str:
    """The original text of a cell written by :func:`csv_cell`."""
    return cell[1:] if cell.startswith("'") else cell
