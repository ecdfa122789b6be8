"""Review page: proposed excerpts of ingested documents, accepted, rejected or edited.

Only offered when the server's mode lets someone write (:mod:`dashboard.access`); every
decision goes through :func:`geo.ingest.review.commit`, which checks the actor again, the
version the page showed, and the result, writes atomically and appends to the review log.
The map page notices the new dataset version by itself (:mod:`geo.version`).
"""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import access, reviewing  # noqa: E402
from dashboard.language import choose_language, language_menu  # noqa: E402
from geo import i18n, reviewlog  # noqa: E402
from geo.i18n import N_, _  # noqa: E402
from geo.atlas import load_atlas  # noqa: E402
from geo.errors import AtlasError  # noqa: E402
from geo.ingest import review  # noqa: E402
from geo.io import default_data_dir, default_sources_dir  # noqa: E402
from geo.version import dataset_version  # noqa: E402
from geo.names import CONVENTIONS  # noqa: E402

PAGE_SIZE = 10
STATUS_FILTERS = {"proposed": N_("Waiting for review"), "accepted": N_("Accepted"), "rejected": N_("Rejected"),
                  "all": N_("All")}
#: An excerpt's review status as the page says it.
STATUSES = {"proposed": N_("proposed"), "accepted": N_("accepted"), "rejected": N_("rejected")}
CSS = """<style>
.ka-context { font-size: 0.95rem; line-height: 1.5; }
.ka-context mark { background: #fde68a; padding: 0 0.1rem; }
</style>"""


LOG_SHOWN = 50


@st.cache_resource(show_spinner=False, max_entries=2)
def atlas_for_review(data_dir: str, version: str):
    """The atlas of one dataset version, source files with problems left out (and listed)."""
    return load_atlas(data_dir, quarantine=True)


def based_on(path: str, version: str) -> str:
    """The version of ``path`` this session was shown before this run (what a decision
    submitted now is based on); remembers ``version`` for the next run."""
    seen = st.session_state.setdefault("review_seen", {})
    before = seen.get(path, version)
    seen[path] = version
    return before


def commit(doc: review.SourceFile, who, pol, base: str, **decisions) -> review.Committed | None:
    try:
        return review.commit(doc.path, who, pol, based_on=base, **decisions)
    except AtlasError as exc:
        st.session_state["review_error"] = str(exc)
        return None


def decide(doc: review.SourceFile, eid: str, action: str, changes: dict, text: str | None,
           known: dict[str, str], who, pol, base: str) -> None:
    done = commit(doc, who, pol, base, accept=[eid] if action == "accept" else [],
                  reject=[eid] if action == "reject" else [], edits={eid: changes} if changes else None,
                  text=text, known=known)
    if done is None:
        return
    if not done.changed:
        st.session_state["review_message"] = _("{id}: nothing changed, nothing written.", id=eid)
        return
    said = DONE[action] if not changes else DONE_EDITED[action]
    st.session_state["review_message"] = _(said, id=eid, fields=", ".join(sorted(changes)))


#: What the page says after a decision (the excerpt id, and the fields edited).
DONE = {"accept": N_("{id} accepted."), "reject": N_("{id} rejected."), "save": N_("{id} saved.")}
DONE_EDITED = {"accept": N_("{id} accepted (edited: {fields})."), "reject": N_("{id} rejected (edited: {fields})."),
               "save": N_("{id} saved (edited: {fields}).")}


def quarantine_note(atlas) -> None:
    """Source files left out of the map because of their problems, as validate names them."""
    if not atlas.quarantined:
        return
    files = sorted({p.file for p in atlas.quarantined})
    st.error(reviewing.markdown_literal(_("{n} source file(s) are left out of the map until fixed: {files}. "
                                          "The rest of the atlas is served.", n=len(files), files=", ".join(files))))
    st.code("\n".join(str(p) for p in atlas.quarantined[:200]), language=None)


def log_panel(data_dir: Path) -> None:
    with st.expander(_("Review log (who decided what, when)")):
        try:
            log = reviewlog.read(data_dir)
        except OSError as exc:
            st.warning(reviewing.markdown_literal(_("The review log cannot be read: {reason}", reason=exc)))
            return
        lines = [reviewlog.describe(e) for e in reversed(log.entries[-LOG_SHOWN:])]
        st.caption(_("{n} decision(s), newest first; `karabakh-atlas review --log` lists them all.", n=len(log.entries))
                   + (" " + _("{n} unreadable line(s) skipped.", n=log.unreadable) if log.unreadable else ""))
        if lines:
            st.text("\n".join(lines))


def proposal_form(doc, excerpt: dict, text: str | None, options, convention: str, known, who, pol,
                  base: str) -> None:
    eid = excerpt["id"]
    features, places = options
    status = excerpt.get("status") or "accepted"
    with st.container(border=True):
        lang = excerpt.get("language") or doc.source.get("language")
        written = reviewing.written_in(lang)
        st.markdown(f"**{reviewing.markdown_literal(eid)}** · "
                    + _("score {score}", score=i18n.format_decimal(float(excerpt.get("score") or 0), digits=2))
                    + f" · {reviewing.markdown_literal(_(STATUSES.get(status, status)))}"
                    + (f" · {reviewing.markdown_literal(written)}" if written else ""))
        st.markdown(reviewing.context_html(text, excerpt.get("quote", ""), lang=lang), unsafe_allow_html=True)
        with st.form(f"form-{eid}", border=False):
            quote = st.text_area(_("Span (verbatim, at most 60 words)"), excerpt.get("quote", ""), key=f"quote-{eid}")
            cols = st.columns([1, 2])
            date = cols[0].text_input(_("Date (EDTF)"), excerpt.get("date", ""), key=f"date-{eid}",
                                      help="1994-05-12, 1994-05, 1993, 1993-03/1993-04, 2022-09~")
            basis = cols[1].text_input(_("Date basis"), excerpt.get("date_basis") or "", key=f"basis-{eid}")
            chosen_features = st.multiselect(
                _("Features"), options=list(features), default=[i for i in excerpt.get("feature_ids") or [] if i in features],
                format_func=lambda i: features.get(i, i), key=f"features-{eid}", placeholder=_("Choose from the list"))
            chosen_places = st.multiselect(
                _("Places"), options=list(places), default=[i for i in excerpt.get("place_ids") or [] if i in places],
                format_func=lambda i: places.get(i, i), key=f"places-{eid}", placeholder=_("Choose from the list"))
            buttons = st.columns(3)
            accept = buttons[0].form_submit_button(_("Accept"), type="primary", width="stretch", key=f"accept-{eid}")
            reject = buttons[1].form_submit_button(_("Reject"), width="stretch", key=f"reject-{eid}")
            keep = buttons[2].form_submit_button(_("Save edits"), width="stretch", key=f"save-{eid}")
        lines = reviewing.evidence_lines(excerpt)
        if lines:
            with st.expander(_("Evidence")):
                st.text("\n".join(lines))
    if accept or reject or keep:
        new = {"quote": quote, "date": date.strip(), "date_basis": basis.strip() or None,
               "feature_ids": chosen_features, "place_ids": chosen_places}
        changes = {k: v for k, v in new.items() if v != (excerpt.get(k) if k != "date_basis" else excerpt.get(k) or None)}
        decide(doc, eid, "accept" if accept else "reject" if reject else "save", changes, text, known, who, pol, base)
        st.rerun()


def naming_label(lang: str, convention: str) -> str:
    """A naming convention's label in ``lang`` (bound: a widget formats its options again later)."""
    return i18n.naming_label(convention, lang)


def status_filter(lang: str, key: str) -> str:
    return i18n.gettext(STATUS_FILTERS[key], lang)


def source_caption(lang: str, by_path: dict, path: str) -> str:
    """A source's choice in ``lang`` (bound: a widget formats its options again later)."""
    with i18n.use(lang):
        return by_path[path].caption()


def main() -> None:
    choose_language()
    st.markdown(CSS, unsafe_allow_html=True)
    with st.sidebar:
        language_menu()
    st.markdown("## " + _("Review proposed excerpts"))
    st.caption(_("`karabakh-atlas ingest` turns a document into proposed excerpts. Read each in its paragraph, "
                 "correct the span, the date and the links, then accept or reject it. Only accepted excerpts "
                 "appear on the map and in exports; the file is saved at once, atomically, and each decision "
                 "is kept in the review log."))
    pol = access.policy()
    if "access_error" in st.session_state:
        st.error(st.session_state.pop("access_error"))
    who = access.gate(pol)
    if who is None:
        return
    data_dir = default_data_dir()
    try:
        sources_dir = default_sources_dir(data_dir)
        with st.spinner(_("Loading the atlas…")):
            atlas = atlas_for_review(str(data_dir), dataset_version(data_dir, sources_dir))
    except AtlasError as exc:
        st.error(reviewing.markdown_literal(_("The dataset cannot be loaded: {reason}", reason=exc)))
        return
    quarantine_note(atlas)
    log_panel(data_dir)
    for key, show in (("review_message", st.success), ("review_error", st.error)):
        if key in st.session_state:
            show(reviewing.markdown_literal(st.session_state.pop(key)))
    choices = reviewing.source_choices(data_dir)
    if not choices:
        st.info(_("No source in {folder} has proposals. Run `karabakh-atlas ingest FILE ... -o {folder}/NAME.json` "
                  "first.", folder=data_dir / "sources"))
        return
    with st.sidebar:
        convention = st.radio(_("Place names"), options=list(CONVENTIONS),
                              format_func=partial(naming_label, i18n.current()),
                              index=list(CONVENTIONS).index(st.session_state.get("names", "en"))
                              if st.session_state.get("names", "en") in CONVENTIONS else 0, key="review_names")
    by_path = {str(c.path): c for c in choices}
    picked = st.selectbox(_("Source"), options=list(by_path), format_func=partial(source_caption, i18n.current(), by_path),
                          key="review_source")
    status = st.radio(_("Show"), options=list(STATUS_FILTERS), format_func=partial(status_filter, i18n.current()),
                      horizontal=True, key="review_status")
    doc = review.load(picked)
    base = based_on(picked, doc.version)
    text = review.source_text(doc, sources_dir)
    st.caption(reviewing.markdown_literal(
        _("“{title}”, published {published}; text: {file}", title=doc.source.get("title", ""),
          published=doc.source.get("published", ""), file=doc.source.get("text_file", ""))
        + ("" if text else " " + _("(NOT FOUND: quotes cannot be checked)"))))
    items = doc.proposals() if status == "proposed" else \
        [e for e in doc.excerpts if status == "all" or (e.get("status") or "accepted") == status]
    if not items:
        st.info(_("Nothing to show here."))
        return
    pages = (len(items) + PAGE_SIZE - 1) // PAGE_SIZE
    page = st.number_input(_("Page (of {pages}; {n} excerpts, best first)", pages=pages, n=len(items)), 1, pages, 1,
                           key="review_page") if pages > 1 else 1
    if status == "proposed":
        with st.expander(_("Reject the weakest proposals at once")):
            with st.form("bulk", border=False):
                floor = st.number_input(_("Reject every waiting proposal scored below"), 0.0, 1.0, 0.15, 0.05,
                                        key="review_floor")
                if st.form_submit_button(_("Reject them"), key="review_bulk"):
                    done = commit(doc, who, pol, base, reject=doc.below(floor))
                    if done is not None:
                        st.session_state["review_message"] = _(
                            "{n} proposal(s) scored below {score} rejected.", n=len(done.entries),
                            score=i18n.format_decimal(floor, digits=2))
                    st.rerun()
    known = {f.id: f.layer for f in atlas.features}
    options = reviewing.link_options(atlas, convention)
    for excerpt in items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]:
        proposal_form(doc, excerpt, text, options, convention, known, who, pol, base)


main()
