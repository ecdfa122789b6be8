"""The interface language of a dashboard session, one choice for every page: the reader's
choice (the sidebar's menu, the same widget on each page), set on the session's first run
from the link's ``lang=`` or else the browser's language (``st.context.locale``)."""
from __future__ import annotations

import streamlit as st

from geo import i18n
from geo.i18n import _

#: The session-state key of the choice (the menu's widget key: one value across pages).
KEY = "lang"


def choose_language() -> str:
    """The interface language of this run; every ``_()`` of the run speaks it
    (:func:`geo.i18n.set_language`)."""
    if st.session_state.get(KEY) not in i18n.LANGUAGES:
        asked = st.query_params.get("lang")
        browser = getattr(st.context, "locale", None)
        st.session_state[KEY] = asked if asked in i18n.LANGUAGES else i18n.resolve(browser)
    i18n.set_language(st.session_state[KEY])
    return st.session_state[KEY]


def language_menu() -> None:
    """The menu of interface languages (in the sidebar); a page that shows it keeps the
    choice alive (Streamlit forgets a widget's value on a page that does not draw it)."""
    st.selectbox(_("Interface language"), options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGE_NAMES.get,
                 key=KEY, help=_("The language of the page; place names follow the choice below."))
