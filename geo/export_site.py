"""The static site: the engine and its data as plain files for any static host or CDN.

``karabakh-atlas export site -o DIR`` writes::

    DIR/index.html          the timeline page (links the files below, fetches data.json)
    DIR/data.json           the atlas for the engine (geo.engine.engine_data)
    DIR/engine/<name>.<hash>.js, .css   the engine, as shipped in geo/static/engine, each
                            named by a hash of its content (a changed file is a new name,
                            so a host may keep these for a year: see the README)
    DIR/leaflet/            Leaflet and its images (from the installed package; fixed at 1.9.4)

No Python runs at read time. Built without a language, the site carries every interface
language (``data.json`` in English with each language's differences, geo/engine_languages.py)
and opens in the reader's. ``index.html#2021-06-01`` opens a day. Browsers do not let
a page opened from ``file://`` fetch its data, so serve the folder over HTTP, e.g.
``python -m http.server -d DIR``; the one-file timeline (``export html --timeline``) is the
version that opens from disk.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path
from typing import Iterable

from . import confine, engine, export_html, i18n
from .assets import leaflet_files
from .atlas import Atlas
from .dataset import stamp
from .errors import ExportError
from .i18n import _
from .io import check_target, write_atomic

#: The folders of the site, made inside DIR.
FOLDERS = ("engine", "leaflet", "leaflet/images")
#: Hex digits of the content hash in an engine file's name.
HASH_DIGITS = 10


def hashed_name(name: str, content: str | bytes) -> str:
    """``engine.js`` -> ``engine.<first HASH_DIGITS hex digits of its SHA-256>.js``."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_DIGITS]}{dot}{suffix}"


def _check_folder(path: Path) -> None:
    """A folder the site writes into must be a real directory (or not exist yet): never a
    symbolic link (it would send the files elsewhere), a FIFO or a device."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(_("cannot write the site to {path}: {strerror}",
                            path=path, strerror=exc.strerror)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise ExportError(_("refusing to write the site into {path}: it is {kind}, "
                            "not a directory (remove it or choose another folder)", path=path, kind=confine.kind_of(info.st_mode)))


def site_files(atlas: Atlas, convention: str | None = "en", layers: Iterable[str] | None = None,
               today: dt.date | None = None, lang: str | None = None) -> dict[str, str | bytes]:
    """Every file of the site: path inside DIR -> content, ``index.html`` last. Interface text in
    ``lang``; when it is None, in every interface language, the reader's chosen when the page opens
    (``lang=`` in the address, else the browser's language, else English)."""
    langs = export_html.languages(lang)
    data = export_html.page_data(lambda: engine.engine_data(atlas, export_html.page_names(convention), layers, today=today),
                                 langs)
    files: dict[str, str | bytes] = {"data.json": engine.to_json_file(data)}
    assets = {name: f"engine/{hashed_name(name, engine.static_text(name))}" for name in engine.static_names()}
    files.update({path: engine.static_text(name) for name, path in assets.items()})
    files.update({f"leaflet/{name}": content for name, content in leaflet_files().items()})
    chromes = []
    for one in langs:
        with i18n.use(one):
            chromes.append(export_html.timeline_chrome(atlas, export_html.page_names(convention), data))
    files["index.html"] = export_html.page_html(mode="timeline", chromes=chromes, site=True, assets=assets)
    return files


def write_site(atlas: Atlas, target: Path | str, convention: str | None = "en", layers: Iterable[str] | None = None,
               today: dt.date | None = None, lang: str | None = None) -> list[Path]:
    """Write the site into ``target`` (created if missing); return the files written.

    Every path is checked before anything is written: ``target``, its folders and every
    file already there must be a directory or a regular file as expected, never a symbolic
    link, FIFO or device. Each file is then written atomically (a new file put in place, so
    a link that appeared since is replaced, never followed); ``index.html`` last, so a reader
    never gets a page whose data is missing."""
    target = Path(target)
    files = site_files(atlas, convention, layers, today, lang)
    _check_folder(target)
    for folder in FOLDERS:
        _check_folder(target / folder)
    for name in files:
        check_target(target / name)
    try:
        target.mkdir(parents=True, exist_ok=True)
        for folder in FOLDERS:
            (target / folder).mkdir(exist_ok=True)
            _check_folder(target / folder)
    except OSError as exc:
        raise ExportError(_("cannot write the site to {path}: {strerror}",
                            path=target, strerror=exc.strerror)) from None
    return [write_atomic(target / name, content) for name, content in files.items()]
