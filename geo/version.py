"""The dataset's version: a hash of what the loader would read (names, sizes, modification
times and inodes of the dataset's files and of the source texts). Cheap (no file is read),
so a server can ask at every request whether the data changed on disk, and key its caches
by the answer: a reader sees the atlas of one version, never a mix of two.

A ``git pull`` or a save replaces files one by one; :func:`load_whole` loads again when the
version changed while it was loading, so the atlas it returns was read from one state.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
#: The dataset entries the loader reads (see :func:`geo.io.read_dataset`).
TOP_FILES = ("provenance.json", "chronology.json")
FOLDERS = ("layers", "sources")
#: Attempts at a load the data did not change under.
LOAD_ATTEMPTS = 4


def _stat_line(path: str, rel: str) -> str:
    try:
        info = os.lstat(path)
    except OSError:
        return f"{rel}\t-\n"
    return f"{rel}\t{info.st_mode:o}\t{info.st_size}\t{info.st_mtime_ns}\t{info.st_ino}\n"


def _walk(root: str, rel: str, depth: int, out: list[str]) -> None:
    try:
        with os.scandir(os.path.join(root, rel)) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        out.append(f"{rel}/\t-\n")
        return
    for entry in entries:
        name = f"{rel}/{entry.name}"
        out.append(_stat_line(entry.path, name))
        if depth > 0 and entry.is_dir(follow_symlinks=False):
            _walk(root, name, depth - 1, out)


def dataset_version(data_dir: Path | str, sources_dir: Path | str | None = None) -> str:
    """A short hash that changes whenever a file the atlas is built from changes."""
    root = str(data_dir)
    lines = [_stat_line(os.path.join(root, name), name) for name in TOP_FILES]
    for folder in FOLDERS:
        _walk(root, folder, 1, lines)
    if sources_dir is not None:
        texts: list[str] = []
        _walk(str(sources_dir), ".", 1, texts)
        lines += ["texts:" + line for line in texts]
    return hashlib.sha256("".join(lines).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def load_whole(load: Callable[[], T], version: Callable[[], str]) -> tuple[T, str]:
    """``load()`` with the version unchanged from before it started to after it ended
    (tried again when a change landed while it ran); returns (what it loaded, the version)."""
    before = version()
    for _ in range(LOAD_ATTEMPTS):
        result = load()
        after = version()
        if after == before:
            return result, after
        before = after
    return result, after
