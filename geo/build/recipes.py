"""Named shapes and the small declarative recipes that combine them.

A *shape* is referred to by id: a feature of the provinces or places layer, a country of
the base map (``country-arm``, ``country-aze``, ``country-irn``, ...), a hand-drawn line
or area of ``data/drawn/``, or another recipe. A *recipe* is a list of steps applied in
order, each an object with one key:

``{"union": [ids]}`` (the first step), ``{"intersection": [ids]}``, ``{"difference": [ids]}``,
``{"clip_by_line": [line_id, "west"|"east"|"north"|"south"]}`` (keep one side of a line),
``{"buffer_km": km}`` (in the equal-area CRS), ``{"boundary": true}`` (an area's outline),
``{"line_difference": [ids, km]}`` (drop the parts of a line within km of those shapes).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, unary_union

from ..crs import to_degrees, to_metres
from ..errors import RecipeError

#: Holes smaller than this (square degrees, about 0.01 km²) are gaps between neighbours, not holes.
_PINHOLE = 1e-6
#: How far beyond the atlas region a clipping line is closed (degrees).
_FAR = {"west": 40.0, "east": 53.0, "south": 34.0, "north": 45.0}


@dataclass
class ShapeBook:
    """Every named shape, resolving recipes lazily (each once, cycles reported)."""

    shapes: dict[str, BaseGeometry]
    recipes: dict[str, dict[str, Any]] = field(default_factory=dict)
    _resolving: set[str] = field(default_factory=set)

    def __getitem__(self, name: str) -> BaseGeometry:
        if name in self.shapes:
            return self.shapes[name]
        if name not in self.recipes:
            raise RecipeError(f"unknown shape {name!r}: not a province, place, country, drawn shape or recipe")
        if name in self._resolving:
            raise RecipeError(f"recipe {name!r} refers to itself")
        self._resolving.add(name)
        try:
            self.shapes[name] = evaluate(self, self.recipes[name])
        finally:
            self._resolving.discard(name)
        return self.shapes[name]


def evaluate(book: ShapeBook, recipe: dict[str, Any]) -> BaseGeometry:
    """Apply a recipe's steps in order."""
    steps = recipe.get("steps") or []
    name = recipe.get("id", "?")
    if not steps or "union" not in steps[0]:
        raise RecipeError(f"recipe {name!r}: the first step must be a union")
    shape: BaseGeometry | None = None
    for step in steps:
        if not isinstance(step, dict) or len(step) != 1:
            raise RecipeError(f"recipe {name!r}: each step is an object with one key, not {step!r}")
        (op, arg), = step.items()
        if op not in _OPS:
            raise RecipeError(f"recipe {name!r}: unknown step {op!r}; use one of {', '.join(_OPS)}")
        shape = _OPS[op](book, shape, arg)
    return shape


def _union(book, _shape, ids):
    shape = unary_union([book[i] for i in ids])
    if shape.geom_type == "MultiLineString":
        return linemerge(shape)
    return _fill_pinholes(shape) if shape.geom_type in ("Polygon", "MultiPolygon") else shape


def _fill_pinholes(shape):
    """Drop the zero-width holes that joining neighbouring districts leaves along shared edges."""
    parts = [Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area > _PINHOLE]) for p in
             getattr(shape, "geoms", [shape])]
    return unary_union(parts)


def _intersection(book, shape, ids):
    for i in ids:
        shape = shape.intersection(book[i])
    return shape


def _difference(book, shape, ids):
    return shape.difference(unary_union([book[i] for i in ids]))


def _clip_by_line(book, shape, arg):
    line_id, side = arg
    return shape.intersection(side_of_line(book[line_id], side))


def _buffer_km(_book, shape, km):
    return to_degrees(to_metres(shape).buffer(float(km) * 1000.0))


def _boundary(_book, shape, _flag):
    return linemerge(shape.boundary) if shape.boundary.geom_type == "MultiLineString" else shape.boundary


def _line_difference(book, shape, arg):
    ids, km = arg
    return shape.difference(_buffer_km(book, unary_union([book[i] for i in ids]), km))


_OPS = {"union": _union, "intersection": _intersection, "difference": _difference,
        "clip_by_line": _clip_by_line, "buffer_km": _buffer_km, "boundary": _boundary,
        "line_difference": _line_difference}


def side_of_line(line: BaseGeometry, side: str) -> Polygon:
    """The area on one side of a line, closed far outside the atlas region.

    For ``west``/``east`` the line runs north-south (its ends are extended due north and
    south); for ``north``/``south`` it runs west-east.
    """
    if side not in _FAR or line.geom_type != "LineString":
        raise RecipeError(f"clip_by_line needs a LineString and one of {', '.join(_FAR)}, not {side!r}")
    coords = list(line.coords)
    if side in ("west", "east"):
        if coords[0][1] < coords[-1][1]:
            coords.reverse()  # north to south
        far = _FAR[side]
        ring = coords + [(coords[-1][0], _FAR["south"]), (far, _FAR["south"]), (far, _FAR["north"]),
                         (coords[0][0], _FAR["north"])]
    else:
        if coords[0][0] > coords[-1][0]:
            coords.reverse()  # west to east
        far = _FAR[side]
        ring = coords + [(_FAR["east"], coords[-1][1]), (_FAR["east"], far), (_FAR["west"], far),
                         (_FAR["west"], coords[0][1])]
    polygon = Polygon(ring)
    return polygon if polygon.is_valid else polygon.buffer(0)

