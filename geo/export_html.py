"""Self-contained HTML pages on the map engine: the map of one day, the whole timeline,
and the static site (the same page with its files beside it).

Every page is the engine (:mod:`geo.engine`: Leaflet, ``engine.js``, ``timebar.js``,
``page.js`` and their CSS) plus the atlas's data. The day map and the timeline inline
all of it, so they open from disk with no request to any server; the site links the
same files and fetches ``data.json``.

Escaping: the page's own text is escaped here through :mod:`geo.escape`; excerpts and
sources are HTML escaped in Python (:mod:`geo.render`, :func:`geo.engine.source_item_html`);
every other text from data is set by the engine with ``textContent``. Data JSON is
written by :func:`geo.escape.json_for_script`, so it cannot end its ``<script>``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Sequence

from . import __version__, attribution, corrections, engine, engine_languages, escape, fonts, i18n, render
from . import layers as layer_registry
from .assets import leaflet_css, leaflet_js, script_safe
from .atlas import Atlas
from .dataset import stamp
from .dates import long_date  # noqa: F401  (re-exported)
from .engine import simplify_tolerance, source_item_html  # noqa: F401  (re-exported)
from .model import Excerpt, Source
from .names import for_language
from .i18n import N_, _

ATTRIBUTION = attribution.ATTRIBUTION  # every base-map source and its licence (geo/attribution.py)
DISCLAIMER = N_("Lines and areas drawn by hand are approximate; they show the atlas's reading of its cited "
                "sources, not an official boundary.")
SOURCES_HEAD = N_("Sources cited by this day's excerpts")
SIMPLIFY_SHARE = engine.SIMPLIFY_SHARE
KM_PER_DEGREE = engine.KM_PER_DEGREE

def sources_cited(atlas: Atlas, excerpts: Iterable[Excerpt]) -> list[Source]:
    """The sources of ``excerpts``, each once, in the order they are first cited."""
    seen: dict[str, Source] = {}
    for excerpt in excerpts:
        if excerpt.source_id not in seen and excerpt.source_id in atlas.sources:
            seen[excerpt.source_id] = atlas.sources[excerpt.source_id]
    return list(seen.values())


def _notes_html(dataset: str = "") -> str:
    """Attribution (with the dataset version, ``dataset``) and disclaimer."""
    version = f" {_('Karabakh Atlas')}, {dataset}{i18n.full_stop()}" if dataset else ""
    return (f'<p class="ka-attribution">{escape.text(attribution.attribution_text() + version)}</p>'
            f'<p class="ka-disclaimer">{escape.text(_(DISCLAIMER))}</p>')


def corrections_block(atlas: Atlas | None) -> str:
    """The "Corrections" section of a page's caption: the dataset's corrections log, newest first."""
    if atlas is None or atlas.root is None:
        return ""
    return corrections.corrections_html(corrections.read_corrections(atlas.root)[0])


def day_caption_html(atlas: Atlas, day: dt.date, convention: str, excerpts: list[Excerpt]) -> str:
    """The box on the day map: date, naming convention, sources cited, attribution, disclaimer."""
    sources = sources_cited(atlas, excerpts)
    if sources:
        cited = '<ul class="ka-sources">' + "".join(source_item_html(s) for s in sources) + "</ul>"
    else:
        cited = f'<p class="ka-none">{escape.text(_("No excerpt in the atlas speaks of this day, so no source is cited."))}</p>'
    return (f'<div id="ka-caption" class="ka-caption"><details open><summary>'
            f'<span class="ka-caption-date">{escape.text(i18n.format_date(day))}</span></summary>'
            f'<div>{escape.text(_("Date shown:"))} <b>{escape.text(day.isoformat())}</b> · {escape.text(_("names:"))} '
            f'{escape.text(i18n.naming_label(convention))}</div>'
            f'<div class="ka-caption-head">{escape.text(_(SOURCES_HEAD))}</div>{cited}'
            f'{_notes_html(stamp(atlas).text())}{corrections_block(atlas)}</details></div>')


def timeline_caption_html(convention: str, atlas: Atlas | None = None) -> str:
    """The box on the timeline: names, the sources of the date's excerpts (filled by the page), notes
    (with the dataset's version) and the corrections log of ``atlas``'s dataset."""
    return (f'<div id="ka-caption" class="ka-caption"><details open><summary>{escape.text(_("About this map"))}</summary>'
            f'<div>{escape.text(_("Names: {names} (other variants in the tooltips)", names=i18n.naming_label(convention)))}</div>'
            f'<div class="ka-caption-head">{escape.text(_("Sources cited by the excerpts of this day"))}</div>'
            f'<ul class="ka-sources" id="ka-sources"></ul>'
            f'<p class="ka-none" id="ka-no-sources">{escape.text(_("No excerpt in the atlas speaks of this day."))}</p>'
            f'{_notes_html(stamp(atlas).text() if atlas is not None else "")}{corrections_block(atlas)}</details></div>')


def legend_html() -> str:
    return f'<div id="ka-legend">{render.legend_html()}</div>'


# -- the page -----------------------------------------------------------------------------
#: What a reader without JavaScript sees instead of the map.
NO_SCRIPT = N_("This map needs JavaScript, which is turned off in this browser: turn it on to see the atlas.")


@dataclass(frozen=True)
class Chrome:
    """The page's own text in one language: its title and the HTML of the side panel, the caption
    and the legend (each element marked ``data-ka-part``, which ``page.js`` replaces by the same
    part of the language a page carrying every language opens in)."""

    lang: str
    title: str
    side: str
    caption: str
    legend: str

    def parts(self) -> str:
        return "".join([self.side, "\n", self.caption, "\n", self.legend, "\n"])


def _mark(html: str, part: str) -> str:
    """``html``'s first element marked as the page's ``part`` (side, caption, legend)."""
    head, rest = html.split(">", 1) if html.startswith("<") else ("", html)
    if not head:
        raise ValueError(f"the page's {part} must be one element: {html[:40]!r}")
    return f'{head} data-ka-part="{part}">{rest}'


def chrome(title: str, side: str, caption: str) -> Chrome:
    """The page's text in the current language (:func:`geo.i18n.current`)."""
    return Chrome(i18n.current(), title, _mark(side, "side"), _mark(caption, "caption"), _mark(legend_html(), "legend"))


def _no_script(langs: Iterable[str]) -> str:
    return ("<noscript>" + "".join(f'<p class="ka-noscript" lang="{escape.text(lang)}">{escape.text(_(NO_SCRIPT, lang))}</p>'
                                   for lang in langs) + "</noscript>\n")


def page_html(*, title: str = "", mode: str, side: str = "", caption: str = "", data: dict | None = None,
              site: bool = False, assets: dict[str, str] | None = None, chromes: Sequence[Chrome] = ()) -> str:
    """One engine page. ``data`` is inlined (a file that travels); with ``site`` the page
    links the engine's files (``assets``: an engine file's name -> its path in the site,
    default ``engine/<name>``) and fetches ``data.json`` beside it instead. ``chromes``: the
    page's text in each language it carries (the first is written in the page, the others in
    templates); without it, ``title``, ``side`` and ``caption`` in the current language."""
    if not chromes:
        chromes = (chrome(title, side, caption),)
    shown, others = chromes[0], chromes[1:]
    if site:
        def href(name: str) -> str:
            return escape.text((assets or {}).get(name, f"engine/{name}"))
        head = ('<link rel="stylesheet" href="leaflet/leaflet.css">\n'
                f'<link rel="stylesheet" href="{href(engine.STYLESHEET)}">\n'
                f'<link rel="stylesheet" href="{href("page.css")}">\n'
                '<script src="leaflet/leaflet.js"></script>\n'
                + "".join(f'<script src="{href(name)}"></script>\n' for name in engine.SCRIPTS))
        tail = f'<script src="{href(engine.PAGE_SCRIPT)}"></script>\n'
        body_attrs = f' data-mode="{escape.text(mode)}" data-src="data.json"'
    else:
        head = (f"<style>{script_safe(leaflet_css())}</style>\n"
                f"<style>{script_safe(engine.static_text(engine.STYLESHEET) + engine.static_text('page.css'))}</style>\n"
                f"<script>{script_safe(leaflet_js())}</script>\n"
                f"<script>{script_safe(engine.scripts())}</script>\n")
        tail = (f'<script type="application/json" id="ka-data">{engine.data_json(data)}</script>\n'
                f"<script>{script_safe(engine.static_text(engine.PAGE_SCRIPT))}</script>\n")
        body_attrs = f' data-mode="{escape.text(mode)}"'
    templates = "".join(f'<template data-ka-lang="{escape.text(c.lang)}" data-title="{escape.text(c.title)}">\n'
                        f"{c.parts()}</template>\n" for c in others)
    return "".join([
        f'<!DOCTYPE html>\n<html lang="{escape.text(shown.lang)}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{escape.text(shown.title)}</title>\n",
        f'<meta name="generator" content="karabakh-atlas {escape.text(__version__)}">\n',
        f"<style>{fonts.font_face_css()}</style>\n",  # Armenian and Cyrillic offline (geo/fonts.py)
        head, "</head>\n",
        f'<body class="ka-page"{body_attrs}>\n', _no_script(c.lang for c in chromes),
        '<header id="ka-bar"></header>\n' if mode != "day" else "",
        '<div id="ka-map"></div>\n', shown.parts(), templates, tail,
        "</body>\n</html>\n",
    ])


def languages(lang: str | None) -> tuple[str, ...]:
    """The languages a page carries: ``lang`` alone, or every interface language (English first)
    when it is None (the page then opens in the reader's language, ``page.js``)."""
    return (i18n.check(lang),) if lang else i18n.LANGUAGES


def page_data(build, langs: Sequence[str]) -> dict:
    """The engine data ``build()`` makes, in ``langs[0]``, with the other languages' differences
    (:mod:`geo.engine_languages`) when there are several."""
    datas = {}
    for lang in langs:
        with i18n.use(lang):
            datas[lang] = build()
    return datas[langs[0]] if len(langs) == 1 else engine_languages.multilingual(datas, langs[0])


def _foot(day: str | None = None) -> str:
    made = (_("Made with karabakh-atlas {version} on {date}", version=__version__, date=day) if day
            else _("Made with karabakh-atlas {version}", version=__version__))
    return (f'<p class="ka-foot">{escape.text(made)}. '
            f'{escape.text(_("Every quote is verbatim from its source; hover over a feature for its names and dates, click it for its excerpts."))}</p>')


def _excerpt_list_html(atlas: Atlas, excerpts: list[Excerpt], convention: str) -> str:
    if not excerpts:
        return f'<p class="ka-none">{escape.text(_("No excerpt in the atlas speaks of this day."))}</p>'
    return "".join(render.excerpt_html(atlas, e, convention) for e in excerpts)


def day_map_html(atlas: Atlas, day: dt.date, layers: Iterable[str] | None = None, convention: str | None = "en",
                 lang: str | None = None, every_language: bool = False) -> str:
    """One self-contained HTML page: the map of ``day`` (the chosen layers, names in
    ``convention``, interface text in ``lang``; default: the current language) with legend,
    caption, tooltips and popups, and the day's excerpts. With ``every_language`` the page
    carries all the interface languages and opens in the reader's (``lang=`` in the address,
    else the browser's language, else English)."""
    langs = languages(None) if every_language else languages(lang or i18n.current())
    wanted = engine.chosen_layers(layers)
    data = page_data(lambda: engine.engine_data(atlas, page_names(convention), wanted, today=day, initial=day), langs)
    chromes = []
    for one in langs:
        with i18n.use(one):
            chromes.append(_day_chrome(atlas, day, wanted, page_names(convention)))
    return page_html(mode="day", data=data, chromes=chromes)


def _day_chrome(atlas: Atlas, day: dt.date, wanted: list[str], convention: str) -> Chrome:
    excerpts = atlas.excerpts_on(day)
    layer_names = ", ".join(_(layer_registry.title(name)) for name in wanted) or _("none")
    side = (f'<aside class="ka-side" aria-label="{escape.text(_("Excerpts"))}"><h1>{escape.text(_("Karabakh Atlas"))}</h1>'
            f'<p class="ka-sub">{escape.text(_("The map of"))} <b>{escape.text(i18n.format_date(day))}</b> · '
            f'{escape.text(_("names:"))} {escape.text(i18n.naming_label(convention))}</p>'
            f'<p class="ka-sub">{escape.text(_("Layers: {layers}", layers=layer_names))}</p>'
            f'<h2>{escape.text(_("Excerpts speaking of this day ({n})", n=len(excerpts)))}</h2>'
            f'<div class="ka-excerpts" id="ka-excerpts">{_excerpt_list_html(atlas, excerpts, convention)}</div>'
            f'{_foot()}</aside>')
    return chrome(f"{_('Karabakh Atlas')} — {i18n.format_date(day)}", side,
                  day_caption_html(atlas, day, convention, excerpts))


def timeline_side_html(export_day: str) -> str:
    heading = escape.text(_("Excerpts speaking of {date} ({n})", date="\0date\0", n="\0n\0")).replace(
        "\0date\0", '<span id="ka-excerpt-date"></span>').replace("\0n\0", '<span id="ka-excerpt-count">0</span>')
    return (f'<aside class="ka-side" aria-label="{escape.text(_("Excerpts"))}"><h1>{escape.text(_("Karabakh Atlas"))}</h1>'
            f'<p class="ka-sub">{escape.text(_("The atlas through time: move the slider, use the key-date buttons or type a date. The address of this page ends with the date shown, so it can be sent to point at a moment."))}</p>'
            f'<h2>{heading}</h2>'
            f'<div class="ka-excerpts" id="ka-excerpts"></div>{_foot(export_day)}</aside>')


def timeline_data(atlas: Atlas, convention: str = "en", layers: Iterable[str] | None = None,
                  today: dt.date | None = None) -> dict:
    """The engine data of the whole timeline (see :func:`geo.engine.engine_data`)."""
    return engine.engine_data(atlas, convention, layers, today=today)


def page_names(convention: str | None) -> str:
    """The naming convention of a page built in the current language (:func:`geo.names.for_language`)."""
    return for_language(i18n.current(), convention)


def timeline_html(atlas: Atlas, convention: str | None = "en", layers: Iterable[str] | None = None,
                  today: dt.date | None = None, lang: str | None = None, every_language: bool = False) -> str:
    """One self-contained HTML page with the whole temporal dataset and a date slider
    (from 1988-02-20 to today); ``#YYYY-MM-DD`` in the address opens that day. Interface
    text in ``lang`` (:mod:`geo.i18n`; default: the current language); with ``every_language``
    in all the interface languages, the reader's chosen when the page opens."""
    langs = languages(None) if every_language else languages(lang or i18n.current())
    data = page_data(lambda: timeline_data(atlas, page_names(convention), layers, today), langs)
    chromes = []
    for one in langs:
        with i18n.use(one):
            chromes.append(timeline_chrome(atlas, page_names(convention), data))
    return page_html(mode="timeline", data=data, chromes=chromes)


def timeline_chrome(atlas: Atlas, convention: str, data: dict) -> Chrome:
    """The timeline's own text in the current language (the exported file and the site's page)."""
    return chrome(_("Karabakh Atlas — timeline 1988–{year}", year=data["last"][:4]),
                  timeline_side_html(data["exportDay"]), timeline_caption_html(convention, atlas))
