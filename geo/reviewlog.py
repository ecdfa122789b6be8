"""The review log: every decision on an excerpt, appended to ``review-log.jsonl`` in the
dataset (one JSON object a line: who, when, which file and excerpt, what, before, after).

Appends happen under the workspace lock (:mod:`geo.locking`) after the source file is
written; a reader skips a line it cannot parse (an append cut short by a kill) and says so.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import confine, jsonload
from .errors import ExportError

LOG_NAME = "review-log.jsonl"
#: The fields of an excerpt whose change is recorded.
TRACKED = ("status", "quote", "date", "date_basis", "feature_ids", "place_ids")
#: The most of the log the page and the command read (its end).
MAX_LOG_BYTES = 16 * 1024 * 1024


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _status(excerpt: dict) -> str:
    return excerpt.get("status") or "accepted"


def entries(before: dict, after: dict, actor: str, file_label: str, at: str | None = None) -> list[dict]:
    """One entry per excerpt whose tracked fields differ between two versions of a source file."""
    at = at or now()
    old = {e.get("id"): e for e in before.get("excerpts") or [] if isinstance(e, dict)}
    out = []
    for excerpt in after.get("excerpts") or []:
        if not isinstance(excerpt, dict):
            continue
        was = old.get(excerpt.get("id"), {})
        changed = [k for k in TRACKED if (_status(was) if k == "status" else was.get(k))
                   != (_status(excerpt) if k == "status" else excerpt.get(k))]
        if not changed:
            continue
        status_changed = "status" in changed
        action = _status(excerpt) if status_changed else "edited"
        out.append({"at": at, "actor": actor, "file": file_label, "excerpt": excerpt.get("id"), "action": action,
                    "before": {k: (_status(was) if k == "status" else was.get(k)) for k in changed},
                    "after": {k: (_status(excerpt) if k == "status" else excerpt.get(k)) for k in changed}})
    return out


def log_path(workspace: Path | str) -> Path:
    return Path(workspace) / LOG_NAME


def check_appendable(workspace: Path | str) -> None:
    """Refuse (before a save writes anything) when the log is there but is not a regular file."""
    path = log_path(workspace)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"cannot append to {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(f"refusing to append to {path}: it is {confine.kind_of(info.st_mode)}, not a regular file")


def append(workspace: Path | str, items: Iterable[dict]) -> int:
    """Append entries to the log in one write (O_APPEND; never through a symlink, never to
    anything but a regular file); return how many were written."""
    lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in items)
    if not lines:
        return 0
    path = log_path(workspace)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise ExportError(f"cannot append to {path}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ExportError(f"refusing to append to {path}: it is {confine.kind_of(info.st_mode)}, not a regular file")
        if info.st_size and os.pread(fd, 1, info.st_size - 1) != b"\n":
            lines = "\n" + lines  # an append cut short by a kill: the new entries start on a line of their own
        os.write(fd, lines.encode("utf-8"))
        os.fsync(fd)
    except OSError as exc:
        raise ExportError(f"cannot append to {path}: {exc.strerror}") from None
    finally:
        os.close(fd)
    return lines.count("\n")


@dataclass(frozen=True)
class Log:
    entries: list[dict]
    #: lines that could not be read (an append cut short, an edit by hand)
    unreadable: int = 0


def read(workspace: Path | str) -> Log:
    """The log's entries, oldest first (an empty log when there is none)."""
    path = log_path(workspace)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Log([])
    if not stat.S_ISREG(info.st_mode):
        raise confine.ReadRefused(f"{LOG_NAME}: it is {confine.kind_of(info.st_mode)}, not a regular file")
    with open(path, "rb") as handle:
        if info.st_size > MAX_LOG_BYTES:
            handle.seek(info.st_size - MAX_LOG_BYTES)
            handle.readline()  # start at a whole line
        data = handle.read(MAX_LOG_BYTES)
    found, bad = [], 0
    for line in data.splitlines():
        if not line.strip():
            continue
        try:
            value, issues = jsonload.loads(line)
        except jsonload.JSONSyntaxError:
            bad += 1
            continue
        if issues or not isinstance(value, dict):
            bad += 1
            continue
        found.append(value)
    return Log(found, bad)


def _short(value: object, width: int = 60) -> str:
    text = " ".join(str(value).split()) if not isinstance(value, list) else ", ".join(map(str, value)) or "-"
    return text if len(text) <= width else text[:width - 1] + "…"


def describe(entry: dict) -> str:
    """One line: when, who, what, and each changed field as before → after."""
    changes = "; ".join(f"{k}: {_short((entry.get('before') or {}).get(k))} → {_short((entry.get('after') or {}).get(k))}"
                        for k in (entry.get("after") or {}))
    return (f"{entry.get('at', '?')}  {entry.get('actor', '?')}  {entry.get('action', '?')}  "
            f"{entry.get('file', '?')}: {entry.get('excerpt', '?')}" + (f"  ({changes})" if changes else ""))
