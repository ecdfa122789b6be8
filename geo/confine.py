"""Reads confined to a directory: regular files only, with a size limit, never blocking.

A dataset comes from strangers, so a path it names (a source's ``text_file``) or a file it
ships (a layer that is a symlink) must not make the atlas read outside the dataset, read a
device until memory runs out (``/dev/zero``), or wait forever on a FIFO. The rules:

- a name given by the data is a relative path with no ``..`` part, no NUL and no backslash;
- the file, with every symlink resolved, lies inside the directory it belongs to;
- it is opened with ``O_NONBLOCK`` and ``O_NOFOLLOW``, and read only if ``fstat`` says it is
  a regular file no larger than the limit; at most ``limit + 1`` bytes are ever read.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from .i18n import N_, _

#: Size limits (bytes) of the files a dataset holds.
MAX_LAYER_BYTES = 64 * 1024 * 1024
MAX_JSON_BYTES = 16 * 1024 * 1024
MAX_TEXT_BYTES = 16 * 1024 * 1024

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class ReadRefused(OSError):
    """A file was not read; the message says why (safe to show: no absolute path)."""


def kind_of(mode: int) -> str:
    """What a file is, in words ("a directory", "a FIFO", ...)."""
    for test, name in ((stat.S_ISDIR, N_("a directory")), (stat.S_ISFIFO, N_("a FIFO (named pipe)")),
                       (stat.S_ISCHR, N_("a character device")), (stat.S_ISBLK, N_("a block device")),
                       (stat.S_ISSOCK, N_("a socket")), (stat.S_ISLNK, N_("a symbolic link")),
                       (stat.S_ISREG, N_("a regular file"))):
        if test(mode):
            return _(name)
    return _("not a regular file")


def check_relative_name(name: str) -> str | None:
    """Why ``name`` (from the data) cannot name a file inside a directory, or None if it can."""
    if not name or "\x00" in name:
        return _("must be a non-empty file name")
    if "\\" in name:
        return _("must use / to separate folders, not \\")
    pure = PurePosixPath(name)
    if pure.is_absolute():
        return _("must be a path relative to the sources directory, not an absolute path")
    if ".." in pure.parts:
        return _("must not contain '..': source texts are read inside the sources directory only")
    return None


def inside(root: Path, path: Path) -> Path:
    """``path`` with every symlink resolved, if it lies inside ``root``; else :class:`ReadRefused`."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if os.path.commonpath([real_root, real]) != real_root:
        raise ReadRefused("leads outside its directory (a symbolic link out of the dataset?)")
    return Path(real)


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; :class:`ReadRefused` otherwise.
    Never blocks (FIFO) and never reads more than ``limit + 1`` bytes (``/dev/zero``)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ReadRefused(_("cannot be read: {reason}", reason=exc.strerror)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused(_("is {kind}, not a regular file", kind=kind_of(info.st_mode)))
        if info.st_size > limit:
            raise ReadRefused(_("is larger than the limit of {n} bytes", n=f"{limit:,}"))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ReadRefused(_("is larger than the limit of {n} bytes", n=f"{limit:,}"))
        return b"".join(chunks)
    except BlockingIOError:
        raise ReadRefused("cannot be read without waiting") from None
    except ReadRefused:
        raise
    except OSError as exc:
        raise ReadRefused(_("cannot be read: {reason}", reason=exc.strerror)) from None
    finally:
        os.close(fd)


def read_inside(root: Path, path: Path, limit: int) -> bytes:
    """Read ``path`` (a file of directory ``root``) under the rules above."""
    return read_bytes(inside(root, path), limit)


def read_named(root: Path, name: str, limit: int) -> bytes:
    """Read the file the data calls ``name`` inside ``root`` under the rules above."""
    why = check_relative_name(name)
    if why:
        raise ReadRefused(why)
    return read_inside(root, Path(root) / name, limit)
