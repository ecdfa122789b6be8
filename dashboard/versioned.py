"""The dataset the dashboard serves, keyed by its version (:mod:`geo.version`): a change on
disk (a save, a ``git pull``) gives a new key, so every reader moves to the new atlas as a
whole at their next run and no save has to clear anyone's cache."""
from __future__ import annotations

from geo.atlas import Atlas, load_atlas
from geo.io import default_data_dir, default_sources_dir
from geo.version import dataset_version, load_whole


def version_now() -> str:
    data_dir = default_data_dir()
    return dataset_version(data_dir, default_sources_dir(data_dir))


def load_current(data_dir: str) -> Atlas:
    """The atlas, read from one state of the files; source files with problems are left out
    (listed in ``atlas.quarantined``), the rest is served."""
    texts = default_sources_dir(data_dir)
    atlas, _ = load_whole(lambda: load_atlas(data_dir, texts, quarantine=True), lambda: dataset_version(data_dir, texts))
    return atlas
