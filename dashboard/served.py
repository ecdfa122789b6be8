"""The files the dashboard's map loads, built once per dataset version into a cache
directory (never into the installed package), and served from there.

One directory per version holds Leaflet, the engine's scripts and stylesheet, and the
engine data of every naming convention and interface language (``data-<names>-<lang>.json``, with the dashboard's panel
data, :mod:`dashboard.panel_data`). The version is a hash of the dataset's files, the
engine's files, the package version and the day (the slider ends today), so an edited
dataset or a new day gets a new directory and an old one is never half-rewritten: a
directory is built under a temporary name and renamed into place.

Where: ``$KARABAKH_ATLAS_CACHE``, else the user's cache directory (platformdirs); when
neither can be written (a read-only account), a temporary directory of the process.
Streamlit serves the directory through a declared (v1) component path, so it works
whatever ``server.enableStaticServing`` says and wherever the package is installed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from geo import __version__, engine, fonts, i18n
from geo.assets import copy_leaflet
from geo.atlas import Atlas
from geo.dataset import stamp_for
from geo.io import write_atomic
from geo.names import CONVENTIONS

from . import panel_data

CACHE_ENV_VAR = "KARABAKH_ATLAS_CACHE"
#: The fonts for Armenian and Cyrillic (geo/fonts.py), beside the engine's stylesheet.
FONTS_CSS = "fonts.css"
#: The same faces under the family of Streamlit's widgets (geo.fonts.STREAMLIT_FAMILY): the page's
#: sidebar, captions and buttons draw Armenian and Cyrillic offline too (dashboard.app imports it).
PAGE_FONTS_CSS = "page-fonts.css"
APP_NAME = "karabakh-atlas"
#: Older version directories kept beside the newest (other processes may still serve them).
KEEP_VERSIONS = 4


def cache_root() -> Path:
    """``$KARABAKH_ATLAS_CACHE``, else the user's cache directory for the atlas."""
    given = os.environ.get(CACHE_ENV_VAR)
    if given:
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "dashboard"


def dataset_version(data_dir: Path | str, today: dt.date) -> str:
    """A short hash of everything the built files depend on: the engine's files, the day
    they were built for, and the dataset's stamp (its version and content hash,
    :func:`geo.dataset.stamp_for`)."""
    stamp = stamp_for(data_dir)
    digest = hashlib.sha256(f"{__version__}\n{today.isoformat()}\n{stamp.version}\n{stamp.sha256}\n{PAGE_FONTS_CSS}\n".encode())
    for name in sorted(engine.static_names()):
        digest.update(name.encode() + b"\0" + engine.static_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def data_file(names: str, lang: str = i18n.DEFAULT) -> str:
    """The engine data of one naming convention in one interface language."""
    return f"data-{names}-{lang}.json"


def build(atlas: Atlas, target: Path, today: dt.date) -> Path:
    """Write every file of one version into ``target`` (a fresh directory)."""
    copy_leaflet(target / "leaflet")
    (target / "engine").mkdir(parents=True, exist_ok=True)
    for name in engine.static_names():
        write_atomic(target / "engine" / name, engine.static_text(name))
    write_atomic(target / "engine" / FONTS_CSS, fonts.font_face_css())
    write_atomic(target / "engine" / PAGE_FONTS_CSS, fonts.font_face_css(fonts.STREAMLIT_FAMILY, stack=False))
    for lang in i18n.LANGUAGES:
        with i18n.use(lang):
            panels = panel_data.panel_data(atlas)
        for names in CONVENTIONS:
            data = engine.engine_data(atlas, names, today=today, lang=lang)
            data["panels"] = panels
            write_atomic(target / data_file(names, lang), json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return target


def _prune(root: Path, keep: Path) -> None:
    """Remove all but the newest KEEP_VERSIONS version directories (best effort)."""
    versions = sorted((p for p in root.glob("v-*") if p.is_dir() and p != keep),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[KEEP_VERSIONS - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def ensure_built(atlas: Atlas, data_dir: Path | str, today: dt.date, root: Path | None = None) -> Path:
    """The directory of this dataset version, built now if no process built it before.
    Falls back to a temporary directory when the cache root cannot be written."""
    version = dataset_version(data_dir, today)
    for base in ([root] if root is not None else [cache_root()]) + [None]:
        try:
            if base is None:  # read-only cache: a directory of this process
                return build(atlas, Path(tempfile.mkdtemp(prefix="karabakh-atlas-")), today)
            target = base / f"v-{version}"
            if (target / data_file(list(CONVENTIONS)[-1], i18n.LANGUAGES[-1])).is_file():
                return target
            base.mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=base))
            try:
                build(atlas, scratch, today)
                try:
                    os.replace(scratch, target)  # atomic; another process may have won the race
                except OSError:
                    if not (target / data_file(list(CONVENTIONS)[-1])).is_file():
                        raise
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            _prune(base, target)
            return target
        except OSError:
            if base is None:
                raise
    raise AssertionError("unreachable")
