"""Which dataset an output came from: its version and a content hash over its files.

The version is the ``version`` of the dataset's Frictionless descriptor
(``datapackage.json``, written by ``scripts/build_datapackage.py`` and kept in step with
``CITATION.cff``); the content hash is a SHA-256 over every data file (its path relative to
the dataset directory and its own SHA-256), so two copies of a dataset with the same hash
hold the same bytes whatever their version says. Every export and citation carries both
(:meth:`DatasetStamp.record`, :meth:`DatasetStamp.text`).

A directory without a descriptor is ``unversioned``; an atlas built in memory (no
directory) has no hash.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import _

#: The descriptor's file name, in the dataset directory (it is not hashed: it holds the hash).
DESCRIPTOR = "datapackage.json"
#: The dataset's machine name (the descriptor's ``name``).
NAME = "karabakh-atlas"
TITLE = "Karabakh Atlas"
UNVERSIONED = "unversioned"
#: Characters of the hash shown in captions and notes (the full hash is in the metadata).
SHORT = 12


def data_files(root: Path | str) -> list[Path]:
    """Every data file of the dataset directory ``root``, sorted by relative path: regular
    files, not hidden, not the descriptor. Symbolic links are not followed."""
    root = Path(root)
    out = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        if path.is_symlink() or not path.is_file() or rel.as_posix() == DESCRIPTOR:
            continue
        out.append(path)
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def file_sha256(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def content_hash(root: Path | str, hashes: dict[str, str] | None = None) -> str:
    """SHA-256 over ``"<relative path>\\0<sha256 of the file>\\n"`` of every data file, in
    path order (``hashes``: the per-file hashes when already computed)."""
    root = Path(root)
    if hashes is None:
        hashes = {p.relative_to(root).as_posix(): file_sha256(p) for p in data_files(root)}
    digest = hashlib.sha256()
    for rel in sorted(hashes):
        digest.update(f"{rel}\0{hashes[rel]}\n".encode("utf-8"))
    return digest.hexdigest()


def declared_version(root: Path | str) -> str:
    """The ``version`` of ``root/datapackage.json``; :data:`UNVERSIONED` without one."""
    path = Path(root) / DESCRIPTOR
    try:
        version = json.loads(path.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return UNVERSIONED
    return version if isinstance(version, str) and version.strip() else UNVERSIONED


@dataclass(frozen=True)
class DatasetStamp:
    """The dataset's name, version and content hash, as every export states them."""

    version: str
    sha256: str | None
    name: str = NAME
    title: str = TITLE

    def record(self) -> dict[str, Any]:
        """``{"name", "title", "version", "sha256"}`` (a GeoJSON foreign member, a JSON key)."""
        return {"name": self.name, "title": self.title, "version": self.version, "sha256": self.sha256}

    def text(self) -> str:
        """``dataset version 1.0.0 (sha256 0123456789ab)``: for captions, notes and citations."""
        short = f" (sha256 {self.sha256[:SHORT]})" if self.sha256 else ""
        return _("dataset version {version}", version=self.version) + short


_CACHE: dict[tuple, DatasetStamp] = {}


def _signature(root: Path) -> tuple:
    files = data_files(root)
    descriptor = root / DESCRIPTOR
    stats = [(p.relative_to(root).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    extra = (descriptor.stat().st_mtime_ns,) if descriptor.is_file() else ()
    return (str(root.resolve()), tuple(stats), extra)


def stamp_for(root: Path | str | None) -> DatasetStamp:
    """The stamp of the dataset in ``root`` (cached while no file changes); None: in memory."""
    if root is None:
        return DatasetStamp(UNVERSIONED, None)
    root = Path(root)
    if not root.is_dir():
        return DatasetStamp(UNVERSIONED, None)
    key = _signature(root)
    if key not in _CACHE:
        _CACHE[key] = DatasetStamp(declared_version(root), content_hash(root))
    return _CACHE[key]


def stamp(atlas) -> DatasetStamp:
    """The stamp of a loaded atlas (from the directory it was read from)."""
    return stamp_for(getattr(atlas, "root", None))
