"""Measurement in proper CRSs: areas in km² (equal-area), lengths in km (geodesic)."""
from __future__ import annotations

from shapely.geometry.base import BaseGeometry

from .crs import GEOD, to_metres


def area_km2(geometry: BaseGeometry) -> float:
    """Area in km² of a lon/lat geometry, measured in the equal-area CRS."""
    if geometry.is_empty:
        return 0.0
    return equal_area(geometry).area / 1e6


def equal_area(geometry: BaseGeometry) -> BaseGeometry:
    """The lon/lat geometry in the equal-area CRS (metres), for planar area operations."""
    return to_metres(geometry)


def length_km(geometry: BaseGeometry) -> float:
    """Geodesic length in km of the lines of a lon/lat geometry (0 for points)."""
    if geometry.is_empty or geometry.geom_type in ("Point", "MultiPoint"):
        return 0.0
    return GEOD.geometry_length(geometry) / 1000.0
