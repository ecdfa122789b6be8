"""The atlas as a Python library: a day's features, GeoDataFrames, answers, excerpts, maps.

Every function takes a loaded atlas (:func:`load`) and, where it matters, a day (a
``datetime.date`` or an ISO ``"YYYY-MM-DD"`` string). Each is a thin door onto the code
the command line, the exports and the dashboard already use, so a notebook gets the same
answers as they do:

- :func:`features_on`: the GeoJSON features drawn on a day, per layer, with
  ``uncertain_on_date`` and the route status in force (as ``export geojson --date``);
- :func:`frame` / :func:`frames`: GeoDataFrames in EPSG:4326 with the GeoPackage
  export's columns (plus the day's ``uncertain_on_date``, ``status_on_date`` and
  ``status_uncertain`` when a day is given);
- :func:`answer` / :func:`answer_at`: who held a place (any spelling) or a point on a day,
  the dict ``karabakh-atlas place NAME --date D --format json`` prints;
- :func:`excerpts_on`: the excerpts that speak of a day, with their sources;
- :func:`folium_map` and :func:`explore_kwds`: folium maps drawn with the atlas's styles;
- :func:`dataset`: the version and content hash every export carries.

>>> from geo import api
>>> atlas = api.load()                      # the shipped dataset (or api.load("path/to/data"))
>>> day = api.features_on(atlas, "2021-06-01")
>>> sorted(day) == sorted(api.LAYERS)
True
>>> api.answer(atlas, "Xankəndi", "2021-06-01")["held_by"]
'armenian'
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from shapely.geometry import Point

from . import dataset as _dataset
from .answers import Answers, answer as _answer, features_at
from .atlas import Atlas, load_atlas
from .dates import Validity, parse_day, status_on
from .export import excerpt_record, feature_record
from .layers import only
from .model import LAYERS, VANTAGE_GROUPS, Feature

if TYPE_CHECKING:  # geopandas is imported when a frame is asked for (the CLI's validate does not pay for it)
    import geopandas as gpd

__all__ = ["LAYERS", "Atlas", "load", "as_day", "features_on", "frame", "frames", "answer", "answer_at",
           "excerpts_on", "folium_map", "explore_kwds", "dataset"]

#: The columns a day adds after the GeoPackage's columns in :func:`frame`.
DAY_COLUMNS = ("uncertain_on_date", "status_on_date", "status_uncertain")


_LOADED: dict[tuple, Atlas] = {}


def load(path: Path | str | None = None, check_quotes: bool = False) -> Atlas:
    """Load a dataset directory (default: ``$KARABAKH_ATLAS_DATA`` or the shipped ``data/``).
    Loading the same unchanged directory again returns the atlas already loaded (the
    key is every data file's path, size and modification time).

    ``check_quotes`` also checks every excerpt verbatim against its source text (needs
    the texts; see ``karabakh-atlas validate``). Raises :class:`geo.DatasetError` listing
    every problem of a dataset that does not validate.

    >>> atlas = load()
    >>> len(atlas.sources) > 0 and len(atlas.features) > 100
    True
    """
    from .io import default_data_dir
    root = default_data_dir(path)
    key = (_dataset._signature(Path(root)) if Path(root).is_dir() else None, check_quotes)
    if key[0] is None or key not in _LOADED:
        atlas = load_atlas(root, check_quotes=check_quotes)
        if key[0] is not None:
            _LOADED.clear()  # one dataset at a time: a notebook that edits its data gets the new one
            _LOADED[key] = atlas
        return atlas
    return _LOADED[key]


def as_day(day: dt.date | str) -> dt.date:
    """A day from a date or an ISO string (``DateError`` names a bad one).

    >>> as_day("2020-11-10")
    datetime.date(2020, 11, 10)
    """
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    return parse_day(str(day))


def _layers(layers: Iterable[str] | str | None) -> list[str]:
    if layers is None:
        return list(LAYERS)
    chosen = [layers] if isinstance(layers, str) else list(layers)
    unknown = [name for name in chosen if name not in LAYERS]
    if unknown:
        raise KeyError(f"unknown layer(s) {', '.join(unknown)}; the layers are {', '.join(LAYERS)}")
    return chosen


def features_on(atlas: Atlas, day: dt.date | str, layers: Iterable[str] | str | None = None
                ) -> dict[str, list[dict[str, Any]]]:
    """The features drawn on ``day``, per layer (in drawing order), as GeoJSON features:
    the layer file's properties plus ``layer``, ``excerpt_ids``, ``uncertain_on_date``
    (drawn dotted that day: the change happened some day in an uncertain interval) and,
    for features with a status history, ``status_on_date`` and ``status_uncertain``.

    >>> atlas = load()
    >>> def lachin_road(day):
    ...     road, = [f for f in features_on(atlas, day, "corridors")["corridors"] if f["id"] == "cor-lachin-2022"]
    ...     return road["properties"]["status_on_date"]
    >>> lachin_road("2022-12-11"), lachin_road("2022-12-12")      # the blockade began on 12 December 2022
    ('open', 'blocked')
    >>> control = features_on(atlas, "1995-01-01", "control")["control"]
    >>> any(f["properties"]["uncertain_on_date"] for f in control)
    False
    """
    when = as_day(day)
    on_day = atlas.features_on(when)
    return {name: [feature_record(atlas, f, when) for f in on_day.get(name, ())] for name in _layers(layers)}


def _day_columns(feature: Feature, day: dt.date) -> dict[str, Any]:
    current, uncertain = status_on(feature.status_changes, day) if feature.status_changes else (None, False)
    return {"uncertain_on_date": feature.validity.uncertain_on(day),
            "status_on_date": current.status if current else None,
            "status_uncertain": bool(uncertain) if current else None}


def frame(atlas: Atlas, layer: str, day: dt.date | str | None = None) -> gpd.GeoDataFrame:
    """One layer as a GeoDataFrame (EPSG:4326) with the GeoPackage table's columns, sorted by
    id: every feature of the layer, or with ``day`` the features drawn that day followed by
    the columns :data:`DAY_COLUMNS`.

    >>> atlas = load()
    >>> held = frame(atlas, "control", "2021-06-01")
    >>> held.crs.to_epsg(), list(held.columns[:3])
    (4326, ['id', 'kind', 'name'])
    >>> sorted(set(held["held_by"]))
    ['armenian', 'azerbaijani', 'peacekeepers']
    """
    import geopandas as gpd
    import pandas as pd

    from .export_gpkg import layer_frame
    name = _layers(layer)[0]
    whole = layer_frame(atlas, name)
    if day is None:
        return whole
    when = as_day(day)
    shown = {f.id: f for f in atlas.features_on(when).get(name, ())}
    part = whole[whole["id"].isin(list(shown))].copy()
    extra = pd.DataFrame([_day_columns(shown[i], when) for i in part["id"]], index=part.index,
                         columns=list(DAY_COLUMNS))
    part = pd.concat([part.drop(columns="geometry"), extra.astype(object)], axis=1)
    part["uncertain_on_date"] = part["uncertain_on_date"].astype(bool)
    return gpd.GeoDataFrame(part, geometry=whole.geometry.loc[part.index], crs=4326)


def frames(atlas: Atlas, day: dt.date | str | None = None, layers: Iterable[str] | None = None
           ) -> dict[str, gpd.GeoDataFrame]:
    """:func:`frame` of each layer (default all), in drawing order.

    >>> atlas = load()
    >>> found = frames(atlas, "1988-01-01", ["control", "places"])
    >>> len(found["control"]) == 0 and len(found["places"]) == len(atlas.layer("places"))
    True
    """
    return {name: frame(atlas, name, day) for name in _layers(layers)}


def answer(atlas: Atlas, place: str, day: dt.date | str, names: str = "en") -> dict[str, Any]:
    """Who held ``place`` (a name in any convention or spelling, or a feature id) on ``day``,
    its zones, district history and excerpts: the dict of ``karabakh-atlas place --format
    json``. Raises :class:`geo.lookup.UnknownName` (with suggestions) for an unknown name.

    >>> atlas = load()
    >>> a = answer(atlas, "Shushi", "1992-05-15")
    >>> a["place"]["id"], a["held_by"], a["control"]["status"]
    ('place-shusha-shushi', 'armenian', 'held')
    >>> answer(atlas, "Shusha", "2020-11-09")["held_by"]
    'azerbaijani'
    """
    return Answers(atlas).by_name(place, as_day(day), names)


def point_feature(lon: float, lat: float) -> Feature:
    """A point asked about, answered as a place is (its district, zones, who held it); it is
    drawn always and has no excerpts."""
    return Feature(layer=only("place"), id=f"point:{lon:.5f},{lat:.5f}", kind="point",
                   name=f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}",
                   names={}, geometry=Point(lon, lat), validity=Validity(None, None), accuracy_km=0.0,
                   method="a point asked about", properties={})


def answer_at(atlas: Atlas, lon: float, lat: float, day: dt.date | str, names: str = "en") -> dict[str, Any]:
    """The answer (:func:`answer`'s dict) for the point (``lon``, ``lat``) on ``day``, plus
    ``features_here``: every feature drawn there that day (control areas first);
    ``also_named`` is empty (a point has no name).

    >>> atlas = load()
    >>> here = answer_at(atlas, 46.7528, 39.8177, "2023-10-16")   # Stepanakert/Khankendi
    >>> here["held_by"], here["district"] is not None
    ('azerbaijani', True)
    >>> "place-stepanakert-khankendi" in [f["id"] for f in here["features_here"]]
    True
    """
    from .names import label
    when = as_day(day)
    result = _answer(atlas, point_feature(lon, lat), when, names)
    result["also_named"] = []
    result["features_here"] = [{"id": f.id, "name": label(f, names), "layer": f.layer}
                               for f in features_at(atlas, lon, lat, when)]
    return result


def excerpts_on(atlas: Atlas, day: dt.date | str, window_days: int = 0) -> list[dict[str, Any]]:
    """The excerpts that speak of ``day`` (± ``window_days``), newest period first: each
    excerpt's record (as in ``export excerpts``) with its source's ``citation`` and vantage.

    >>> atlas = load()
    >>> found = excerpts_on(atlas, "2020-11-10")
    >>> all(e["date_first"] <= "2020-11-10" <= e["date_last"] for e in found)
    True
    """
    when = as_day(day)
    out = []
    for e in atlas.excerpts_on(when, window_days):
        source = atlas.sources[e.source_id]
        out.append({**excerpt_record(e), "date_first": e.date.first.isoformat(), "date_last": e.date.last.isoformat(),
                    "citation": source.citation(), "vantage_group": source.vantage_group,
                    "vantage": VANTAGE_GROUPS.get(source.vantage_group, source.vantage_group)})
    return out


def folium_map(atlas: Atlas, day: dt.date | str, layers: Iterable[str] | None = None, names: str = "en",
               **map_kwargs: Any):
    """A ``folium.Map`` of ``day`` drawn with the atlas's cartography, working offline
    (see :mod:`geo.folium_map`); add your own layers to it and ``save()`` it.

    >>> atlas = load()
    >>> m = folium_map(atlas, "2021-06-01", layers=["control", "corridors"])
    >>> type(m).__name__, sorted(m.ka_groups) == ["control", "corridors"]
    ('Map', True)
    """
    from .folium_map import day_map
    return day_map(atlas, as_day(day), layers, names, **map_kwargs)


def explore_kwds(layer: str, m=None) -> dict[str, Any]:
    """Keywords that make ``GeoDataFrame.explore`` draw a :func:`frame` of ``layer`` with
    the atlas's styles on an offline map (``m``: draw on this folium map instead).

    >>> atlas = load()
    >>> m = frame(atlas, "control", "2021-06-01").explore(**explore_kwds("control"))
    >>> type(m).__name__
    'Map'
    """
    from .folium_map import explore_kwds as kwds
    return kwds(_layers(layer)[0], m)


def dataset(atlas: Atlas) -> dict[str, Any]:
    """The dataset's name, version and content hash (SHA-256 over its data files), as
    every export states them.

    >>> atlas = load()
    >>> info = dataset(atlas)
    >>> info["name"], len(info["sha256"])
    ('karabakh-atlas', 64)
    """
    return _dataset.stamp(atlas).record()
