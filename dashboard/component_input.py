"""Limits on what a browser may send the server as the map component's state.

Streamlit reads a component's state (and its triggers) with ``json.loads`` before the
app's script runs; a deeply nested value raised ``RecursionError`` and a number of 5,000
digits ``ValueError`` there, and every rerun of that session showed Streamlit's error box.
:func:`install` puts a bounded reader in front of it: a value longer than
:data:`MAX_CHARS`, nested deeper than :data:`MAX_DEPTH`, with a number longer than
:data:`MAX_DIGITS` digits or not finite is refused as malformed JSON, which Streamlit
already handles (the state is read as empty, a trigger as ignored). :func:`take_refusal`
tells the page, so that it can say so to the reader.
"""
from __future__ import annotations

import json
import logging
import math
import threading

#: The reported view is a few hundred characters (a date, a window, up to 200 ids, a view).
MAX_CHARS = 64 * 1024
MAX_DEPTH = 8
MAX_DIGITS = 30

_LOG = logging.getLogger(__name__)
_refused = threading.local()  # one script run at a time per thread: the run's refusal, if any


class Refused(json.JSONDecodeError):
    """A component value over the limits (a :class:`json.JSONDecodeError`, so Streamlit's
    own handling of malformed values applies)."""

    def __init__(self, why: str, text: str) -> None:
        super().__init__(why, text[:80], 0)


def depth_of(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings skipped), in one pass."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _number(text: str, kind):
    if len(text.lstrip("-").replace(".", "").split("e")[0].split("E")[0]) > MAX_DIGITS:
        raise ValueError(f"a number of more than {MAX_DIGITS} digits")
    value = kind(text)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a number beyond a double")
    return value


def _constant(name: str):
    raise ValueError(f"{name} is not a number")


def loads(text, *args, **kwargs):
    """``json.loads`` within the limits; :class:`Refused` otherwise."""
    if isinstance(text, (bytes, bytearray)):
        text = text.decode("utf-8", "replace")
    why = None
    if len(text) > MAX_CHARS:
        why = f"longer than {MAX_CHARS:,} characters"
    elif depth_of(text) > MAX_DEPTH:
        why = f"nested deeper than {MAX_DEPTH} levels"
    else:
        try:
            return json.loads(text, parse_int=lambda t: _number(t, int), parse_float=lambda t: _number(t, float),
                              parse_constant=_constant)
        except json.JSONDecodeError:
            raise
        except (ValueError, RecursionError) as exc:
            why = str(exc)
    _refused.why = why
    _LOG.warning("a component value was refused: %s", why)
    raise Refused(f"refused: {why}", text)


def take_refusal() -> str | None:
    """Why a component value was refused in this run so far, if one was (then forgotten)."""
    why = getattr(_refused, "why", None)
    _refused.why = None
    return why


class _BoundedJSON:
    """The ``json`` module as Streamlit's component serialisation uses it, reading within limits."""

    JSONDecodeError = json.JSONDecodeError
    dumps = staticmethod(json.dumps)
    loads = staticmethod(loads)

    def __getattr__(self, name):
        return getattr(json, name)


def install() -> None:
    """Read every components-v2 value (state and triggers) within the limits."""
    from streamlit.components.v2.bidi_component import serialization

    if not isinstance(serialization.json, _BoundedJSON):
        serialization.json = _BoundedJSON()
