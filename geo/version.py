"""The dataset's version: a hash of what the loader would read (names, sizes, modification
times and inodes of the dataset's files and of the source texts). Cheap (no file is read),
so a server can ask at every request whether the data changed on disk, and key its caches
by the answer: a reader sees the atlas of one version, never a mix of two.

A ``git pull`` or a save replaces files one by one. :func:`load_whole` waits until no file
has changed for :func:`settle_seconds` (by the files' change times, which a copy that keeps
modification times still moves) and loads again when the version changed while it was
loading, so the atlas it returns was read from one state: not from a pull half done, nor
from files replaced during the read. A server that already holds an atlas keeps serving it
while the files move (:func:`dashboard.versioned.version_now`).
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
#: The dataset entries the loader reads (see :func:`geo.io.read_dataset`).
TOP_FILES = ("provenance.json", "chronology.json")
FOLDERS = ("layers", "sources")
#: Attempts at a load the data did not change under.
LOAD_ATTEMPTS = 4
#: A state of the files is taken once none of them changed for this long (seconds; the
#: environment variable below sets another, 0 takes every state at once).
SETTLE_SECONDS = 1.0
SETTLE_ENV_VAR = "KARABAKH_ATLAS_SETTLE_SECONDS"
#: The longest a load waits for the files to be still (then it loads what is there).
MAX_WAIT_SECONDS = 30.0
#: A change time this far ahead of the clock (seconds) is another machine's clock, not a change.
CLOCK_SKEW_SECONDS = 1.0


def settle_seconds() -> float:
    """:data:`SETTLE_SECONDS`, or ``$KARABAKH_ATLAS_SETTLE_SECONDS`` when set to a number >= 0."""
    try:
        value = float(os.environ.get(SETTLE_ENV_VAR, ""))
    except ValueError:
        return SETTLE_SECONDS
    return value if 0 <= value <= MAX_WAIT_SECONDS else SETTLE_SECONDS


@dataclass(frozen=True)
class State:
    """The files' version and the newest change time among them (ns since the epoch)."""

    version: str
    newest_ns: int

    def age(self, now: float | None = None) -> float:
        """Seconds since the newest change of any file."""
        return (time.time() if now is None else now) - self.newest_ns / 1e9

    def still(self, settle: float | None = None, now: float | None = None) -> bool:
        """Whether no file changed for ``settle`` seconds (a time ahead of the clock counts as still)."""
        age = self.age(now)
        return age >= (settle_seconds() if settle is None else settle) or age < -CLOCK_SKEW_SECONDS


class _Lines(list):
    """The stat lines of the files, and the newest change time seen."""

    newest_ns = 0


def _stat_line(path: str, rel: str, out: _Lines) -> None:
    try:
        info = os.lstat(path)
    except OSError:
        out.append(f"{rel}\t-\n")
        return
    out.newest_ns = max(out.newest_ns, info.st_ctime_ns, info.st_mtime_ns)
    out.append(f"{rel}\t{info.st_mode:o}\t{info.st_size}\t{info.st_mtime_ns}\t{info.st_ino}\n")


def _walk(root: str, rel: str, depth: int, out: _Lines, prefix: str = "") -> None:
    try:
        with os.scandir(os.path.join(root, rel)) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        out.append(f"{prefix}{rel}/\t-\n")
        return
    for entry in entries:
        name = f"{rel}/{entry.name}"
        _stat_line(entry.path, prefix + name, out)
        if depth > 0 and entry.is_dir(follow_symlinks=False):
            _walk(root, name, depth - 1, out, prefix)


def dataset_state(data_dir: Path | str, sources_dir: Path | str | None = None) -> State:
    """The version of the files the atlas is built from, and when the newest of them changed."""
    root = str(data_dir)
    lines = _Lines()
    for name in TOP_FILES:
        _stat_line(os.path.join(root, name), name, lines)
    for folder in FOLDERS:
        _walk(root, folder, 1, lines)
    if sources_dir is not None:
        _walk(str(sources_dir), ".", 1, lines, prefix="texts:")
    version = hashlib.sha256("".join(lines).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return State(version, lines.newest_ns)


def dataset_version(data_dir: Path | str, sources_dir: Path | str | None = None) -> str:
    """A short hash that changes whenever a file the atlas is built from changes."""
    return dataset_state(data_dir, sources_dir).version


def wait_until_still(state: Callable[[], State], settle: float | None = None, limit: float | None = None,
                     sleep: Callable[[float], None] = time.sleep) -> State:
    """The files' state once none changed for ``settle`` seconds (at most ``limit`` seconds of waiting)."""
    settle = settle_seconds() if settle is None else settle
    deadline = time.monotonic() + (MAX_WAIT_SECONDS if limit is None else limit)
    current = state()
    while not current.still(settle) and time.monotonic() < deadline:
        sleep(min(max(settle - current.age(), 0.01), max(deadline - time.monotonic(), 0.0)))
        current = state()
    return current


def load_whole(load: Callable[[], T], version: Callable[[], str],
               state: Callable[[], State] | None = None) -> tuple[T, str]:
    """``load()`` with the version unchanged from before it started to after it ended
    (tried again when a change landed while it ran); with ``state``, each attempt first
    waits until the files are still (:func:`wait_until_still`), so a change under way (a
    pull that replaced some files and not yet the others) is not taken for a state.
    Returns (what it loaded, the version)."""
    before = wait_until_still(state).version if state is not None else version()
    for _ in range(LOAD_ATTEMPTS):
        result = load()
        after = version()
        if after == before:
            return result, after
        before = wait_until_still(state).version if state is not None else after
    return result, after
