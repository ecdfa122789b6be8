"""Karabakh Atlas: a time-aware, source-linked map of the Nagorno-Karabakh conflict.

The library never imports streamlit. Start with :mod:`geo.api` (``from geo import api``:
a day's features, GeoDataFrames, answers, excerpts and folium maps), or with
:func:`load_atlas` and :meth:`Atlas.snapshot`.
"""
from .atlas import ATLAS_START, Atlas, Snapshot, load_atlas
from .dates import FuzzyDate, Validity, parse_date, parse_day
from .errors import AtlasError, DatasetError, DateError, ExportError, Problem
from .model import LAYERS, Excerpt, Feature, Source
from . import api  # noqa: E402  (the documented public API; imports folium only when a map is drawn)

__version__ = "0.1.0"

__all__ = [
    "ATLAS_START", "Atlas", "AtlasError", "DatasetError", "DateError", "Excerpt", "ExportError",
    "Feature", "FuzzyDate", "LAYERS", "Problem", "Snapshot", "Source", "Validity", "load_atlas",
    "parse_date", "parse_day",
]
