"""argparse's own words (``usage:``, ``options``, ``error:``, "the following arguments are
required") in the interface language.

argparse asks the module-level ``argparse._`` and ``argparse.ngettext`` for every text it
writes (Python's gettext hooks); :func:`speaking` points them at the atlas's catalogue while
a command line is parsed and its help printed, and gives them back afterwards. The message
ids below are Python 3.11's, %-style as argparse formats them; an id another Python writes
differently is shown in English (tests/test_i18n.py runs argparse and checks the words).
"""
from __future__ import annotations

import argparse
import contextlib
from typing import Iterator

from . import N_, gettext

#: The texts of argparse a user of the command line can see (not the programmer's errors).
MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"), N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("expected %s argument"), N_("expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _gettext(message):
    return gettext(message) if message else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def speaking() -> Iterator[None]:
    """argparse's texts through the catalogue (in the current language) inside the block."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _gettext, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
