"""Who may change the dataset: the server's mode and the actor behind a write.

Three modes (``$KARABAKH_ATLAS_MODE``):

``public``
    read-only: every write is refused, whoever asks. The default wherever the server is
    not bound to a loopback address.
``editor``
    writes only by a signed-in reviewer (OpenID Connect) on the allow-list of reviewers.
``local``
    one person's machine (``make run`` binds ``localhost``): the person at the keyboard
    writes. The default when the server is bound to a loopback address, and the mode of
    the command line.

The mode and the allow-list come from the server's own settings, never from a request.
Every write path calls :meth:`Policy.check` with the actor (see
:func:`geo.ingest.review.commit`), so a page that forgot to hide a button still cannot
write.
"""
from __future__ import annotations

import getpass
import hashlib
import ipaddress
import os
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .errors import UsageError
from .i18n import _

MODE_ENV_VAR = "KARABAKH_ATLAS_MODE"
PUBLIC, EDITOR, LOCAL = "public", "editor", "local"
MODES = (PUBLIC, EDITOR, LOCAL)


class WriteRefused(UsageError):
    """A write was asked for by someone the server's mode does not let write."""

    exit_code = 2


@dataclass(frozen=True)
class Actor:
    """Who asks for a write: ``email:...`` (signed in, verified by the identity provider),
    ``local:USER`` (the machine's user) or ``anonymous``."""

    id: str
    verified: bool = False

    @property
    def email(self) -> str | None:
        return self.id.split(":", 1)[1] if self.id.startswith("email:") else None


ANONYMOUS = Actor("anonymous")


def local_actor() -> Actor:
    """The person running the command line or ``make run`` on their own machine."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    return Actor(f"local:{user}", verified=True)


def signed_in(email: object) -> Actor:
    """The actor of a session signed in through the identity provider (``st.user.email``)."""
    email = email.strip() if isinstance(email, str) else ""
    if "@" not in email or any(c.isspace() or ord(c) < 32 for c in email):
        return ANONYMOUS
    return Actor(f"email:{email.casefold()}", verified=True)


@dataclass(frozen=True)
class Policy:
    """The server's mode and (editor mode) the e-mail addresses allowed to write."""

    mode: str
    reviewers: frozenset[str] = field(default_factory=frozenset)
    #: e-mail -> the name a reviewer's decisions are signed with in the published review log.
    names: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.mode not in MODES:
            raise UsageError(_("{variable}={mode}: the mode is one of {choices}",
                                 variable=MODE_ENV_VAR, mode=repr(self.mode), choices=', '.join(MODES)))

    @property
    def offers_review(self) -> bool:
        """Whether the review page exists at all in this mode."""
        return self.mode != PUBLIC

    @property
    def needs_login(self) -> bool:
        return self.mode == EDITOR

    def refusal(self, actor: Actor) -> str | None:
        """Why ``actor`` may not write (None when it may)."""
        if self.mode == PUBLIC:
            return _("this atlas is published read-only: nothing can be changed here")
        if self.mode == LOCAL:
            return None if actor.verified and actor.id.startswith(("local:", "email:")) else \
                _("no one is named as the author")
        if not (actor.verified and actor.email):
            return _("sign in as a reviewer to change the atlas")
        if actor.email not in self.reviewers:
            return _("{email} is not on the list of reviewers", email=actor.email)
        return None

    def signature(self, actor: Actor) -> str:
        """How ``actor`` signs the review log, which is published with the dataset: a reviewer's
        name from the allow-list, else ``reviewer-`` and 8 hex digits of the address's SHA-256
        (the same reviewer, never the e-mail address); a local user as ``local:USER``."""
        email = actor.email
        if not email:
            return actor.id
        return self.names.get(email) or "reviewer-" + hashlib.sha256(email.encode("utf-8")).hexdigest()[:8]

    def check(self, actor: Actor) -> None:
        """Raise :class:`WriteRefused` unless ``actor`` may write."""
        why = self.refusal(actor)
        if why:
            raise WriteRefused(_("write refused ({mode} mode): {why}", mode=self.mode, why=why))


def reviewers_from(values: Iterable[object] | Mapping[str, object] | None) -> frozenset[str]:
    """The allow-list as folded e-mail addresses (anything else is left out): a list of
    addresses, or a table of address -> the name the log shows."""
    return frozenset(v.strip().casefold() for v in values or () if isinstance(v, str) and "@" in v)


def names_from(values: object) -> dict[str, str]:
    """The names reviewers sign with, from a table of address -> name (a list gives none)."""
    if not isinstance(values, Mapping):
        return {}
    return {k.strip().casefold(): v.strip() for k, v in values.items()
            if isinstance(k, str) and "@" in k and isinstance(v, str) and v.strip() and "@" not in v}


def is_loopback(address: object) -> bool:
    if not isinstance(address, str) or not address.strip():
        return False  # unset: Streamlit listens on every interface
    host = address.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def mode_for(address: object, environ: Mapping[str, str] | None = None) -> str:
    """The mode: ``$KARABAKH_ATLAS_MODE`` if set, else ``local`` for a server bound to a
    loopback address and ``public`` for any other (or no) address."""
    env = (os.environ if environ is None else environ).get(MODE_ENV_VAR, "").strip().lower()
    if env:
        if env not in MODES:
            raise UsageError(_("{variable}={mode}: the mode is one of {choices}",
                                 variable=MODE_ENV_VAR, mode=repr(env), choices=', '.join(MODES)))
        return env
    return LOCAL if is_loopback(address) else PUBLIC


#: The command line: whoever runs it on the dataset's machine owns the files already.
COMMAND_LINE = Policy(LOCAL)
