"""Area held by each side inside one defined, stated frame, on any day and over time.

The frame is the ground the conflict was about: the former Nagorno-Karabakh Autonomous
Oblast (``prov-nkao``, its 1923-1991 outline) plus the seven districts around it
(Kalbajar, Lachin, Qubadli, Zangilan, Jabrayil, Fuzuli, Agdam: whole districts, as
Natural Earth draws them). Areas are measured in the equal-area projection of
:mod:`geo.crs`. Ground drawn for both sides (a change inside its uncertain interval)
counts as ``uncertain``, not for either; ground of the frame no control area covers
counts as ``not_drawn``.
"""
from __future__ import annotations

import datetime as dt
import itertools
from functools import lru_cache
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from .atlas import ATLAS_START, Atlas
from .crs import EQUAL_AREA_CRS
from .measure import equal_area
from .model import SIDES

FRAME_IDS: tuple[str, ...] = ("prov-nkao", "prov-kalbajar", "prov-lachin", "prov-qubadli", "prov-zangilan",
                              "prov-jabrayil", "prov-fuzuli", "prov-agdam")
FRAME_LABEL = ("the former Nagorno-Karabakh Autonomous Oblast (1923-1991 outline) and the seven districts "
               "around it (Kalbajar, Lachin, Qubadli, Zangilan, Jabrayil, Fuzuli, Agdam)")


def _valid(geometry: BaseGeometry) -> BaseGeometry:
    """Projected and made valid (projection can make a ring touch itself)."""
    return shapely.make_valid(equal_area(geometry))


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """The areas of an overlay result: where a control area only touches the frame, the
    intersection also holds lines, which later overlays cannot mix with areas."""
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    return unary_union(parts) if parts else shapely.Polygon()


#: Overlaps smaller than this (m²) between areas of two sides are rounding, not uncertainty.
SLIVER_M2 = 0.5e6


class AreaFrame:
    """The frame's geometry (projected once) and area by side on any day."""

    def __init__(self, atlas: Atlas):
        missing = [i for i in FRAME_IDS if i not in atlas.by_id]
        if missing:
            raise KeyError(f"the area frame needs the provinces feature(s) {', '.join(missing)}")
        self.atlas = atlas
        self.geometry = shapely.make_valid(unary_union([_valid(atlas.by_id[i].geometry) for i in FRAME_IDS]))
        shapely.prepare(self.geometry)
        self.km2 = self.geometry.area / 1e6
        self._control = {f.id: _polygonal(_valid(f.geometry).intersection(self.geometry))
                         for f in atlas.with_role("control")}
        self._cache: dict[int, dict[str, float]] = {}

    def describe(self) -> dict[str, Any]:
        return {"label": FRAME_LABEL, "feature_ids": list(FRAME_IDS), "km2": round(self.km2, 1),
                "crs": EQUAL_AREA_CRS.srs}

    def areas(self, day: dt.date) -> dict[str, float]:
        """km² inside the frame on ``day``: each side, ``uncertain``, ``not_drawn``."""
        segment = self.atlas.segment(day)  # every day of a segment shows the same features
        if segment not in self._cache:
            self._cache[segment] = self._areas_on(day)
        return dict(self._cache[segment])

    def _areas_on(self, day: dt.date) -> dict[str, float]:
        by_side: dict[str, list[BaseGeometry]] = {side: [] for side in SIDES}
        for f in self.atlas.on_day(day, "control"):
            by_side.setdefault(f.properties.get("held_by"), []).append(self._control[f.id])
        unions = {side: unary_union(parts) for side, parts in by_side.items() if parts}
        pairs = [shapely.intersection(a, b) for a, b in itertools.combinations(unions.values(), 2)]
        both = unary_union(pairs) if pairs else None
        overlap = both.area if both is not None else 0.0
        if overlap < SLIVER_M2:  # edges of neighbouring areas rounded apart, not ground held by two sides
            both, overlap = None, 0.0
        out = {side: round(max(unions[side].difference(both).area if both is not None else unions[side].area, 0.0)
                           / 1e6, 1) if side in unions else 0.0 for side in by_side}
        out["uncertain"] = round(overlap / 1e6, 1)
        covered = unary_union(list(unions.values())).area / 1e6 if unions else 0.0
        out["not_drawn"] = round(max(self.km2 - covered, 0.0), 1)
        return out

    def series(self) -> list[dict[str, Any]]:
        """``[{"date", side: km², "uncertain", "not_drawn"}]`` at the atlas's start and every
        change date of the control layer (between two of them the figures stay the same)."""
        days = {d for f in self.atlas.with_role("control") for d in f.change_days} | {ATLAS_START}
        return [{"date": d.isoformat(), **self.areas(d)} for d in sorted(days)]


@lru_cache(maxsize=8)
def frame_for(atlas: Atlas) -> AreaFrame:
    """The (cached) area frame of a loaded atlas."""
    return AreaFrame(atlas)
