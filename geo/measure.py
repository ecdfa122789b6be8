"""Measurement in proper CRSs: areas in km² (equal-area), lengths in km (geodesic)."""
from __future__ import annotations

import shapely
from shapely.geometry.base import BaseGeometry

from .crs import GEOD, to_equal_area


def area_km2(geometry: BaseGeometry) -> float:
    """Area in km² of a lon/lat geometry, measured in the equal-area CRS."""
    if geometry.is_empty:
        return 0.0
    return equal_area(geometry).area / 1e6


def equal_area(geometry: BaseGeometry) -> BaseGeometry:
    """The lon/lat geometry in the equal-area CRS (metres), for planar area operations."""
    return shapely.transform(geometry, _project, interleaved=True)


def _project(xy):
    import numpy as np

    x, y = to_equal_area().transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def length_km(geometry: BaseGeometry) -> float:
    """Geodesic length in km of the lines of a lon/lat geometry (0 for points)."""
    if geometry.is_empty or geometry.geom_type in ("Point", "MultiPoint"):
        return 0.0
    return GEOD.geometry_length(geometry) / 1000.0
