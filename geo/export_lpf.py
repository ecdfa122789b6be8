"""Linked Places Format (LPF 1.2, the World Historical Gazetteer's format) for places.

Every feature of the gazetteer layers (``places`` and the districts of ``provinces``)
becomes one LPF place: ``properties.title`` (the English name) and ``ccodes``; ``names``
with one toponym per variant in every naming convention (``en``, ``az``, ``hy`` and
``hy-Latn``, ``ru`` and the other recorded variants), each with its span and citations;
``types`` (the feature's kind); the geometry; a ``closeMatch`` link to GeoNames where
the place came from there; and the feature's note as a description.

Spans: the record dates a place (``valid_from``/``valid_to``, EDTF) but not each of its
names, so every name carries the place's span in the atlas (an uncertain bound as
``earliest``/``latest``; an open start as the atlas's first day, labelled so).
Citations of a name: the gazetteer record it came from (GeoNames), the atlas itself
with its dataset version, and the sources of the excerpts that speak of the place.
A geometry's LPF ``certainty`` is ``certain`` when the feature's ``accuracy_km`` is at most
1 km (GeoNames points), else ``less-certain`` (districts, hand-placed points).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from shapely.geometry import mapping

from .atlas import ATLAS_START, Atlas
from .dataset import stamp
from .dates import FuzzyDate
from .export import GENERATOR
from .model import Feature
from .names import CONVENTIONS

CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
#: The @id of a place: this prefix and the feature's id.
ID_PREFIX = "urn:karabakh-atlas:"
#: name key -> BCP 47 language tag (None: a variant of no stated language)
LANGUAGES = {"en": "en", "az": "az", "hy": "hy", "hy_Latn": "hy-Latn", "ru": "ru", "ru_alt": "ru", "alt": None}
DISTRICT_KINDS = ("district", "city_district", "province", "autonomous_republic", "autonomous_oblast")
GEONAMES_URL = "https://www.geonames.org/{}"


def gazetteer_features(atlas: Atlas) -> list[Feature]:
    """The places, then the districts and provinces, each sorted by id."""
    places = sorted(atlas.with_role("place"), key=lambda f: f.id)
    districts = sorted((f for f in atlas.with_role("district") if f.kind in DISTRICT_KINDS), key=lambda f: f.id)
    return places + districts


def _bound(when: FuzzyDate, end: bool) -> dict[str, str]:
    if when.uncertain:
        return {"earliest": when.first.isoformat(), "latest": when.last.isoformat()}
    day = when.first - dt.timedelta(days=1) if end else when.first  # a certain end is the first day after
    return {"in": day.isoformat()}


def span(feature: Feature) -> dict[str, Any]:
    """The LPF ``when`` of a place: its span in the atlas."""
    v = feature.validity
    timespan: dict[str, Any] = {"start": _bound(v.valid_from, False) if v.valid_from else
                                {"in": ATLAS_START.isoformat()}}
    if v.valid_to:
        timespan["end"] = _bound(v.valid_to, True)
    label = f"recorded in the atlas {v.describe()}"
    if not v.valid_from:
        label = (f"recorded in the atlas throughout its span (from {ATLAS_START.isoformat()}); "
                 f"the record gives no dates for the place or its names")
    return {"timespans": [timespan], "label": label}


def _citations(atlas: Atlas, feature: Feature, key: str) -> list[dict[str, Any]]:
    out = []
    gazetteer = feature.properties.get("gazetteer") or {}
    if gazetteer.get("source") == "GeoNames" and gazetteer.get("id"):
        out.append({"label": f"GeoNames {gazetteer['id']} ({gazetteer.get('name') or feature.name})",
                    "@id": GEONAMES_URL.format(gazetteer["id"])})
    convention = next((label for code, (label, keys) in CONVENTIONS.items() if key in keys), None)
    out.append({"label": f"Karabakh Atlas, {stamp(atlas).text()}, feature {feature.id}"
                         + (f", {convention} naming convention" if convention else ", recorded variant"),
                "@id": ID_PREFIX + feature.id})
    for excerpt in atlas.excerpts_for(feature.id):
        source = atlas.sources[excerpt.source_id]
        link = source.meta.get("url") or (f"https://doi.org/{source.meta['doi']}" if source.meta.get("doi") else None)
        out.append({"label": f"{source.citation()} (excerpt {excerpt.id}, speaks of {excerpt.date.text})",
                    "@id": link})
    return out


def names(atlas: Atlas, feature: Feature) -> list[dict[str, Any]]:
    """One LPF name per distinct variant, in the order of the record's name keys."""
    when = span(feature)
    out, seen = [], set()
    for key, value in feature.names.items():
        for toponym in value if isinstance(value, list) else [value]:
            if not isinstance(toponym, str) or not toponym.strip() or (toponym, key) in seen:
                continue
            seen.add((toponym, key))
            out.append({"toponym": toponym, "lang": LANGUAGES.get(key), "citations": _citations(atlas, feature, key),
                        "when": when})
    if not out:
        out.append({"toponym": feature.name, "lang": "en", "citations": _citations(atlas, feature, "en"),
                    "when": when})
    return out


def lpf_place(atlas: Atlas, feature: Feature) -> dict[str, Any]:
    props: dict[str, Any] = {"title": feature.name}
    country = feature.properties.get("country")
    if isinstance(country, str) and len(country) == 2:
        props["ccodes"] = [country]
    place: dict[str, Any] = {
        "@id": ID_PREFIX + feature.id, "type": "Feature", "properties": props,
        "when": span(feature), "names": names(atlas, feature),
        "types": [{"identifier": f"karabakh-atlas:{feature.layer}/{feature.kind}", "label": feature.kind,
                   "sourceLabel": feature.kind}],
        "geometry": {"type": "GeometryCollection", "geometries": [{**mapping(feature.geometry),
                     "certainty": "certain" if feature.accuracy_km <= 1 else "less-certain"}]},
    }
    gazetteer = feature.properties.get("gazetteer") or {}
    if gazetteer.get("source") == "GeoNames" and gazetteer.get("id"):
        place["links"] = [{"type": "closeMatch", "identifier": f"gn:{gazetteer['id']}"}]
    if feature.properties.get("note"):
        place["descriptions"] = [{"value": str(feature.properties["note"]), "lang": "en"}]
    return place


def lpf_collection(atlas: Atlas) -> dict[str, Any]:
    """The gazetteer of the atlas as one LPF FeatureCollection."""
    return {"type": "FeatureCollection", "@context": CONTEXT, "generator": GENERATOR,
            "dataset": stamp(atlas).record(),
            "features": [lpf_place(atlas, f) for f in gazetteer_features(atlas)]}
