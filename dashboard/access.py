"""The dashboard's side of :mod:`geo.access`: the server's policy (mode from the
environment or the address the server is bound to, reviewers from the secrets) and the
actor of the session (the signed-in user of Streamlit's OpenID Connect support).

Secrets (``.streamlit/secrets.toml`` or the host's secret store)::

    [karabakh_atlas]
    reviewers = ["ana@example.org", "aram@example.org"]

    [auth]               # Streamlit's st.login: any OpenID Connect provider
    redirect_uri = "https://atlas.example.org/oauth2callback"
    cookie_secret = "a long random string"
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://accounts.example.org/.well-known/openid-configuration"
"""
from __future__ import annotations

import logging

import streamlit as st

from geo.i18n import _
from geo.access import ANONYMOUS, EDITOR, LOCAL, Actor, Policy, local_actor, mode_for, names_from, reviewers_from, signed_in

LOG = logging.getLogger("karabakh_atlas.dashboard")
SECRETS_SECTION, REVIEWERS_KEY = "karabakh_atlas", "reviewers"


def _reviewers() -> tuple[object, ...] | dict:
    try:
        section = st.secrets.get(SECRETS_SECTION) or {}
        values = section.get(REVIEWERS_KEY) or ()
    except Exception as exc:  # no secrets file at all: nobody is a reviewer
        LOG.debug("no reviewers in the secrets: %s", exc)
        return ()
    if hasattr(values, "items"):
        return dict(values.items())  # address = "name the log shows"
    return tuple(values) if isinstance(values, (list, tuple)) else ()


def policy() -> Policy:
    """This server's policy; read from its settings at every call, never from the request."""
    listed = _reviewers()
    return Policy(mode_for(st.get_option("server.address")), reviewers_from(listed), names_from(listed))


def actor(pol: Policy) -> Actor:
    """Who this session is: the machine's user (local mode), the signed-in user (editor
    mode), else anonymous."""
    if pol.mode == LOCAL:
        return local_actor()
    if pol.mode == EDITOR:
        try:
            if st.user.is_logged_in and st.user.get("email_verified") is not False:
                return signed_in(st.user.get("email"))
        except Exception as exc:  # no [auth] settings: nobody is signed in
            LOG.debug("no signed-in user: %s", exc)
    return ANONYMOUS


def gate(pol: Policy) -> Actor | None:
    """On the review page: the actor allowed to write, or None after saying why not (with
    the sign-in or sign-out button in editor mode)."""
    who = actor(pol)
    why = pol.refusal(who)
    if why is None:
        if pol.mode == EDITOR:
            with st.sidebar:
                st.caption(_("Signed in as {email}", email=who.email))
                st.button(_("Sign out"), key="access_logout", on_click=st.logout)
        return who
    st.warning(why[0].upper() + why[1:] + ".")
    if pol.mode == EDITOR:
        if who.email:
            st.button(_("Sign out"), key="access_logout", on_click=st.logout)
        else:
            st.button(_("Sign in"), key="access_login", type="primary", on_click=_login)
    return None


def _login() -> None:
    try:
        st.login()
    except Exception as exc:  # the [auth] section is missing or incomplete
        LOG.error("sign-in is not set up: %s", exc)
        st.session_state["access_error"] = _("Sign-in is not set up on this server: the secrets need an [auth] "
                                             "section (see the README, 'Publishing').")
