"""The interface's languages: one gettext catalogue for Python and the map engine.

The catalogues are ``geo/i18n/locale/<lang>/LC_MESSAGES/messages.po`` (managed with Babel:
``make i18n-extract`` / ``make i18n-update``, see ``babel.cfg``), read and compiled in
memory when first used (no compiled binary is committed). Every interface string is an
English message id wrapped in ``_()`` (Python and ``geo/static/engine/*.js``); texts with
values use ``{name}`` placeholders filled after translation. :func:`engine_catalogue` is the
same catalogue as JSON for the engine (``geo/static/engine/i18n.js``) with the CLDR month
names and long-date pattern of the language.

The interface language is separate from the naming convention of place names
(:mod:`geo.names`): a Russian reader may choose Armenian or Azerbaijani usage for names.
Dates and numbers follow the language through Babel's CLDR data (:func:`format_date`,
:func:`format_decimal`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
from contextvars import ContextVar
from functools import lru_cache
from importlib import resources
from typing import Iterator

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

#: The interface languages, English first (the message ids are English).
LANGUAGES = ("en", "hy", "az", "ru")
DEFAULT = "en"
#: Each language's name in itself (the language menus).
LANGUAGE_NAMES = {"en": "English", "hy": "Հայերեն", "az": "Azərbaycanca", "ru": "Русский"}

_current: ContextVar[str] = ContextVar("karabakh_atlas_language", default=DEFAULT)


class UnknownLanguage(ValueError):
    pass


def check(lang: str) -> str:
    """``lang`` if it is an interface language; a clear error naming the choices otherwise."""
    if lang not in LANGUAGES:
        raise UnknownLanguage(f"unknown interface language {lang!r}; choose from {', '.join(LANGUAGES)}")
    return lang


def resolve(tag: str | None) -> str:
    """The interface language for a browser's language tag ("ru-RU", "hy", "az-Latn-AZ",
    "en-GB"): its primary subtag when it is one of :data:`LANGUAGES`, else :data:`DEFAULT`."""
    primary = str(tag or "").replace("_", "-").split("-")[0].strip().lower()
    return primary if primary in LANGUAGES else DEFAULT


#: The environment variables that name the language of messages, in the order gettext reads them.
LOCALE_ENV_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def from_environment(environ=None) -> str:
    """The interface language the environment asks for, read as gettext reads it: the locale
    of messages is the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set; when it is
    a real locale (not unset, ``C`` or ``POSIX``), ``LANGUAGE`` ("fr:ru") comes first. The
    first of them that is an interface language (:func:`resolve`) wins; else English."""
    import os
    environ = os.environ if environ is None else environ
    locale = next((environ[name] for name in LOCALE_ENV_VARS[1:] if environ.get(name)), "")
    tag = locale.split(".")[0].split("@")[0]
    if tag in ("", "C", "POSIX"):
        return DEFAULT
    for wanted in [*(environ.get("LANGUAGE") or "").split(":"), tag]:  # the first of ours
        if wanted and resolve(wanted) == wanted.replace("_", "-").split("-")[0].lower():
            return resolve(wanted)
    return DEFAULT


def po_path(lang: str):
    """The catalogue file of ``lang`` (a Traversable inside the installed package)."""
    return resources.files("geo.i18n") / "locale" / check(lang) / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> Catalog:
    """The parsed ``.po`` catalogue of ``lang``."""
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang if lang != "en" else "en", domain="messages")


@lru_cache(maxsize=None)
def translations(lang: str) -> Translations:
    """``lang``'s catalogue compiled in memory (Babel ``write_mo``) as gettext translations."""
    buffer = io.BytesIO()
    write_mo(buffer, catalogue(lang))
    buffer.seek(0)
    return Translations(fp=buffer, domain="messages")


def current() -> str:
    """The interface language in force (set with :func:`use`)."""
    return _current.get()


@contextlib.contextmanager
def use(lang: str | None) -> Iterator[str]:
    """Run a block with ``lang`` as the interface language (``None``: keep the current one)."""
    if lang is None:
        yield current()
        return
    token = _current.set(check(lang))
    try:
        yield lang
    finally:
        _current.reset(token)


def set_language(lang: str) -> None:
    """Set the interface language of the current context (a dashboard run sets it once)."""
    _current.set(check(lang))


def gettext(message: str, lang: str | None = None, **values) -> str:
    """``message`` (an English message id) in ``lang`` (default: the current language),
    its ``{name}`` placeholders filled from ``values``."""
    text = translations(lang or current()).gettext(message) if message else message
    return text.format(**values) if values else text


#: ``_("...")`` marks and translates an interface string (the extraction keyword).
_ = gettext


def text(value: str | None, lang: str | None = None) -> str | None:
    """A text of the record (a caption, a change of hands: geo/i18n/messages.py) in the
    interface language, its English when the catalogue lacks it; None and "" pass through."""
    return translations(lang or current()).gettext(value) if value else value


#: The context of the naming conventions' labels: "Russian" names a usage there, a vantage group elsewhere.
NAMING_CONTEXT = "naming convention"
#: The context of the labels of a name's language ("Russian: Шуша"): a language, not a usage or a vantage.
NAME_LANGUAGE_CONTEXT = "language of a name"
#: How a message with a context is keyed in the catalogue tools (gettext's own separator).
CONTEXT_SEPARATOR = "\x04"


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    """``message`` in ``context`` (a word that means two things in English), in ``lang``."""
    return translations(lang or current()).pgettext(context, message)


def naming_label(convention: str, lang: str | None = None) -> str:
    """The label of a naming convention ("Russian", "Armenian usage") in the interface language."""
    from ..names import CONVENTIONS
    return pgettext(NAMING_CONTEXT, CONVENTIONS.get(convention, CONVENTIONS["en"])[0], lang)


def label(text: str, lang: str | None = None) -> str:
    """A registry label in the interface language; a compound route label ("Lachin road: open",
    a kind's label and a status's, lower-cased) is translated part by part."""
    translated = gettext(text, lang)
    if translated != text or ": " not in text or (lang or current()) == DEFAULT:
        return translated
    head, tail = text.split(": ", 1)
    return f"{gettext(head, lang)}: {gettext(tail[:1].upper() + tail[1:], lang).lower()}"


#: The mark that ends a sentence, where it is not ".": Armenian's verjaket.
FULL_STOPS = {"hy": "\u0589"}


def full_stop(lang: str | None = None) -> str:
    """The full stop of ``lang`` ("." or Armenian "։"), to end a sentence put together from parts."""
    return FULL_STOPS.get(lang or current(), ".")


def N_(message: str) -> str:
    """Marks a module-level constant for extraction; translate it where it is shown: ``_(CONSTANT)``."""
    return message


#: The CLDR locale of each language's dates and numbers: English as the atlas writes it ("19
#: September 2023", en_GB).
CLDR_LOCALES = {"en": "en_GB", "hy": "hy", "az": "az", "ru": "ru"}
#: Long-date patterns that differ from CLDR's: Armenian without CLDR's comma after the month
#: and with a day not padded ("19 սեպտեմբերի 2023 թ.", as Armenian newspapers and laws write it).
LONG_DATE_PATTERNS = {"hy": "d MMMM y 'թ'."}


def _locale(lang: str | None) -> Locale:
    return Locale.parse(CLDR_LOCALES[check(lang or current())])


def long_date_pattern(lang: str | None = None) -> str:
    """The CLDR pattern of ``lang``'s long date (or the atlas's own, :data:`LONG_DATE_PATTERNS`)."""
    lang = lang or current()
    return LONG_DATE_PATTERNS.get(lang) or _locale(lang).date_formats["long"].pattern


def format_date(day: dt.date | str, lang: str | None = None) -> str:
    """A day in the language's long form (CLDR): "19 September 2023", "19 сентября 2023 г.",
    "19 sentyabr 2023", "19 սեպտեմբերի 2023 թ."."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return babel_dates.format_date(day, format=long_date_pattern(lang), locale=_locale(lang))


def format_decimal(number: float, lang: str | None = None, digits: int | None = None) -> str:
    """A number with the language's separators (CLDR); ``digits``: fixed decimal places."""
    fmt = None if digits is None else ("#,##0." + "0" * digits if digits else "#,##0")
    return babel_numbers.format_decimal(number, format=fmt, locale=_locale(lang))


def period_words(first: dt.date, last: dt.date, approximate: bool = False, uncertain: bool = False,
                 lang: str | None = None) -> str:
    """A period as a reader writes it in ``lang`` (the same cuts as :func:`geo.dates.words`: a
    day, a month, a year, or a span of them): "20 декабря 2022 г. – 28 февраля 2023 г.",
    "sentyabr 2023", "about 2023" in the language's words (CLDR through Babel)."""
    import calendar
    lang = lang or current()
    locale = _locale(lang)
    month_end = calendar.monthrange(last.year, last.month)[1] == last.day
    if first == last:
        text = format_date(first, lang)
    elif first.day == 1 and month_end and first.month == 1 and last.month == 12:
        text = str(first.year) if first.year == last.year else gettext(PERIOD, lang, first=first.year, last=last.year)
    elif first.day == 1 and month_end:
        a, b = (babel_dates.format_skeleton("yMMMM", d, locale=locale) for d in (first, last))
        text = a if a == b else gettext(PERIOD, lang, first=a, last=b)
    else:
        text = gettext(PERIOD, lang, first=format_date(first, lang), last=format_date(last, lang))
    if approximate:
        text = gettext(N_("about {date}"), lang, date=text)
    if uncertain:
        text = gettext(N_("{date} (uncertain)"), lang, date=text)
    return text


#: A span of days, months or years ("20 December 2022 to 28 February 2023").
PERIOD = N_("{first} to {last}")


def date_parts(lang: str) -> dict:
    """What the engine needs to write long dates like :func:`format_date`: the CLDR pattern
    of the long date and the month names in the format context ("сентября", "sentyabr")."""
    locale = _locale(lang)
    return {"pattern": long_date_pattern(lang),
            "months": [locale.months["format"]["wide"][m] for m in range(1, 13)],
            "decimal": babel_numbers.get_decimal_symbol(locale), "group": babel_numbers.get_group_symbol(locale)}


@lru_cache(maxsize=None)
def engine_catalogue(lang: str) -> dict:
    """The catalogue of ``lang`` for the engine: ``{"lang", "messages": {id: text}, "date": ...}``
    (message ids without a translation are left out; the engine falls back to the id)."""
    messages = {m.id: m.string for m in catalogue(lang)
                if m.id and m.string and m.string != m.id and isinstance(m.id, str) and not m.context}
    # (the engine asks without a context; a text the same as its id is left out: the engine falls back to it)
    return {"lang": lang, "messages": messages, "date": date_parts(lang)}
