"""The atlas's records: sources, excerpts and dated features."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from shapely.geometry.base import BaseGeometry

from .dates import FuzzyDate, StatusChange, Validity, status_changes
from .layers import LAYER_IDS, SIDES  # noqa: F401  (SIDES: re-exported)

#: Layer ids in drawing order and the sides of ``control``: from the layer registry.
LAYERS = LAYER_IDS

#: Vantage groups a source can belong to (used for filtering, never for ranking).
VANTAGE_GROUPS: dict[str, str] = {
    "armenian": "Armenian",
    "azerbaijani": "Azerbaijani",
    "russian": "Russian",
    "international": "International",
}


@dataclass(frozen=True)
class Source:
    """A document the atlas quotes."""

    id: str
    title: str
    authors: tuple[str, ...]
    published: FuzzyDate
    vantage: str
    vantage_group: str
    text_file: str | None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def citation(self) -> str:
        who = ", ".join(self.authors) if self.authors else "author not named"
        publisher = self.meta.get("publisher")
        where = f", {publisher}" if publisher else ""
        return f"{who}, “{self.title}”{where}, {self.published.text}"


#: Review states of an excerpt. One without ``status`` is accepted (curated by hand);
#: ``proposed`` ones come from ``karabakh-atlas ingest`` and wait for a person's review.
EXCERPT_STATUSES: tuple[str, ...] = ("accepted", "proposed", "rejected")


@dataclass(frozen=True)
class Excerpt:
    """A short verbatim quote from a source, dated by the period it speaks of."""

    id: str
    source_id: str
    quote: str
    date: FuzzyDate
    feature_ids: tuple[str, ...]
    place_ids: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def linked_ids(self) -> tuple[str, ...]:
        return self.feature_ids + self.place_ids

    @property
    def status(self) -> str:
        return self.meta.get("status") or "accepted"

    @property
    def shown(self) -> bool:
        """Only accepted excerpts reach the map and the exports; proposals wait for review."""
        return self.status == "accepted"

    def speaks_of(self, day: dt.date, window_days: int = 0) -> bool:
        pad = dt.timedelta(days=window_days)
        return self.date.first - pad <= day <= self.date.last + pad


@dataclass(frozen=True, eq=False)
class Feature:
    """A dated feature of one layer; ``properties`` holds the layer file's properties."""

    layer: str
    id: str
    kind: str
    name: str
    names: dict[str, str]
    geometry: BaseGeometry
    validity: Validity
    accuracy_km: float
    method: str
    properties: dict[str, Any]

    def is_valid_on(self, day: dt.date) -> bool:
        return self.validity.is_valid_on(day)

    @cached_property
    def status_changes(self) -> tuple[StatusChange, ...]:
        """The feature's ``status_history`` (validated at load), in date order."""
        return status_changes(self.properties.get("status_history") or [])

    @cached_property
    def change_days(self) -> frozenset[dt.date]:
        """Every day on which this feature's drawing may change (shown, uncertain, status)."""
        days = set(self.validity.change_days)
        for change in self.status_changes:
            days.add(change.since.first)
            if change.since.uncertain:
                days.add(change.since.last + dt.timedelta(days=1))
        return frozenset(days)

    @cached_property
    def key_days(self) -> frozenset[dt.date]:
        """The first day of each change this feature records (its bounds, its status changes)."""
        bounds = (self.validity.valid_from, self.validity.valid_to) + tuple(c.since for c in self.status_changes)
        return frozenset(b.first for b in bounds if b is not None)

    def time_bounds(self) -> dict:
        """The time rule's result for the browser engine (ISO days; see :meth:`Validity.bounds`)."""
        return {**self.validity.bounds(), "status": [c.bounds() for c in self.status_changes]}
