"""The dataset the dashboard serves, keyed by its version (:mod:`geo.version`): a change on
disk (a save, a ``git pull``) gives a new key, so every reader moves to the new atlas as a
whole at their next run and no save has to clear anyone's cache.

While files are moving (a pull under way: some replaced, others not yet), a process that
already serves an atlas keeps giving the version of its last still state, so its readers
keep the old atlas; the new one is taken once no file changed for
:data:`geo.version.SETTLE_SECONDS`. A process with nothing loaded yet waits for the files to
be still (:func:`geo.version.load_whole`)."""
from __future__ import annotations

import threading

from geo.atlas import Atlas, load_atlas
from geo.io import default_data_dir, default_sources_dir
from geo.version import dataset_state, dataset_version, load_whole

#: The last version whose files were still, per (dataset, texts) directory.
_STILL: dict[tuple[str, str], str] = {}
_LOCK = threading.Lock()


def version_now() -> str:
    """The version readers are served now: the files' version once they are still, else
    the last still version this process saw (the files' version when it saw none)."""
    data_dir = default_data_dir()
    texts = default_sources_dir(data_dir)
    state = dataset_state(data_dir, texts)
    key = (str(data_dir), str(texts))
    with _LOCK:
        if state.still() or key not in _STILL:
            if state.still():
                _STILL[key] = state.version
            return state.version
        return _STILL[key]


def load_current(data_dir: str) -> Atlas:
    """The atlas, read from one still state of the files; source files with problems are
    left out (listed in ``atlas.quarantined``), the rest is served."""
    texts = default_sources_dir(data_dir)
    atlas, _ = load_whole(lambda: load_atlas(data_dir, texts, quarantine=True),
                          lambda: dataset_version(data_dir, texts), lambda: dataset_state(data_dir, texts))
    return atlas
