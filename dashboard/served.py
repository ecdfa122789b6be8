"""The files the dashboard's map loads, built once per dataset version into a cache
directory (never into the installed package), and served from there.

One directory per version holds Leaflet, the engine's scripts and stylesheet, and the
engine data of every naming convention and interface language (``data-<names>-<lang>.json``, with the dashboard's panel
data, :mod:`dashboard.panel_data`). The version is a hash of the dataset's files, the
code that writes the files (the engine, the catalogues, the Python) and the package version,
so an edited dataset gets a new directory and an old one is never half-rewritten: a directory is built under a temporary name and renamed
into place. The day does not enter it: the days that move with the calendar (the slider's
end, the export day) are given to the component with each run (:func:`days_of`), so files
built ahead of time stay good.

Where: first the read-only directories of ``$KARABAKH_ATLAS_PREBUILT`` (built ahead of time,
``python -m dashboard.build_cache DIR``: the Docker image carries the files of its own
dataset there and writes nothing); when none holds this version (the dataset changed on
disk since, a ``git pull`` on the server), the writable cache: ``$KARABAKH_ATLAS_CACHE``,
else the user's cache directory (platformdirs); when neither can be written (a read-only
account), a temporary directory of the process.
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
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from geo import __version__, engine, fonts, i18n
from geo.assets import copy_leaflet
from geo.atlas import Atlas
from geo.dataset import stamp_for
from geo.io import write_atomic
from geo.names import CONVENTIONS

from . import panel_data

CACHE_ENV_VAR = "KARABAKH_ATLAS_CACHE"
#: Read-only directories of versions built ahead of time (os.pathsep between several).
PREBUILT_ENV_VAR = "KARABAKH_ATLAS_PREBUILT"
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


def version_of(atlas: Atlas, data_dir: Path | str) -> str:
    """The version of the files built from ``atlas``, loaded from ``data_dir``."""
    return dataset_version(data_dir, (p.file for p in atlas.quarantined))


def prebuilt_roots() -> list[Path]:
    """The directories of ``$KARABAKH_ATLAS_PREBUILT`` (none when it is unset)."""
    return [Path(p) for p in os.environ.get(PREBUILT_ENV_VAR, "").split(os.pathsep) if p]


def dataset_version(data_dir: Path | str, left_out: Iterable[str] = ()) -> str:
    """A short hash of everything the built files depend on: the package version, the code
    (:func:`code_version`, with the engine's files), the dataset's stamp (its version and
    content hash, :func:`geo.dataset.stamp_for`) and the source files the atlas left out
    (``left_out``, which depends on the source texts found; see :func:`version_of`)."""
    stamp = stamp_for(data_dir)
    quarantined = "\t".join(sorted(set(left_out)))
    text = f"{__version__}\n{code_version()}\n{stamp.version}\n{stamp.sha256}\n{quarantined}\n"
    digest = hashlib.sha256(text.encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code and files that write the map's files (the ``geo`` and ``dashboard``
    packages: Python, the engine, the catalogues), read once per process: a changed engine
    or catalogue, or a fix in the Python that derives the data, is a new version."""
    digest = hashlib.sha256()
    for package in (Path(engine.__file__).parent, Path(__file__).parent):
        for path in sorted(package.rglob("*")):
            rel = path.relative_to(package.parent)
            if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts) \
                    and path.suffix not in (".pyc", ".pyo"):
                digest.update(rel.as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def data_file(names: str, lang: str = i18n.DEFAULT) -> str:
    """The engine data of one naming convention in one interface language."""
    return f"data-{names}-{lang}.json"


def data_files() -> list[str]:
    """The engine data files of a version: every naming convention in every language."""
    return [data_file(names, lang) for lang in i18n.LANGUAGES for names in CONVENTIONS]


def is_complete(directory: Path) -> bool:
    """Whether ``directory`` holds every file a page of this version loads."""
    return (directory / "leaflet" / "leaflet.js").is_file() and (directory / "engine" / FONTS_CSS).is_file() \
        and all((directory / name).is_file() for name in data_files())


def days_of(atlas: Atlas, today: dt.date) -> dict[str, str]:
    """The engine data's days that move with the calendar (the slider ends today): given to
    the component with each run, over the values in the files, which were built on another day."""
    return {"last": engine.last_day(atlas, today).isoformat(), "exportDay": today.isoformat(),
            "initial": engine.opening_day(atlas, today).isoformat()}


def build(atlas: Atlas, target: Path, today: dt.date) -> Path:
    """Write every file of one version into ``target`` (a fresh directory); the days that
    move with the calendar are those of ``today`` (the component replaces them, :func:`days_of`)."""
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


def find_prebuilt(version: str, roots: list[Path] | None = None) -> Path | None:
    """The complete directory of ``version`` in the read-only roots, if one holds it."""
    for base in prebuilt_roots() if roots is None else roots:
        target = base / f"v-{version}"
        if is_complete(target):
            return target
    return None


def build_into(base: Path, atlas: Atlas, version: str, today: dt.date) -> Path:
    """``base/v-<version>``: kept when complete, else built under a temporary name and
    renamed into place (another process may win the race: its directory is kept)."""
    target = base / f"v-{version}"
    if is_complete(target):
        return target
    base.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=base))
    try:
        build(atlas, scratch, today)
        os.chmod(scratch, 0o755)  # mkdtemp's 0700 would hide it from the app's user (built by root in an image)
        try:
            os.replace(scratch, target)  # atomic
        except OSError:
            if not is_complete(target):
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _prune(base, target)
    return target


def ensure_built(atlas: Atlas, data_dir: Path | str, today: dt.date, root: Path | None = None,
                 prebuilt: list[Path] | None = None) -> Path:
    """The directory of this dataset version: one built ahead of time (``prebuilt``, default
    ``$KARABAKH_ATLAS_PREBUILT``; read, never written), else one in the writable cache
    (``root``, default :func:`cache_root`), built now if no process built it before; a
    temporary directory when the cache cannot be written."""
    version = version_of(atlas, data_dir)
    found = find_prebuilt(version, prebuilt)
    if found is not None:
        return found
    for base in ([root] if root is not None else [cache_root()]) + [None]:
        try:
            if base is None:  # read-only cache: a directory of this process
                return build(atlas, Path(tempfile.mkdtemp(prefix="karabakh-atlas-")), today)
            return build_into(base, atlas, version, today)
        except OSError:
            if base is None:
                raise
    raise AssertionError("unreachable")
