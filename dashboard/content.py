"""What the dashboard's server side shows, as plain data: the sources of the About text and
the download files (no streamlit here, so every piece can be tested on its own). The day's
panels are drawn in the browser (``geo/static/engine/panels.js``, with
:mod:`dashboard.panel_data`). HTML built from data goes through :mod:`geo.escape`.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable

from geo import escape, render
from geo.i18n import _
from geo.atlas import Atlas
from geo.i18n import _
from geo.model import VANTAGE_GROUPS


def _one_block(markup: str) -> str:
    """HTML kept in one Markdown block (a blank line would end it)."""
    return markup.replace("\r", "&#13;").replace("\n", "&#10;")


def quarantine_notice(atlas: Atlas) -> dict | None:
    """The map page's note on source files left out because of their problems (the review
    page and ``karabakh-atlas validate`` list the problems): ``{"count", "text"}`` in the
    interface language, None when every source is shown. Counts only: no file name."""
    files = {p.file for p in atlas.quarantined}
    if not files:
        return None
    return {"count": len(files),
            "text": _("Source files left out of this map because problems were found in them: {count}. "
                      "The rest of the atlas is shown; its editors see the problems and fix them.",
                      count=len(files))}


def source_html(atlas: Atlas, source_id: str) -> str:
    """A source for the "About the data" list: title (linked only if the URL is http(s)),
    authors or "author not named", publication date, vantage group and vantage text."""
    s = atlas.sources[source_id]
    authors = (f'<span data-ka-verbatim>{escape.text(", ".join(s.authors))}</span>' if s.authors
               else escape.text(_("author not named")))
    group = _(VANTAGE_GROUPS.get(s.vantage_group, s.vantage_group))
    count = sum(1 for e in atlas.excerpts if e.source_id == s.id)
    meta = escape.text(_("published {date} · {n} excerpt(s)", date=render.date_words(s.published), n=count))
    vantage = escape.text(_("Vantage ({group}):", group=group))
    # the title and the authors as written; the vantage note is the record's text (English until translated)
    return _one_block(
        f'<div class="ka-source"><b data-ka-verbatim>{escape.link(s.title, s.meta.get("url"))}</b><br>'
        f'{authors} · {meta}<br>'
        f'<span class="ka-meta">{vantage} <span data-ka-record lang="en">{escape.text(s.vantage)}</span></span></div>')


# -- downloads -----------------------------------------------------------------------------
class Downloads:
    """Download files for every visitor of the process: each built once per key (the file
    and what is shown), the last ``max_entries`` kept, and at most ``max_builds`` built at
    a time, so that one client asking again and again cannot keep the server busy."""

    def __init__(self, max_builds: int = 2, max_entries: int = 32):
        self.max_entries = max_entries
        self._files: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}
        self._slots = threading.BoundedSemaphore(max_builds)

    def _cached(self, key: Hashable) -> bytes | None:
        with self._lock:
            if key in self._files:
                self._files.move_to_end(key)
                return self._files[key]
        return None

    def get(self, key: Hashable, build: Callable[[], bytes | str]) -> bytes:
        """The file for ``key``, built by ``build()`` unless another request built it."""
        found = self._cached(key)
        if found is not None:
            return found
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:  # the same file asked for meanwhile waits for this one build
            found = self._cached(key)
            if found is not None:
                return found
            with self._slots:
                data = build()
            data = data.encode("utf-8") if isinstance(data, str) else data
            with self._lock:
                self._files[key] = data
                while len(self._files) > self.max_entries:
                    self._files.popitem(last=False)
                self._building.pop(key, None)
        return data
