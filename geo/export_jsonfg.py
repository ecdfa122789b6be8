"""OGC Features and Geometries JSON (JSON-FG 1.0) export: GeoJSON with time.

Each feature is the GeoJSON feature of :func:`geo.export.feature_record` (its EDTF
``valid_from``/``valid_to`` kept in ``properties``, with the uncertainty flags and
intervals) plus the JSON-FG members ``featureType`` (the layer), ``time`` and ``place``.
``time.interval`` is ``[first day drawn, last day drawn]`` under the atlas's time rule
(:class:`geo.dates.Validity`: the first day of an uncertain start; the day before a
certain end, the last day of an uncertain one), ``".."`` for an open end. The collection
carries ``conformsTo`` (JSON-FG core), ``coordRefSys`` (OGC CRS84: longitude, latitude
in WGS 84, as stored) and the dataset stamp (``dataset``: version and content hash).
GDAL's JSONFG driver reads the file.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from .atlas import Atlas
from .dataset import stamp
from .export import GENERATOR, feature_record
from .model import LAYERS, Feature

CONFORMS_TO = ["http://www.opengis.net/spec/json-fg-1/1.0/conf/core"]
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
OPEN = ".."


def time_interval(feature: Feature) -> list[str]:
    """``[first day, last day]`` on which the feature is drawn (ISO days, ``..`` when open)."""
    v = feature.validity
    start = v.start.isoformat() if v.start else OPEN
    end = (v.end - dt.timedelta(days=1)).isoformat() if v.end else OPEN
    return [start, end]


def jsonfg_feature(atlas: Atlas, feature: Feature, day: dt.date | None = None) -> dict[str, Any]:
    record = feature_record(atlas, feature, day)
    return {"type": "Feature", "id": feature.id, "featureType": feature.layer,
            "time": {"interval": time_interval(feature)}, "place": None,
            "geometry": record["geometry"], "properties": record["properties"]}


def jsonfg_collection(atlas: Atlas, day: dt.date | None = None, layers: Iterable[str] | None = None
                      ) -> dict[str, Any]:
    """Every feature (or those drawn on ``day``), of the chosen layers, as a JSON-FG collection."""
    wanted = [name for name in LAYERS if layers is None or name in set(layers)]
    if day is None:
        features = sorted((f for f in atlas.features if f.layer in wanted), key=lambda f: (LAYERS.index(f.layer), f.id))
    else:
        on_day = atlas.features_on(day)
        features = [f for name in wanted for f in on_day.get(name, ())]
    members: dict[str, Any] = {"type": "FeatureCollection", "conformsTo": list(CONFORMS_TO), "coordRefSys": CRS84,
                               "generator": GENERATOR, "dataset": stamp(atlas).record()}
    if day is not None:
        members["date"] = day.isoformat()
    members["layers"] = wanted
    members["features"] = [jsonfg_feature(atlas, f, day) for f in features]
    return members
