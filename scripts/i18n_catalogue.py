"""Keep the interface catalogues (geo/i18n/locale/<lang>/LC_MESSAGES/messages.po) in step with
the code and the record.

    python scripts/i18n_catalogue.py              # extract, then update every language's .po
    python scripts/i18n_catalogue.py --check      # exit 1 when a .po lacks a message (CI, tests)
    python scripts/i18n_catalogue.py --merge T.json   # set translations {message: {lang: text}}

Extraction is Babel's (babel.cfg: _("...") and N_("...") in geo/, dashboard/ and the engine's
JavaScript) plus the registries' labels and the record's sentences (geo/i18n/messages.py).
English is the source language: its msgstr is the message itself. A message no longer found
is dropped from every catalogue; a new one is added empty (tests/test_i18n.py then fails until
it is translated). Writes are atomic (geo.io.write_atomic).
"""
from __future__ import annotations

import argparse
import ast
import io
import json
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import i18n  # noqa: E402
from geo.i18n.messages import record_messages, registry_messages  # noqa: E402
from geo.io import write_atomic  # noqa: E402

LOCALE_DIR = ROOT / "geo" / "i18n" / "locale"
KEYWORDS = {"_": None, "gettext": None, "N_": None}
METHODS = [("geo/**.py", "python"), ("dashboard/**.py", "python"), ("geo/static/engine/**.js", "javascript")]


def extracted(root: Path = ROOT) -> dict[str, list[str]]:
    """message -> where it was found ("path:line"), from the code (Babel) and the registries/record."""
    out: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(root), method_map=METHODS, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True):
        if isinstance(message, tuple):
            message = message[0]
        if message:
            out.setdefault(message, []).append(f"{filename}:{lineno}")
    for message, where in calls_in_fstrings(root):
        out.setdefault(message, []).append(where)
    for message, where in registry_messages() + record_messages(root / "data"):
        out.setdefault(message, []).append(where)
    return out


#: A call _("...") or N_("...") with a literal message (its text in group 2), as written in Python.
CALL = re.compile(r"""(?<![\w.])N?_\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*[,)]""")


def calls_in_fstrings(root: Path = ROOT) -> list[tuple[str, str]]:
    """(message, "path:line") of the literal _() calls of the Python files, read with a regular
    expression: Babel's extractor on Python 3.11 does not look inside f-strings' expressions."""
    out = []
    for folder in ("geo", "dashboard"):
        for path in sorted(p for p in (root / folder).rglob("*.py") if "i18n" not in p.parts):
            text = path.read_text(encoding="utf-8")
            for match in CALL.finditer(text):
                message = ast.literal_eval(match.group(1) + match.group(2) + match.group(1))
                line = text.count("\n", 0, match.start()) + 1
                out.append((message, f"{path.relative_to(root)}:{line}"))
    return out


def split(key: str) -> tuple[str | None, str]:
    """(context, message) of a key: "context\\x04message" for a message with a context."""
    if i18n.CONTEXT_SEPARATOR in key:
        context, message = key.split(i18n.CONTEXT_SEPARATOR, 1)
        return context, message
    return None, key


def find(catalog: Catalog, key: str):
    context, message = split(key)
    return catalog.get(message, context=context)


def template(messages: dict[str, list[str]]) -> Catalog:
    catalog = Catalog(project="karabakh-atlas", domain="messages", charset="utf-8")
    for key in sorted(messages):
        context, message = split(key)
        catalog.add(message, "", flags=("python-brace-format",) if "{" in message else (), context=context)
    return catalog


def po_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


def read(lang: str) -> Catalog:
    path = po_file(lang)
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=i18n.CLDR_LOCALES[lang], domain="messages")
    return Catalog(locale=i18n.CLDR_LOCALES[lang], domain="messages", project="karabakh-atlas")


def write(lang: str, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, ignore_obsolete=True, omit_header=False, no_location=True)
    path = po_file(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buffer.getvalue().decode("utf-8"))


def update(messages: dict[str, list[str]]) -> None:
    pot = template(messages)
    for lang in i18n.LANGUAGES:
        catalog = read(lang)
        catalog.update(pot, no_fuzzy_matching=True)
        for message in catalog:
            if message.id and lang == i18n.DEFAULT:
                message.string = message.id
            elif message.id and message.string == message.id:
                message.string = ""  # an English copy is no translation: left empty, so the check finds it
        write(lang, catalog)


def merge(path: Path) -> None:
    table = json.loads(path.read_text(encoding="utf-8"))
    for lang in i18n.LANGUAGES:
        if lang == i18n.DEFAULT:
            continue
        catalog = read(lang)
        for key, texts in table.items():
            entry = find(catalog, key)
            if lang in texts and texts[lang] and entry is not None:
                entry.string = texts[lang]
                entry.flags.discard("fuzzy")
        write(lang, catalog)


def missing(messages: dict[str, list[str]]) -> dict[str, list[str]]:
    """lang -> the messages its catalogue lacks or leaves untranslated."""
    out = {}
    for lang in i18n.LANGUAGES:
        catalog = read(lang)
        lacking = [m for m in messages if find(catalog, m) is None or not find(catalog, m).string]
        if lacking:
            out[lang] = lacking
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report missing translations; change nothing")
    parser.add_argument("--merge", type=Path, metavar="JSON", help="set translations from {message: {lang: text}}")
    args = parser.parse_args(argv)
    messages = extracted()
    if args.check:
        lacking = missing(messages)
        for lang, items in lacking.items():
            for message in items:
                print(f"{po_file(lang).relative_to(ROOT)}: no translation of {message!r}")
        return 1 if lacking else 0
    update(messages)
    if args.merge:
        merge(args.merge)
    print(f"{len(messages)} messages; catalogues in {LOCALE_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
