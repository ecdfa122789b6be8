"""The control layer, painted from the chronology.

Changes are applied in date order, each painting its ground (clipped to the frame) for
its holder; ground the holder already holds keeps its period. Every piece of ground thus gets a run of holding periods; a period starts at
the change that painted it and ends at the next change that painted over it. Pieces held
by the same side from the same change to the same change are one feature, so each
feature's dates (and their uncertainty) are exactly those of the changes around it.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..chronology import Change
from ..measure import area_km2
from .recipes import ShapeBook

#: Pieces smaller than this (km²) are slivers from drawing, not ground.
SLIVER_KM2 = 0.5

SIDE_NAMES = {
    "armenian": {"en": "Held by Armenian and Karabakh Armenian forces", "az": "Erməni qüvvələrinin nəzarətində",
                 "hy": "Հայկական ուժերի վերահսկողության տակ",
                 "ru": "Под контролем армянских сил"},
    "azerbaijani": {"en": "Held by Azerbaijani forces", "az": "Azərbaycan qüvvələrinin nəzarətində",
                    "hy": "Ադրբեջանական ուժերի վերահսկողության տակ",
                    "ru": "Под контролем азербайджанских сил"},
    "peacekeepers": {"en": "Lachin corridor under Russian peacekeepers",
                     "az": "Rusiya sülhməramlılarının nəzarətində olan Laçın dəhlizi",
                     "hy": "Լաչինի միջանցք՝ ռուս խաղաղապահների վերահսկողության տակ",
                     "ru": "Лачинский коридор под контролем российских миротворцев"},
}


@dataclass
class _Face:
    geometry: BaseGeometry
    change: Change


def paint(changes: list[Change], book: ShapeBook, frame: BaseGeometry) -> list[tuple[Change, Change | None, BaseGeometry]]:
    """(change that painted it, change that painted over it or None, ground) for every period."""
    faces: list[_Face] = []
    periods: dict[tuple[str, str | None], list[BaseGeometry]] = defaultdict(list)
    by_id = {c.id: c for c in changes}
    for change in changes:
        ground = book[change.ground].intersection(frame)
        # ground its holder already holds does not change hands: it keeps its period
        held = [f.geometry for f in faces if f.change.held_by == change.held_by]
        if held:
            ground = ground.difference(unary_union(held))
        kept = []
        for face in faces:
            if face.change.held_by == change.held_by:
                kept.append(face)
                continue
            ended = face.geometry.intersection(ground)
            same_day = change.date.first <= face.change.date.first  # painted over at once: no period
            if not same_day and area_km2(ended) >= SLIVER_KM2:
                periods[(face.change.id, change.id)].append(ended)
            rest = face.geometry.difference(ground)
            if area_km2(rest) >= SLIVER_KM2:
                kept.append(_Face(rest, face.change))
        if area_km2(ground) >= SLIVER_KM2:
            kept.append(_Face(ground, change))
        faces = kept
    for face in faces:
        periods[(face.change.id, None)].append(face.geometry)
    return [(by_id[a], by_id[b] if b else None, unary_union(parts)) for (a, b), parts in periods.items()]


def control_features(changes: list[Change], book: ShapeBook, frame: BaseGeometry, make_feature) -> list[dict]:
    """The control layer's features, ordered by start date and id."""
    out = []
    for start, end, ground in sorted(paint(changes, book, frame),
                                     key=lambda p: (p[0].date.first, p[0].id, p[1].date.first if p[1] else dt.date.max)):
        side = start.held_by
        names = SIDE_NAMES[side]
        fid = f"ctrl-{start.id}" + (f"-to-{end.id}" if end else "") + f"-{side}"
        recipe = book.recipes.get(start.ground, {})
        how = recipe.get("method") or f"the shape {start.ground}"
        props = {
            "kind": "held_area", "held_by": side, "name": f"{names['en']} (from {start.date.text})", "names": names,
            "valid_from": start.date.text, "valid_to": end.date.text if end else None,
            "accuracy_km": max([start.accuracy_km] + ([end.accuracy_km] if end else [])),
            "method": f"Painted from the chronology (data/chronology.json): ground of change {start.id} "
                      f"({how})" + (f", until change {end.id} painted over it" if end else "") + ".",
            "change_ids": [start.id] + ([end.id] if end else []),
            "change": start.change,
            "date_basis": start.date_basis + (f" Until: {end.date_basis}" if end else ""),
            "evidence_excerpt_ids": sorted(set(start.excerpt_ids) | set(end.excerpt_ids if end else ())),
            "source_ids": sorted(set(start.reference_ids) | set(end.reference_ids if end else ())
                                 | {"natural-earth-admin1"}),
        }
        out.append(make_feature(fid, props, ground))
    return out
