"""Review page: proposed excerpts of ingested documents, accepted, rejected or edited.

Only offered when the server's mode lets someone write (:mod:`dashboard.access`); every
decision goes through :func:`geo.ingest.review.commit`, which checks the actor again, the
version the page showed, and the result, writes atomically and appends to the review log.
The map page notices the new dataset version by itself (:mod:`geo.version`).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import access, reviewing  # noqa: E402
from geo import render, reviewlog  # noqa: E402
from geo.atlas import load_atlas  # noqa: E402
from geo.errors import AtlasError  # noqa: E402
from geo.ingest import review  # noqa: E402
from geo.io import default_data_dir, default_sources_dir  # noqa: E402
from geo.version import dataset_version  # noqa: E402
from geo.names import CONVENTIONS  # noqa: E402

PAGE_SIZE = 10
STATUS_FILTERS = {"proposed": "Waiting for review", "accepted": "Accepted", "rejected": "Rejected", "all": "All"}
CSS = """<style>
.ka-context { font-size: 0.95rem; line-height: 1.5; }
.ka-context mark { background: #fde68a; padding: 0 0.1rem; }
</style>"""


LOG_SHOWN = 50


@st.cache_resource(show_spinner="Loading the atlas…", max_entries=2)
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
        st.session_state["review_message"] = f"{eid}: nothing changed, nothing written."
        return
    verb = {"accept": "accepted", "reject": "rejected", "save": "saved"}[action]
    st.session_state["review_message"] = (f"{eid} {verb}" + (f" (edited: {', '.join(sorted(changes))})"
                                                             if changes else "") + ".")


def quarantine_note(atlas) -> None:
    """Source files left out of the map because of their problems, as validate names them."""
    if not atlas.quarantined:
        return
    files = sorted({p.file for p in atlas.quarantined})
    st.error(reviewing.markdown_literal(f"{len(files)} source file(s) are left out of the map until fixed: "
                                        f"{', '.join(files)}. The rest of the atlas is served."))
    st.code("\n".join(str(p) for p in atlas.quarantined[:200]), language=None)


def log_panel(data_dir: Path) -> None:
    with st.expander("Review log (who decided what, when)"):
        try:
            log = reviewlog.read(data_dir)
        except OSError as exc:
            st.warning(reviewing.markdown_literal(f"The review log cannot be read: {exc}"))
            return
        lines = [reviewlog.describe(e) for e in reversed(log.entries[-LOG_SHOWN:])]
        st.caption(f"{len(log.entries)} decision(s), newest first; `karabakh-atlas review --log` lists them all."
                   + (f" {log.unreadable} unreadable line(s) skipped." if log.unreadable else ""))
        if lines:
            st.text("\n".join(lines))


def proposal_form(doc, excerpt: dict, text: str | None, options, convention: str, known, who, pol,
                  base: str) -> None:
    eid = excerpt["id"]
    features, places = options
    status = excerpt.get("status") or "accepted"
    with st.container(border=True):
        st.markdown(f"**{reviewing.markdown_literal(eid)}** · score {float(excerpt.get('score') or 0):.2f} · "
                    f"{reviewing.markdown_literal(status)}")
        lang = excerpt.get("language") or doc.source.get("language")
        st.markdown(reviewing.context_html(text, excerpt.get("quote", ""), lang=lang), unsafe_allow_html=True)
        with st.form(f"form-{eid}", border=False):
            quote = st.text_area("Span (verbatim, at most 60 words)", excerpt.get("quote", ""), key=f"quote-{eid}")
            cols = st.columns([1, 2])
            date = cols[0].text_input("Date (EDTF)", excerpt.get("date", ""), key=f"date-{eid}",
                                      help="1994-05-12, 1994-05, 1993, 1993-03/1993-04, 2022-09~")
            basis = cols[1].text_input("Date basis", excerpt.get("date_basis") or "", key=f"basis-{eid}")
            chosen_features = st.multiselect(
                "Features", options=list(features), default=[i for i in excerpt.get("feature_ids") or [] if i in features],
                format_func=lambda i: features.get(i, i), key=f"features-{eid}")
            chosen_places = st.multiselect(
                "Places", options=list(places), default=[i for i in excerpt.get("place_ids") or [] if i in places],
                format_func=lambda i: places.get(i, i), key=f"places-{eid}")
            buttons = st.columns(3)
            accept = buttons[0].form_submit_button("Accept", type="primary", width="stretch", key=f"accept-{eid}")
            reject = buttons[1].form_submit_button("Reject", width="stretch", key=f"reject-{eid}")
            keep = buttons[2].form_submit_button("Save edits", width="stretch", key=f"save-{eid}")
        lines = reviewing.evidence_lines(excerpt)
        if lines:
            with st.expander("Evidence"):
                st.text("\n".join(lines))
    if accept or reject or keep:
        new = {"quote": quote, "date": date.strip(), "date_basis": basis.strip() or None,
               "feature_ids": chosen_features, "place_ids": chosen_places}
        changes = {k: v for k, v in new.items() if v != (excerpt.get(k) if k != "date_basis" else excerpt.get(k) or None)}
        decide(doc, eid, "accept" if accept else "reject" if reject else "save", changes, text, known, who, pol, base)
        st.rerun()


def main() -> None:
    st.markdown(CSS, unsafe_allow_html=True)
    st.markdown("## Review proposed excerpts")
    st.caption("`karabakh-atlas ingest` turns a document into proposed excerpts. Read each in its paragraph, "
               "correct the span, the date and the links, then accept or reject it. Only accepted excerpts "
               "appear on the map and in exports; the file is saved at once, atomically, and each decision "
               "is kept in the review log.")
    pol = access.policy()
    if "access_error" in st.session_state:
        st.error(st.session_state.pop("access_error"))
    who = access.gate(pol)
    if who is None:
        return
    data_dir = default_data_dir()
    try:
        sources_dir = default_sources_dir(data_dir)
        atlas = atlas_for_review(str(data_dir), dataset_version(data_dir, sources_dir))
    except AtlasError as exc:
        st.error(reviewing.markdown_literal(f"The dataset cannot be loaded: {exc}"))
        return
    quarantine_note(atlas)
    log_panel(data_dir)
    for key, show in (("review_message", st.success), ("review_error", st.error)):
        if key in st.session_state:
            show(reviewing.markdown_literal(st.session_state.pop(key)))
    choices = reviewing.source_choices(data_dir)
    if not choices:
        st.info(f"No source in {data_dir / 'sources'} has proposals. Run `karabakh-atlas ingest FILE ... "
                f"-o {data_dir / 'sources'}/NAME.json` first.")
        return
    with st.sidebar:
        convention = st.radio("Place names", options=list(CONVENTIONS), format_func=render.naming_label,
                              index=list(CONVENTIONS).index(st.session_state.get("names", "en"))
                              if st.session_state.get("names", "en") in CONVENTIONS else 0, key="review_names")
    by_path = {str(c.path): c for c in choices}
    picked = st.selectbox("Source", options=list(by_path), format_func=lambda p: by_path[p].caption(),
                          key="review_source")
    status = st.radio("Show", options=list(STATUS_FILTERS), format_func=STATUS_FILTERS.get, horizontal=True,
                      key="review_status")
    doc = review.load(picked)
    base = based_on(picked, doc.version)
    text = review.source_text(doc, sources_dir)
    st.caption(reviewing.markdown_literal(
        f"“{doc.source.get('title', '')}”, published {doc.source.get('published', '')}; "
        f"text: {doc.source.get('text_file', '')}" + ("" if text else " (NOT FOUND: quotes cannot be checked)")))
    items = doc.proposals() if status == "proposed" else \
        [e for e in doc.excerpts if status == "all" or (e.get("status") or "accepted") == status]
    if not items:
        st.info("Nothing to show here.")
        return
    pages = (len(items) + PAGE_SIZE - 1) // PAGE_SIZE
    page = st.number_input(f"Page (of {pages}; {len(items)} excerpts, best first)", 1, pages, 1,
                           key="review_page") if pages > 1 else 1
    if status == "proposed":
        with st.expander("Reject the weakest proposals at once"):
            with st.form("bulk", border=False):
                floor = st.number_input("Reject every waiting proposal scored below", 0.0, 1.0, 0.15, 0.05,
                                        key="review_floor")
                if st.form_submit_button("Reject them", key="review_bulk"):
                    done = commit(doc, who, pol, base, reject=doc.below(floor))
                    if done is not None:
                        st.session_state["review_message"] = (
                            f"{len(done.entries)} proposal(s) scored below {floor:.2f} rejected.")
                    st.rerun()
    known = {f.id: f.layer for f in atlas.features}
    options = reviewing.link_options(atlas, convention)
    for excerpt in items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]:
        proposal_form(doc, excerpt, text, options, convention, known, who, pol, base)


main()
