"""One writer at a time, and a write based on the version it read.

A save takes the lock of its workspace (the dataset directory, or the directory of a file
outside any dataset) on a separate lock file, ``.karabakh-atlas.lock``, which the loader
never reads; inside the lock it compares the file's current hash with the hash the
decision was based on, so a reviewer never overwrites a decision they have not seen.
"""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from .errors import UsageError

LOCK_NAME = ".karabakh-atlas.lock"
#: How long a save waits for another save to finish (seconds).
LOCK_TIMEOUT = 30.0
ABSENT = "absent"


class ChangedElsewhere(UsageError):
    """The file changed since the version a decision was based on."""


class Busy(UsageError):
    """Another save holds the lock for longer than a save should take."""


def workspace_of(path: Path | str) -> Path:
    """The dataset directory of a file in ``DATA/sources/``, else the file's own directory."""
    parent = Path(path).resolve().parent
    return parent.parent if parent.name == "sources" else parent


def version_of_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def version_of(path: Path | str) -> str:
    """The hash of the file's bytes (``absent`` when there is no file)."""
    try:
        return version_of_bytes(Path(path).read_bytes())
    except FileNotFoundError:
        return ABSENT


@contextmanager
def locked(workspace: Path | str, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the workspace's lock (a separate lock file; the lock is the kernel's, so a
    killed holder releases it)."""
    lock = FileLock(str(Path(workspace) / LOCK_NAME), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise Busy(f"{workspace}: another save has held the lock for {timeout:.0f} s; try again") from None
    try:
        yield
    finally:
        lock.release()


def check_version(label: str, current: str, based_on: str | None) -> None:
    if based_on is not None and current != based_on:
        raise ChangedElsewhere(f"{label}: changed by someone else: reload")
