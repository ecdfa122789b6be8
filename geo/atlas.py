"""The loaded atlas: indexed records and time queries (``snapshot``)."""
from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import DatasetError, Problem
from .io import RawDataset, default_data_dir, default_sources_dir, read_dataset
from .layers import has_role, with_role
from .model import LAYERS, Excerpt, Feature, Source
from .validate import check_dataset

#: The atlas's time span starts with the Karabakh movement of February 1988.
ATLAS_START = dt.date(1988, 2, 20)


@dataclass(frozen=True)
class Snapshot:
    """What the atlas shows on one day."""

    date: dt.date
    layers: dict[str, tuple[Feature, ...]]
    excerpts: tuple[Excerpt, ...]
    #: feature id -> ids of every excerpt linked to that feature (whatever date it speaks of)
    links: dict[str, tuple[str, ...]]

    @property
    def features(self) -> list[Feature]:
        return [f for layer in LAYERS for f in self.layers.get(layer, ())]


class Atlas:
    """Sources, excerpts and features, indexed once; queries never re-read files."""

    #: the problems of source files left out of this atlas (see :func:`load_atlas`'s ``quarantine``)
    quarantined: tuple[Problem, ...] = ()
    #: the event tables of the dataset (GeoParquet, :class:`geo.event_check.TableInfo`), drawn by
    #: the engine aggregated (geo/event_bins.py); their rows are not features of :attr:`features`
    tables: tuple = ()

    def __init__(self, sources: dict[str, Source], excerpts: list[Excerpt], features: list[Feature],
                 registry: dict | None = None, root: Path | None = None):
        self.sources = dict(sources)
        # The one place where proposed and rejected excerpts are kept off the map and exports.
        self.unreviewed = sorted((e for e in excerpts if not e.shown), key=lambda e: (e.source_id, e.id))
        self.excerpts = sorted((e for e in excerpts if e.shown), key=lambda e: (e.date.first, e.id))
        self.features = list(features)
        self.registry = dict(registry or {})
        self.root = root
        self.by_id: dict[str, Feature] = {f.id: f for f in self.features}
        self._by_layer: dict[str, list[Feature]] = defaultdict(list)
        for feature in self.features:
            self._by_layer[feature.layer].append(feature)
        self.excerpts_by_id: dict[str, Excerpt] = {e.id: e for e in self.excerpts}
        links: dict[str, list[str]] = defaultdict(list)
        for excerpt in self.excerpts:
            for fid in excerpt.linked_ids:
                links[fid].append(excerpt.id)
        for feature in self.features:  # control areas are linked through the chronology's excerpt_ids
            if has_role(feature.layer, "control"):
                for eid in feature.properties.get("evidence_excerpt_ids") or ():
                    if eid in self.excerpts_by_id and eid not in links[feature.id]:
                        links[feature.id].append(eid)
        self._excerpt_ids_by_feature = {k: tuple(v) for k, v in links.items()}
        self._snapshot = lru_cache(maxsize=512)(self._snapshot_of_segment)

    # -- lookups -----------------------------------------------------------
    def layer(self, name: str) -> list[Feature]:
        return list(self._by_layer.get(name, ()))

    def with_role(self, *roles: str) -> list[Feature]:
        """The features of the layers playing one of ``roles`` (:data:`geo.layers.ROLES`)."""
        return [f for name in with_role(*roles) for f in self._by_layer.get(name, ())]

    def on_day(self, day: dt.date, *roles: str) -> list[Feature]:
        """The features drawn on ``day`` in the layers playing one of ``roles`` (work
        proportional to those layers, not to the whole record)."""
        return [f for f in self.with_role(*roles) if f.is_valid_on(day)]

    def excerpt_ids_for(self, feature_id: str) -> tuple[str, ...]:
        """The excerpts that speak of a feature (links are stored once, in the excerpts)."""
        return self._excerpt_ids_by_feature.get(feature_id, ())

    def excerpts_for(self, feature_id: str) -> list[Excerpt]:
        return [self.excerpts_by_id[e] for e in self.excerpt_ids_for(feature_id)]

    def source_of(self, excerpt: Excerpt) -> Source:
        return self.sources[excerpt.source_id]

    # -- time ----------------------------------------------------------------
    @cached_property
    def change_dates(self) -> list[dt.date]:
        """Every day on which some feature's drawing changes (appears, disappears, becomes
        certain, changes status), sorted: between two of them the map is the same."""
        return sorted({d for f in self.features for d in f.change_days})

    @cached_property
    def key_dates(self) -> list[dt.date]:
        """Days worth stepping to: the first day of every change and of every excerpt's period."""
        days = {d for f in self.features for d in f.key_days} | {e.date.first for e in self.excerpts}
        return sorted(d for d in days if d >= ATLAS_START)

    def step(self, day: dt.date, direction: int) -> dt.date:
        """The next (direction=1) or previous (-1) key date from ``day``; ``day`` at the ends."""
        dates = self.key_dates
        if direction > 0:
            i = bisect.bisect_right(dates, day)
            return dates[i] if i < len(dates) else day
        i = bisect.bisect_left(dates, day)
        return dates[i - 1] if i > 0 else day

    def segment(self, day: dt.date) -> int:
        """The number of the interval between change dates that holds ``day``: every day
        of one segment shows the same features (a good cache key for drawings)."""
        return bisect.bisect_right(self.change_dates, day)

    def features_on(self, day: dt.date) -> dict[str, tuple[Feature, ...]]:
        """Features valid on ``day`` per layer (cached per segment)."""
        return self._snapshot(self.segment(day))

    def _snapshot_of_segment(self, segment: int) -> dict[str, tuple[Feature, ...]]:
        # Every day between two change dates shows the same features: use the segment's first day.
        dates = self.change_dates
        day = dates[segment - 1] if segment > 0 else (dates[0] - dt.timedelta(days=1) if dates else dt.date.min)
        layers: dict[str, list[Feature]] = {name: [] for name in LAYERS}
        for feature in self.features:
            if feature.is_valid_on(day):
                layers[feature.layer].append(feature)
        return {name: tuple(items) for name, items in layers.items()}

    def excerpts_on(self, day: dt.date, window_days: int = 0) -> list[Excerpt]:
        """Excerpts speaking of ``day`` (± window), newest period first."""
        found = [e for e in self.excerpts if e.speaks_of(day, window_days)]
        return sorted(found, key=lambda e: (e.date.first, e.date.last, e.id), reverse=True)

    def snapshot(self, day: dt.date, window_days: int = 0) -> Snapshot:
        """What the atlas shows on ``day``: features per layer and the excerpts of that moment."""
        layers = self.features_on(day)
        links = {f.id: self.excerpt_ids_for(f.id) for features in layers.values() for f in features}
        return Snapshot(day, layers, tuple(self.excerpts_on(day, window_days)), links)


#: Source files are left out one round at a time (a source may fail only once another is gone).
QUARANTINE_ROUNDS = 5


def quarantinable(problems: list[Problem]) -> bool:
    """Whether every problem lies in a source file (or other entry of ``sources/``) or an event
    table (``tables/``): the rest of the dataset can be served without those files."""
    return bool(problems) and all(p.file.startswith(("sources/", "tables/")) for p in problems)


def _without(raw: RawDataset, labels: set[str]) -> RawDataset:
    return RawDataset(raw.root, list(raw.layer_files), [f for f in raw.source_files if f.label not in labels],
                      raw.provenance, raw.chronology, [p for p in raw.problems if p.file not in labels],
                      [t for t in raw.table_files if t[1] not in labels])


def load_atlas(data_dir: Path | str | None = None, sources_dir: Path | str | None = None,
               check_quotes: bool = True, quarantine: bool = False) -> Atlas:
    """Read, check and index a dataset; raise :class:`DatasetError` listing every problem.

    With ``quarantine`` (the dashboard), source files with problems are left out when every
    problem lies in ``sources/``: the atlas serves the rest and lists those problems in
    :attr:`Atlas.quarantined`. A problem anywhere else (a layer, the chronology, a feature
    citing an excerpt of a left-out file) still stops the load."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    if check_quotes and sources_dir is None:
        sources_dir = default_sources_dir(data_dir)
    texts = Path(sources_dir) if check_quotes and sources_dir else None
    raw = read_dataset(data_dir)
    checked = check_dataset(raw, texts)
    left_out: list[Problem] = []
    for _ in range(QUARANTINE_ROUNDS):
        if not (quarantine and quarantinable(checked.problems)):
            break
        left_out += checked.problems
        raw = _without(raw, {p.file for p in checked.problems})
        checked = check_dataset(raw, texts)
    if checked.problems:
        raise DatasetError(sorted(set(left_out + checked.problems)))
    atlas = Atlas(checked.sources, checked.excerpts, checked.features, checked.registry, data_dir)
    atlas.quarantined = tuple(sorted(set(left_out)))
    atlas.tables = tuple(checked.tables)
    return atlas
