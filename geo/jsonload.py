"""Strict JSON reading for files from strangers.

:func:`loads` accepts UTF-8 JSON (RFC 8259) only. What stops parsing (bytes that are not
UTF-8, a syntax error, nesting the parser cannot follow) raises :class:`JSONSyntaxError`
whose message names the byte offset or line. What parses but is not sound JSON data is
returned as :class:`Issue` records with the path to the value, so that the validator can
name the feature or excerpt and the field:

- ``NaN``, ``Infinity``, ``-Infinity`` (not JSON; Python's parser accepts them),
- numbers too large for a double (``1e400`` would become infinity),
- duplicate keys in one object (the parser would keep the last silently),
- NUL characters in strings or keys (GeoPackage and C tools cut text there),
- lone surrogates (``"\\ud800"``: cannot be written as UTF-8),
- nesting deeper than :data:`MAX_DEPTH`.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from .i18n import N_, _

#: The deepest nesting accepted (a MultiPolygon's coordinates are 6 levels inside a feature).
MAX_DEPTH = 32
#: Longest integer literal accepted (Python refuses more than 4300 digits; JSON tools lose
#: precision well before): longer ones are reported where they are.
MAX_INT_DIGITS = 300

Path = tuple  # a path into the document: keys and list indexes
#: Half of a UTF-16 pair on its own (only a \\u escape can make one): not Unicode text.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: The only escapes that can put a NUL or a surrogate into a parsed string (strict JSON has no raw control
#: characters in strings): a text without them needs no search of its strings.
_RISKY_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)


class JSONSyntaxError(ValueError):
    """The bytes are not UTF-8 JSON; the message says where."""


@dataclass(frozen=True)
class Issue:
    """A value that parsed but is not sound JSON data."""

    path: Path
    message: str


class _NotJSON:
    """A value the parser produced that JSON does not have (NaN, Infinity, a huge number)."""

    def __init__(self, message: str):
        self.message = message

    def __repr__(self) -> str:  # shown if it ever reaches a message
        return "<not JSON>"


class _Object(dict):
    """A JSON object that remembers the keys it held more than once."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(sorted({k for k, _ in pairs if k in seen or seen.add(k)}))
    return obj


#: Python's JSON parser's reasons (json.decoder), said in the interface language.
JSON_REASONS = {reason: reason for reason in (
    N_("Expecting value"), N_("Expecting property name enclosed in double quotes"), N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"), N_("Unterminated string starting at"), N_("Invalid control character at"),
    N_("Invalid \\escape"), N_("Invalid \\uXXXX escape"), N_("Extra data"))}


def _constant(name: str) -> _NotJSON:
    return _NotJSON(_("{name} is not a JSON number; write a number, or null if unknown", name=name))


def _float(text: str) -> float | _NotJSON:
    value = float(text)
    if not math.isfinite(value):
        return _NotJSON(_("the number {number} is too large (beyond a double)", number=_clip(text)))
    return value


def _int(text: str) -> int | _NotJSON:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return _NotJSON(_("a number of {n} digits is too large", n=len(text.lstrip("-"))))
    return int(text)


def _clip(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _position(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return _("line {line} column {column}", line=line, column=column)


def decode_utf8(data: bytes) -> str:
    """``data`` as text, or :class:`JSONSyntaxError` naming the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise JSONSyntaxError(
            _("not UTF-8 text: byte {byte} at offset {offset} (line {line}) is {reason}; save the file as UTF-8",
              byte=f"0x{data[exc.start]:02x}", offset=exc.start, line=line, reason=exc.reason)) from None


def loads(data: bytes) -> tuple[Any, list[Issue]]:
    """Parse UTF-8 JSON bytes strictly: (value, issues); raise :class:`JSONSyntaxError`."""
    text = decode_utf8(data)
    if text.startswith("\ufeff"):
        raise JSONSyntaxError("starts with a byte-order mark (BOM); save the file as UTF-8 without BOM")
    odd: list[bool] = []  # set when a hook met a duplicate key or a value JSON does not have

    def obj(pairs):
        made = _object(pairs)
        if made.duplicates:
            odd.append(True)
        return made

    def flagged(hook):
        def parse(token):
            value = hook(token)
            if isinstance(value, _NotJSON):
                odd.append(True)
            return value
        return parse
    try:
        value = json.loads(text, object_pairs_hook=obj, parse_constant=flagged(_constant),
                           parse_float=flagged(_float), parse_int=flagged(_int))
    except json.JSONDecodeError as exc:
        reason = _(JSON_REASONS[exc.msg]) if exc.msg in JSON_REASONS else exc.msg
        raise JSONSyntaxError(_("invalid JSON at line {line} column {column} (offset {offset}): {reason}",
                                line=exc.lineno, column=exc.colno, offset=exc.pos, reason=reason)) from None
    except RecursionError:
        raise JSONSyntaxError(_("nested too deeply (more than {n} levels are not accepted)", n=MAX_DEPTH)) from None
    except ValueError as exc:  # e.g. Python's own limit on integer digits
        raise JSONSyntaxError(_("invalid JSON: {reason}", reason=exc)) from None
    if not odd and not _RISKY_ESCAPE.search(text) and nesting(text) <= MAX_DEPTH:
        return value, []  # nothing a walk could find (a file of 100,000 features: the walk took most of a read)
    return value, issues_in(value)


def nesting(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text (strings left out), by array
    arithmetic: a bound on the depth :func:`issues_in` walks to."""
    bare = np.frombuffer(_STRING.sub("", text).encode("utf-8"), dtype=np.uint8)
    depth = deepest = 0
    for start in range(0, bare.size, 1 << 22):  # in slices of 4 MiB: the arrays stay small
        part = bare[start:start + (1 << 22)]
        step = (part == ord("[")).astype(np.int32) + (part == ord("{")) - (part == ord("]")) - (part == ord("}"))
        levels = np.cumsum(step) + depth
        deepest, depth = max(deepest, int(levels.max())), int(levels[-1])
    return deepest


def issues_in(value: Any) -> list[Issue]:
    """Every unsound value in a parsed document (walked iteratively: no recursion limit)."""
    issues: list[Issue] = []
    stack: list[tuple[Path, Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if len(path) > MAX_DEPTH:
            issues.append(Issue(path[:MAX_DEPTH], _("nested deeper than {n} levels", n=MAX_DEPTH)))
            continue
        if isinstance(item, _NotJSON):
            issues.append(Issue(path, item.message))
        elif isinstance(item, str):
            if "\x00" in item:
                issues.append(Issue(path, _("contains a NUL character (at position {n})", n=item.index(chr(0)))))
            elif _SURROGATE.search(item):
                issues.append(Issue(path, _("contains a lone surrogate escape (\\ud800-\\udfff): not Unicode text")))
        elif isinstance(item, dict):
            for key in getattr(item, "duplicates", ()):
                issues.append(Issue(path + (key,), _("duplicate key {key} in one object (only the last would be kept)",
                                                     key=repr(key))))
            for key, child in item.items():
                if "\x00" in key or _SURROGATE.search(key):
                    issues.append(Issue(path + (key,), _("a key contains a NUL character or a lone surrogate")))
                stack.append((path + (key,), child))
        elif isinstance(item, list):
            stack.extend((path + (i,), child) for i, child in enumerate(item))
    issues.sort(key=lambda issue: [str(p) for p in issue.path])
    return issues


def field_name(path: Path) -> str:
    """A path as a field name: ``status_history[0].from``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out
