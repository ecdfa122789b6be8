"""Why a proposal reads its date and links its features: one registry of explanations.

Each explanation of a proposal's evidence (how its date was read, why a feature was linked)
is a *code* and its *parameters*, kept here with its English template (marked with ``N_`` so
that the catalogue extracts it). :func:`of` builds one: an :class:`Explained` is the English
text itself (a ``str``, so the proposal files, the CLI and the benchmark read it as before)
that also carries its code and parameters; :func:`why` gives them as data for the proposal
files (``"why": {"code": ..., **params}``); :func:`render` writes that data in the reader's
language through the catalogue, and :func:`english` in English without it.

Parameters are numbers, EDTF dates and the document's own words, or words of the atlas that
are translated when rendered: an event kind (a ``terms.json`` synonym group: :data:`KINDS`), a
month or a weekday (CLDR names), or another explanation (a nested ``{"code": ...}``).
"""
from __future__ import annotations

from babel import Locale

from ..i18n import CLDR_LOCALES, DEFAULT, N_, current, gettext

#: code -> English template ({name} placeholders filled with the rendered parameters).
TEMPLATES: dict[str, str] = {
    # how the date was read (evidence "date")
    "explicit": N_("explicit"),
    "publication_date": N_("publication date"),
    "earlier_sentence": N_("from an earlier sentence of the paragraph"),
    "later_sentence": N_("from a later sentence of the paragraph"),
    "news_between": N_("between the sentence before it and the day of filing (news)"),
    # how a phrase without a year, or a relative one, was resolved (the date phrase's note)
    "year_news": N_("year {year}: news, the latest such date not after publication"),
    "year_from_text": N_("year {year} from the text before it"),
    "year_after_previous": N_("year {year}: the first such date after {date}, the date of the sentence before"),
    "year_last_month": N_("year {year}: the last {month} before publication"),
    "year_from_publication": N_("year {year} from the publication date"),
    "counted_from_previous": N_("counted from {date}, the date of the sentence before"),
    "counted_from_publication": N_("counted from the publication date {date}"),
    "counted_back": N_("counted back from the publication date {date}"),
    "counted_back_weekday": N_("counted back from the publication date {date}: the {weekday} on or before it"),
    "until_publication": N_("until the publication date"),
    "year_deadline": N_("year {year}: news, a deadline within {days} days of publication"),
    "to_deadline": N_("from the publication date to that deadline"),
    "night_before": N_("the night before that day"),
    # (two notes of one phrase: no message of its own; the separator is the language's, SEMICOLONS)
    "both": "{first}; {second}",
    # why a feature was linked (evidence "links")
    "name": N_("name"),
    "inflected_name": N_("inflected form of a name"),
    "similar_name": N_("similar name ({similarity}%)"),
    "near_validity": N_("{how}, named near its validity: the atlas shows it within {days} days "
                        "of the sentence's date, not on it"),
    "before_deployment": N_("{how}, named before its deployment: the atlas shows it from {date}, "
                            "{days} days after the sentence's date"),
    "ceasefire_line": N_("inferred: the sentence speaks of the ceasefire that set this line on {date}"),
    "not_shown": N_("name of a feature the atlas does not show at this date"),
    "points_back": N_("inferred: the sentence points back to the one before it, which names these"),
    "event_during": N_("inferred: an event the atlas shows during {period}, sharing words or places "
                       "with the sentence: {shared}"),
    "only_event_of_year": N_("inferred: the only event of {year} in the atlas of the kind the sentence "
                             "names ({kind}), and the sentence names {year}"),
    "document_event": N_("inferred: the sentence speaks of {kinds}, and the document is about this event: {why}"),
    "document_event_named": N_("inferred: the sentence speaks of {kinds} in words of its name: {words}, "
                               "and the document is about this event: {why}"),
    "document_event_now": N_("inferred: the sentence speaks of {kinds} at the time of writing, "
                             "and the document is about this event: {why}"),
    "route_new": N_("inferred: the sentence speaks of a new route, and the atlas begins this one on {date}"),
    "route_old": N_("inferred: the sentence speaks of an old route, and the atlas ends this one on {date}"),
    "route_by_ends": N_("inferred: the sentence names two places on the way of this route and speaks of "
                        "roads or traffic"),
    "named_again": N_("inferred: “{said}” names again {name}, named before it in the paragraph"),
    "news_goes_on": N_("inferred: in a news item, a sentence with nothing of its own goes on with the one before it"),
    # why a document is about an event (the {why} of the document_event codes)
    "peg": N_("peg: the document was published within days of it ({date})"),
    "dated_sentences": N_("{count} sentences of the document are dated on its days"),
}

#: The event kinds (the first word of each ``terms.json`` event_synonyms group) as a reader
#: reads them: a kind parameter is one of these. English writes the kind's own word (the text
#: the proposal files keep); another language writes its label, translated: a neutral one where
#: the group's word is one side's term ("blockade": the closure of a road, docs/glossary.md).
KINDS: dict[str, str] = {
    "fighting": N_("fighting"),
    "ceasefire": N_("ceasefire"),
    "summit": N_("summit"),
    "blockade": N_("closure of a road"),
    "checkpoint": N_("checkpoint"),
    "inspection": N_("inspection"),
    "flight": N_("departure or displacement of people"),
}

#: Parameters by what they hold (any other is a number, an EDTF date or a text's own word).
KIND_PARAMS = {"kind"}  # one event kind
KINDS_PARAMS = {"kinds"}  # a list of event kinds, written "a, b"
WORDS_PARAMS = {"words", "shared"}  # a list of words, written "a, b" ("~kind" items: a kind)
NESTED_PARAMS = {"why", "how", "first", "second"}  # another explanation
MONTH_PARAMS = {"month"}  # 1..12
WEEKDAY_PARAMS = {"weekday"}  # 0 (Monday) .. 6


#: The mark between two clauses, where it is not ";": Armenian's mijaket.
SEMICOLONS = {"hy": "\u2024"}


class UnknownExplanation(KeyError):
    pass


class Explained(str):
    """An explanation's English text that carries its code and parameters."""

    code: str
    params: dict

    def __new__(cls, code: str, params: dict):
        obj = super().__new__(cls, english(code, params))
        obj.code, obj.params = code, params
        return obj

    def why(self) -> dict:
        """The code and parameters as JSON data (nested explanations as their own dicts)."""
        return {"code": self.code, **{k: _data(v) for k, v in self.params.items()}}


def _data(value):
    if isinstance(value, Explained):
        return value.why()
    if isinstance(value, (list, tuple)):
        return [_data(v) for v in value]
    return value


def of(code: str, **params) -> Explained:
    """The explanation ``code`` with ``params`` (a clear error for a code not in the registry)."""
    if code not in TEMPLATES:
        raise UnknownExplanation(f"no explanation {code!r} in geo/ingest/explain.py TEMPLATES")
    return Explained(code, params)


def both(first: str, second: Explained) -> Explained:
    """Two notes of one date phrase, "first; second" (only ``second`` when there is no first)."""
    return of("both", first=first, second=second) if first else second


def why(value) -> dict | None:
    """The code and parameters of an explanation; None for a plain text (no code)."""
    return value.why() if isinstance(value, Explained) else None


def evidence(value) -> dict:
    """An evidence entry's explanation fields: ``{"how": English, "why": {code, params}}``
    (only ``how`` for a plain text)."""
    data = why(value)
    return {"how": str(value), "why": data} if data is not None else {"how": str(value)}


def english(code: str, params: dict) -> str:
    """The English text of an explanation (no catalogue: files and the CLI write it)."""
    return _fill(TEMPLATES[code], code, params, DEFAULT, translate=False)


def render(data: dict | None, lang: str | None = None, fallback: str = "") -> str:
    """An explanation stored as ``{"code": ..., **params}`` in ``lang`` (default: the interface
    language); ``fallback`` (the stored English) when there is none, or its code or a
    parameter is unknown (a file written by an older or newer version)."""
    lang = lang or current()
    try:
        return _render(data, lang)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return fallback


def _render(data: dict, lang: str) -> str:
    params = {k: v for k, v in data.items() if k != "code"}
    code = data["code"]
    template = TEMPLATES[code].replace(";", SEMICOLONS.get(lang, ";")) if code == "both" \
        else gettext(TEMPLATES[code], lang)
    return _fill(template, code, params, lang, translate=True)


def _fill(template: str, code: str, params: dict, lang: str, translate: bool) -> str:
    values = {}
    for name, value in params.items():
        if name in NESTED_PARAMS:
            values[name] = _render(_data(value), lang) if translate else str(
                value if isinstance(value, Explained) else _render(value, DEFAULT))
        elif name in KIND_PARAMS:
            values[name] = kind_label(value, lang, translate)
        elif name in KINDS_PARAMS:
            values[name] = ", ".join(kind_label(k, lang, translate) for k in value)
        elif name in WORDS_PARAMS:
            values[name] = ", ".join("~" + kind_label(w[1:], lang, translate) if w.startswith("~") else str(w)
                                     for w in value)
        elif name in MONTH_PARAMS:
            values[name] = _locale(lang).months["stand-alone"]["wide"][int(value)]
        elif name in WEEKDAY_PARAMS:
            values[name] = _locale(lang).days["format"]["wide"][int(value)]
        else:
            values[name] = value
    return template.format(**values)


def kind_label(kind: str, lang: str = DEFAULT, translate: bool = True) -> str:
    """An event kind in ``lang``: in English (or without ``translate``) and for a kind not in
    :data:`KINDS`, the kind's own word."""
    if kind not in KINDS or not translate or lang == DEFAULT:
        return kind
    return gettext(KINDS[kind], lang)


def _locale(lang: str) -> Locale:
    return Locale.parse(CLDR_LOCALES[lang])
