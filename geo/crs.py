"""Coordinate reference systems, in one place.

Data are stored and exported in WGS84 longitude/latitude (RFC 7946). Areas are
measured in a Lambert azimuthal equal-area projection centred on the region; lengths
are measured geodesically on the WGS84 ellipsoid.
"""
from __future__ import annotations

from functools import lru_cache

from pyproj import CRS, Geod, Transformer

STORAGE_CRS = CRS.from_epsg(4326)
EQUAL_AREA_CRS = CRS.from_proj4("+proj=laea +lat_0=40 +lon_0=46.5 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs")
GEOD = Geod(ellps="WGS84")

#: The atlas region (lon_min, lat_min, lon_max, lat_max): the South Caucasus from
#: eastern Turkey to the Caspian. A coordinate outside it is almost always swapped
#: latitude/longitude or a projected CRS.
ATLAS_REGION = (43.0, 37.0, 50.5, 42.5)
#: Where maps open: the conflict zone.
MAP_CENTRE = (39.65, 46.75)  # lat, lon


@lru_cache(maxsize=1)
def to_equal_area() -> Transformer:
    return Transformer.from_crs(STORAGE_CRS, EQUAL_AREA_CRS, always_xy=True)


@lru_cache(maxsize=1)
def to_storage() -> Transformer:
    """From the equal-area CRS back to WGS84 lon/lat."""
    return Transformer.from_crs(EQUAL_AREA_CRS, STORAGE_CRS, always_xy=True)


def to_metres(geometry):
    """A lon/lat geometry in the equal-area CRS (metres)."""
    import shapely

    return shapely.transform(geometry, lambda xy: _apply(to_equal_area(), xy), interleaved=True)


def to_degrees(geometry):
    """An equal-area geometry back in WGS84 lon/lat."""
    import shapely

    return shapely.transform(geometry, lambda xy: _apply(to_storage(), xy), interleaved=True)


def _apply(transformer: Transformer, xy):
    import numpy as np

    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])
